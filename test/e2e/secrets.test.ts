import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_PROFILE } from "../support/hk-profile";
import { type E2e, ENTRIES, useE2e } from "./harness";

/**
 * No secret access key or session token in stderr (plain and --verbose, successes and
 * failures), nor anywhere in the output of `cache list` and `doctor`. Besides the per-test
 * checks here, every stderr is also scanned by the suite-wide check (secret-scan.global.ts).
 */
let e2e: E2e;
const BIN = ENTRIES.binary[0];
const config = (sessionSource = "") => `
${ACCOUNT_A_PROFILE}[profile app]
region = ap-east-1
credential_process = "${BIN}" credential-process --profile app
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = account-a
[profile chained]
region = us-west-2
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = session
${sessionSource}`;
const credentials = (session = "") => `${ACCOUNT_A_CREDENTIALS}${session}`;

useE2e((e) => (e2e = e));
beforeEach(() => e2e.writeFiles(config(), credentials()));

/** Every secret the stand-in issued or holds so far. */
function secrets(): string[] {
  const issued = e2e.fake.issuedCredentials().flatMap((c) => [c.secretAccessKey, c.sessionToken]);
  return [...issued, SEED.alice.secretAccessKey, SEED.carol.secretAccessKey];
}
function expectNoSecret(...texts: string[]): void {
  const all = secrets();
  expect(all.length).toBeGreaterThan(2);
  for (const text of texts)
    for (const secret of all)
      expect(text.includes(secret), `a secret starting ${secret.slice(0, 4)} leaked`).toBe(false);
}

describe("secrets never leave through stderr, cache list or doctor", () => {
  it("credential-process --verbose, on a miss (with the opt-in fallback) and on a hit", async () => {
    e2e.clearCache();
    const miss = await e2e.run(BIN, ["credential-process", "--profile", "app", "--verbose"]);
    const hit = await e2e.run(BIN, ["credential-process", "--profile", "app", "--verbose"]);
    expect(miss.code).toBe(0);
    expect(miss.stderr).toContain("falling back to us-east-1");
    expect(hit.stdout).toBe(miss.stdout);
    expectNoSecret(miss.stderr, hit.stderr);
  });

  it("failures with --verbose (stack traces included) quote no secret", async () => {
    e2e.clearCache();
    e2e.fake.injectFault({
      kind: "error",
      action: "AssumeRole",
      code: "AccessDenied",
      status: 403,
      message: "Not authorized",
      count: -1,
    });
    const denied = await e2e.run(BIN, ["credential-process", "--profile", "app", "--verbose", "--no-cache"]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("AccessDenied: Not authorized");
    expectNoSecret(denied.stderr);
  });

  it("a source of expired session credentials: ExpiredToken, without echoing the token", async () => {
    e2e.clearCache();
    const first = JSON.parse((await e2e.run(BIN, ["credential-process", "--profile", "app", "--no-cache"])).stdout);
    e2e.writeFiles(
      config("[profile session]\nregion = us-east-1\n"),
      credentials(
        `[session]\naws_access_key_id = ${first.AccessKeyId}\naws_secret_access_key = ${first.SecretAccessKey}\n` +
          `aws_session_token = ${first.SessionToken}\n`,
      ),
    );
    expect(e2e.fake.expireCredentials(first.AccessKeyId)).toBe(1);
    for (const verbose of [[], ["--verbose"]]) {
      const result = await e2e.run(BIN, ["credential-process", "--profile", "chained", "--no-cache", ...verbose]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(
        "ExpiredToken: the credentials of source profile session have expired; refresh them (for SSO: aws sso login)",
      );
      expectNoSecret(result.stderr);
    }
  });

  it("cache list (table and --json) shows no secret, token or access key id", async () => {
    await e2e.run(BIN, ["credential-process", "--profile", "app"]);
    for (const args of [
      ["cache", "list"],
      ["cache", "list", "--json"],
    ]) {
      const result = await e2e.run(BIN, args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("app");
      expectNoSecret(result.stdout, result.stderr);
      for (const c of e2e.fake.issuedCredentials()) expect(result.stdout).not.toContain(c.accessKeyId);
    }
  });

  it(
    "a source's credential_process is named by its program only: " +
      "not its --api-key, not its stderr (credential-process and doctor, plain and --verbose)",
    async () => {
      const apiKey = "e2e-api-key-in-a-command-line";
      const printed = "e2e-secret-the-child-printed";
      e2e.writeFiles(
        `${config()}[profile leaky]\ncredential_process = sh -c "echo ${printed} >&2; exit 3" --api-key=${apiKey}\n` +
          `[profile via-leaky]\nregion = us-west-2\nregional_sts_role_arn = ${SEED.roleKatoaki}\n` +
          `regional_sts_source_profile = leaky\n`,
        credentials(),
      );
      const said = "credential_process sh failed (its arguments and output are not shown: they may hold secrets)";
      for (const args of [
        ["credential-process", "--profile", "via-leaky"],
        ["doctor", "--profile", "via-leaky"],
      ]) {
        for (const verbose of [[], ["--verbose"]]) {
          const result = await e2e.run(BIN, [...args, ...verbose]);
          expect(result.code).toBe(1);
          expect(result.stdout + result.stderr).toContain(said);
          for (const secret of [apiKey, printed]) expect(result.stdout + result.stderr).not.toContain(secret);
        }
      }
    },
  );

  it("doctor (plain and --verbose) shows no secret or token", async () => {
    for (const args of [
      ["doctor", "--profile", "app"],
      ["doctor", "--profile", "app", "--verbose"],
    ]) {
      const result = await e2e.run(BIN, args);
      expect(result.stdout + result.stderr).toContain("app");
      expectNoSecret(result.stdout, result.stderr);
    }
  });
});
