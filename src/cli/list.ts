import { readdirSync } from "node:fs";
import { cacheKeyFor } from "../cache/key";
import { mfaSessionKey, mfaSessionName } from "../cache/mfa-session";
import { readPrivateText } from "../cache/private-file";
import { entryName } from "../cache/read-entry";
import { type LoadedConfig, loadConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import { listProfiles, type ProfileRow } from "../config/profile-list";
import { resolveSettings } from "../config/settings";
import { walkSourceChain } from "../config/source-chain";
import { defaultSessionName, validateSettings } from "../config/validate";
import { mfaSessionSource } from "../credentials/mfa-session";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";

interface CacheState {
  state: "valid" | "expired" | "none" | "invalid";
  expiration?: string;
  /** Why the profile's settings are not usable (for "invalid"). */
  problem?: string;
  mfaSessionExpiration?: string;
}

/** `list [--json]`: one line per profile of the config files, with what regional-sts makes of it. */
export async function listCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const values = command.values;
  const config = await loadConfig(resolveConfigPaths(runtime.env, runtime.homeDir));
  // One folder listing: only profiles whose entry file exists cost a read.
  const present = new Set(namesIn(runtime.cacheDir));
  const rows = listProfiles(config, runtime.env).map((row) => ({
    row,
    cache: cacheStateOf(row, config, present, runtime),
  }));
  if (values.json === true) {
    const json = rows.map(({ row, cache }) => ({
      profile: row.profile,
      served: row.served,
      region: row.region ?? null,
      roleArn: row.roleArn ?? null,
      cache,
    }));
    runtime.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  const table = [
    ["PROFILE", "SERVED", "REGION", "ROLE", "CACHE"],
    ...rows.map(({ row, cache }) => [row.profile, row.served, row.region ?? "-", row.roleArn ?? "-", describe(cache)]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  runtime.stdout.write(
    `${table.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")).join("\n")}\n`,
  );
  return 0;
}

function describe(cache: CacheState): string {
  const main =
    cache.state === "valid"
      ? `valid until ${cache.expiration}`
      : cache.state === "expired"
        ? `expired ${cache.expiration}`
        : cache.state === "invalid"
          ? `invalid: ${cache.problem}`
          : "none";
  return cache.mfaSessionExpiration ? `${main}; MFA session until ${cache.mfaSessionExpiration}` : main;
}

/** The profile's cache entry and MFA session, found with the same keys credential-process uses. */
function cacheStateOf(row: ProfileRow, config: LoadedConfig, present: Set<string>, runtime: Runtime): CacheState {
  if (row.served !== "regional-sts" || !row.section.regional_sts_role_arn) return { state: "none" };
  try {
    const settings = validateSettings(
      resolveSettings(row.profile, row.section, {}, runtime.env),
      defaultSessionName(runtime.env),
    );
    const chain = walkSourceChain(settings.profile, settings.sourceProfile, config, runtime.env);
    const key = cacheKeyFor(settings, chain);
    const expiration = present.has(entryName(key)) ? expirationIn(runtime, entryName(key)) : undefined;
    const state: CacheState =
      expiration === undefined
        ? { state: "none" }
        : { state: Date.parse(expiration) > runtime.now() ? "valid" : "expired", expiration };
    const source = mfaSessionSource(settings, chain, config, runtime.env);
    const mfaName =
      source &&
      mfaSessionName(
        mfaSessionKey({
          partition: settings.role.partition,
          sourceIdentity: source,
          mfaSerial: settings.mfaSerial!,
          stsEndpoint: chain.stsEndpoint,
        }),
      );
    const mfa = mfaName && present.has(mfaName) ? expirationIn(runtime, mfaName) : undefined;
    return mfa && Date.parse(mfa) > runtime.now() ? { ...state, mfaSessionExpiration: mfa } : state;
  } catch (error) {
    const { message, hint } = error as Error & { hint?: string };
    return { state: "invalid", problem: (hint ? `${message}; ${hint}` : message).replace(/^profile \S+: /, "") };
  }
}

function expirationIn(runtime: Runtime, name: string): string | undefined {
  try {
    const value = JSON.parse(readPrivateText(runtime.cacheDir, name, runtime.uid) ?? "null") as {
      credentials?: { expiration?: unknown };
    } | null;
    return typeof value?.credentials?.expiration === "string" ? value.credentials.expiration : undefined;
  } catch {
    return undefined;
  }
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
