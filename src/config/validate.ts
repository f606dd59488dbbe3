import { UserError } from "../errors";
import { parseRoleArn, type RoleArn } from "./arn";
import { isKnownPartitionRegion, isWellFormedRegion } from "./regions";
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
  caBundle?: string;
  /** Where caBundle came from (AWS_CA_BUNDLE or ca_bundle in the profile), for error messages. */
  caBundleOrigin?: string;
  useFips: boolean;
  useDualstack: boolean;
}

export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43200;
export const DEFAULT_DURATION_SECONDS = 3600;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** Checks every value before any network call, so a typo fails fast with the key named. */
export function validateSettings(raw: RawSettings, defaultSessionName: string): Settings {
  const p = raw.profile;
  if (!raw.roleArn) {
    throw new UserError(`profile ${p}: regional_sts_role_arn is not set; add it to [profile ${p}] or pass --role-arn`, 1, "NoRoleArn");
  }
  if (!raw.region) {
    throw new UserError(`profile ${p}: no region; add region = <region> to [profile ${p}] or pass --region`, 1, "NoRegion");
  }
  checkRegion(raw.region);
  if (raw.stsRegion) checkRegion(raw.stsRegion);
  const sessionName = raw.roleSessionName ?? { value: defaultSessionName, origin: "default session name" };
  if (!SESSION_NAME.test(sessionName.value)) {
    throw new UserError(
      `${sessionName.origin}: "${sessionName.value}" is not a valid role session name; use 2 to 64 letters, digits or +=,.@_-`,
      1,
      "BadSessionName",
    );
  }
  return {
    profile: p,
    region: raw.region.value,
    role: parseRoleArn(raw.roleArn.value, raw.roleArn.origin),
    ...(raw.sourceProfile ? { sourceProfile: raw.sourceProfile.value } : {}),
    durationSeconds: parseDuration(raw.durationSeconds),
    roleSessionName: sessionName.value,
    ...optional("externalId", raw.externalId),
    ...optional("mfaSerial", raw.mfaSerial),
    ...optional("sourceIdentity", raw.sourceIdentity),
    ...optional("stsRegionOverride", raw.stsRegion),
    ...optional("mfaProcess", raw.mfaProcess),
    ...optional("caBundle", raw.caBundle),
    ...(raw.caBundle ? { caBundleOrigin: raw.caBundle.origin } : {}),
    useFips: raw.useFips,
    useDualstack: raw.useDualstack,
  };
}

function checkRegion(region: Sourced<string>): void {
  if (!isWellFormedRegion(region.value)) {
    throw new UserError(`${region.origin}: "${region.value}" is not a region name; expected something like ap-east-1`, 1, "BadRegion");
  }
  if (!isKnownPartitionRegion(region.value)) {
    throw new UserError(`${region.origin}: "${region.value}" is not a region of any AWS partition; check the spelling (for example ap-east-1)`, 1, "UnknownRegion");
  }
}

function parseDuration(raw: Sourced<string> | undefined): number {
  if (!raw) return DEFAULT_DURATION_SECONDS;
  const seconds = /^\d+$/.test(raw.value.trim()) ? Number(raw.value.trim()) : NaN;
  if (!(seconds >= MIN_DURATION_SECONDS && seconds <= MAX_DURATION_SECONDS)) {
    throw new UserError(
      `${raw.origin}: "${raw.value}" must be a whole number of seconds from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}`,
      1,
      "BadDuration",
    );
  }
  return seconds;
}

function optional<K extends string>(key: K, value: Sourced<string> | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value.value } as Record<K, string>) : {};
}

/** A stable default session name: it shows up in CloudTrail and keeps the cache key steady. */
export function defaultSessionName(env: Record<string, string | undefined>): string {
  const user = env.USER || env.LOGNAME || env.USERNAME || "user";
  return `regional-sts-${user}`.replace(/[^\w+=,.@-]/g, "_").slice(0, 64);
}
