import { clearEntries, listEntries, type EntrySummary } from "../cache/list";
import { clearMfaSessions, listMfaSessions, type MfaSessionSummary } from "../cache/mfa-session";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";

/** `cache list [PROFILE] [--json]` and `cache clear [PROFILE]`: never shows a key id, secret or token. */
export async function cacheCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const dir = runtime.cacheDir;
  const profile = command.profile;
  if (command.action === "list") {
    const entries = listEntries(dir).filter((e) => profile === undefined || e.profile === profile);
    // MFA sessions belong to the profile holding the source keys.
    const sessions = listMfaSessions(dir).filter((m) => profile === undefined || m.sourceProfile === profile);
    runtime.stdout.write(command.values.json === true ? `${JSON.stringify([...entries.map(publicFields), ...sessions.map(sessionFields)], null, 2)}\n` : formatList(entries, sessions, dir, runtime.now()));
    return 0;
  }
  let removed: number;
  let sessions: number;
  try {
    removed = clearEntries(dir, profile);
    sessions = clearMfaSessions(dir, profile);
  } catch (error) {
    throw new UserError(`cannot clear the cache in ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 1, "CacheClear", { hint: "check its permissions" });
  }
  const mfa = sessions > 0 ? ` and ${sessions} MFA session${sessions === 1 ? "" : "s"}` : "";
  runtime.stdout.write(`removed ${removed} cached ${removed === 1 ? "entry" : "entries"}${mfa}${profile ? ` of profile ${profile}` : ""} from ${dir}\n`);
  return 0;
}

function publicFields(e: EntrySummary) {
  return { profile: e.profile, roleArn: e.roleArn, stsRegion: e.stsRegion, createdAt: e.createdAt, expiration: e.expiration };
}

function sessionFields(m: MfaSessionSummary) {
  return { kind: "mfa-session", sourceProfile: m.sourceProfile, mfaSerial: m.mfaSerial, stsRegion: m.stsRegion, createdAt: m.createdAt, expiration: m.expiration };
}

function formatList(entries: EntrySummary[], sessions: MfaSessionSummary[], dir: string, nowMs: number): string {
  if (entries.length === 0 && sessions.length === 0) return `no cached credentials in ${dir}\n`;
  const rows = [
    ...entries.map((e) => [e.profile, e.roleArn, e.stsRegion, e.expiration, timeLeft(Date.parse(e.expiration) - nowMs)]),
    ...sessions.map((m) => [m.sourceProfile, `MFA session ${m.mfaSerial}`, m.stsRegion, m.expiration, timeLeft(Date.parse(m.expiration) - nowMs)]),
  ];
  const table = [["PROFILE", "ROLE", "STS REGION", "EXPIRES", "LEFT"], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return `${table.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")).join("\n")}\n`;
}

/** Minutes left; "expired" past the end, "refreshing" inside the 15-minute window no caller is served from. */
function timeLeft(ms: number): string {
  if (ms <= 0) return "expired";
  const minutes = Math.floor(ms / 60_000);
  const text = minutes >= 60 ? `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m` : `${minutes}m`;
  return ms <= 15 * 60_000 ? `${text} (renewed on next use)` : text;
}
