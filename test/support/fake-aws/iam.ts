/** IAM actions: GetAccountSummary and SetSecurityTokenServicePreferences. */
import type { ActionContext } from "./context.js";
import { AwsError, el, esc, IAM_NS, queryResponse } from "./xml.js";

export function handleIam(ctx: ActionContext): string {
  switch (ctx.action) {
    case "GetAccountSummary":
      return getAccountSummary(ctx);
    case "SetSecurityTokenServicePreferences":
      return setPreferences(ctx);
    default:
      throw new AwsError("InvalidAction", `Could not find operation ${ctx.action} for version 2010-05-08`, 400);
  }
}

function denyUnless(ctx: ActionContext, allowed: boolean): void {
  if (!allowed) {
    throw new AwsError(
      "AccessDenied",
      `User: ${ctx.caller.arn} is not authorized to perform: iam:${ctx.action} on resource: *`,
      403,
    );
  }
}

function getAccountSummary(ctx: ActionContext): string {
  denyUnless(ctx, ctx.caller.user?.denyGetAccountSummary !== true);
  const account = ctx.caller.account;
  const roles = [...ctx.dir.roles.keys()].filter((arn) => arn.split(":")[4] === account.id).length;
  const summary: Record<string, number> = {
    Users: (account.users ?? []).length,
    Groups: 0,
    Roles: roles,
    Policies: 0,
    MFADevices: 0,
    MFADevicesInUse: 0,
    AccountMFAEnabled: 0,
    AccountAccessKeysPresent: 0,
    AccountSigningCertificatesPresent: 0,
    GlobalEndpointTokenVersion: account.globalEndpointTokenVersion ?? 1,
    UsersQuota: 5000,
    RolesQuota: 1000,
  };
  const entries = Object.entries(summary).map(
    ([k, n]) => `      <entry>\n        <key>${esc(k)}</key>\n        <value>${n}</value>\n      </entry>`,
  );
  return queryResponse(
    IAM_NS,
    "GetAccountSummary",
    `    <SummaryMap>\n${entries.join("\n")}\n    </SummaryMap>`,
    ctx.requestId,
  );
}

function setPreferences(ctx: ActionContext): string {
  denyUnless(ctx, ctx.caller.kind === "user");
  const wanted = ctx.params.get("GlobalEndpointTokenVersion");
  if (wanted !== "v1Token" && wanted !== "v2Token") {
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value ${wanted === undefined ? "null" : `'${wanted}'`}` +
        " at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must satisfy enum value set: " +
        "[v1Token, v2Token]",
      400,
    );
  }
  ctx.caller.account.globalEndpointTokenVersion = wanted === "v2Token" ? 2 : 1;
  return (
    `<SetSecurityTokenServicePreferencesResponse xmlns="${IAM_NS}">\n  <ResponseMetadata>\n` +
    `    ${el("RequestId", ctx.requestId)}\n  </ResponseMetadata>\n</SetSecurityTokenServicePreferencesResponse>\n`
  );
}
