import { type ErrorCode, UserError } from "../errors";
import { closest } from "../suggest";
import { parseRoleArn, ROLE_ARN, type RoleArn } from "./arn";
import { OWN_KEY_PREFIX, OWN_KEYS, PROFILE_OPTIONS_TABLE, type ProfileOption } from "./options";
import { DEFAULT_ENABLED_REGIONS, isKnownPartitionRegion, isWellFormedRegion, OPT_IN_REGIONS } from "./regions";
import type { RawSettings, Sourced } from "./settings";

/** Everything needed to obtain credentials for one profile, checked. */
export interface Settings {
  profile: string;
  region: string;
  role: RoleArn;
  sourceProfile?: string;
  durationSeconds: number;
  roleSessionName: string;
  externalId?: string;
  mfaSerial?: string;
  sourceIdentity?: string;
  stsRegionOverride?: string;
  mfaProcess?: string;
  /** How long an MFA session lasts (src/credentials/mfa-session.ts). */
  mfaSessionSeconds: number;
  caBundle?: string;
  /** Where caBundle came from (AWS_CA_BUNDLE or ca_bundle in the profile), for error messages. */
  caBundleOrigin?: string;
  useFips: boolean;
  useDualstack: boolean;
}

export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43200;
export const DEFAULT_DURATION_SECONDS = 3600;
/**
 * GetSessionToken accepts 900 s to 129,600 s (36 h) for IAM users; 12 h is its own default.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
 */
export const MFA_SESSION_SECONDS = { min: 900, max: 129_600, default: 43_200 } as const;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** Checks every value before any network call, so a typo fails fast with the key named. */
export function validateSettings(raw: RawSettings, defaultSessionName: string): Settings {
  const p = raw.profile;
  const unknown = raw.unknownKeys?.[0];
  if (unknown) {
    throw new UserError(`profile ${p}: unknown key ${unknown}`, 1, "UnknownKey", { hint: unknownKeyHint(unknown) });
  }
  if (!raw.roleArn) {
    throw new UserError(`profile ${p}: regional_sts_role_arn is not set`, 1, "NoRoleArn", {
      hint: `add it to [profile ${p}] or pass --role-arn`,
    });
  }
  if (!raw.region) {
    throw new UserError(`profile ${p}: no region`, 1, "NoRegion", {
      hint: `add region = <region> to [profile ${p}] or pass --region`,
    });
  }
  check("region", raw.region, "BadRegion");
  if (raw.stsRegion) check("region", raw.stsRegion, "BadRegion");
  const sessionName = raw.roleSessionName ?? { value: defaultSessionName, origin: "default session name" };
  check("sessionName", sessionName, "BadSessionName");
  if (raw.durationSeconds) check("duration", raw.durationSeconds, "BadDuration");
  if (raw.mfaSessionSeconds) check("mfaSessionDuration", raw.mfaSessionSeconds, "BadMfaSessionSeconds");
  return {
    profile: p,
    region: raw.region.value,
    role: parseRoleArn(raw.roleArn.value, raw.roleArn.origin),
    ...(raw.sourceProfile ? { sourceProfile: raw.sourceProfile.value } : {}),
    durationSeconds: raw.durationSeconds ? Number(raw.durationSeconds.value.trim()) : DEFAULT_DURATION_SECONDS,
    roleSessionName: sessionName.value,
    ...optional("externalId", raw.externalId),
    ...optional("mfaSerial", raw.mfaSerial),
    ...optional("sourceIdentity", raw.sourceIdentity),
    ...optional("stsRegionOverride", raw.stsRegion),
    ...optional("mfaProcess", raw.mfaProcess),
    mfaSessionSeconds: raw.mfaSessionSeconds ? Number(raw.mfaSessionSeconds.value.trim()) : MFA_SESSION_SECONDS.default,
    ...optional("caBundle", raw.caBundle),
    ...(raw.caBundle ? { caBundleOrigin: raw.caBundle.origin } : {}),
    useFips: raw.useFips,
    useDualstack: raw.useDualstack,
  };
}

/** A profile value that fails its row's check (src/config/options.ts): exit 1, the key named. */
function check(kind: NonNullable<ProfileOption["check"]>, value: Sourced<string>, code: ErrorCode): void {
  const problem = optionProblem(kind, value.value);
  if (problem) throw new UserError(`${value.origin}: ${problem.message}`, 1, code, { hint: problem.hint });
}

/**
 * What is wrong with a value of the given kind, or undefined: the checks of src/config/options.ts,
 * shared by profile keys (exit 1), flags (exit 2, src/cli/command-line.ts) and configure.
 */
export function optionProblem(
  kind: NonNullable<ProfileOption["check"]>,
  value: string,
): { message: string; hint: string } | undefined {
  switch (kind) {
    case "region": {
      if (isWellFormedRegion(value) && isKnownPartitionRegion(value)) return undefined;
      const near = closest(value, [...DEFAULT_ENABLED_REGIONS, ...OPT_IN_REGIONS]);
      return {
        message: `"${value}" is not an AWS region`,
        hint: near ? `did you mean ${near}?` : "use a name like ap-east-1",
      };
    }
    case "roleArn":
      return ROLE_ARN.test(value)
        ? undefined
        : { message: `"${value}" is not an IAM role ARN`, hint: "use arn:aws:iam::123456789012:role/NAME" };
    case "duration": {
      const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
      return seconds >= MIN_DURATION_SECONDS && seconds <= MAX_DURATION_SECONDS
        ? undefined
        : {
            message: `"${value}" is not a session duration`,
            hint: `give a whole number of seconds from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}`,
          };
    }
    case "mfaSessionDuration": {
      const { min, max } = MFA_SESSION_SECONDS;
      const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
      return seconds >= min && seconds <= max
        ? undefined
        : {
            message: `"${value}" is not a whole number of seconds from ${min} to ${max}`,
            hint: "use at most 36 hours, GetSessionToken's limit",
          };
    }
    case "sessionName":
      return SESSION_NAME.test(value)
        ? undefined
        : { message: `"${value}" is not a valid role session name`, hint: "use 2 to 64 letters, digits or +=,.@_-" };
  }
}

/**
 * "did you mean regional_sts_role_arn?" for a typo, "did you mean mfa_serial?" for an AWS key
 * given our prefix; else the keys that regional-sts reads.
 */
function unknownKeyHint(key: string): string {
  const keys = PROFILE_OPTIONS_TABLE.map((o) => o.key);
  const unprefixed = key.slice(OWN_KEY_PREFIX.length);
  const near = closest(key, OWN_KEYS) ?? keys.find((k) => k === unprefixed) ?? closest(unprefixed, keys);
  return near ? `did you mean ${near}?` : `remove it; the ${OWN_KEY_PREFIX} keys are ${OWN_KEYS.join(", ")}`;
}

function optional<K extends string>(key: K, value: Sourced<string> | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value.value } as Record<K, string>) : {};
}

/** A stable default session name: it shows up in CloudTrail and keeps the cache key steady. */
export function defaultSessionName(env: Record<string, string | undefined>): string {
  const user = env.USER || env.LOGNAME || env.USERNAME || "user";
  return `regional-sts-${user}`.replace(/[^\w+=,.@-]/g, "_").slice(0, 64);
}
