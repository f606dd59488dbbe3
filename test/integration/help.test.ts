import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands";
import { HELP, helpText } from "../../src/cli/help";
import { expectedJson, makeWorld, ROLE, type World } from "./harness";

const CONFIG = `[profile eu]
region = eu-west-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base
`;

let world: World;
beforeEach(() => {
  world = makeWorld(CONFIG);
});
afterEach(() => world.cleanup());

describe("help per command", () => {
  it.each(Object.keys(COMMANDS))(
    "%s: --help, -h and help %s print its usage, options and example on stdout",
    async (name) => {
      const text = helpText(name);
      const h = HELP[name]!;
      expect(text.split("\n")[0]).toBe(`Usage: regional-sts ${h.usage}`);
      expect(text).toContain(`\nOptions:\n`);
      expect(text).toContain(`\nExample:\n  ${h.example}\n`);
      const expected = name === "help" ? helpText(undefined) : text;
      for (const argv of [
        [name, "--help"],
        [name, "-h"],
        ["help", name],
      ]) {
        expect(await world.run(argv)).toEqual({
          code: 0,
          stdout: argv[0] === "help" && name === "help" ? helpText(undefined) : expected,
          stderr: "",
        });
      }
      expect(world.sts.connects).toEqual([]);
    },
  );

  it("exec's help, in full", () => {
    expect(helpText("exec")).toBe(`Usage: regional-sts exec [PROFILE] [options] [-- COMMAND [ARGS...]]

Run COMMAND (or your shell) with the credentials; exits with its code.
PROFILE defaults to AWS_PROFILE. Without a command, starts $SHELL (else /bin/sh; COMSPEC on Windows).
AWS_PROFILE and the other AWS_* variables that would pick other credentials are removed;
REGIONAL_STS_EXEC_PROFILE names the profile. SIGTERM and SIGHUP are passed on; 128+n when killed by signal n.

Options:
  --allow-nested             allow exec inside another profile's exec
  --server                   no keys in the environment: a credentials endpoint on 127.0.0.1
                             for the command's lifetime, refreshed as sessions near their end
  --profile NAME             the profile (or give it as the first argument)
  --region REGION            target region; decides the STS endpoint (region)
  --role-arn ARN             the role to assume (required) (regional_sts_role_arn)
  --source-profile NAME      profile with the source credentials; without it, the SDK's default chain \
(regional_sts_source_profile)
  --duration-seconds N       900-43200, default 3600; checked before any call (duration_seconds)
  --role-session-name NAME   default regional-sts-$USER (2-64 of letters, digits, +=,.@_-) (role_session_name)
  --external-id ID           passed to AssumeRole (external_id)
  --mfa-serial ARN           MFA device; the code is asked on the terminal (see MFA) (mfa_serial)
  --source-identity ID       passed to AssumeRole (source_identity)
  --sts-region REGION        force the STS endpoint region (regional_sts_sts_region)
  --mfa-process COMMAND      a command whose stdout is the MFA code (regional_sts_mfa_process)
  --fips                     FIPS STS endpoints (use_fips_endpoint)
  --dualstack                dual-stack STS endpoints (use_dualstack_endpoint)
  --no-cache                 neither read nor write the credentials cache
  -v, --verbose              explain each step on stderr (never secrets)
  -h, --help                 show this help

Example:
  regional-sts exec hk-role -- terraform plan
`);
  });

  it("the overview lists every command in one line each", async () => {
    const result = await world.run(["help"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n").filter((l) => /^ {2}\S/.test(l));
    expect(lines.map((l) => l.trim().split(" ")[0])).toEqual(Object.keys(COMMANDS));
    expect(await world.run(["--help"])).toEqual(result);
    expect(await world.run([])).toEqual({ code: 2, stdout: "", stderr: result.stdout });
  });

  it("help of an unknown command: exit 2, the closest one suggested", async () => {
    expect(await world.run(["help", "exex"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "regional-sts: help: unknown command exex; did you mean exec?\n",
    });
  });

  it("credential-process --profile eu -vh shows help, not credentials", async () => {
    expect(await world.run(["credential-process", "--profile", "eu", "-vh"])).toEqual({
      code: 0,
      stdout: helpText("credential-process"),
      stderr: "",
    });
    expect(world.sts.connects).toEqual([]);
  });
});

describe("the profile from AWS_PROFILE", () => {
  it("env takes it, and --verbose says so", async () => {
    const result = await world.run(["env", "--format", "json", "-v"], { env: { ...world.env, AWS_PROFILE: "eu" } });
    expect(result.code).toBe(0);
    expect(result.stderr.split("\n")[0]).toBe("regional-sts: profile eu (from AWS_PROFILE)");
  });

  it("credential-process does not, and says why", async () => {
    expect(await world.run(["credential-process"], { env: { ...world.env, AWS_PROFILE: "eu" } })).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "regional-sts: credential-process: no profile given; name it (regional-sts credential-process PROFILE): " +
        "no AWS tool tells a credential process which profile it serves, so AWS_PROFILE is not used\n",
    });
  });

  it("credential-process takes the profile as its argument", async () => {
    expect(await world.run(["credential-process", "eu"])).toEqual({ code: 0, stdout: expectedJson(1), stderr: "" });
  });
});

describe("exit code 1 for everything that is not the command line", () => {
  it.each([["credential-process"], ["env"], ["exec"]])(
    "%s of a mistyped profile: 1, the closest profile suggested",
    async (name) => {
      const argv = name === "exec" ? [name, "euu", "--", "true"] : [name, "euu"];
      expect(await world.run(argv)).toEqual({
        code: 1,
        stdout: "",
        stderr: `regional-sts: profile euu not found in ${world.configFile}; did you mean eu?\n`,
      });
    },
  );

  it("doctor without the AWS part in its runtime: 1, one line", async () => {
    expect(await world.run(["doctor", "eu"])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "regional-sts: doctor: this build cannot make AWS calls (no connectDoctor in the runtime); " +
        "reinstall regional-sts\n",
    });
  });
});
