import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { SEED } from "../support/fake-aws/index";
import { E2e, ENTRIES, useE2e } from "./harness";

let e2e: E2e;
useE2e((e) => (e2e = e));

const start = `# mine\r\n[default]\r\nregion = us-east-1\r\n\r\n[profile account-a]\r\nregion = us-east-1\r\n[profile old-role]\r\nrole_arn = ${SEED.roleKatoaki}\r\nsource_profile = account-a\r\nregion = ap-east-1\r\n`;
const credentials = `[account-a]\naws_access_key_id = ${SEED.alice.accessKeyId}\naws_secret_access_key = ${SEED.alice.secretAccessKey}\n`;

describe("configure, then the real AWS CLI", () => {
  it("the old role profile fails in ap-east-1 (A has not enabled it); the converted one works, and doctor agrees", async () => {
    e2e.writeFiles(start, credentials);
    // AWS CLI v2 assumes old-role itself at sts.ap-east-1, which refuses account A.
    const before = await e2e.run("aws", ["--profile", "old-role", "ec2", "describe-instances", "--region", "ap-east-1"]);
    expect(before.code).toBe(255);
    expect(before.stderr).toContain("An error occurred (InvalidClientTokenId) when calling the AssumeRole operation");

    const r = await e2e.run(ENTRIES.binary[0], ["configure", "hk-role", "--from-profile", "old-role"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const text = readFileSync(e2e.configFile, "utf8");
    expect(text).toBe(`${start}\r\n[profile hk-role]\r\nregion = ap-east-1\r\ncredential_process = ${ENTRIES.binary[0]} credential-process --profile hk-role\r\n` +
      `regional_sts_role_arn = ${SEED.roleKatoaki}\r\nregional_sts_source_profile = account-a\r\n`);

    const after = await e2e.run("aws", ["--profile", "hk-role", "ec2", "describe-instances", "--region", "ap-east-1"]);
    expect(after.stderr).toBe("");
    expect(after.code).toBe(0);
    const doctor = await e2e.run(ENTRIES.binary[0], ["doctor", "--profile", "hk-role"]);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain("passed  credential-process: calls regional-sts credential-process --profile hk-role\n");
  });
});
