import { describe, expect, it } from "vitest";
import { credentialsFile } from "../support/credentials";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_PROFILE } from "../support/hk-profile";
import { type E2e, ENTRIES, useE2e } from "./harness";

let e2e: E2e;
const BIN = ENTRIES.binary[0];
const line = `"${BIN}" credential-process --profile hk-role`;
const profile = (
  extra = "",
  source = "account-a",
  role: string = SEED.roleKatoaki,
  region = "ap-east-1",
) => `${ACCOUNT_A_PROFILE}[profile restricted]
region = us-east-1
[profile account-c]
region = ap-northeast-1
[profile hk-role]
region = ${region}
credential_process = ${line}
regional_sts_role_arn = ${role}
regional_sts_source_profile = ${source}
${extra}`;
const credentials = credentialsFile({
  "account-a": SEED.alice,
  restricted: SEED.aliceRestricted,
  "account-c": SEED.carol,
});
const doctor = (...args: string[]) => e2e.run(BIN, ["doctor", "--profile", "hk-role", ...args], { USER: "tester" });
/** "status check" for every line of the report but the verdict. */
const statuses = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .slice(0, -1)
    .map((l) => l.split(":")[0]!.replace(/\s+/, " "));
const lineOf = (stdout: string, check: string) => stdout.split("\n").find((l) => l.slice(8).startsWith(`${check}:`));
const OPT_IN =
  "af-south-1, ap-east-1, ap-east-2, ap-south-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, " +
  "ap-southeast-7, ca-west-1, eu-central-2, eu-south-1, eu-south-2, il-central-1, me-central-1, me-south-1, " +
  "mx-central-1";

useE2e((e) => (e2e = e));

describe("doctor against the stand-in", () => {
  const QUIET_SEED = [
    "passed  source: source profile account-a is arn:aws:iam::111111111111:user/alice (account 111111111111), " +
      "checked at sts.us-east-1.amazonaws.com",
    "passed  target-region: ap-east-1 is opt-in and account 111111111111 has not enabled it " +
      "(sts.ap-east-1.amazonaws.com answered InvalidClientTokenId): " +
      "regional-sts assumes the role at another regional endpoint, and the role's credentials still work in ap-east-1",
    "passed  sts-endpoint: regional-sts calls the regional STS endpoint of us-east-1: " +
      "ap-east-1 is opt-in and the source account has not enabled it, so the fallback for partition aws; " +
      "never the global sts.amazonaws.com",
    "note    global-endpoint: account 111111111111's GlobalEndpointTokenVersion is 1: " +
      "any tool that calls the global endpoint sts.amazonaws.com " +
      "(AWS_STS_REGIONAL_ENDPOINTS=legacy, Go SDK v1, JS SDK v2, botocore before 1.40) gets version 1 tokens, " +
      "which ap-east-1 refuses with AuthFailure (InvalidClientTokenId, InvalidToken for S3); " +
      "fix: use regional STS endpoints everywhere (as regional-sts does; AWS_STS_REGIONAL_ENDPOINTS=regional), " +
      "or switch account 111111111111 to version 2 tokens: aws iam set-security-token-service-preferences " +
      "--global-endpoint-token-version v2Token",
    "passed  assume-role: assumed arn:aws:iam::222222222222:role/katoaki at sts.us-east-1.amazonaws.com " +
      "(account 222222222222; 60 minutes)",
    "passed  role-in-region: the role's credentials work in ap-east-1: " +
      "sts.ap-east-1.amazonaws.com answered as arn:aws:sts::222222222222:assumed-role/katoaki/regional-sts-tester",
  ];

  it(
    "explains the seed's situation: account A with v1 global tokens, role in B, target ap-east-1; " +
      "quiet, no warning, exit 0",
    async () => {
      e2e.writeFiles(profile(), credentials);
      const r = await doctor();
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe([...QUIET_SEED, "profile hk-role: credentials work in ap-east-1", ""].join("\n"));
      expect(r.code).toBe(0);
      // Never the global endpoint; IAM was asked for the token version with A's own keys.
      expect(e2e.fake.log.some((l) => l.host === "sts.amazonaws.com")).toBe(false);
      expect(e2e.fake.log.filter((l) => l.action === "GetAccountSummary").map((l) => `${l.host} ${l.status}`)).toEqual([
        "iam.amazonaws.com 200",
      ]);
    },
  );

  it("--verbose shows every check, the routine ones and the opt-in regions too", async () => {
    e2e.writeFiles(profile(), credentials);
    const r = await doctor("--verbose");
    expect(r.stdout).toBe(
      [
        `passed  config-files: ${e2e.configFile} found and parsed; ${e2e.credentialsFile} found and parsed`,
        `passed  profile: [profile hk-role] found in ${e2e.configFile}`,
        `passed  region: ap-east-1 (region in profile hk-role) is an opt-in region (opt-in regions: ${OPT_IN})`,
        "passed  role-arn: arn:aws:iam::222222222222:role/katoaki (account 222222222222, partition aws)",
        "passed  credential-process: calls regional-sts credential-process --profile hk-role",
        "passed  plain-keys: no plain role_arn, source_profile or credential_source beside credential_process",
        "passed  settings: session regional-sts-tester, 3600 s",
        "passed  source-chain: hk-role -> account-a (no cycle)",
        ...QUIET_SEED,
        `passed  cache: ${e2e.cacheDir} does not exist yet; regional-sts creates it (mode 0700) on first use`,
        "profile hk-role: credentials work in ap-east-1",
        "",
      ].join("\n"),
    );
    expect(r.code).toBe(0);
  });

  it("--json prints the same findings for scripts", async () => {
    e2e.writeFiles(profile(), credentials);
    const text = await doctor("--verbose");
    const json = await doctor("--json");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ profile: "hk-role", region: "ap-east-1", ok: true });
    expect(report.findings.map((f: { status: string; check: string }) => `${f.status} ${f.check}`)).toEqual(
      statuses(text.stdout),
    );
    expect(report.findings[11]).toEqual({
      check: "global-endpoint",
      status: "note",
      message: expect.stringContaining("GlobalEndpointTokenVersion is 1"),
      fix: expect.stringContaining("--global-endpoint-token-version v2Token"),
    });
  });

  it("a source account that enabled ap-east-1: the target's own endpoint is used", async () => {
    e2e.writeFiles(profile("", "account-c"), credentials);
    const r = await doctor();
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, "target-region")).toBe(
      "passed  target-region: ap-east-1 is opt-in and account 333333333333 has enabled it " +
        "(sts.ap-east-1.amazonaws.com answered)",
    );
    expect(lineOf(r.stdout, "sts-endpoint")).toBe(
      "passed  sts-endpoint: regional-sts calls the regional STS endpoint of ap-east-1: ap-east-1 is opt-in; " +
        "trying its own endpoint first; never the global sts.amazonaws.com",
    );
    expect(lineOf(r.stdout, "assume-role")).toBe(
      "passed  assume-role: assumed arn:aws:iam::222222222222:role/katoaki at sts.ap-east-1.amazonaws.com " +
        "(account 222222222222; 60 minutes)",
    );
  });

  it("version 2 global tokens and a default-enabled target pass without warnings", async () => {
    e2e.writeFiles(profile("", "account-a", SEED.roleKatoaki, "eu-west-1"), credentials);
    const r = await doctor("--verbose");
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, "target-region")).toBe(
      "passed  target-region: eu-west-1 is enabled by default in every account",
    );
    expect(lineOf(r.stdout, "global-endpoint")).toBe(
      "passed  global-endpoint: account 111111111111's global endpoint issues version 1 tokens, " +
        "which work in eu-west-1 (enabled by default)",
    );
    e2e.fake.updateAccount(SEED.accountA, { globalEndpointTokenVersion: 2 });
    try {
      const v2 = await doctor("--verbose");
      expect(lineOf(v2.stdout, "global-endpoint")).toBe(
        "passed  global-endpoint: account 111111111111's global endpoint issues version 2 tokens, " +
          "valid in every region",
      );
      expect(v2.stdout.trim().split("\n").at(-1)).toBe("profile hk-role: credentials work in eu-west-1");
    } finally {
      e2e.fake.updateAccount(SEED.accountA, { globalEndpointTokenVersion: 1 });
    }
  });

  it("missing iam:GetAccountSummary permission is not a warning or a failure: shown with --verbose only", async () => {
    e2e.writeFiles(profile("", "restricted"), credentials);
    const r = await doctor();
    expect(lineOf(r.stdout, "global-endpoint")).toBeUndefined();
    expect(r.stdout.trim().split("\n").at(-1)).toBe("profile hk-role: credentials work in ap-east-1");
    expect(r.code).toBe(0);
    const verbose = await doctor("--verbose");
    expect(lineOf(verbose.stdout, "global-endpoint")).toBe(
      "skipped global-endpoint: could not read account 111111111111's GlobalEndpointTokenVersion " +
        "(the source credentials may not call iam:GetAccountSummary); " +
        "this check does not affect regional-sts (allow iam:GetAccountSummary to the source identity to run it)",
    );
  });

  it.each([
    [
      "a trust policy that requires MFA",
      SEED.roleMfaAdmin,
      "",
      `failed  assume-role: AssumeRole ${SEED.roleMfaAdmin} at sts.us-east-1.amazonaws.com failed: AccessDenied: ` +
        `User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: ` +
        `${SEED.roleMfaAdmin}; fix: make the trust policy of ${SEED.roleMfaAdmin} allow ` +
        `arn:aws:iam::111111111111:user/alice (source profile account-a), or check whether it requires MFA ` +
        `(set mfa_serial if the trust policy requires aws:MultiFactorAuthPresent), or an external id ` +
        `(set external_id if the trust policy requires sts:ExternalId) in [profile hk-role]`,
    ],
    [
      "a wrong external id",
      SEED.roleExternal,
      "external_id = wrong",
      `failed  assume-role: AssumeRole ${SEED.roleExternal} at sts.us-east-1.amazonaws.com failed: AccessDenied: ` +
        `User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: ` +
        `${SEED.roleExternal}; fix: make the trust policy of ${SEED.roleExternal} allow ` +
        `arn:aws:iam::111111111111:user/alice (source profile account-a), or check whether it requires MFA ` +
        `(set mfa_serial if the trust policy requires aws:MultiFactorAuthPresent), ` +
        `or an external id other than the one set in [profile hk-role]`,
    ],
    [
      "a duration above the role's maximum",
      SEED.roleKatoaki,
      "duration_seconds = 7200",
      `failed  assume-role: AssumeRole ${SEED.roleKatoaki} at sts.us-east-1.amazonaws.com failed: ValidationError: ` +
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.; ` +
        `fix: duration_seconds 7200 is above the role's maximum session duration; ` +
        `lower duration_seconds in [profile hk-role] or raise the role's MaxSessionDuration`,
    ],
  ])("explains a refused AssumeRole: %s; exit 1", async (_name, role, extra, expected) => {
    e2e.writeFiles(profile(extra, "account-a", role), credentials);
    const r = await doctor();
    expect(lineOf(r.stdout, "assume-role")).toBe(expected);
    expect(lineOf(r.stdout, "role-in-region")).toBeUndefined();
    expect(r.stdout.trim().split("\n").at(-1)).toBe("profile hk-role: no working credentials in ap-east-1 (1 failed)");
    expect(lineOf((await doctor("--verbose")).stdout, "role-in-region")).toBe(
      "skipped role-in-region: needs the role's credentials",
    );
    expect(r.code).toBe(1);
  });

  it("STS deactivated in the target region for the role's account", async () => {
    e2e.writeFiles(profile("", "account-a", SEED.roleKatoaki, "sa-east-1"), credentials);
    const r = await doctor();
    expect(lineOf(r.stdout, "assume-role")).toBe(
      `failed  assume-role: AssumeRole ${SEED.roleKatoaki} at sts.sa-east-1.amazonaws.com failed: ` +
        `RegionDisabledException: STS is not activated in this region for account:222222222222. Your account ` +
        `administrator can activate STS in this region using the IAM Console.; ` +
        `fix: activate STS in sa-east-1 for account 222222222222, ` +
        `or set regional_sts_sts_region in [profile hk-role] to another region`,
    );
    expect(r.code).toBe(1);
  });

  it("the role's account has not enabled the target region: assumed elsewhere, refused there", async () => {
    e2e.writeFiles(profile("", "account-a", SEED.roleKatoaki, "me-south-1"), credentials);
    const r = await doctor();
    expect(lineOf(r.stdout, "assume-role")).toBe(
      `passed  assume-role: assumed ${SEED.roleKatoaki} at sts.us-east-1.amazonaws.com (account 222222222222; ` +
        `60 minutes)`,
    );
    expect(lineOf(r.stdout, "role-in-region")).toBe(
      "failed  role-in-region: the role's credentials were refused in me-south-1 (sts.me-south-1.amazonaws.com): " +
        "InvalidClientTokenId: The security token included in the request is invalid.; " +
        "fix: enable me-south-1 in account 222222222222 (the role's account), or choose another region",
    );
    expect(r.code).toBe(1);
  });

  it("source credentials that STS refuses: later checks are skipped", async () => {
    e2e.writeFiles(profile(), credentials.replace(SEED.alice.accessKeyId, "AKIAUNKNOWNEXAMPLE99"));
    const r = await doctor("--verbose");
    expect(lineOf(r.stdout, "source")).toBe(
      "failed  source: source profile account-a was refused at sts.us-east-1.amazonaws.com: InvalidClientTokenId: " +
        "The security token included in the request is invalid.; " +
        "fix: refresh or fix the credentials of source profile account-a",
    );
    expect(statuses(r.stdout).slice(9, 14)).toEqual([
      "skipped target-region",
      "skipped sts-endpoint",
      "skipped global-endpoint",
      "skipped assume-role",
      "skipped role-in-region",
    ]);
    expect(r.code).toBe(1);
  });

  it("a source profile without credentials", async () => {
    e2e.writeFiles(profile("[profile empty]\nregion = us-east-1\n", "empty"), credentials);
    const r = await doctor();
    expect(lineOf(r.stdout, "source")).toMatch(
      new RegExp(
        /^failed {2}source: profile hk-role: no source credentials from source profile empty: .+; /.source +
          /fix: check that source profile empty has working credentials /.source +
          /\(aws sts get-caller-identity --profile empty\)$/.source,
      ),
    );
    expect(r.code).toBe(1);
  });

  it("reports the cache entry credential-process left, and a folder that is not private", async () => {
    e2e.writeFiles(profile(), credentials);
    const served = await e2e.run(BIN, ["credential-process", "--profile", "hk-role"], { USER: "tester" });
    expect(served.code).toBe(0);
    const r = await doctor("--verbose");
    expect(lineOf(r.stdout, "cache")).toBe(
      `passed  cache: ${e2e.cacheDir} (mode 0700); entry for profile hk-role valid 59 more minutes ` +
        `(until ${JSON.parse(served.stdout).Expiration})`,
    );
    const { chmodSync } = await import("node:fs");
    chmodSync(e2e.cacheDir, 0o755);
    const loose = await doctor();
    expect(lineOf(loose.stdout, "cache")).toBe(
      `warning cache: ${e2e.cacheDir} has mode 0755, not 0700; ` +
        `entry for profile hk-role valid 59 more minutes (until ${JSON.parse(served.stdout).Expiration}); ` +
        `fix: chmod 700 ${e2e.cacheDir} (regional-sts also tightens it on its next write)`,
    );
  });
});

describe("doctor's configuration checks, end to end", () => {
  const hk = (body: string) => `[profile account-a]\nregion = us-east-1\n[profile hk-role]\n${body}\n`;
  const good =
    `region = ap-east-1\ncredential_process = ${line}\nregional_sts_role_arn = ${SEED.roleKatoaki}\n` +
    `regional_sts_source_profile = account-a`;
  it.each([
    [
      "a credential_process line copied from another profile",
      good.replace("--profile hk-role", "--profile other-role"),
      "failed  credential-process: credential_process in [profile hk-role] asks regional-sts for profile " +
        "other-role, not hk-role (a copy-paste slip?); fix: change it to --profile hk-role",
    ],
    [
      "no credential_process",
      good.replace(/^credential_process.*$/m, ""),
      "failed  credential-process: [profile hk-role] has no credential_process line, " +
        "so AWS tools never call regional-sts for it; fix: add credential_process = regional-sts credential-process " +
        "--profile hk-role (or run regional-sts configure hk-role)",
    ],
    [
      "plain role_arn and source_profile beside credential_process",
      `${good}\nrole_arn = ${SEED.roleKatoaki}\nsource_profile = account-a`,
      "failed  plain-keys: [profile hk-role] has role_arn and source_profile beside credential_process: " +
        "the AWS CLI and boto3 then assume the role themselves " +
        "(ignoring credential_process) and the Go SDK assumes it a second time on top of regional-sts's credentials; " +
        "fix: rename role_arn to regional_sts_role_arn and source_profile to regional_sts_source_profile in " +
        "[profile hk-role]",
    ],
    [
      "no region",
      good.replace("region = ap-east-1\n", ""),
      "failed  region: profile hk-role has no region; fix: add region = <region> to [profile hk-role]",
    ],
    [
      "a malformed region",
      good.replace("ap-east-1", "hongkong"),
      `failed  region: region in profile hk-role: "hongkong" is not a region name; fix: use a name like ap-east-1`,
    ],
    [
      "a malformed role ARN",
      good.replace(SEED.roleKatoaki, "arn:aws:iam::2222:role/katoaki"),
      `failed  role-arn: regional_sts_role_arn in profile hk-role: ` +
        `"arn:aws:iam::2222:role/katoaki" is not an IAM role ARN; fix: use arn:aws:iam::123456789012:role/NAME`,
    ],
    [
      "a role of another partition",
      good.replace(SEED.roleKatoaki, SEED.roleCn),
      `failed  role-arn: ${SEED.roleCn} is in partition aws-cn but region ap-east-1 is in aws; ` +
        `fix: use a role and region of the same partition`,
    ],
    [
      "a source profile cycle",
      good.replace("regional_sts_source_profile = account-a", "regional_sts_source_profile = loop") +
        `\n[profile loop]\ncredential_process = ${BIN} credential-process --profile hk-role`,
      "failed  source-chain: source profile cycle: hk-role -> loop -> hk-role; " +
        "fix: point regional_sts_source_profile of loop at a profile with its own credentials",
    ],
  ])("%s", async (_name, body, expected) => {
    e2e.writeFiles(hk(body), credentials);
    const r = await doctor();
    expect(r.stdout.split("\n")).toContain(expected);
    expect(r.code).toBe(1);
  });

  it("an unknown profile and a missing config file", async () => {
    e2e.writeFiles(hk(good), credentials);
    const missing = await e2e.run(BIN, ["doctor", "--profile", "nope", "--verbose"]);
    expect(missing.stdout.split("\n").slice(0, 3)).toEqual([
      `passed  config-files: ${e2e.configFile} found and parsed; ${e2e.credentialsFile} found and parsed`,
      `failed  profile: no [profile nope] in ${e2e.configFile}; ` +
        `fix: run regional-sts configure nope --role-arn ARN --source-profile NAME --region REGION`,
      "skipped source: needs a valid profile configuration",
    ]);
    expect(missing.code).toBe(1);
    const gone = await e2e.run(BIN, ["doctor", "--profile", "hk-role"], { AWS_CONFIG_FILE: `${e2e.home}/absent` });
    expect(gone.stdout.split("\n")[0]).toBe(
      `failed  config-files: ${e2e.home}/absent (set by AWS_CONFIG_FILE) does not exist; ` +
        `fix: fix the path or the file's permissions`,
    );
    expect(gone.code).toBe(1);
  });

  it("a role_arn + source_profile profile: does not use regional-sts, how to convert it; nothing passes", async () => {
    e2e.writeFiles(
      `[profile account-a]\nregion = us-east-1\n[profile old-role]\nrole_arn = ${SEED.roleKatoaki}\n` +
        `source_profile = account-a\nregion = ap-east-1\n`,
      credentials,
    );
    const r = await e2e.run(BIN, ["doctor", "--profile", "old-role"]);
    expect(r).toMatchObject({
      code: 1,
      stderr: "",
      stdout:
        "failed  profile: profile old-role does not use regional-sts: " +
        "its role_arn is assumed by each AWS tool itself, at whichever STS endpoint that tool picks " +
        "(the global one, and version 1 tokens, for some); " +
        "fix: convert it in place with regional-sts configure --from-profile old-role, " +
        "then run regional-sts doctor old-role again\n" +
        "profile old-role: no working credentials in its region (1 failed)\n",
    });
    expect(e2e.fake.log).toEqual([]);
  });

  it("no credential_process line: the settings are checked, and the verdict says no tool gets them", async () => {
    e2e.writeFiles(hk(good.replace(/^credential_process.*$/m, "")), credentials);
    const r = await doctor();
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, "role-in-region")).toMatch(
      /^passed {2}role-in-region: the role's credentials work in ap-east-1/,
    );
    expect(r.stdout.trim().split("\n").at(-1)).toBe(
      "profile hk-role: its regional-sts settings work in ap-east-1, " +
        "but no AWS tool gets these credentials until the failures above are fixed (1 failed)",
    );
  });

  it("a credential_process for another profile: finding and verdict agree, no AWS check claims success", async () => {
    e2e.writeFiles(hk(good.replace("--profile hk-role", "--profile other-role")), credentials);
    const r = await doctor();
    expect(r.stdout).toBe(
      "failed  credential-process: credential_process in [profile hk-role] asks regional-sts for profile " +
        "other-role, not hk-role (a copy-paste slip?); fix: change it to --profile hk-role\n" +
        "profile hk-role: no working credentials in ap-east-1 (1 failed)\n",
    );
    const verbose = await doctor("--verbose");
    expect(lineOf(verbose.stdout, "role-in-region")).toBe(
      "skipped role-in-region: AWS tools do not get these settings' credentials (see credential-process)",
    );
    expect(verbose.stdout).not.toContain("passed  assume-role");
  });
});
