import type { LoadedConfig } from "../config/load";
import { profileSection } from "../config/source-chain";
import { UserError } from "../errors";
import { closest } from "../suggest";
import type { EntrySummary } from "./list";
import type { MfaSessionSummary } from "./mfa-session";
import { configuredProfiles, profileCacheKey, profilesByKey } from "./profile-keys";

/** An entry with every configured profile that is served from it (the writer may be another). */
export interface ListedEntry extends EntrySummary {
  profiles: string[];
}

/**
 * Labels each entry with the profiles whose settings map to its key, as of the current files;
 * without readable files, with the profile that wrote it.
 */
export function withProfiles(
  entries: EntrySummary[],
  config: LoadedConfig | undefined,
  env: Record<string, string | undefined>,
): ListedEntry[] {
  if (!config) return entries.map((e) => ({ ...e, profiles: [e.profile] }));
  const byKey = profilesByKey(config, env);
  return entries.map((e) => ({ ...e, profiles: byKey.get(e.key) ?? [] }));
}

/**
 * What `cache list|clear PROFILE` means by the profile: the key it would be served from. An
 * unknown profile is an error (a typo must not read as "nothing cached"); a profile whose settings
 * are invalid, or that regional-sts does not serve, has no key and matches what it wrote.
 */
export function profileTarget(
  command: string,
  profile: string,
  config: LoadedConfig,
  env: Record<string, string | undefined>,
): { key: string | undefined } {
  const section = profileSection(profile, config);
  if (!section) {
    const near = closest(profile, configuredProfiles(config));
    throw new UserError(`${command}: profile ${profile} not found in ${config.paths.configFile}`, 1, "NoProfile", {
      hint: near ? `did you mean ${near}?` : "check the name",
    });
  }
  // A profile without regional_sts_role_arn has no entry of its own, but may hold the source keys of MFA sessions.
  return { key: profileCacheKey(profile, config, env) };
}

/**
 * Whether an entry belongs to a profile: the one it would be served, or one it wrote that serves no
 * other profile now.
 */
export function belongsTo(entry: ListedEntry, profile: string, key: string | undefined): boolean {
  return entry.key === key || (entry.profile === profile && entry.profiles.length === 0);
}

/**
 * The table `cache list` prints: every profile an entry serves, then MFA sessions by source
 * profile; never a key id, secret or token.
 */
export function formatEntries(
  entries: ListedEntry[],
  sessions: MfaSessionSummary[],
  dir: string,
  nowMs: number,
): string {
  if (entries.length === 0 && sessions.length === 0) return `no cached credentials in ${dir}\n`;
  const rows = [
    ...entries.map((e) => [
      profilesCell(e),
      e.roleArn,
      e.stsRegion,
      e.expiration,
      timeLeft(Date.parse(e.expiration) - nowMs),
    ]),
    ...sessions.map((m) => [
      m.sourceProfile,
      `MFA session ${m.mfaSerial}`,
      m.stsRegion,
      m.expiration,
      timeLeft(Date.parse(m.expiration) - nowMs),
    ]),
  ];
  const table = [["PROFILES", "ROLE", "STS REGION", "EXPIRES", "LEFT"], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return `${table.map(line).join("\n")}\n`;
}

/** The profiles served, or, when the files changed since, who wrote the entry (it serves nobody now). */
function profilesCell(e: ListedEntry): string {
  return e.profiles.length > 0 ? e.profiles.join(",") : `(none; written for ${e.profile})`;
}

/** Minutes left; "expired" past the end, "renewed on next use" inside the 15-minute window no caller is served from. */
function timeLeft(ms: number): string {
  if (ms <= 0) return "expired";
  const minutes = Math.floor(ms / 60_000);
  const text = minutes >= 60 ? `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m` : `${minutes}m`;
  return ms <= 15 * 60_000 ? `${text} (renewed on next use)` : text;
}
