import { describe, expect, it } from "vitest";
import type { SectionMap } from "../../src/config/load";
import { CHAIN_ENV, regionalStsTarget, walkSourceChain } from "../../src/config/source-chain";
import { digest } from "../../src/config/source-identity";
import { UserError } from "../../src/errors";

const served = (name: string, source?: string) => ({
  credential_process: `regional-sts credential-process --profile ${name}`,
  regional_sts_role_arn: `arn:aws:iam::111122223333:role/${name}`,
  ...(source ? { regional_sts_source_profile: source } : {}),
});
const files = (profiles: SectionMap, credentials: SectionMap = {}) => ({ profiles, credentials });
const statics = { base: { aws_access_key_id: "AKIABASE", aws_secret_access_key: "baseSecretKey" } };
/** Secrets enter the fingerprint only as digests. */
const STATIC = `static:AKIABASE:${digest("baseSecretKey\n")}`;
const NO_IMDS = { AWS_EC2_METADATA_DISABLED: "true" };

describe("walkSourceChain: where the source credentials come from", () => {
  it.each([
    [
      "static keys in the credentials file",
      files({ app: served("app") }, statics),
      "base",
      {},
      ["app", "base"],
      STATIC,
    ],
    [
      "a standard role profile over static keys",
      files({ app: served("app"), mid: { role_arn: "arn:aws:iam::1:role/Mid", source_profile: "base" } }, statics),
      "mid",
      {},
      ["app", "mid", "base"],
      `role:arn:aws:iam::1:role/Mid|${STATIC}`,
    ],
    [
      "a role profile with credential_source",
      files({
        app: served("app"),
        ec2: { role_arn: "arn:aws:iam::1:role/E", credential_source: "Ec2InstanceMetadata" },
      }),
      "ec2",
      {},
      ["app", "ec2"],
      "role:arn:aws:iam::1:role/E|imds::",
    ],
    [
      "an SSO profile",
      files({
        app: served("app"),
        sso: { sso_session: "corp", sso_account_id: "111122223333", sso_role_name: "Admin" },
      }),
      "sso",
      {},
      ["app", "sso"],
      "sso:corp:111122223333:Admin",
    ],
    [
      "a legacy SSO profile",
      files({
        app: served("app"),
        sso: { sso_start_url: "https://corp.awsapps.com/start", sso_account_id: "1", sso_role_name: "R" },
      }),
      "sso",
      {},
      ["app", "sso"],
      "sso:https://corp.awsapps.com/start:1:R",
    ],
    [
      "another credential_process",
      files({ app: served("app"), proc: { credential_process: "/usr/bin/get-creds --team a" } }),
      "proc",
      {},
      ["app", "proc"],
      "process:/usr/bin/get-creds --team a",
    ],
    [
      "another regional-sts profile (role chaining)",
      files({ app: served("app"), mid: served("mid", "base") }, statics),
      "mid",
      {},
      ["app", "mid", "base"],
      `regional-sts:mid|${STATIC}`,
    ],
    ["a missing source profile", files({ app: served("app") }), "gone", {}, ["app", "gone"], "missing:gone"],
    [
      "a profile with nothing usable",
      files({ app: served("app"), odd: { region: "eu-west-1" } }),
      "odd",
      NO_IMDS,
      ["app", "odd"],
      "other:odd|none",
    ],
    [
      "the default chain: keys in the environment",
      files({ app: served("app"), default: statics.base }),
      undefined,
      { AWS_ACCESS_KEY_ID: "AKIAENV", AWS_SECRET_ACCESS_KEY: "envSecretKey" },
      ["app"],
      `env:AKIAENV:${digest("envSecretKey\n")}`,
    ],
    [
      "the default chain: AWS_PROFILE",
      files({ app: served("app"), default: { sso_session: "x" } }, { dev: statics.base }),
      undefined,
      { AWS_PROFILE: "dev" },
      ["app", "dev"],
      STATIC,
    ],
    [
      "the default chain: the default profile",
      files({ app: served("app") }, { default: statics.base }),
      undefined,
      {},
      ["app", "default"],
      STATIC,
    ],
    [
      "the default chain: nothing in the files, instance metadata",
      files({ app: served("app") }),
      undefined,
      {},
      ["app"],
      "imds::",
    ],
    [
      "an inherited chain without this profile",
      files({ mid: served("mid", "base") }, statics),
      "base",
      { [CHAIN_ENV]: "app" },
      ["mid", "base"],
      STATIC,
    ],
  ] as const)("%s", (_name, config, sourceProfile, env, profiles, fingerprint) => {
    const chain = walkSourceChain(profiles[0], sourceProfile, config, env);
    expect(chain).toEqual({ profiles, fingerprint });
    expect(chain.fingerprint).not.toMatch(/SecretKey/);
  });
});

function errorOf(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error("no error");
}

describe("walkSourceChain: cycles", () => {
  const tail = (of: string) => `; point regional_sts_source_profile of ${of} at a profile with its own credentials`;
  it.each([
    ["self-source", "app", files({ app: served("app", "app") }), "app", {}, `app -> app${tail("app")}`],
    [
      "2-long through regional-sts",
      "app",
      files({ app: served("app", "b"), b: served("b", "app") }),
      "b",
      {},
      `app -> b -> app${tail("b")}`,
    ],
    [
      "2-long through a standard role profile",
      "app",
      files({ app: served("app", "b"), b: { role_arn: "arn:aws:iam::1:role/B", source_profile: "app" } }),
      "b",
      {},
      `app -> b -> app${tail("b")}`,
    ],
    [
      "3-long",
      "app",
      files({
        app: served("app", "b"),
        b: served("b", "c"),
        c: { role_arn: "arn:aws:iam::1:role/C", source_profile: "app" },
      }),
      "b",
      {},
      `app -> b -> c -> app${tail("c")}`,
    ],
    [
      "a cycle back to the middle",
      "app",
      files({ app: served("app", "b"), b: served("b", "c"), c: served("c", "b") }),
      "b",
      {},
      `app -> b -> c -> b${tail("c")}`,
    ],
    [
      "through AWS_PROFILE naming the served profile",
      "app",
      files({ app: served("app") }),
      undefined,
      { AWS_PROFILE: "app" },
      `app -> app${tail("app")}`,
    ],
    [
      "through AWS_PROFILE naming a profile that leads back",
      "app",
      files({ app: served("app"), dev: served("dev", "app") }),
      undefined,
      { AWS_PROFILE: "dev" },
      `app -> dev -> app${tail("dev")}`,
    ],
    [
      "through the inherited chain",
      "top",
      files({ top: served("top", "wrap"), wrap: { credential_process: "/usr/local/bin/wrap" } }),
      "wrap",
      { [CHAIN_ENV]: "top,wrap" },
      `top -> wrap -> top${tail("wrap")}`,
    ],
    [
      "through an inherited chain of a grandparent",
      "x",
      files({ x: served("x", "base") }, statics),
      "base",
      { [CHAIN_ENV]: "a,x" },
      `a -> x -> x${tail("x")}`,
    ],
  ] as const)("%s", (_name, profile, config, sourceProfile, env, message) => {
    const error = errorOf(() => walkSourceChain(profile, sourceProfile, config, env));
    expect(`${error.message}; ${error.hint}`).toBe(`source profile cycle: ${message}`);
    expect(error.code).toBe("Cycle");
  });

  it("refuses a chain deeper than 8 profiles, naming it", () => {
    const profiles: SectionMap = {};
    for (let i = 0; i < 9; i++)
      profiles[`p${i}`] = { role_arn: `arn:aws:iam::1:role/R${i}`, source_profile: `p${i + 1}` };
    const error = errorOf(() => walkSourceChain("p0", "p1", files(profiles), {}));
    expect([error.message, error.hint]).toEqual([
      "profile p0: source profiles nest deeper than 8 (p0 -> p1 -> p2 -> p3 -> p4 -> p5 -> p6 -> p7 -> p8)",
      "shorten the chain",
    ]);
  });
});

describe("regionalStsTarget", () => {
  it.each([
    ["regional-sts credential-process --profile hk", "hk"],
    ["/usr/local/bin/regional-sts credential-process --profile=hk --verbose", "hk"],
    ["npx regional-sts credential-process --region ap-east-1 --profile   hk-prod", "hk-prod"],
    ['regional-sts credential-process --profile "my profile"', "my profile"],
    ["regional-sts credential-process --profile 'quoted'", "quoted"],
    ["regional-sts credential-process", undefined],
    ["regional-sts credential-process hk", "hk"],
    ["regional-sts credential-process --region ap-east-1 -v hk --no-cache", "hk"],
    ['"/opt/my tools/regional-sts" credential-process "my profile"', "my profile"],
    ["regional-sts credential-process --region=ap-east-1 --fips", undefined],
    ["aws-vault export --profile hk", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%j → %s", (line, expected) => {
    expect(regionalStsTarget(line)).toBe(expected);
  });
});
