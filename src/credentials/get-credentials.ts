import { join } from "node:path";
import type { Credentials } from "../cache/entry";
import { CACHE_FORMAT } from "../cache/entry";
import { cacheKey } from "../cache/key";
import { lockOrWait, type Release } from "../cache/lock";
import { readEntry, writeEntry } from "../cache/store";
import { ensurePrivateFolder } from "../cache/folder";
import { loadConfig, type LoadedConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import { resolveSettings, type Flags } from "../config/settings";
import { profileSection, walkSourceChain } from "../config/source-chain";
import { defaultSessionName, validateSettings, type Settings } from "../config/validate";
import { regionPartition } from "./endpoint-region";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";
import { obtainCredentials } from "./obtain";

export interface CredentialsRequest {
  profile: string;
  flags: Flags;
  useCache: boolean;
  log(message: string): void;
  warn(message: string): void;
}

export interface Resolved {
  credentials: Credentials;
  settings: Settings;
  fromCache: boolean;
}

/** Loads and checks the profile's settings (no network). */
export async function loadProfileSettings(profile: string, flags: Flags, runtime: Runtime): Promise<{ config: LoadedConfig; settings: Settings }> {
  const config = await loadConfig(resolveConfigPaths(runtime.env, runtime.homeDir));
  const section = profileSection(profile, config);
  if (!section) {
    const where = config.configExists ? config.paths.configFile : `${config.paths.configFile} (which does not exist)`;
    throw new UserError(`profile ${profile} not found in ${where}; add a [profile ${profile}] section or fix --profile`, 1, "NoProfile");
  }
  const settings = validateSettings(resolveSettings(profile, section, flags, runtime.env), defaultSessionName(runtime.env));
  const regionPart = regionPartition(settings.region);
  if (regionPart !== settings.role.partition) {
    throw new UserError(
      `profile ${profile}: regional_sts_role_arn is in partition ${settings.role.partition} but region ${settings.region} is in ${regionPart}; use a role and region of the same partition`,
      1,
      "PartitionMismatch",
    );
  }
  return { config, settings };
}

/**
 * Credentials for a profile: from the cache when they have more than 15 minutes left, else one
 * AssumeRole shared by every concurrent caller through a lock file, then cached.
 */
export async function getCredentials(request: CredentialsRequest, runtime: Runtime): Promise<Resolved> {
  const { config, settings } = await loadProfileSettings(request.profile, request.flags, runtime);
  const chain = walkSourceChain(settings.profile, settings.sourceProfile, config, runtime.env);
  const key = cacheKey({
    roleArn: settings.role.arn,
    sourceProfile: settings.sourceProfile,
    sourceFingerprint: chain.fingerprint,
    roleSessionName: settings.roleSessionName,
    externalId: settings.externalId,
    mfaSerial: settings.mfaSerial,
    sourceIdentity: settings.sourceIdentity,
    durationSeconds: settings.durationSeconds,
    partition: settings.role.partition,
  });
  const dir = runtime.cacheDir;
  const read = () => (request.useCache ? readEntry(dir, key, runtime.now(), runtime.uid)?.credentials : undefined);
  const hit = read();
  if (hit) return { credentials: hit, settings, fromCache: true };
  const obtain = (cacheDir: string | undefined) =>
    obtainCredentials({ settings, chain, config, runtime, log: request.log, cacheDir });
  if (!request.useCache) return { credentials: (await obtain(undefined)).credentials, settings, fromCache: false };

  let release: Release | undefined;
  try {
    ensurePrivateFolder(dir, runtime.uid);
    const outcome = await lockOrWait(join(dir, `${key}.lock`), read, runtime);
    if ("value" in outcome) return { credentials: outcome.value, settings, fromCache: true };
    release = outcome.release;
  } catch (error) {
    if (error instanceof UserError && error.code === "LockTimeout") throw error;
    request.warn(error instanceof UserError ? `${error.message}; continuing without the cache` : `cache folder ${dir} is not usable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); continuing without the cache`);
    return { credentials: (await obtain(undefined)).credentials, settings, fromCache: false };
  }
  try {
    const obtained = await obtain(dir);
    try {
      writeEntry(dir, {
        format: CACHE_FORMAT,
        key,
        profile: settings.profile,
        roleArn: settings.role.arn,
        stsRegion: obtained.stsRegion,
        createdAt: new Date(runtime.now()).toISOString(),
        credentials: obtained.credentials,
      }, runtime.uid);
    } catch (error) {
      request.warn(`could not write the cache in ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); credentials were not cached`);
    }
    return { credentials: obtained.credentials, settings, fromCache: false };
  } finally {
    release();
  }
}
