import { describe, expect, it } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, hkConfig } from "../support/hk-profile";
import { type E2e, ENTRIES, useE2e } from "./harness";

const BIN = ENTRIES.binary[0];
let e2e: E2e;

const config = () => `${hkConfig(BIN)}
[profile old-role]
region = eu-west-1
role_arn = ${SEED.roleKatoaki}
source_profile = account-a

[profile admin]
region = eu-west-1
regional_sts_role_arn = ${SEED.roleMfaAdmin}
regional_sts_source_profile = account-a
mfa_serial = ${SEED.mfaSerial}
regional_sts_mfa_process = printf ${SEED.mfaCode}

[profile broken]
regional_sts_role_arn = not-an-arn
region = eu-west-1

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
`;

useE2e(
  (e) => (e2e = e),
  () => [config(), ACCOUNT_A_CREDENTIALS],
);

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

describe("list", () => {
  it("one line per profile: served or convertible, region, role, cache state and MFA session", async () => {
    expect((await e2e.run(BIN, ["credential-process", "--profile", "admin"])).code).toBe(0);
    const [role, session] = [
      e2e.fake.issuedCredentials().find((c) => c.roleName === "mfa-admin")!,
      e2e.fake.issuedCredentials().find((c) => c.userName === "alice")!,
    ];
    const result = await e2e.run(BIN, ["list"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toBe(
      [
        "PROFILE    SERVED        REGION     ROLE                                      CACHE",
        "account-a  no            us-east-1  -                                         none",
        `admin      regional-sts  eu-west-1  ${SEED.roleMfaAdmin}  valid until ${iso(role.expiresAt)}; ` +
          `MFA session until ${iso(session.expiresAt)}`,
        `broken     regional-sts  eu-west-1  not-an-arn                                invalid: ` +
          `regional_sts_role_arn in profile broken: "not-an-arn" is not an IAM role ARN; ` +
          `use arn:aws:iam::123456789012:role/NAME`,
        `hk-role    regional-sts  ap-east-1  ${SEED.roleKatoaki}    none`,
        `old-role   convertible   eu-west-1  ${SEED.roleKatoaki}    none`,
        "",
      ].join("\n"),
    );
  });

  it("--json for scripts, never a secret", async () => {
    expect((await e2e.run(BIN, ["credential-process", "--profile", "hk-role"])).code).toBe(0);
    const issued = e2e.fake.issuedCredentials().at(-1)!;
    const result = await e2e.run(BIN, ["list", "--json"]);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { profile: string }[];
    expect(rows.map((r) => r.profile)).toEqual(["account-a", "admin", "broken", "hk-role", "old-role"]);
    expect(rows.find((r) => r.profile === "hk-role")).toEqual({
      profile: "hk-role",
      served: "regional-sts",
      region: "ap-east-1",
      roleArn: SEED.roleKatoaki,
      cache: { state: "valid", expiration: iso(issued.expiresAt) },
    });
    expect(rows.find((r) => r.profile === "old-role")).toEqual({
      profile: "old-role",
      served: "convertible",
      region: "eu-west-1",
      roleArn: SEED.roleKatoaki,
      cache: { state: "none" },
    });
    for (const secret of [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken, SEED.alice.secretAccessKey])
      expect(result.stdout).not.toContain(secret);
  });
});
