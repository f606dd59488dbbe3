import { cacheKeyFor } from "../cache/key";
import { readEntry } from "../cache/read-entry";
import { type LoadedConfig, loadConfig } from "../config/load";
import { loadConfigFor } from "../config/load-for";
import { resolveConfigPaths } from "../config/paths";
import { isKnownRegion, regionPartition } from "../config/regions";
import { type Flags, resolveSettings } from "../config/settings";
import { profileSection, walkSourceChain } from "../config/source-chain";
import { defaultSessionName, type Settings, validateSettings } from "../config/validate";
import { UserError } from "../errors";
import { loadPart } from "../load-part";
import type { Runtime } from "../runtime";
import { closest } from "../suggest";
import type { CredentialsRequest, Resolved } from "./types";

/** Loads and checks the profile's settings (no network). */
export async function loadProfileSettings(
  profile: string,
  flags: Flags,
  runtime: Runtime,
  useCache = true,
): Promise<{ config: LoadedConfig; settings: Settings }> {
  // Only the sections this profile can lead to: the same cost with 30,000 profiles as with 3.
  // The index lives in the cache folder, which --no-cache neither reads nor writes.
  const config = loadConfigFor(resolveConfigPaths(runtime.env, runtime.homeDir), {
    names: startProfiles(profile, flags, runtime.env),
    cacheDir: useCache ? runtime.cacheDir : undefined,
    uid: runtime.uid,
    now: runtime.now(),
  });
  const section = profileSection(profile, config);
  if (!section) {
    const where = config.configExists ? config.paths.configFile : `${config.paths.configFile} (which does not exist)`;
    // A large config read through its index holds only this call's sections: the closest name
    // is looked for among all of them, as on the call that wrote the index (an error, so rare).
    const every = await loadConfig(config.paths).catch(() => config);
    const near = closest(profile, [...Object.keys(every.profiles), ...Object.keys(every.credentials)]);
    throw new UserError(`profile ${profile} not found in ${where}`, 1, "NoProfile", {
      hint: near ? `did you mean ${near}?` : `add a [profile ${profile}] section or fix the profile name`,
    });
  }
  const settings = validateSettings(
    resolveSettings(profile, section, flags, runtime.env),
    defaultSessionName(runtime.env),
  );
  const regionPart = regionPartition(settings.region);
  if (regionPart !== settings.role.partition) {
    throw new UserError(
      `profile ${profile}: regional_sts_role_arn is in partition ${settings.role.partition} but region ` +
        `${settings.region} is in ${regionPart}`,
      1,
      "PartitionMismatch",
      { hint: "use a role and region of the same partition" },
    );
  }
  return { config, settings };
}

/** The profiles a call starts from: the served one, a --source-profile, and the default chain's. */
export function startProfiles(
  profile: string,
  flags: Flags,
  env: Record<string, string | undefined>,
): (string | undefined)[] {
  return [profile, flags.sourceProfile, env.AWS_PROFILE || "default"];
}

/**
 * Credentials for a profile: from the cache when they have more than 15 minutes left, else one
 * AssumeRole shared by every concurrent caller through a lock file, then cached.
 */
export async function getCredentials(request: CredentialsRequest, runtime: Runtime): Promise<Resolved> {
  const { config, settings } = await loadProfileSettings(request.profile, request.flags, runtime, request.useCache);
  const chain = walkSourceChain(settings.profile, settings.sourceProfile, config, runtime.env);
  const key = cacheKeyFor(settings, chain);
  const dir = runtime.cacheDir;
  const since = request.freshSince;
  const read = () => {
    const entry = readEntry(dir, key, runtime.now(), runtime.uid, settings.durationSeconds);
    // refresh: never an entry written before it started (one another caller just wrote will do).
    return entry &&
      servesRegion(entry.stsRegion, settings) &&
      (since === undefined || Date.parse(entry.createdAt) > since)
      ? entry.credentials
      : undefined;
  };
  if (request.useCache) {
    const hit = read();
    if (hit) return { credentials: hit, settings, fromCache: true };
  }
  // Everything past a hit (lock, STS, cache write) loads lazily: a hit never evaluates it.
  const { fillCache } = await loadPart("miss.js");
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
