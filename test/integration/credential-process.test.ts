import { existsSync, readdirSync, statSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectedJson, makeWorld, ROLE, type World } from "./harness";

const CONFIG = `[profile eu]
region = eu-west-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base
credential_process = regional-sts credential-process --profile eu

[profile noregion]
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base

[profile loop]
region = eu-west-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = loop
`;
const EU = ["credential-process", "--profile", "eu"];

let world: World;
beforeEach(() => {
  world = makeWorld(CONFIG);
});
afterEach(() => world.cleanup());

describe("credential-process", () => {
  it("assumes the role at the target region's endpoint and prints the exact JSON", async () => {
    expect(await world.run(EU)).toEqual({ code: 0, stdout: expectedJson(1), stderr: "" });
    expect(world.sts.calls).toEqual([
      { region: "eu-west-1", params: { roleArn: ROLE, roleSessionName: "regional-sts-tester", durationSeconds: 3600 } },
    ]);
    expect(world.sts.connects).toMatchObject([
      { profile: "eu", sourceProfile: "base", caBundle: undefined, useFips: false, useDualstack: false },
    ]);
  });

  it("serves the second call from a private cache file without connecting again", async () => {
    await world.run(EU);
    const files = readdirSync(world.cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{40}\.json$/);
    expect(statSync(`${world.cacheDir}/${files[0]}`).mode & 0o777).toBe(0o600);

    const second = await world.run([...EU, "--verbose"]);
    expect(second).toEqual({
      code: 0,
      stdout: expectedJson(1),
      stderr: "regional-sts: profile eu: credentials from the cache, expiring 2026-03-01T11:00:00Z\n",
    });
    expect(world.sts.connects).toHaveLength(1);
  });

  it("--no-cache neither reads nor writes the cache", async () => {
    expect(await world.run([...EU, "--no-cache"])).toEqual({ code: 0, stdout: expectedJson(1), stderr: "" });
    expect(await world.run([...EU, "--no-cache"])).toEqual({ code: 0, stdout: expectedJson(2), stderr: "" });
    expect(world.sts.connects).toHaveLength(2);
    expect(existsSync(world.cacheDir)).toBe(false);
  });

  it("a flag overrides the profile key in the AssumeRole call", async () => {
    await world.run([...EU, "--duration-seconds", "7200", "--role-session-name", "ci-run", "--external-id", "ext-9"]);
    expect(world.sts.calls[0]?.params).toEqual({
      roleArn: ROLE,
      roleSessionName: "ci-run",
      durationSeconds: 7200,
      externalId: "ext-9",
    });
  });

  it("AccessDenied: one stderr line naming the role, exit 1, no stdout, nothing cached", async () => {
    const user = "arn:aws:iam::999988887777:user/ci";
    const message = `User: ${user} is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`;
    world.sts.failures.set("eu-west-1", { name: "AccessDenied", message });
    expect(await world.run(EU)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `regional-sts: profile eu: AssumeRole ${ROLE} in eu-west-1 failed: AccessDenied: ${message}; ` +
        "check the role's trust policy allows source profile base (and its MFA or external id conditions)\n",
    });
    expect(readdirSync(world.cacheDir)).toEqual([]);
  });
});

describe("credential-process refuses bad input before any STS call", () => {
  it.each([
    [
      "unknown profile",
      ["credential-process", "--profile", "nope"],
      1,
      (w: World) =>
        `regional-sts: profile nope not found in ${w.configFile}; ` +
        `add a [profile nope] section or fix the profile name\n`,
    ],
    [
      "missing region",
      ["credential-process", "--profile", "noregion"],
      1,
      () => "regional-sts: profile noregion: no region; add region = <region> to [profile noregion] or pass --region\n",
    ],
    [
      "bad duration",
      [...EU, "--duration-seconds", "60"],
      2,
      () =>
        'regional-sts: credential-process: --duration-seconds "60" is not a session duration; ' +
        "give a whole number of seconds from 900 to 43200\n",
    ],
    [
      "bad region flag",
      [...EU, "--region", "hongkong"],
      2,
      () => 'regional-sts: credential-process: --region "hongkong" is not an AWS region; use a name like ap-east-1\n',
    ],
    [
      "partition mismatch",
      [...EU, "--region", "cn-north-1"],
      1,
      () =>
        "regional-sts: profile eu: regional_sts_role_arn is in partition aws but region cn-north-1 is in aws-cn; " +
        "use a role and region of the same partition\n",
    ],
    [
      "cycle",
      ["credential-process", "--profile", "loop"],
      1,
      () =>
        "regional-sts: source profile cycle: loop -> loop; point regional_sts_source_profile of loop at a profile " +
        "with its own credentials\n",
    ],
    [
      "unknown flag",
      [...EU, "--bogus"],
      2,
      () => "regional-sts: credential-process: unknown option --bogus; see regional-sts help credential-process\n",
    ],
    [
      "flag without its value",
      [...EU, "--region"],
      2,
      () =>
        "regional-sts: credential-process: option --region needs a value; see regional-sts help credential-process\n",
    ],
    [
      "no --profile",
      ["credential-process"],
      2,
      () =>
        "regional-sts: credential-process: no profile given; name it (regional-sts credential-process PROFILE): " +
        "no AWS tool tells a credential process which profile it serves, so AWS_PROFILE is not used\n",
    ],
    [
      "unknown command",
      ["credentials-process", "--profile", "eu"],
      2,
      () => "regional-sts: unknown command credentials-process; did you mean credential-process?\n",
    ],
  ])("%s", async (_name, argv, code, stderr) => {
    expect(await world.run(argv)).toEqual({ code, stdout: "", stderr: stderr(world) });
    expect(world.sts.connects).toEqual([]);
  });

  it("a missing region is found in AWS_REGION", async () => {
    const result = await world.run(["credential-process", "--profile", "noregion"], {
      env: { ...world.env, AWS_REGION: "ap-northeast-1" },
    });
    expect(result).toEqual({ code: 0, stdout: expectedJson(1), stderr: "" });
    expect(world.sts.calls.map((c) => c.region)).toEqual(["ap-northeast-1"]);
  });
});
