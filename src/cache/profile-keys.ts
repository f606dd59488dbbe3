import type { LoadedConfig } from "../config/load";
import { resolveSettings } from "../config/settings";
import { profileSection, walkSourceChain } from "../config/source-chain";
import { defaultSessionName, validateSettings } from "../config/validate";
import { cacheKeyFor } from "./key";

/**
 * The cache key a profile would be served from, computed as credential-process computes it on a
 * hit (settings, then the source chain's fingerprint); undefined for a profile regional-sts does
 * not serve or cannot serve as configured. Profiles that differ only in region share a key.
 */
export function profileCacheKey(
  profile: string,
  config: LoadedConfig,
  env: Record<string, string | undefined>,
): string | undefined {
  const section = profileSection(profile, config);
  if (!section?.regional_sts_role_arn) return undefined;
  try {
    const settings = validateSettings(resolveSettings(profile, section, {}, env), defaultSessionName(env));
    return cacheKeyFor(settings, walkSourceChain(profile, settings.sourceProfile, config, env));
  } catch {
    return undefined;
  }
}

/** Every profile name of both files (config first, then credentials-only ones), in file order. */
export function configuredProfiles(config: LoadedConfig): string[] {
  const names = [...Object.keys(config.profiles), ...Object.keys(config.credentials)];
  return [...new Set(names)].filter((n) => !n.startsWith("sso-session.") && !n.startsWith("services."));
}

/** Each cache key with the configured profiles that map to it, in file order. */
export function profilesByKey(config: LoadedConfig, env: Record<string, string | undefined>): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const profile of configuredProfiles(config)) {
    const key = profileCacheKey(profile, config, env);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), profile]);
  }
  return byKey;
}
