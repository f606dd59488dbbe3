import type { Settings } from "../config/validate";
import { explainStsError } from "../credentials/explain";
import { assumeRoleParams } from "../credentials/obtain";
import type { Credentials } from "../credentials/types";
import { problemAndFix } from "../errors";
import type { Runtime } from "../runtime";
import { type Finding, failed, passed } from "./findings";
import { type DoctorAws, toFailure } from "./port";

export interface AssumeCheckInput {
  aws: DoctorAws;
  settings: Settings;
  runtime: Runtime;
  /** "source profile x", for messages. */
  source: string;
  /** The source identity's ARN (GetCallerIdentity): what a trust policy names. */
  sourceArn: string;
  /** The STS region credential-process would call. */
  stsRegion: string;
}

/** Check 5a: AssumeRole exactly as credential-process makes it; a refusal is explained. */
export async function checkAssumeRole(
  input: AssumeCheckInput,
): Promise<{ finding: Finding; credentials?: Credentials }> {
  const { aws, settings: s, runtime, stsRegion } = input;
  try {
    const params = await assumeRoleParams(s, (serial) =>
      runtime.readMfaCode({ profile: s.profile, serial, process: s.mfaProcess }),
    );
    const result = await aws.assumeRole(stsRegion, params);
    const left = Math.round((Date.parse(result.credentials.expiration) - runtime.now()) / 60_000);
    return {
      finding: passed(
        "assume-role",
        `assumed ${s.role.arn} at ${result.host} (account ${result.credentials.accountId}; ${left} minutes)`,
      ),
      credentials: result.credentials,
    };
  } catch (error) {
    return { finding: explainRefusal(error, input) };
  }
}

/**
 * The principal a trust policy names for the source identity: a user's ARN as is; for a role
 * session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), the role's ARN, without its path,
 * which GetCallerIdentity does not give.
 */
export function trustPrincipal(arn: string): string {
  const session = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : arn;
}

function explainRefusal(error: unknown, input: AssumeCheckInput): Finding {
  const { settings: s, source } = input;
  const f = toFailure(error);
  const head = `AssumeRole ${s.role.arn}${f.host ? ` at ${f.host}` : ""} failed: ${f.name}: ${f.message}`;
  const profileBlock = `[profile ${s.profile}]`;
  if (f.name === "AccessDenied" && /MultiFactorAuthentication/i.test(f.message)) {
    return failed(
      "assume-role",
      head,
      `the MFA code for ${s.mfaSerial} was refused; use a fresh code from that device`,
    );
  }
  if (f.name === "AccessDenied") {
    const needs = [
      s.mfaSerial ? "" : "MFA (set mfa_serial if the trust policy requires aws:MultiFactorAuthPresent)",
      s.externalId
        ? `an external id other than the one set`
        : "an external id (set external_id if the trust policy requires sts:ExternalId)",
    ]
      .filter(Boolean)
      .join(", or ");
    return failed(
      "assume-role",
      head,
      `make the trust policy of ${s.role.arn} allow ${trustPrincipal(input.sourceArn)} (${source}), ` +
        `or check whether it requires ${needs} in ${profileBlock}`,
    );
  }
  if (f.name === "ValidationError" && /DurationSeconds/i.test(f.message)) {
    const chained = /role chaining/i.test(f.message);
    return failed(
      "assume-role",
      head,
      chained
        ? `the source credentials are themselves a role session, limited to 3600 s; ` +
            `set duration_seconds = 3600 in ${profileBlock}`
        : `duration_seconds ${s.durationSeconds} is above the role's maximum session duration; ` +
            `lower duration_seconds in ${profileBlock} or raise the role's MaxSessionDuration`,
    );
  }
  if (f.name === "RegionDisabledException") {
    return failed(
      "assume-role",
      head,
      `activate STS in ${input.stsRegion} for account ${s.role.accountId}, ` +
        `or set regional_sts_sts_region in ${profileBlock} to another region`,
    );
  }
  if (f.name === "MfaCode" || f.name === "UserError") {
    const { problem, fix } = problemAndFix(error, "give an MFA code");
    return failed("assume-role", problem, fix);
  }
  const explained = explainStsError(error, {
    profile: s.profile,
    roleArn: s.role.arn,
    region: input.stsRegion,
    host: f.host,
    source,
  });
  const { problem, fix } = problemAndFix(explained, "see the error");
  return failed("assume-role", problem, fix);
}
