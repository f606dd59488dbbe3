import type { Section } from "./load";
import { OWN_KEY_PREFIX, OWN_KEYS, PROFILE_OPTIONS_TABLE } from "./options";

/** Values given on the command line; each overrides the profile key of the same meaning. */
export interface Flags {
  region?: string;
  roleArn?: string;
  sourceProfile?: string;
  durationSeconds?: string;
  roleSessionName?: string;
  externalId?: string;
  mfaSerial?: string;
  sourceIdentity?: string;
  stsRegion?: string;
  mfaProcess?: string;
  fips?: boolean;
  dualstack?: boolean;
}

/** A resolved value and where it came from ("--region", "region in profile hk-role", ...). */
export interface Sourced<T> {
  value: T;
  origin: string;
}

export interface RawSettings {
  profile: string;
  region?: Sourced<string>;
  roleArn?: Sourced<string>;
  sourceProfile?: Sourced<string>;
  durationSeconds?: Sourced<string>;
  roleSessionName?: Sourced<string>;
  externalId?: Sourced<string>;
  mfaSerial?: Sourced<string>;
  sourceIdentity?: Sourced<string>;
  stsRegion?: Sourced<string>;
  mfaProcess?: Sourced<string>;
  mfaSessionSeconds?: Sourced<string>;
  caBundle?: Sourced<string>;
  useFips: boolean;
  useDualstack: boolean;
  /** Keys named regional_sts_* that no option has: ours by their prefix, so a typo, never ignored. */
  unknownKeys?: string[];
}

type Env = Record<string, string | undefined>;

/**
 * The one place that decides precedence, row by row from src/config/options.ts: the flag, then
 * the environment and the profile key in the order the row says (`envWins`: the AWS CLI's
 * environment-first rule; otherwise the profile first, as for the region), then the default.
 * An empty value counts as unset; a regional_sts_* key no row has is recorded for validation to
 * refuse. Pure: table-tested in test/unit/settings.test.ts.
 */
export function resolveSettings(profile: string, section: Section, flags: Flags, env: Env): RawSettings {
  const raw: Record<string, unknown> = { profile };
  for (const option of PROFILE_OPTIONS_TABLE) {
    const given =
      option.field in flags ? (flags as Record<string, string | boolean | undefined>)[option.field] : undefined;
    const fromFlag = given === undefined ? undefined : { value: given, origin: `--${option.flag}` };
    const fromEnv = option.env
      ?.map((name) => (env[name] ? { value: env[name], origin: name } : undefined))
      .find(Boolean);
    const value = section[option.key];
    const fromProfile =
      value === undefined || value === "" ? undefined : { value, origin: `${option.key} in profile ${profile}` };
    raw[option.field] = fromFlag ?? (option.envWins ? (fromEnv ?? fromProfile) : (fromProfile ?? fromEnv));
  }
  const on = (field: "fips" | "dualstack") => {
    const chosen = raw[field] as Sourced<string | boolean> | undefined;
    delete raw[field];
    return typeof chosen?.value === "boolean" ? chosen.value : chosen?.value.trim().toLowerCase() === "true";
  };
  raw.useFips = on("fips");
  raw.useDualstack = on("dualstack");
  const unknownKeys = Object.keys(section).filter((k) => k.startsWith(OWN_KEY_PREFIX) && !OWN_KEYS.includes(k));
  if (unknownKeys.length > 0) raw.unknownKeys = unknownKeys;
  return raw as unknown as RawSettings;
}
