/** EC2 actions: DescribeInstances and DescribeRegions (EC2 XML dialect). */
import type { ActionContext } from "./context.js";
import { ALL_REGIONS, isOptInRegion, partitionOf } from "./regions.js";
import { AwsError, ec2Response, el } from "./xml.js";

export function handleEc2(ctx: ActionContext): string {
  switch (ctx.action) {
    case "DescribeInstances":
      return ec2Response("DescribeInstances", "    <reservationSet/>", ctx.requestId);
    case "DescribeRegions":
      return describeRegions(ctx);
    default:
      throw new AwsError("InvalidAction", `The action ${ctx.action} is not valid for this web service.`, 400);
  }
}

function describeRegions(ctx: ActionContext): string {
  const all = ctx.params.get("AllRegions") === "true";
  const enabled = ctx.caller.account.enabledOptInRegions ?? [];
  const suffix = ctx.endpoint.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  const items: string[] = [];
  for (const r of ALL_REGIONS) {
    if (partitionOf(r) !== ctx.endpoint.partition) continue;
    const status = !isOptInRegion(r) ? "opt-in-not-required" : enabled.includes(r) ? "opted-in" : "not-opted-in";
    if (!all && status === "not-opted-in") continue;
    items.push(
      `        <item>\n            ${el("regionName", r)}\n            ` +
        `${el("regionEndpoint", `ec2.${r}.${suffix}`)}\n` +
        `            ${el("optInStatus", status)}\n        </item>`,
    );
  }
  return ec2Response("DescribeRegions", `    <regionInfo>\n${items.join("\n")}\n    </regionInfo>`, ctx.requestId);
}
