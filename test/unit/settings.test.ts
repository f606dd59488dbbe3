import { describe, expect, it } from "vitest";
import type { Section } from "../../src/config/load";
import { type Flags, resolveSettings } from "../../src/config/settings";

type Env = Record<string, string | undefined>;
const resolve = (section: Section, flags: Flags = {}, env: Env = {}) => resolveSettings("hk", section, flags, env);

describe("resolveSettings: region", () => {
  const profile = { region: "ap-east-1" };
  const env = { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "us-west-2" };
  it.each([
    ["flag beats everything", profile, { region: "me-south-1" }, env, { value: "me-south-1", origin: "--region" }],
    ["profile beats AWS_REGION", profile, {}, env, { value: "ap-east-1", origin: "region in profile hk" }],
    ["AWS_REGION beats AWS_DEFAULT_REGION", {}, {}, env, { value: "eu-west-1", origin: "AWS_REGION" }],
    [
      "AWS_DEFAULT_REGION last",
      {},
      {},
      { AWS_DEFAULT_REGION: "us-west-2" },
      { value: "us-west-2", origin: "AWS_DEFAULT_REGION" },
    ],
    [
      "empty profile value is unset",
      { region: "" },
      {},
      { AWS_REGION: "eu-west-1" },
      { value: "eu-west-1", origin: "AWS_REGION" },
    ],
    [
      "empty env value is unset",
      {},
      {},
      { AWS_REGION: "", AWS_DEFAULT_REGION: "us-west-2" },
      { value: "us-west-2", origin: "AWS_DEFAULT_REGION" },
    ],
    ["nothing", {}, {}, {}, undefined],
  ] as const)("%s", (_name, section, flags, environment, expected) => {
    expect(resolve(section as Section, flags as Flags, environment as Env).region).toEqual(expected);
  });
});

describe("resolveSettings: flag > profile key", () => {
  const keys: [keyof Flags, string, string][] = [
    ["roleArn", "regional_sts_role_arn", "--role-arn"],
    ["sourceProfile", "regional_sts_source_profile", "--source-profile"],
    ["durationSeconds", "duration_seconds", "--duration-seconds"],
    ["roleSessionName", "role_session_name", "--role-session-name"],
    ["externalId", "external_id", "--external-id"],
    ["mfaSerial", "mfa_serial", "--mfa-serial"],
    ["sourceIdentity", "source_identity", "--source-identity"],
    ["stsRegion", "regional_sts_sts_region", "--sts-region"],
    ["mfaProcess", "regional_sts_mfa_process", "--mfa-process"],
  ];
  it.each(keys)("%s: flag wins, then %s, then unset", (field, key, flagName) => {
    const section = { [key]: "from-profile" };
    expect(resolve(section, { [field]: "from-flag" })[field as "roleArn"]).toEqual({
      value: "from-flag",
      origin: flagName,
    });
    expect(resolve(section)[field as "roleArn"]).toEqual({ value: "from-profile", origin: `${key} in profile hk` });
    expect(resolve({})[field as "roleArn"]).toBeUndefined();
  });

  it("ignores the bare role_arn and source_profile keys the SDKs act on", () => {
    const s = resolve({ role_arn: "arn:aws:iam::111122223333:role/X", source_profile: "base" });
    expect(s.roleArn).toBeUndefined();
    expect(s.sourceProfile).toBeUndefined();
  });
});

describe("resolveSettings: env > profile for CA bundle, FIPS, dual-stack", () => {
  it.each([
    [
      "AWS_CA_BUNDLE beats ca_bundle",
      { ca_bundle: "/p.pem" },
      { AWS_CA_BUNDLE: "/e.pem" },
      { value: "/e.pem", origin: "AWS_CA_BUNDLE" },
    ],
    ["ca_bundle alone", { ca_bundle: "/p.pem" }, {}, { value: "/p.pem", origin: "ca_bundle in profile hk" }],
    ["neither", {}, {}, undefined],
  ] as const)("%s", (_n, section, env, expected) => {
    expect(resolve(section, {}, env).caBundle).toEqual(expected);
  });

  const cases: [string, boolean | undefined, string | undefined, string | undefined, boolean][] = [
    // name, flag, env, profile key, expected
    ["default off", undefined, undefined, undefined, false],
    ["profile true", undefined, undefined, "true", true],
    ["profile TRUE (any case)", undefined, undefined, " TRUE ", true],
    ["profile other word is false", undefined, undefined, "yes", false],
    ["env false beats profile true", undefined, "false", "true", false],
    ["env true beats profile false", undefined, "true", "false", true],
    ["empty env falls through to profile", undefined, "", "true", true],
    ["flag true beats env false", true, "false", "false", true],
    ["flag false beats env true", false, "true", "true", false],
  ];
  it.each(cases)("fips: %s", (_n, flag, env, key, expected) => {
    const s = resolve(key === undefined ? {} : { use_fips_endpoint: key }, flag === undefined ? {} : { fips: flag }, {
      AWS_USE_FIPS_ENDPOINT: env,
    });
    expect(s.useFips).toBe(expected);
    expect(s.useDualstack).toBe(false);
  });
  it.each(cases)("dualstack: %s", (_n, flag, env, key, expected) => {
    const s = resolve(
      key === undefined ? {} : { use_dualstack_endpoint: key },
      flag === undefined ? {} : { dualstack: flag },
      { AWS_USE_DUALSTACK_ENDPOINT: env },
    );
    expect(s.useDualstack).toBe(expected);
    expect(s.useFips).toBe(false);
  });
});

describe("resolveSettings: keys with our prefix that no option has", () => {
  it.each([
    ["none", { regional_sts_role_arn: "arn", region: "x", role_arn: "y", mfa_serial: "z" }, undefined],
    ["a typo", { regional_sts_rolearn: "arn", regional_sts_role_arn: "arn" }, ["regional_sts_rolearn"]],
    ["an AWS key with our prefix", { regional_sts_mfa_serial: "arn" }, ["regional_sts_mfa_serial"]],
    ["only the prefix", { regional_sts_: "x", regional_sts_x: "y" }, ["regional_sts_", "regional_sts_x"]],
    // Keys of other tools and of the AWS CLI are theirs, whatever they are.
    ["another tool's key", { granted_sso_start_url: "x", sso_region: "y" }, undefined],
  ] as const)("%s", (_name, section, expected) => {
    expect(resolve(section as unknown as Section).unknownKeys).toEqual(expected);
  });
});
