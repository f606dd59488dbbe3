/** STS actions: AssumeRole, GetSessionToken and GetCallerIdentity. */
import { randomBytes } from "node:crypto";
import type { ActionContext } from "./context.js";
import type { AccountConfig, IssuedCredential, ParsedRoleArn, RoleConfig } from "./model.js";
import { makeSessionToken, parseRoleArn, partitionOfAccount, randomId, stableId } from "./model.js";
import { isOptInRegion } from "./regions.js";
import { getSessionToken, isRoleSession } from "./session-token.js";
import { type AssumeRoleInput, readAssumeRoleInput } from "./sts-input.js";
import { AwsError, el, queryResponse, STS_NS } from "./xml.js";

export function handleSts(ctx: ActionContext): string {
  switch (ctx.action) {
    case "AssumeRole":
      return assumeRole(ctx);
    case "GetSessionToken":
      return getSessionToken(ctx);
    case "GetCallerIdentity":
      return queryResponse(
        STS_NS,
        "GetCallerIdentity",
        [
          `    ${el("Arn", ctx.caller.arn)}`,
          `    ${el("UserId", ctx.caller.userId)}`,
          `    ${el("Account", ctx.caller.account.id)}`,
        ].join("\n"),
        ctx.requestId,
      );
    default:
      throw new AwsError("InvalidAction", `Could not find operation ${ctx.action} for version 2011-06-15`, 400);
  }
}

interface Target {
  role: RoleConfig;
  arn: ParsedRoleArn;
  account: AccountConfig;
}

/** Trust policy, external id, MFA: every refusal looks the same, as in STS. */
function authorize(ctx: ActionContext, input: AssumeRoleInput): Target {
  const { caller, dir, endpoint } = ctx;
  const denied = new AwsError(
    "AccessDenied",
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.roleArn}`,
    403,
  );
  const role = dir.roles.get(input.roleArn);
  const arn = parseRoleArn(input.roleArn);
  const account = arn ? dir.accounts.get(arn.account) : undefined;
  if (
    !role ||
    !arn ||
    !account ||
    arn.partition !== endpoint.partition ||
    partitionOfAccount(account) !== endpoint.partition ||
    !role.trustedAccounts.includes(caller.account.id)
  )
    throw denied;
  if (role.externalId !== undefined && input.externalId !== role.externalId) throw denied;
  const { serialNumber: serial, tokenCode: code } = input;
  if (serial !== undefined || code !== undefined) ctx.notes.mfaUsed = true;
  // Credentials from GetSessionToken with a code carry the MFA context themselves.
  const mfaPresent = (serial !== undefined && code !== undefined) || caller.session?.mfaAuthenticated === true;
  if (role.mfaRequired && !mfaPresent) throw denied;
  if (serial !== undefined && code !== undefined && dir.mfaCodes.get(serial) !== code) {
    throw new AwsError("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ", 403);
  }
  return { role, arn, account };
}

/** Regional activation and session-length limits. */
function checkLimits(ctx: ActionContext, input: AssumeRoleInput, t: Target): void {
  const { endpoint } = ctx;
  const stsOff =
    (t.account.stsDisabledRegions ?? []).includes(endpoint.region) ||
    (isOptInRegion(endpoint.region) && !(t.account.enabledOptInRegions ?? []).includes(endpoint.region));
  if (!endpoint.global && stsOff) {
    throw new AwsError(
      "RegionDisabledException",
      `STS is not activated in this region for account:${t.account.id}. ` +
        "Your account administrator can activate STS in this region using the IAM Console.",
      403,
    );
  }
  if (isRoleSession(ctx.caller) && input.durationSeconds > 3600) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
      400,
    );
  }
  if (input.durationSeconds > (t.role.maxSessionDurationSeconds ?? 3600)) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      400,
    );
  }
}

function issue(ctx: ActionContext, input: AssumeRoleInput, t: Target): IssuedCredential {
  const { caller, endpoint } = ctx;
  const sourceIdentity = input.sourceIdentity ?? caller.session?.sourceIdentity;
  // The global endpoint issues v1 tokens unless the calling account opted into v2.
  const tokenVersion: 1 | 2 = endpoint.global ? (caller.account.globalEndpointTokenVersion ?? 1) : 2;
  const cred: IssuedCredential = {
    accessKeyId: randomId("ASIA", 20),
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: makeSessionToken(tokenVersion),
    expiresAt: Math.floor((ctx.nowMs + input.durationSeconds * 1000) / 1000) * 1000,
    tokenVersion,
    accountId: t.account.id,
    roleArn: input.roleArn,
    roleName: t.arn.name,
    roleId: stableId("AROA", input.roleArn),
    sessionName: input.sessionName,
    issuedBy: endpoint.host,
    fromRoleSession: isRoleSession(caller),
    assumedWithSession: caller.session !== undefined,
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
  };
  ctx.dir.recordIssued(cred);
  ctx.notes.issuedAccessKeyId = cred.accessKeyId;
  ctx.notes.issuedTokenVersion = tokenVersion;
  return cred;
}

function render(ctx: ActionContext, cred: IssuedCredential, t: Target): string {
  const assumedArn = `arn:${t.arn.partition}:sts::${t.account.id}:assumed-role/${t.arn.name}/${cred.sessionName}`;
  const expiration = new Date(cred.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z");
  return queryResponse(
    STS_NS,
    "AssumeRole",
    [
      "    <Credentials>",
      `      ${el("AccessKeyId", cred.accessKeyId)}`,
      `      ${el("SecretAccessKey", cred.secretAccessKey)}`,
      `      ${el("SessionToken", cred.sessionToken)}`,
      `      ${el("Expiration", expiration)}`,
      "    </Credentials>",
      "    <AssumedRoleUser>",
      `      ${el("AssumedRoleId", `${cred.roleId}:${cred.sessionName}`)}`,
      `      ${el("Arn", assumedArn)}`,
      "    </AssumedRoleUser>",
      ...(cred.sourceIdentity === undefined ? [] : [`    ${el("SourceIdentity", cred.sourceIdentity)}`]),
    ].join("\n"),
    ctx.requestId,
  );
}

function assumeRole(ctx: ActionContext): string {
  const input = readAssumeRoleInput(ctx.params);
  ctx.notes.roleArn = input.roleArn;
  const target = authorize(ctx, input);
  checkLimits(ctx, input, target);
  return render(ctx, issue(ctx, input, target), target);
}
