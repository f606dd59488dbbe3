import type { CredentialsRequest, Resolved } from "./types";
import { cacheKeyFor } from "../cache/key";
import { readEntry } from "../cache/read-entry";
import { loadConfig, type LoadedConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import { resolveSettings, type Flags } from "../config/settings";
import { isKnownRegion, regionPartition } from "../config/regions";
import { profileSection, walkSourceChain } from "../config/source-chain";
import { defaultSessionName, validateSettings, type Settings } from "../config/validate";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";
import { closest } from "../suggest";


/** Loads and checks the profile's settings (no network). */
export async function loadProfileSettings(profile: string, flags: Flags, runtime: Runtime): Promise<{ config: LoadedConfig; settings: Settings }> {
  const config = await loadConfig(resolveConfigPaths(runtime.env, runtime.homeDir));
  const section = profileSection(profile, config);
  if (!section) {
    const where = config.configExists ? config.paths.configFile : `${config.paths.configFile} (which does not exist)`;
    const near = closest(profile, [...Object.keys(config.profiles), ...Object.keys(config.credentials)]);
    throw new UserError(`profile ${profile} not found in ${where}`, 1, "NoProfile", {
      hint: near ? `did you mean ${near}?` : `add a [profile ${profile}] section or fix the profile name`,
    });
  }
  const settings = validateSettings(resolveSettings(profile, section, flags, runtime.env), defaultSessionName(runtime.env));
  const regionPart = regionPartition(settings.region);
  if (regionPart !== settings.role.partition) {
    throw new UserError(
      `profile ${profile}: regional_sts_role_arn is in partition ${settings.role.partition} but region ${settings.region} is in ${regionPart}`,
      1,
      "PartitionMismatch",
      { hint: "use a role and region of the same partition" },
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
  const read = () => {
    const entry = readEntry(dir, key, runtime.now(), runtime.uid, settings.durationSeconds);
    return entry && servesRegion(entry.stsRegion, settings) ? entry.credentials : undefined;
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
