import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, hkConfig } from "../support/hk-profile";
import { type E2e, ENTRIES, useE2e } from "./harness";

const BIN = ENTRIES.binary[0];
let e2e: E2e;

const config = () => `${hkConfig(BIN)}
[profile hop]
region = eu-west-1
role_arn = ${SEED.roleKatoaki}
source_profile = account-a

[profile chained]
region = ap-east-1
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = hop

[profile admin]
region = eu-west-1
regional_sts_role_arn = ${SEED.roleMfaAdmin}
regional_sts_source_profile = account-a
mfa_serial = ${SEED.mfaSerial}
regional_sts_mfa_process = printf ${SEED.mfaCode}
`;

useE2e(
  (e) => (e2e = e),
  () => [config(), ACCOUNT_A_CREDENTIALS],
);

const HOME_DESTINATION = "https%3A%2F%2Fap-east-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Dap-east-1";
const LOGIN = new RegExp(
  `^https://signin\\.aws\\.amazon\\.com/federation\\?Action=login&Issuer=regional-sts` +
    `&Destination=${HOME_DESTINATION.replace(/\./g, "\\.")}&SigninToken=[\\w-]{64}\\n$`,
);
const federation = () =>
  e2e.fake.log
    .filter((l) => l.service === "signin")
    .map((l) => `${l.host} ${l.action} ${l.status} SessionDuration=${l.sessionDuration ?? "-"}`);
const secrets = () => e2e.fake.issuedCredentials().flatMap((c) => [c.accessKeyId, c.secretAccessKey, c.sessionToken]);

/** Follows the login URL once, as a browser would: the stand-in redirects to the destination. */
function visit(url: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((done, fail) => {
    const req = request(url, { ca: readFileSync(e2e.fake.caPath) }, (res) => {
      res.resume();
      res.on("end", () => done({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("console", () => {
  it(
    "--url prints only the login URL: the partition's sign-in host, the region's console home, " +
      "a sign-in token and never the keys",
    async () => {
      const result = await e2e.run(BIN, ["console", "hk-role", "--url"]);
      expect([result.code, result.stderr]).toEqual([0, ""]);
      expect(result.stdout).toMatch(LOGIN);
      for (const secret of secrets()) expect(result.stdout).not.toContain(secret);
      // Static source keys: the role's duration_seconds (default 3600) becomes the console session's.
      expect(federation()).toEqual(["signin.aws.amazon.com getSigninToken 200 SessionDuration=3600"]);
      expect(await visit(result.stdout.trim())).toEqual({
        status: 302,
        location: "https://ap-east-1.console.aws.amazon.com/console/home?region=ap-east-1",
      });
      // From the cache the second time: no second AssumeRole.
      expect((await e2e.run(BIN, ["console", "--profile", "hk-role", "--url"])).code).toBe(0);
      expect(e2e.fake.assumeRoleCount({ ok: true })).toBe(1);
    },
  );

  it("AWS_PROFILE names the profile; --destination picks another page of the region's console", async () => {
    const result = await e2e.run(BIN, ["console", "--url", "--destination", "ec2/home#Instances:"], {
      AWS_PROFILE: "hk-role",
    });
    expect(result.code).toBe(0);
    const destination = new URL(result.stdout.trim()).searchParams.get("Destination");
    expect(destination).toBe("https://ap-east-1.console.aws.amazon.com/ec2/home?region=ap-east-1#Instances:");
  });

  it("role-chained and MFA-session credentials get no SessionDuration, which AWS would refuse with 400", async () => {
    const chained = await e2e.run(BIN, ["console", "chained", "--url"]);
    expect([chained.code, chained.stderr]).toEqual([0, ""]);
    const mfa = await e2e.run(BIN, ["console", "admin", "--url"]);
    expect([mfa.code, mfa.stderr]).toEqual([0, ""]);
    expect(federation()).toEqual([
      "signin.aws.amazon.com getSigninToken 200 SessionDuration=-",
      "signin.aws.amazon.com getSigninToken 200 SessionDuration=-",
    ]);
  });

  it("without --url it opens the browser with xdg-open and prints nothing", async () => {
    const bin = join(e2e.home, "fake-bin");
    mkdirSync(bin, { recursive: true });
    const opened = join(bin, "opened");
    writeFileSync(
      join(bin, "xdg-open"),
      `#!/bin/sh\nprintf '%s\\n' "$@" > ${opened}.tmp && mv ${opened}.tmp ${opened}\n`,
    );
    chmodSync(join(bin, "xdg-open"), 0o755);
    const result = await e2e.run(BIN, ["console", "hk-role"], { PATH: `${bin}:${process.env.PATH}` });
    expect([result.code, result.stdout, result.stderr]).toEqual([0, "", ""]);
    for (let i = 0; i < 50 && !existsQuietly(opened); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(opened, "utf8")).toMatch(LOGIN);
  });

  it("no browser opener: one line saying to use --url", async () => {
    const result = await e2e.run(BIN, ["console", "hk-role"], { PATH: "/nonexistent" });
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      "",
      "regional-sts: cannot open a browser (xdg-open not found); run again with --url and open the URL yourself\n",
    ]);
  });

  it("a refusal by the federation endpoint is one line naming the profile and the endpoint", async () => {
    expect((await e2e.run(BIN, ["credential-process", "--profile", "hk-role"])).code).toBe(0);
    // The cached session is revoked behind our back: the endpoint refuses it.
    e2e.fake.expireCredentials();
    const result = await e2e.run(BIN, ["console", "hk-role", "--url"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      "",
      "regional-sts: profile hk-role: the sign-in endpoint https://signin.aws.amazon.com/federation answered HTTP " +
        "400 (Invalid credentials); the role's credentials were not accepted for console sign-in\n",
    ]);
  });
});

function existsQuietly(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}
