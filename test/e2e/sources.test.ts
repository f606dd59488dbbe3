import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_PROFILE } from "../support/hk-profile";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, useE2e } from "./harness";

const BIN = ENTRIES.binary[0];
const SSO_TOKEN = "sso-bearer-token-for-tests";
const ARN = (role: string) => `arn:aws:sts::222222222222:assumed-role/${role}/regional-sts-tester`;
let e2e: E2e;

/** A profile served by regional-sts: the AWS CLI runs the binary for it. */
const served = (name: string, role: string, source?: string) => `
[profile ${name}]
region = ap-east-1
credential_process = "${BIN}" credential-process --profile ${name}
regional_sts_role_arn = ${role}
${source ? `regional_sts_source_profile = ${source}` : ""}
`;

useE2e((e) => (e2e = e));
beforeAll(() => {
  // Another tool's credential_process, printing account A's static keys.
  const tool = join(e2e.home, "other-tool");
  const keys = JSON.stringify({
    Version: 1,
    AccessKeyId: SEED.alice.accessKeyId,
    SecretAccessKey: SEED.alice.secretAccessKey,
  });
  writeFileSync(tool, `#!/bin/sh\nprintf '%s' '${keys}'\n`);
  chmodSync(tool, 0o755);
  // What `aws sso login` leaves behind for an sso-session named corp.
  const ssoCache = join(e2e.home, ".aws", "sso", "cache");
  mkdirSync(ssoCache, { recursive: true });
  writeFileSync(
    join(ssoCache, `${createHash("sha1").update("corp").digest("hex")}.json`),
    JSON.stringify({
      startUrl: "https://corp.awsapps.com/start",
      region: "us-east-1",
      accessToken: SSO_TOKEN,
      expiresAt: "2099-01-01T00:00:00Z",
    }),
  );
  e2e.fake.addSsoToken(SSO_TOKEN, { accountId: SEED.accountA, roleName: "Developer" });
  e2e.writeFiles(
    `
${ACCOUNT_A_PROFILE}[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
[profile sso-dev]
sso_session = corp
sso_account_id = ${SEED.accountA}
sso_role_name = Developer
region = us-east-1
[profile other-tool]
credential_process = ${tool}
${served("from-static", SEED.roleKatoaki, "account-a")}
${served("from-sso", SEED.roleKatoaki, "sso-dev")}
${served("from-tool", SEED.roleKatoaki, "other-tool")}
${served("chained", SEED.roleLong, "from-static")}
${served("from-default-chain", SEED.roleKatoaki)}
${served("loop-a", SEED.roleKatoaki, "loop-b")}
${served("loop-b", SEED.roleKatoaki, "loop-a")}
`,
    ACCOUNT_A_CREDENTIALS,
  );
});

const whoAmI = (profile: string, env: Record<string, string> = {}) =>
  e2e.run(
    "aws",
    ["--profile", profile, "sts", "get-caller-identity", "--region", "ap-east-1", "--query", "Arn", "--output", "text"],
    { USER: "tester", ...env },
  );
/** The key that signed each successful AssumeRole, and the role it asked for. */
const assumedWith = () =>
  e2e.fake.log
    .filter((l) => l.action === "AssumeRole" && l.status === 200)
    .map((l) => `${l.accessKeyId} -> ${l.roleArn}`);

describe("source credentials of every kind", () => {
  needs("aws").it("static keys in the credentials file", async () => {
    const result = await whoAmI("from-static");
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${ARN("katoaki")}\n`, ""]);
    expect(assumedWith()).toEqual([`${SEED.alice.accessKeyId} -> ${SEED.roleKatoaki}`]);
  });

  needs("aws").it("SSO: the token from ~/.aws/sso/cache fetches role credentials from the portal", async () => {
    const result = await whoAmI("from-sso");
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${ARN("katoaki")}\n`, ""]);
    const portal = e2e.fake.log.filter((l) => l.action === "GetRoleCredentials");
    expect(portal.map((l) => `${l.host} ${l.status}`)).toEqual(["portal.sso.us-east-1.amazonaws.com 200"]);
    expect(assumedWith()).toEqual([`${portal[0]!.issuedAccessKeyId} -> ${SEED.roleKatoaki}`]);
  });

  it("SSO refused by the portal: one line naming the source profile", async () => {
    e2e.fake.addSsoToken(SSO_TOKEN, { accountId: SEED.accountA, roleName: "SomeoneElse" });
    try {
      const result = await e2e.run(BIN, ["credential-process", "--profile", "from-sso"]);
      expect([result.code, result.stdout]).toEqual([1, ""]);
      expect(result.stderr).toBe(
        "regional-sts: profile from-sso: no source credentials from source profile sso-dev: ForbiddenException: " +
          "No access; check [profile sso-dev] has working credentials\n",
      );
    } finally {
      e2e.fake.addSsoToken(SSO_TOKEN, { accountId: SEED.accountA, roleName: "Developer" });
    }
  });

  needs("aws").it("another tool's credential_process", async () => {
    const result = await whoAmI("from-tool");
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${ARN("katoaki")}\n`, ""]);
    expect(assumedWith()).toEqual([`${SEED.alice.accessKeyId} -> ${SEED.roleKatoaki}`]);
  });

  needs("aws").it(
    "another regional-sts profile: role chaining, the inner profile cached for its own callers",
    async () => {
      const result = await whoAmI("chained");
      expect([result.code, result.stdout, result.stderr]).toEqual([0, `${ARN("long-session")}\n`, ""]);
      const inner = e2e.fake
        .issuedCredentials()
        .filter((c) => c.roleArn === SEED.roleKatoaki)
        .at(-1)!;
      expect(assumedWith()).toEqual([
        `${SEED.alice.accessKeyId} -> ${SEED.roleKatoaki}`,
        `${inner.accessKeyId} -> ${SEED.roleLong}`,
      ]);
      const again = await whoAmI("from-static");
      expect(again.code).toBe(0);
      expect(assumedWith()).toHaveLength(2);
    },
  );

  needs("aws").it("no source profile: the default chain, here environment variables", async () => {
    const result = await whoAmI("from-default-chain", {
      AWS_ACCESS_KEY_ID: SEED.carol.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SEED.carol.secretAccessKey,
    });
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${ARN("katoaki")}\n`, ""]);
    expect(assumedWith()).toEqual([`${SEED.carol.accessKeyId} -> ${SEED.roleKatoaki}`]);
  });

  it("a cycle of source profiles is refused at once", async () => {
    const result = await e2e.run(BIN, ["credential-process", "--profile", "loop-a"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      "",
      "regional-sts: source profile cycle: loop-a -> loop-b -> loop-a; " +
        "point regional_sts_source_profile of loop-b at a profile with its own credentials\n",
    ]);
    expect(e2e.fake.log).toEqual([]);
  });
});
