import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_PROFILE } from "../support/hk-profile";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, useE2e } from "./harness";

const BIN = ENTRIES.binary[0];
let e2e: E2e;
let logDir: string;

/** Two roles behind account A's static keys and one MFA device; the code comes from a process that logs each ask. */
const config = (log: string, extra = "") => `
${ACCOUNT_A_PROFILE}[profile admin]
region = eu-west-1
regional_sts_role_arn = ${SEED.roleMfaAdmin}
regional_sts_source_profile = account-a
mfa_serial = ${SEED.mfaSerial}
regional_sts_mfa_process = echo asked >> ${log}; printf ${SEED.mfaCode}
${extra}
[profile ops]
region = eu-west-1
regional_sts_role_arn = ${SEED.roleMfaOps}
regional_sts_source_profile = account-a
mfa_serial = ${SEED.mfaSerial}
regional_sts_mfa_process = echo asked >> ${log}; printf ${SEED.mfaCode}

[profile hop]
region = eu-west-1
role_arn = ${SEED.roleKatoaki}
source_profile = account-a

[profile chained]
region = eu-west-1
regional_sts_role_arn = ${SEED.roleMfaAdmin}
regional_sts_source_profile = hop
mfa_serial = ${SEED.mfaSerial}
regional_sts_mfa_process = echo asked >> ${log}; printf ${SEED.mfaCode}
`;
const asked = (log: string) => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0);
const stsCalls = () =>
  e2e.fake.log
    .filter((l) => l.service === "sts")
    .map((l) => `${l.action} ${l.roleArn ?? "-"} ${l.status} mfa=${l.mfaUsed === true}`);
const ok = (action: string) => e2e.fake.log.filter((l) => l.action === action && l.status === 200).length;

useE2e((e) => (e2e = e));
beforeAll(() => {
  logDir = mkdtempSync(join(e2e.home, "mfa-session-"));
});
beforeEach(() => e2e.fake.setMfaCode(SEED.mfaSerial, SEED.mfaCode));

describe("one MFA prompt across roles (GetSessionToken)", () => {
  needs("setsid").it(
    "ten parallel callers of two roles: one code asked, one GetSessionToken at a regional endpoint, " +
      "one AssumeRole per role, no code sent to AssumeRole",
    async () => {
      const log = join(logDir, "ten.log");
      e2e.writeFiles(config(log), ACCOUNT_A_CREDENTIALS);
      const runs = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          e2e.run("setsid", ["--wait", BIN, "credential-process", "--profile", i % 2 ? "ops" : "admin"]),
        ),
      );
      expect(runs.map((r) => [r.code, r.stderr])).toEqual(Array.from({ length: 10 }, () => [0, ""]));
      expect(asked(log)).toBe(1);
      expect(ok("GetSessionToken")).toBe(1);
      expect(e2e.fake.log.filter((l) => l.action === "GetSessionToken").map((l) => l.host)).toEqual([
        "sts.eu-west-1.amazonaws.com",
      ]);
      expect(stsCalls().sort()).toEqual([
        `AssumeRole ${SEED.roleMfaAdmin} 200 mfa=false`,
        `AssumeRole ${SEED.roleMfaOps} 200 mfa=false`,
        "GetSessionToken - 200 mfa=true",
      ]);
      const keys = (profile: "admin" | "ops") =>
        new Set(
          runs.filter((_, i) => (i % 2 ? "ops" : "admin") === profile).map((r) => JSON.parse(r.stdout).AccessKeyId),
        );
      expect([keys("admin").size, keys("ops").size]).toEqual([1, 1]);
      // The role sessions were assumed with the MFA session, not with the static keys.
      const session = e2e.fake
        .issuedCredentials()
        .filter((c) => c.userName === "alice")
        .at(-1)!;
      expect(session.mfaAuthenticated).toBe(true);
      expect(e2e.fake.log.filter((l) => l.action === "AssumeRole").map((l) => l.accessKeyId)).toEqual([
        session.accessKeyId,
        session.accessKeyId,
      ]);
    },
  );

  it("a later call of another role reuses the cached MFA session: no second prompt", async () => {
    const log = join(logDir, "later.log");
    e2e.writeFiles(config(log), ACCOUNT_A_CREDENTIALS);
    expect((await e2e.run(BIN, ["credential-process", "--profile", "admin"])).code).toBe(0);
    expect((await e2e.run(BIN, ["credential-process", "--profile", "ops"])).code).toBe(0);
    expect(asked(log)).toBe(1);
    expect(ok("GetSessionToken")).toBe(1);
    expect(ok("AssumeRole")).toBe(2);
  });

  it("cache list shows the MFA session without secrets; cache clear removes it", async () => {
    const log = join(logDir, "list.log");
    e2e.writeFiles(config(log), ACCOUNT_A_CREDENTIALS);
    expect((await e2e.run(BIN, ["credential-process", "--profile", "admin"])).code).toBe(0);
    const session = e2e.fake
      .issuedCredentials()
      .filter((c) => c.userName === "alice")
      .at(-1)!;
    const expiration = new Date(session.expiresAt).toISOString().replace(".000Z", "Z");
    const json = await e2e.run(BIN, ["cache", "list", "--json"]);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as Record<string, string>[];
    expect(listed.find((e) => e.kind === "mfa-session")).toEqual({
      kind: "mfa-session",
      sourceProfile: "account-a",
      mfaSerial: SEED.mfaSerial,
      stsRegion: "eu-west-1",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expiration,
    });
    // 12 hours by default (GetSessionToken's own default).
    expect(session.expiresAt - Date.parse(listed.find((e) => e.kind === "mfa-session")!.createdAt!)).toBeGreaterThan(
      43200_000 - 5_000,
    );
    const text = await e2e.run(BIN, ["cache", "list"]);
    expect(text.stdout).toMatch(
      new RegExp(`^account-a +MFA session ${SEED.mfaSerial} +eu-west-1 +${expiration} +11h5\\dm$`, "m"),
    );
    for (const secret of [session.accessKeyId, session.secretAccessKey, session.sessionToken]) {
      expect(json.stdout + text.stdout).not.toContain(secret);
    }
    const cleared = await e2e.run(BIN, ["cache", "clear"]);
    expect([cleared.code, cleared.stdout]).toEqual([
      0,
      `removed 1 cached entry and 1 MFA session from ${e2e.cacheDir}\n`,
    ]);
    expect(readdirSync(e2e.cacheDir).filter((f) => f.startsWith("mfa-"))).toEqual([]);
  });

  it(
    "regional_sts_mfa_session_seconds sets the session's length; " +
      "a value beyond GetSessionToken's limit is refused by name",
    async () => {
      const log = join(logDir, "seconds.log");
      e2e.writeFiles(config(log, "regional_sts_mfa_session_seconds = 3600"), ACCOUNT_A_CREDENTIALS);
      expect((await e2e.run(BIN, ["credential-process", "--profile", "admin"])).code).toBe(0);
      const session = e2e.fake
        .issuedCredentials()
        .find((c) => c.userName === "alice" && c.expiresAt < Date.now() + 3700_000)!;
      expect(session.expiresAt).toBeGreaterThan(Date.now() + 3500_000);

      e2e.clearCache();
      e2e.writeFiles(config(log, "regional_sts_mfa_session_seconds = 200000"), ACCOUNT_A_CREDENTIALS);
      const refused = await e2e.run(BIN, ["credential-process", "--profile", "admin"]);
      expect([refused.code, refused.stdout, refused.stderr]).toEqual([
        1,
        "",
        "regional-sts: regional_sts_mfa_session_seconds in profile admin: " +
          '"200000" is not a whole number of seconds from 900 to 129600; ' +
          "use at most 36 hours, GetSessionToken's limit\n",
      ]);
    },
  );

  it("a role source cannot call GetSessionToken: it keeps per-role MFA (the code goes to AssumeRole)", async () => {
    const log = join(logDir, "chained.log");
    e2e.writeFiles(config(log), ACCOUNT_A_CREDENTIALS);
    const result = await e2e.run(BIN, ["credential-process", "--profile", "chained"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(asked(log)).toBe(1);
    expect(stsCalls()).toEqual([
      `AssumeRole ${SEED.roleKatoaki} 200 mfa=false`,
      `AssumeRole ${SEED.roleMfaAdmin} 200 mfa=true`,
    ]);
  });
});
