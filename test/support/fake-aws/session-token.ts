/**
 * STS GetSessionToken: an IAM user's long-term keys (plus, optionally, an MFA code) in, a
 * session acting as that user out. https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
 */
import { randomBytes } from "node:crypto";
import type { ActionContext } from "./context.js";
import { Validation } from "./context.js";
import type { Caller, IssuedCredential } from "./model.js";
import { makeSessionToken, randomId } from "./model.js";
import { AwsError, el, queryResponse, STS_NS } from "./xml.js";

/** A role session (AssumeRole's), as opposed to a user's own keys or its GetSessionToken session. */
export function isRoleSession(caller: Caller): boolean {
  return caller.session !== undefined && caller.session.userName === undefined;
}

/** 900 s to 129,600 s (36 h) for IAM users, default 43,200 s (API reference above). */
function readDuration(params: Map<string, string>): number {
  const text = params.get("DurationSeconds");
  const seconds = text === undefined ? 43200 : Number(text);
  const v = new Validation();
  if (text !== undefined) {
    v.check(
      Number.isInteger(seconds) && seconds >= 900,
      "durationSeconds",
      text,
      "Member must have value greater than or equal to 900",
    );
    v.check(seconds <= 129600, "durationSeconds", text, "Member must have value less than or equal to 129600");
  }
  v.text("serialNumber", params.get("SerialNumber"), 9, 256, /[\w+=/:,.@-]*/);
  v.text("tokenCode", params.get("TokenCode"), 6, 6, /[\d]*/);
  v.throwIfAny();
  return seconds;
}

export function getSessionToken(ctx: ActionContext): string {
  const { caller, endpoint, dir } = ctx;
  const durationSeconds = readDuration(ctx.params);
  // Only long-term keys may call it: STS refuses role and session credentials.
  if (caller.session !== undefined || caller.user === undefined) {
    throw new AwsError("AccessDenied", "Cannot call GetSessionToken with session credentials", 403);
  }
  const serial = ctx.params.get("SerialNumber");
  const code = ctx.params.get("TokenCode");
  if (serial !== undefined || code !== undefined) ctx.notes.mfaUsed = true;
  if (serial !== undefined && code !== undefined && dir.mfaCodes.get(serial) !== code) {
    throw new AwsError("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ", 403);
  }
  const tokenVersion: 1 | 2 = endpoint.global ? (caller.account.globalEndpointTokenVersion ?? 1) : 2;
  const cred: IssuedCredential = {
    accessKeyId: randomId("ASIA", 20),
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: makeSessionToken(tokenVersion),
    expiresAt: Math.floor((ctx.nowMs + durationSeconds * 1000) / 1000) * 1000,
    tokenVersion,
    accountId: caller.account.id,
    roleArn: "",
    roleName: caller.user.name,
    roleId: "",
    sessionName: caller.user.name,
    issuedBy: endpoint.host,
    fromRoleSession: false,
    userName: caller.user.name,
    mfaAuthenticated: serial !== undefined && code !== undefined,
  };
  dir.recordIssued(cred);
  ctx.notes.issuedAccessKeyId = cred.accessKeyId;
  ctx.notes.issuedTokenVersion = tokenVersion;
  return queryResponse(
    STS_NS,
    "GetSessionToken",
    [
      "    <Credentials>",
      `      ${el("AccessKeyId", cred.accessKeyId)}`,
      `      ${el("SecretAccessKey", cred.secretAccessKey)}`,
      `      ${el("SessionToken", cred.sessionToken)}`,
      `      ${el("Expiration", new Date(cred.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"))}`,
      "    </Credentials>",
    ].join("\n"),
    ctx.requestId,
  );
}
