import { describe, expect, it } from "vitest";
import type { LoadedConfig, SectionMap } from "../../src/config/load";
import { trustPrincipal } from "../../src/doctor/assume-check";
import { checkConfiguration } from "../../src/doctor/config-checks";
import { formatReport, type Report } from "../../src/doctor/findings";

const ROLE = "arn:aws:iam::222222222222:role/katoaki";
const config = (profiles: SectionMap): LoadedConfig => ({
  paths: { configFile: "/home/u/.aws/config", credentialsFile: "/home/u/.aws/credentials" } as LoadedConfig["paths"],
  profiles: { "account-a": { region: "us-east-1" }, ...profiles },
  credentials: { "account-a": { aws_access_key_id: "AKIAEXAMPLE" } },
  configExists: true,
  credentialsExists: true,
});
const ours = (extra: Record<string, string> = {}) => ({
  region: "ap-east-1",
  credential_process: "regional-sts credential-process --profile hk-role",
  regional_sts_role_arn: ROLE,
  regional_sts_source_profile: "account-a",
  ...extra,
});
const check = (profiles: SectionMap, profile = "hk-role") =>
  checkConfiguration(profile, config(profiles), {}, { USER: "tester" });
const shown = (report: Report, verbose = false) => formatReport(report, verbose);

describe("doctor's configuration findings", () => {
  it("a standard role profile does not use regional-sts: says so and how to convert it, nothing else", () => {
    const outcome = check(
      { "old-role": { role_arn: ROLE, source_profile: "account-a", region: "ap-east-1" } },
      "old-role",
    );
    expect(outcome.notUsed).toBe("the profile does not use regional-sts");
    expect(outcome.findings.at(-1)).toEqual({
      check: "profile",
      status: "failed",
      message:
        "profile old-role does not use regional-sts: its role_arn is assumed by each AWS tool itself, " +
        "at whichever STS endpoint that tool picks (the global one, and version 1 tokens, for some)",
      fix:
        "convert it in place with regional-sts configure --from-profile old-role, " +
        "then run regional-sts doctor old-role again",
    });
    expect(outcome.findings.some((f) => f.check === "plain-keys" && f.status === "passed")).toBe(false);
  });

  it("a profile of another kind (static keys) is not regional-sts's either", () => {
    const outcome = check({ "account-b": { region: "us-east-1" } }, "account-b");
    expect(outcome.findings.at(-1)!.message).toBe(
      "profile account-b does not use regional-sts (no regional_sts_role_arn, " +
        "and no credential_process calling regional-sts)",
    );
  });

  it("a credential_process serving another profile: no AWS check runs, so nothing contradicts the verdict", () => {
    const outcome = check({
      "hk-role": ours({ credential_process: "regional-sts credential-process --profile other-role" }),
    });
    expect(outcome.notUsed).toBe("AWS tools do not get these settings' credentials (see credential-process)");
    expect(outcome.findings.find((f) => f.check === "credential-process")!.status).toBe("failed");
  });

  it("plain role_arn beside regional_sts keys fails even without credential_process", () => {
    const outcome = check({ "hk-role": { ...ours({ role_arn: ROLE }), credential_process: undefined } });
    expect(outcome.findings.find((f) => f.check === "plain-keys")!.status).toBe("failed");
  });

  it("a misspelt region suggests the closest known one", () => {
    const outcome = check({ "hk-role": ours({ region: "ap-esat-1" }) });
    expect(outcome.findings.find((f) => f.check === "region")).toEqual({
      check: "region",
      status: "warning",
      message: "ap-esat-1 (region in profile hk-role) is not a region regional-sts knows; did you mean ap-east-1?",
      fix: "fix the spelling",
    });
  });

  it("quiet by default: a healthy configuration shows no line, --verbose shows each check and the opt-in list", () => {
    const outcome = check({ "hk-role": ours() });
    const report: Report = { profile: "hk-role", region: "ap-east-1", ok: true, findings: outcome.findings };
    expect(shown(report)).toBe("profile hk-role: credentials work in ap-east-1\n");
    const verbose = shown(report, true).split("\n");
    expect(verbose).toHaveLength(outcome.findings.length + 2);
    expect(verbose[2]).toMatch(
      new RegExp(
        /^passed {2}region: ap-east-1 \(region in profile hk-role\) is an opt-in region /.source +
          /\(opt-in regions: af-south-1, ap-east-1, .*\)$/.source,
      ),
    );
  });
});

describe("the principal a trust policy names", () => {
  it.each([
    ["arn:aws:iam::111111111111:user/alice", "arn:aws:iam::111111111111:user/alice"],
    ["arn:aws:sts::111111111111:assumed-role/Admin/alice@example.com", "arn:aws:iam::111111111111:role/Admin"],
    ["arn:aws-cn:sts::111111111111:assumed-role/R/s", "arn:aws-cn:iam::111111111111:role/R"],
  ])("%s -> %s", (arn, principal) => {
    expect(trustPrincipal(arn)).toBe(principal);
  });
});
