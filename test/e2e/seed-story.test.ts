import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { credentialsFile } from "../support/credentials";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_PROFILE } from "../support/hk-profile";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, useE2e } from "./harness";

let e2e: E2e;
const hkRole = (entry: readonly string[], source = "account-a") => `
${ACCOUNT_A_PROFILE}[profile account-c]
region = ap-northeast-1
[profile hk-role]
region = ap-east-1
credential_process = ${entry.map((p) => `"${p}"`).join(" ")} credential-process --profile hk-role
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = ${source}
`;
const credentials = credentialsFile({ "account-a": SEED.alice, "account-c": SEED.carol });
const assumeHosts = () => e2e.fake.log.filter((e) => e.action === "AssumeRole").map((e) => `${e.host} ${e.status}`);

useE2e((e) => (e2e = e));

describe("the seed story", () => {
  needs("aws").it("keys from the global endpoint fail in ap-east-1 with AuthFailure and work in Tokyo", async () => {
    e2e.writeFiles(hkRole(ENTRIES.binary), credentials);
    const assumed = await e2e.run("aws", [
      "sts",
      "assume-role",
      "--profile",
      "account-a",
      "--endpoint-url",
      "https://sts.amazonaws.com",
      "--role-arn",
      SEED.roleKatoaki,
      "--role-session-name",
      "katoaki",
      "--output",
      "json",
    ]);
    expect(assumed.stderr).toBe("");
    const c = JSON.parse(assumed.stdout).Credentials;
    const keys = {
      AWS_ACCESS_KEY_ID: c.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
      AWS_SESSION_TOKEN: c.SessionToken,
    };
    const hk = await e2e.run("aws", ["ec2", "describe-instances", "--region", "ap-east-1"], keys);
    expect(hk.code).toBe(255);
    expect(hk.stderr).toContain(
      "An error occurred (AuthFailure) when calling the DescribeInstances operation: " +
        "AWS was not able to validate the provided access credentials",
    );
    const tokyo = await e2e.run("aws", ["ec2", "describe-instances", "--region", "ap-northeast-1"], keys);
    expect(tokyo.code).toBe(0);
  });

  for (const [name, entry] of Object.entries(ENTRIES)) {
    needs("aws").it(
      `the AWS CLI through regional-sts (${name}) works in ap-east-1, never calling the global endpoint`,
      async () => {
        e2e.writeFiles(hkRole(entry), credentials);
        const first = await e2e.run("aws", [
          "--profile",
          "hk-role",
          "ec2",
          "describe-instances",
          "--region",
          "ap-east-1",
        ]);
        expect(first.stderr).toBe("");
        expect(first.code).toBe(0);
        expect(JSON.parse(first.stdout)).toEqual({ Reservations: [] });
        // Account A has not enabled ap-east-1: its own endpoint refuses A, then A's region answers.
        expect(assumeHosts()).toEqual(["sts.ap-east-1.amazonaws.com 403", "sts.us-east-1.amazonaws.com 200"]);
        const ec2 = e2e.fake.log.filter((l) => l.action === "DescribeInstances");
        expect(ec2.map((l) => [l.host, l.status, l.tokenVersion])).toEqual([["ec2.ap-east-1.amazonaws.com", 200, 2]]);

        const second = await e2e.run("aws", [
          "--profile",
          "hk-role",
          "sts",
          "get-caller-identity",
          "--region",
          "ap-east-1",
        ]);
        expect(second.code).toBe(0);
        expect(JSON.parse(second.stdout).Arn).toMatch(
          /^arn:aws:sts::222222222222:assumed-role\/katoaki\/regional-sts-/,
        );
        expect(e2e.fake.assumeRoleCount()).toBe(2); // served from the cache

        // A cold call remembers that A has not enabled ap-east-1 and goes straight to us-east-1.
        for (const f of readdirSync(e2e.cacheDir)) if (/^[0-9a-f]{40}\.json$/.test(f)) rmSync(join(e2e.cacheDir, f));
        e2e.fake.resetLog();
        const cold = await e2e.run("aws", [
          "--profile",
          "hk-role",
          "ec2",
          "describe-instances",
          "--region",
          "ap-east-1",
        ]);
        expect(cold.code).toBe(0);
        expect(assumeHosts()).toEqual(["sts.us-east-1.amazonaws.com 200"]);
        expect(e2e.fake.log.some((l) => l.host === "sts.amazonaws.com")).toBe(false);
      },
    );
  }

  needs("aws").it("a source account that enabled ap-east-1 assumes the role at sts.ap-east-1 itself", async () => {
    e2e.writeFiles(hkRole(ENTRIES.binary, "account-c"), credentials);
    const result = await e2e.run("aws", ["--profile", "hk-role", "ec2", "describe-instances", "--region", "ap-east-1"]);
    expect(result.code).toBe(0);
    expect(assumeHosts()).toEqual(["sts.ap-east-1.amazonaws.com 200"]);
  });

  it("prints exactly the credential_process document", async () => {
    e2e.writeFiles(hkRole(ENTRIES.binary), credentials);
    const result = await e2e.run(ENTRIES.binary[0], ["credential-process", "--profile", "hk-role"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const issued = e2e.fake.issuedCredentials().at(-1)!;
    const expiration = new Date(issued.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(result.stdout).toBe(
      `${JSON.stringify({
        Version: 1,
        AccessKeyId: issued.accessKeyId,
        SecretAccessKey: issued.secretAccessKey,
        SessionToken: issued.sessionToken,
        Expiration: expiration,
        AccountId: "222222222222",
      })}\n`,
    );
  });
});
