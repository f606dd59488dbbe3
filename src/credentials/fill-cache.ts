import { join } from "node:path";
import { CACHE_FORMAT } from "../cache/entry";
import { ensurePrivateFolder } from "../cache/folder";
import { lockOrWait, type Release } from "../cache/lock";
import { entryName } from "../cache/read-entry";
import { writeEntry } from "../cache/write";
import type { LoadedConfig } from "../config/load";
import type { SourceChain } from "../config/source-chain";
import type { Settings } from "../config/validate";
import { UserError, withHint } from "../errors";
import type { Runtime } from "../runtime";
import { obtainCredentials } from "./obtain";
import type { Credentials, CredentialsRequest, Resolved } from "./types";

export interface FillRequest {
  request: CredentialsRequest;
  runtime: Runtime;
  config: LoadedConfig;
  settings: Settings;
  chain: SourceChain;
  key: string;
  /** The cache entry for the key, if it may serve this request (see getCredentials). */
  read(): Credentials | undefined;
}

/**
 * A cache miss: one AssumeRole shared by every concurrent caller through a lock file (the
 * others find the entry once the holder writes it), then cached. A cache that cannot be used
 * costs a warning, never the credentials.
 */
export async function fillCache(fill: FillRequest): Promise<Resolved> {
  const { request, runtime, config, settings, chain, key, read } = fill;
  const dir = runtime.cacheDir;
  const obtain = (cacheDir: string | undefined) =>
    obtainCredentials({ settings, chain, config, runtime, log: request.log, cacheDir });
  if (!request.useCache) return { credentials: (await obtain(undefined)).credentials, settings, fromCache: false };

  let release: Release;
  try {
    ensurePrivateFolder(dir, runtime.uid);
    const lockOptions = {
      pid: runtime.pid,
      now: runtime.now,
      processAlive: runtime.processAlive,
      wakeOn: [entryName(key)],
    };
    const outcome = await lockOrWait(join(dir, `${key}.lock`), read, lockOptions);
    if ("value" in outcome) return { credentials: outcome.value, settings, fromCache: true, cached: true };
    release = outcome.release;
  } catch (error) {
    if (error instanceof UserError && error.code === "LockTimeout") throw error;
    const why =
      error instanceof UserError
        ? withHint(error)
        : `cache folder ${dir} is not usable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    request.warn(`${why}; continuing without the cache`);
    return { credentials: (await obtain(undefined)).credentials, settings, fromCache: false, cached: false };
  }
  try {
    const obtained = await obtain(dir);
    let cached = true;
    try {
      writeEntry(
        dir,
        {
          format: CACHE_FORMAT,
          key,
          profile: settings.profile,
          roleArn: settings.role.arn,
          stsRegion: obtained.stsRegion,
          createdAt: new Date(runtime.now()).toISOString(),
          credentials: obtained.credentials,
        },
        runtime.uid,
      );
    } catch (error) {
      request.warn(
        `could not write the cache in ${dir} ` +
          `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); credentials were not cached`,
      );
      cached = false;
    }
    return { credentials: obtained.credentials, settings, fromCache: false, cached };
  } finally {
    release();
  }
}
