import type { Section } from "./load";

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
  caBundle?: Sourced<string>;
  useFips: boolean;
  useDualstack: boolean;
}

type Env = Record<string, string | undefined>;

/**
 * The one place that decides precedence: command-line flag, then (for keys the SDKs read from
 * the environment) the standard variable, then the profile key, then the default.
 * Pure: table-tested in test/unit/settings.test.ts.
 */
export function resolveSettings(profile: string, section: Section, flags: Flags, env: Env): RawSettings {
  const fromProfile = (key: string) => pickProfile(section, key, profile);
  return {
    profile,
    region: first(flag(flags.region, "--region"), fromProfile("region"), envVar(env, "AWS_REGION"), envVar(env, "AWS_DEFAULT_REGION")),
    roleArn: first(flag(flags.roleArn, "--role-arn"), fromProfile("regional_sts_role_arn")),
    sourceProfile: first(flag(flags.sourceProfile, "--source-profile"), fromProfile("regional_sts_source_profile")),
    durationSeconds: first(flag(flags.durationSeconds, "--duration-seconds"), fromProfile("duration_seconds")),
    roleSessionName: first(flag(flags.roleSessionName, "--role-session-name"), fromProfile("role_session_name")),
    externalId: first(flag(flags.externalId, "--external-id"), fromProfile("external_id")),
    mfaSerial: first(flag(flags.mfaSerial, "--mfa-serial"), fromProfile("mfa_serial")),
    sourceIdentity: first(flag(flags.sourceIdentity, "--source-identity"), fromProfile("source_identity")),
    stsRegion: first(flag(flags.stsRegion, "--sts-region"), fromProfile("regional_sts_sts_region")),
    mfaProcess: first(flag(flags.mfaProcess, "--mfa-process"), fromProfile("regional_sts_mfa_process")),
    // The AWS CLI lets AWS_CA_BUNDLE win over the profile's ca_bundle.
    caBundle: first(envVar(env, "AWS_CA_BUNDLE"), fromProfile("ca_bundle")),
    useFips: flags.fips ?? bool(env.AWS_USE_FIPS_ENDPOINT) ?? bool(section.use_fips_endpoint) ?? false,
    useDualstack: flags.dualstack ?? bool(env.AWS_USE_DUALSTACK_ENDPOINT) ?? bool(section.use_dualstack_endpoint) ?? false,
  };
}

function first<T>(...candidates: (Sourced<T> | undefined)[]): Sourced<T> | undefined {
  return candidates.find((c) => c !== undefined);
}

function flag(value: string | undefined, name: string): Sourced<string> | undefined {
  return value === undefined ? undefined : { value, origin: name };
}

function envVar(env: Env, name: string): Sourced<string> | undefined {
  const value = env[name];
  return value ? { value, origin: name } : undefined;
}

function pickProfile(section: Section, key: string, profile: string): Sourced<string> | undefined {
  const value = section[key];
  return value === undefined || value === "" ? undefined : { value, origin: `${key} in profile ${profile}` };
}

function bool(value: string | undefined): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  return value.trim().toLowerCase() === "true";
}
