import { belongsTo, formatEntries, type ListedEntry, profileTarget, withProfiles } from "../cache/by-profile";
import { clearEntries, listEntries } from "../cache/list";
import { clearMfaSessions, listMfaSessions, type MfaSessionSummary } from "../cache/mfa-session";
import { type LoadedConfig, loadConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";
import { makeLoggers } from "./log";

/** `cache list [PROFILE] [--json]` and `cache clear [PROFILE]`: never shows a key id, secret or token. */
export async function cacheCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const { action, profile } = command;
  const dir = runtime.cacheDir;
  const config = await configFor(action!, profile, runtime);
  const target = profile !== undefined ? profileTarget(`cache ${action}`, profile, config!, runtime.env) : undefined;
  const mine = (e: ListedEntry) => profile === undefined || belongsTo(e, profile, target!.key);
  if (action === "list") {
    const entries = withProfiles(listEntries(dir), config, runtime.env).filter(mine);
    // MFA sessions belong to the profile holding the source keys.
    const sessions = listMfaSessions(dir).filter((m) => profile === undefined || m.sourceProfile === profile);
    runtime.stdout.write(
      command.values.json === true
        ? `${JSON.stringify([...entries.map(publicFields), ...sessions.map(sessionFields)], null, 2)}\n`
        : formatEntries(entries, sessions, dir, runtime.now()),
    );
    return 0;
  }
  let removed: number;
  let sessions: number;
  try {
    if (profile === undefined) removed = clearEntries(dir);
    else {
      const keys = new Set(
        withProfiles(listEntries(dir), config, runtime.env)
          .filter(mine)
          .map((e) => e.key),
      );
      // A damaged entry is listed by no one, but is still this profile's.
      if (target!.key !== undefined) keys.add(target!.key);
      removed = clearEntries(dir, (_e, key) => keys.has(key));
    }
    sessions = clearMfaSessions(dir, profile);
  } catch (error) {
    throw new UserError(
      `cannot clear the cache in ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      1,
      "CacheClear",
      { hint: "check its permissions" },
    );
  }
  const mfa = sessions > 0 ? ` and ${sessions} MFA session${sessions === 1 ? "" : "s"}` : "";
  runtime.stdout.write(
    `removed ${removed} cached ${removed === 1 ? "entry" : "entries"}${mfa}` +
      `${profile ? ` serving profile ${profile}` : ""} from ${dir}\n`,
  );
  return 0;
}

/**
 * The config files, which say which profiles each entry serves. A named profile needs them; a
 * plain `cache list` still lists (by writer) when they cannot be read, and `cache clear` never needs them.
 */
async function configFor(
  action: string,
  profile: string | undefined,
  runtime: Runtime,
): Promise<LoadedConfig | undefined> {
  const load = () => loadConfig(resolveConfigPaths(runtime.env, runtime.homeDir));
  if (profile !== undefined) return load();
  if (action === "clear") return undefined;
  try {
    return await load();
  } catch (error) {
    makeLoggers(runtime, false).warn(`${(error as Error).message}; entries are shown with the profile that wrote them`);
    return undefined;
  }
}

function publicFields(e: ListedEntry) {
  return {
    profiles: e.profiles,
    writtenFor: e.profile,
    roleArn: e.roleArn,
    stsRegion: e.stsRegion,
    createdAt: e.createdAt,
    expiration: e.expiration,
  };
}

function sessionFields(m: MfaSessionSummary) {
  return {
    kind: "mfa-session",
    sourceProfile: m.sourceProfile,
    mfaSerial: m.mfaSerial,
    stsRegion: m.stsRegion,
    createdAt: m.createdAt,
    expiration: m.expiration,
  };
}
