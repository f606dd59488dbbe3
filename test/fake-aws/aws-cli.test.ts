import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { credentialsFile } from "../support/credentials.js";
import { type FakeAws, SEED, startFakeAws, tokenVersionOf } from "../support/fake-aws/index.js";
import { needs } from "../support/tools.js";

let fake: FakeAws;
let home: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real AWS CLI v1 with a clean environment pointed at the fake through its proxy. */
function aws(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    ...(process.env["PYENV_ROOT"] ? { PYENV_ROOT: process.env["PYENV_ROOT"] } : {}),
    HOME: home,
    HTTPS_PROXY: fake.proxyUrl ?? "",
    NO_PROXY: "",
    AWS_CA_BUNDLE: fake.caPath,
    AWS_CONFIG_FILE: join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_MAX_ATTEMPTS: "1",
    AWS_PAGER: "",
    ...extraEnv,
  };
  return new Promise((resolve) => {
    execFile("aws", [...args, "--output", "json"], { env, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function keysFrom(run: Run): Record<string, string> {
  expect(run.stderr).toBe("");
  const c = (JSON.parse(run.stdout) as { Credentials: Record<string, string> }).Credentials;
  return {
    AWS_ACCESS_KEY_ID: c["AccessKeyId"] ?? "",
    AWS_SECRET_ACCESS_KEY: c["SecretAccessKey"] ?? "",
    AWS_SESSION_TOKEN: c["SessionToken"] ?? "",
  };
}

beforeAll(async () => {
  fake = await startFakeAws({ listen: false });
  home = await mkdtemp(join(tmpdir(), "fake-aws-cli-"));
  await writeFile(join(home, "config"), "");
  await writeFile(
    join(home, "credentials"),
    credentialsFile({ default: SEED.alice, restricted: SEED.aliceRestricted }),
  );
});
afterAll(async () => {
  await fake.close();
  await rm(home, { recursive: true, force: true });
});

needs("aws").it("reproduces the opt-in region story with the real AWS CLI", async () => {
  const assume = ["sts", "assume-role", "--role-arn", SEED.roleKatoaki, "--role-session-name", "cli"];
  const [viaUrl, viaLegacy, regional] = await Promise.all([
    aws([...assume, "--endpoint-url", "https://sts.amazonaws.com"]),
    aws(assume, { AWS_STS_REGIONAL_ENDPOINTS: "legacy" }),
    aws([...assume, "--region", "ap-northeast-1"]),
  ]);
  const v1 = keysFrom(viaUrl);
  const v2 = keysFrom(regional);
  expect(tokenVersionOf(v1["AWS_SESSION_TOKEN"] ?? "")).toBe(1);
  expect(tokenVersionOf(keysFrom(viaLegacy)["AWS_SESSION_TOKEN"] ?? "")).toBe(1);
  expect(tokenVersionOf(v2["AWS_SESSION_TOKEN"] ?? "")).toBe(2);
  expect(fake.counts().assumeRoleHosts).toEqual({ "sts.amazonaws.com": 2, "sts.ap-northeast-1.amazonaws.com": 1 });

  const describe = (region: string) => ["ec2", "describe-instances", "--region", region];
  const [v1East, v1Tokyo, v2East] = await Promise.all([
    aws(describe("ap-east-1"), v1),
    aws(describe("ap-northeast-1"), v1),
    aws(describe("ap-east-1"), v2),
  ]);
  expect(v1East.code).not.toBe(0);
  expect(v1East.stderr.trim()).toBe(
    "An error occurred (AuthFailure) when calling the DescribeInstances operation: " +
      "AWS was not able to validate the provided access credentials",
  );
  expect([v1Tokyo.code, JSON.parse(v1Tokyo.stdout)]).toEqual([0, { Reservations: [] }]);
  expect([v2East.code, JSON.parse(v2East.stdout)]).toEqual([0, { Reservations: [] }]);
  const ec2 = fake.log.filter((e) => e.service === "ec2").map((e) => [e.host, e.tokenVersion, e.errorCode ?? e.status]);
  expect(ec2).toEqual(
    expect.arrayContaining([
      ["ec2.ap-east-1.amazonaws.com", 1, "AuthFailure"],
      ["ec2.ap-northeast-1.amazonaws.com", 1, 200],
      ["ec2.ap-east-1.amazonaws.com", 2, 200],
    ]),
  );
});

needs("aws").it("answers iam get-account-summary and ec2 describe-regions", async () => {
  const [ok, denied, enabled, all] = await Promise.all([
    aws(["iam", "get-account-summary"]),
    aws(["iam", "get-account-summary", "--profile", "restricted"]),
    aws(["ec2", "describe-regions", "--region", "eu-west-1"]),
    aws(["ec2", "describe-regions", "--all-regions", "--region", "eu-west-1"]),
  ]);
  type Regions = { Regions: { RegionName: string; Endpoint: string; OptInStatus: string }[] };
  const names = (r: Run) => (JSON.parse(r.stdout) as Regions).Regions.map((x) => x.RegionName);
  expect(names(enabled)).toContain("eu-west-1");
  expect(names(enabled)).not.toContain("ap-east-1");
  expect((JSON.parse(all.stdout) as Regions).Regions.find((x) => x.RegionName === "ap-east-1")).toEqual({
    RegionName: "ap-east-1",
    Endpoint: "ec2.ap-east-1.amazonaws.com",
    OptInStatus: "not-opted-in",
  });
  const summary = (JSON.parse(ok.stdout) as { SummaryMap: Record<string, number> }).SummaryMap;
  expect(summary["GlobalEndpointTokenVersion"]).toBe(1);
  expect(denied.stderr.trim()).toBe(
    "An error occurred (AccessDenied) when calling the GetAccountSummary operation: " +
      "User: arn:aws:iam::111111111111:user/alice-restricted is not authorized to perform: " +
      "iam:GetAccountSummary on resource: *",
  );
  expect(fake.log.filter((e) => e.host === "iam.amazonaws.com").length).toBe(2);
});
