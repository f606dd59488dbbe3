import type { Credentials } from "../cache/entry";
import { cacheKeyFor } from "../cache/key";
import { readEntry } from "../cache/store";
import { loadConfig, type LoadedConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import { resolveSettings, type Flags } from "../config/settings";
import { isKnownRegion, regionPartition } from "../config/regions";
import { profileSection, walkSourceChain } from "../config/source-chain";
import { defaultSessionName, validateSettings, type Settings } from "../config/validate";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";

export interface CredentialsRequest {
  profile: string;
  flags: Flags;
  useCache: boolean;
  /** `refresh`: never serve an entry written before this time (ms); assume the role anew unless another caller just did. */
  freshSince?: number;
  log(message: string): void;
  warn(message: string): void;
}

export interface Resolved {
  credentials: Credentials;
  settings: Settings;
  fromCache: boolean;
  /** Set on a miss: whether the credentials are now in the cache for the next caller. */
  cached?: boolean;
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
  const key = cacheKeyFor(settings, chain);
  const dir = runtime.cacheDir;
  const since = request.freshSince;
  const read = () => {
    const entry = readEntry(dir, key, runtime.now(), runtime.uid, settings.durationSeconds);
    // refresh: never an entry written before it started (one another caller just wrote will do).
    return entry && servesRegion(entry.stsRegion, settings) && (since === undefined || Date.parse(entry.createdAt) > since) ? entry.credentials : undefined;
  };
  if (request.useCache) {
    const hit = read();
    if (hit) return { credentials: hit, settings, fromCache: true };
  }
  // Everything past a hit (lock, STS, cache write) loads lazily: a hit never evaluates it.
  const { fillCache } = await import("./fill-cache");
  return fillCache({ request, runtime, config, settings, chain, key, read });
}

/**
 * The region is not part of the cache key, so an entry filled for ap-east-1 would also answer a
 * misspelled ap-esat-1, where a cold call fails. A region we do not know is served only by an
 * entry its own STS endpoint issued (a region launched since this list was written), so a typo
 * fails on a hit as it does on a miss. With regional_sts_sts_region the target's endpoint is
 * never called, and a miss succeeds as a hit does.
 */
function servesRegion(entryStsRegion: string, s: Settings): boolean {
  return s.stsRegionOverride !== undefined || isKnownRegion(s.region) || entryStsRegion === s.region;
}
