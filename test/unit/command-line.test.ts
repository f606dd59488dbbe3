import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/command-line";
import { COMMANDS } from "../../src/cli/commands";
import { isUserError } from "../../src/errors";

const parse = (argv: string[], env: Record<string, string> = {}) => parseCommandLine(argv, env);
const refusal = (argv: string[], env: Record<string, string> = {}) => {
  try {
    parse(argv, env);
  } catch (error) {
    if (!isUserError(error)) throw error;
    return [error.exitCode, error.hint ? `${error.message}; ${error.hint}` : error.message];
  }
  return "accepted";
};
const pick = (argv: string[], env: Record<string, string> = {}) => {
  const c = parse(argv, env);
  return { profile: c.profile, from: c.profileFrom, action: c.action, args: c.args };
};

describe("the profile: an argument, --profile, or AWS_PROFILE where the command allows", () => {
  it.each([
    [["credential-process", "hk-role"], {}, { profile: "hk-role", from: "argument", action: undefined, args: [] }],
    [
      ["credential-process", "--profile", "hk-role"],
      {},
      { profile: "hk-role", from: "--profile", action: undefined, args: [] },
    ],
    [
      ["credential-process", "hk-role", "--profile", "hk-role"],
      {},
      { profile: "hk-role", from: "argument", action: undefined, args: [] },
    ],
    [
      ["env", "hk-role"],
      { AWS_PROFILE: "other" },
      { profile: "hk-role", from: "argument", action: undefined, args: [] },
    ],
    [["env"], { AWS_PROFILE: "other" }, { profile: "other", from: "AWS_PROFILE", action: undefined, args: [] }],
    [["doctor"], { AWS_PROFILE: "other" }, { profile: "other", from: "AWS_PROFILE", action: undefined, args: [] }],
    [
      ["exec", "--", "terraform", "plan"],
      { AWS_PROFILE: "other" },
      { profile: "other", from: "AWS_PROFILE", action: undefined, args: ["terraform", "plan"] },
    ],
    [
      ["exec", "hk-role", "--", "terraform", "plan", "-var", "x"],
      {},
      { profile: "hk-role", from: "argument", action: undefined, args: ["terraform", "plan", "-var", "x"] },
    ],
    [["exec", "hk-role"], {}, { profile: "hk-role", from: "argument", action: undefined, args: [] }],
    [
      ["cache", "clear", "hk-role"],
      { AWS_PROFILE: "other" },
      { profile: "hk-role", from: "argument", action: "clear", args: [] },
    ],
    [["cache", "list"], { AWS_PROFILE: "other" }, { profile: undefined, from: undefined, action: "list", args: [] }],
    [
      ["configure", "new-role", "--region", "ap-east-1"],
      { AWS_PROFILE: "other" },
      { profile: "new-role", from: "argument", action: undefined, args: [] },
    ],
    [["help", "exec"], {}, { profile: undefined, from: undefined, action: undefined, args: ["exec"] }],
  ] as const)("%j with %j", (argv, env, expected) => {
    expect(pick([...argv], env)).toEqual(expected);
  });

  it.each([
    [
      ["credential-process"],
      { AWS_PROFILE: "hk-role" },
      "credential-process: no profile given; name it (regional-sts credential-process PROFILE): " +
        "no AWS tool tells a credential process which profile it serves, so AWS_PROFILE is not used",
    ],
    [["env"], {}, "env: no profile given; name one (regional-sts env PROFILE) or set AWS_PROFILE"],
    [
      ["exec", "--", "true"],
      { AWS_PROFILE: "" },
      "exec: no profile given; name one (regional-sts exec PROFILE) or set AWS_PROFILE",
    ],
    [["doctor", "a", "--profile", "b"], {}, "doctor: two profiles given, a and --profile b; give one"],
    [
      ["exec", "hk-role", "terraform", "plan"],
      {},
      "exec: unexpected argument terraform; put the command after --: regional-sts exec hk-role -- terraform plan",
    ],
    [["cache", "clear", "a", "b"], {}, "cache: unexpected argument b; see regional-sts help cache"],
  ] as const)("%j with %j is refused", (argv, env, message) => {
    expect(refusal([...argv], env)).toEqual([2, message]);
  });
});

describe("help comes before everything else is checked", () => {
  it.each([
    [["credential-process", "--profile", "app", "-vh"], "credential-process"],
    [["credential-process", "-h"], "credential-process"],
    [["exec", "--duration-seconds", "10", "--help"], "exec"],
    [["cache", "--help"], "cache"],
    [["--help"], "help"],
    [["-h"], "help"],
  ])("%j", (argv, name) => {
    const command = parse(argv);
    expect([command.name, command.help || name === "help"]).toEqual([name, true]);
  });
});

describe("exit code 2 for anything wrong on the command line, for every command", () => {
  const names = Object.keys(COMMANDS);
  it.each(names)("%s: an unknown option", (name) => {
    expect(refusal([name, "--bogus"])).toEqual([2, `${name}: unknown option --bogus; see regional-sts help ${name}`]);
  });
  it.each(names.filter((n) => COMMANDS[n]!.options.region))("%s: invalid values", (name) => {
    const head = COMMANDS[name]!.actions ? [name, COMMANDS[name]!.actions![0]!, "p"] : [name, "p"];
    expect(refusal([...head, "--duration-seconds", "10"])).toEqual([
      2,
      `${name}: --duration-seconds "10" is not a session duration; give a whole number of seconds from 900 to 43200`,
    ]);
    expect(refusal([...head, "--role-arn", "nope"])).toEqual([
      2,
      `${name}: --role-arn "nope" is not an IAM role ARN; use arn:aws:iam::123456789012:role/NAME`,
    ]);
    expect(refusal([...head, "--region", "ap-east1"])).toEqual([
      2,
      `${name}: --region "ap-east1" is not an AWS region; did you mean ap-east-1?`,
    ]);
    expect(refusal([...head, "--sts-region", "nowhere"])).toEqual([
      2,
      `${name}: --sts-region "nowhere" is not an AWS region; use a name like ap-east-1`,
    ]);
    expect(refusal([...head, "--role-session-name", "a b"])).toEqual([
      2,
      `${name}: --role-session-name "a b" is not a valid role session name; use 2 to 64 letters, digits or +=,.@_-`,
    ]);
    expect(refusal([...head, "--region"])).toEqual([
      2,
      `${name}: option --region needs a value; see regional-sts help ${name}`,
    ]);
    expect(refusal([...head, "--fips=1"])).toEqual([
      2,
      `${name}: option --fips takes no value; see regional-sts help ${name}`,
    ]);
  });
  it.each(names.filter((n) => !COMMANDS[n]!.takesRest && n !== "help"))("%s: a stray argument", (name) => {
    const argv = COMMANDS[name]!.actions ? [name, "list", "p", "extra"] : [name, "p", "extra"];
    expect(refusal(argv)[0]).toBe(2);
  });
  it("an unknown command, with the closest one suggested", () => {
    expect(refusal(["exce", "hk-role"])).toEqual([2, "unknown command exce; did you mean exec?"]);
    expect(refusal(["frobnicate"])).toEqual([2, "unknown command frobnicate; see regional-sts help"]);
    expect(refusal(["--bogus"])).toEqual([2, "unknown command --bogus; see regional-sts help"]);
  });
  it("an unknown action, with the closest one suggested", () => {
    expect(refusal(["cache", "lsit"])).toEqual([2, "cache: unknown action lsit; did you mean cache list?"]);
    expect(refusal(["cache"])).toEqual([2, "cache: no action given; expected cache list or cache clear"]);
  });
  it("a mistyped option, with the closest one suggested", () => {
    expect(refusal(["env", "p", "--formt", "sh"])).toEqual([2, "env: unknown option --formt; did you mean --format?"]);
  });
});

describe("flags reach the command as the settings' Flags", () => {
  it("each profile flag under its field name", () => {
    const command = parse([
      "credential-process",
      "p",
      "--region",
      "ap-east-1",
      "--role-arn",
      "arn:aws:iam::111122223333:role/R",
      "--duration-seconds",
      "900",
      "--fips",
      "--mfa-process",
      "ykman x",
      "--no-cache",
      "-v",
    ]);
    expect(command.flags).toEqual({
      region: "ap-east-1",
      roleArn: "arn:aws:iam::111122223333:role/R",
      durationSeconds: "900",
      fips: true,
      mfaProcess: "ykman x",
    });
    expect([command.noCache, command.verbose, command.help]).toEqual([true, true, false]);
  });
});
