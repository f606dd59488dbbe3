import { expect, it } from "vitest";
import { ACCOUNT_A_CREDENTIALS, hkConfig } from "../support/hk-profile";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, ROOT, useE2e } from "./harness";

let e2e: E2e;
useE2e(
  (e) => (e2e = e),
  () => [hkConfig(ENTRIES.binary[0]), ACCOUNT_A_CREDENTIALS],
);

needs("boto3").it("boto3 reads the helper's output and calls EC2 in ap-east-1", async () => {
  const script = `
import boto3
ec2 = boto3.Session(profile_name="hk-role").client("ec2", region_name="ap-east-1")
print(len(ec2.describe_instances()["Reservations"]))
print(boto3.Session(profile_name="hk-role").client("sts", region_name="ap-east-1").get_caller_identity()["Account"])
`;
  const result = await e2e.run("python3", ["-c", script]);
  expect(result.stderr).toBe("");
  expect(result.stdout).toBe("0\n222222222222\n");
  expect(e2e.fake.assumeRoleCount({ ok: true })).toBe(1);
});

it("the JS SDK's fromIni runs the helper and calls STS in ap-east-1", async () => {
  const script = `
const { fromIni } = require("@aws-sdk/credential-providers");
const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
const client = new STSClient({ region: "ap-east-1", credentials: fromIni({ profile: "hk-role" }) });
client.send(new GetCallerIdentityCommand({})).then((r) => console.log(r.Account, r.Arn.split("/")[1]));
`;
  const result = await e2e.run(process.execPath, ["-e", script], {
    NODE_PATH: `${ROOT}/node_modules`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
  expect(result.stderr).toBe("");
  expect(result.stdout).toBe("222222222222 katoaki\n");
  const calls = e2e.fake.log.filter((l) => l.action === "GetCallerIdentity");
  expect(calls.map((l) => [l.host, l.tokenVersion, l.status])).toEqual([["sts.ap-east-1.amazonaws.com", 2, 200]]);
});

for (const [name, entry] of Object.entries(ENTRIES)) {
  it(`20 concurrent cold callers (${name}) make exactly one AssumeRole and all get the same credentials`, async () => {
    e2e.fake.setDelayMs(100);
    try {
      const runs = await Promise.all(
        Array.from({ length: 20 }, () =>
          e2e.run(entry[0], [
            ...entry.slice(1),
            "credential-process",
            "--profile",
            "hk-role",
            "--sts-region",
            "us-east-1",
          ]),
        ),
      );
      for (const r of runs) expect([r.code, r.stderr]).toEqual([0, ""]);
      expect(new Set(runs.map((r) => JSON.parse(r.stdout).AccessKeyId)).size).toBe(1);
      e2e.expectOneAssumeRole();
    } finally {
      e2e.fake.setDelayMs(0);
    }
  });
}
