/**
 * The IAM Identity Center (SSO) portal: GetRoleCredentials at portal.sso.{region}.amazonaws.com,
 * authorised by the bearer token the SDK reads from ~/.aws/sso/cache. Grants are registered with
 * FakeAwsControls.addSsoToken; the credentials it hands out are role sessions STS accepts.
 */

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeState } from "./handler.js";
import type { LogEntry } from "./log.js";
import { makeSessionToken, randomId, stableId } from "./model.js";

export interface SsoGrant {
  accountId: string;
  roleName: string;
}

const PORTAL = /^portal\.sso\.([a-z0-9-]+)\.amazonaws\.com$/;

export function isSsoPortalHost(host: string): boolean {
  return PORTAL.test(host);
}

function reply(res: ServerResponse, status: number, body: object, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...(errorType ? { "x-amzn-ErrorType": errorType } : {}),
  });
  res.end(text);
}

/** GET /federation/credentials?role_name=R&account_id=A with header x-amz-sso_bearer_token. */
export function handleSsoPortal(
  state: FakeState,
  req: IncomingMessage,
  res: ServerResponse,
  entry: Omit<LogEntry, "seq">,
): void {
  const url = new URL(req.url ?? "/", `https://${entry.host}`);
  const region = PORTAL.exec(entry.host)?.[1] ?? "";
  const base = { ...entry, service: "sso", region, action: "GetRoleCredentials" };
  const token = String(req.headers["x-amz-sso_bearer_token"] ?? "");
  const grant = state.dir.ssoTokens.get(token);
  const roleName = url.searchParams.get("role_name") ?? "";
  const accountId = url.searchParams.get("account_id") ?? "";
  if (url.pathname !== "/federation/credentials" || req.method !== "GET") {
    state.log.add({ ...base, status: 404, errorCode: "NotFound" });
    reply(res, 404, { message: "Not found" }, "ResourceNotFoundException");
    return;
  }
  if (!grant) {
    state.log.add({ ...base, status: 401, errorCode: "UnauthorizedException" });
    reply(res, 401, { message: "Session token not found or invalid" }, "UnauthorizedException");
    return;
  }
  if (grant.accountId !== accountId || grant.roleName !== roleName || !state.dir.accounts.has(accountId)) {
    state.log.add({ ...base, status: 403, errorCode: "ForbiddenException" });
    reply(res, 403, { message: "No access" }, "ForbiddenException");
    return;
  }
  const nowMs = Date.now() + state.clockOffsetMs;
  const roleArn =
    `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/` + `AWSReservedSSO_${roleName}_0123456789abcdef`;
  const cred = {
    accessKeyId: randomId("ASIA", 20),
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: makeSessionToken(2),
    expiresAt: Math.floor((nowMs + 3600_000) / 1000) * 1000,
    tokenVersion: 2 as const,
    accountId,
    roleArn,
    roleName: `AWSReservedSSO_${roleName}_0123456789abcdef`,
    roleId: stableId("AROA", roleArn),
    sessionName: "sso-user",
    issuedBy: entry.host,
    fromRoleSession: false,
  };
  state.dir.recordIssued(cred);
  state.log.add({ ...base, status: 200, issuedAccessKeyId: cred.accessKeyId, issuedTokenVersion: 2 });
  reply(res, 200, {
    roleCredentials: {
      accessKeyId: cred.accessKeyId,
      secretAccessKey: cred.secretAccessKey,
      sessionToken: cred.sessionToken,
      expiration: cred.expiresAt,
    },
  });
}
