import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpText } from "../../src/cli/help";
import { connectSts as realConnectSts } from "../../src/credentials/connect";
import type { ConnectSts } from "../../src/credentials/types";
import { checkProcessLine } from "../../src/doctor/process-line";
import { runCli, TempHome } from "../support/in-process";
import { recordSecrets } from "../support/stderr-capture";

/**
 * Every bad input answered with one stderr line naming the profile, key or file and the fix,
 * a non-zero exit, nothing on stdout and no stack trace. The source profile is resolved by the
 * SDK's real providers (no network is needed for that); AssumeRole must never be reached.
 */
const ROLE = "arn:aws:iam::111122223333:role/Deploy";
const SOURCE_SECRET = "badInputSourceSecret/0123456789";
const CREDENTIALS = `[base]\naws_access_key_id = AKIABADINPUT0001\naws_secret_access_key = ${SOURCE_SECRET}\n`;
const app = (lines: string, extra = "") => `[profile base]\nregion = us-east-1\n[profile app]\n${lines}\n${extra}`;
const good = (over: Record<string, string> = {}) => {
  const keys = { region: "us-east-1", regional_sts_role_arn: ROLE, regional_sts_source_profile: "base", ...over };
  return Object.entries(keys)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k} = ${v}`)
    .join("\n");
};
const served = (name: string, source: string) =>
  `[profile ${name}]\ncredential_process = regional-sts credential-process --profile ${name}\n` +
  `regional_sts_role_arn = ${ROLE}\nregional_sts_source_profile = ${source}\n`;
const CP = ["credential-process", "--profile", "app"];
// Issue 12 item 13: a source's credential_process line may carry a secret, and so may its stderr.
const API_KEY = "apikey-in-the-command-line-0123";
const CHILD_SECRET = "secret-the-child-printed-4567";
const leakyProcess = `[profile proc]
credential_process = sh -c "echo ${CHILD_SECRET} >&2; exit 3" --api-key=${API_KEY}
`;
const PROC_FAILED = "credential_process sh failed (its arguments and output are not shown: they may hold secrets)";
// 2,000 SSO profiles: a config large enough to be read through its index (src/config/load-for.ts).
const FILLER = Array.from(
  { length: 2000 },
  (_, i) => `[profile sso-${i}]\nsso_session = org\nsso_account_id = ${100000000000 + i}\nsso_role_name = ReadOnly\n`,
).join("");
const CONFIGURE = ["configure", "new", "--role-arn", ROLE, "--region", "us-east-1"];

const noAssumeRole: ConnectSts = async (options) => {
  await realConnectSts(options); // resolves the source credentials for real
  return async () => {
    throw new Error("test: AssumeRole must not be reached for bad input");
  };
};

let home: TempHome;
beforeAll(() => {
  recordSecrets([SOURCE_SECRET, API_KEY, CHILD_SECRET]);
  home = new TempHome();
});
afterAll(() => home.cleanup());

interface Case {
  name: string;
  config?: string;
  credentials?: string;
  argv?: string[];
  env?: (home: TempHome) => Record<string, string>;
  setup?: (home: TempHome) => void;
  code?: number;
  stderr: (home: TempHome) => string;
}

const cfg = (h: TempHome) => h.configFile;
const cases: Case[] = [
  {
    name: "config file missing",
    config: undefined,
    stderr: (h) =>
      `regional-sts: profile app not found in ${cfg(h)} (which does not exist); ` +
      `add a [profile app] section or fix the profile name`,
  },
  {
    name: "AWS_CONFIG_FILE pointing nowhere",
    env: (h) => ({ AWS_CONFIG_FILE: join(h.root, "nowhere") }),
    stderr: (h) =>
      `regional-sts: ${join(h.root, "nowhere")} (set by AWS_CONFIG_FILE) does not exist; ` +
      `fix the path or the file's permissions`,
  },
  {
    name: "AWS_SHARED_CREDENTIALS_FILE pointing nowhere",
    config: app(good()),
    env: (h) => ({ AWS_SHARED_CREDENTIALS_FILE: join(h.root, "gone") }),
    stderr: (h) =>
      `regional-sts: ${join(h.root, "gone")} (set by AWS_SHARED_CREDENTIALS_FILE) does not exist; ` +
      `fix the path or the file's permissions`,
  },
  {
    name: "config file is a folder",
    setup: (h) => mkdirSync(h.configFile),
    stderr: (h) => `regional-sts: ${cfg(h)} is a folder, not a file; fix the path or the file's permissions`,
  },
  {
    name: "config file malformed: unclosed section",
    config: "[profile base]\nregion = us-east-1\n[profile app\nregion = us-east-1\n",
    stderr: (h) => `regional-sts: ${cfg(h)} line 3 is neither a [section] nor name = value; fix that line`,
  },
  {
    name: "config file malformed: a line without =",
    config: `${app(good())}\nthis is not ini\n`,
    stderr: (h) => `regional-sts: ${cfg(h)} line 8 is neither a [section] nor name = value; fix that line`,
  },
  {
    name: "config file malformed: a value without a name",
    config: `${app(good())}\n= us-east-1\n`,
    stderr: (h) => `regional-sts: ${cfg(h)} line 8 is neither a [section] nor name = value; fix that line`,
  },
  {
    name: "credentials file malformed (the secret is not quoted)",
    config: app(good()),
    credentials: `[base]\naws_access_key_id = AKIABADINPUT0001\naws_secret_access_key: ${SOURCE_SECRET}\n`,
    stderr: (h) => `regional-sts: ${h.credentialsFile} line 3 is neither a [section] nor name = value; fix that line`,
  },
  {
    name: "config file with a forbidden profile name",
    config: `${app(good())}\n[__proto__]\nregion = us-east-1\n`,
    stderr: (h) => `regional-sts: ${cfg(h)} line 8 names a section __proto__, which the AWS SDKs refuse; fix that line`,
  },
  // Issue 16: a large config is read whole until its index exists; either way a malformed line
  // anywhere is an error, as for the AWS CLI.
  {
    name: "config file malformed far below the profile, in a config of 2,000 profiles",
    config: `${app(good())}\n${FILLER}oops\n`,
    stderr: (h) =>
      `regional-sts: ${cfg(h)} line ${8 + FILLER.split("\n").length - 1} is neither a [section] nor name = value; ` +
      `fix that line`,
  },
  // Issue 12.11: read as the AWS CLI reads it. [default] after [profile default] is the one used, whole.
  {
    name: "[default] after [profile default]: [default]'s settings count, as in the AWS CLI",
    argv: ["credential-process", "--profile", "default"],
    config:
      `[profile base]\nregion = us-east-1\n[profile default]\n${good()}\n[default]\nregion = us-east-1\n` +
      `regional_sts_role_arn = arn:aws:iam::1234:role/Deploy\n`,
    stderr: () =>
      "regional-sts: regional_sts_role_arn in profile default: " +
      '"arn:aws:iam::1234:role/Deploy" is not an IAM role ARN; use arn:aws:iam::123456789012:role/NAME',
  },
  {
    name: "[profile default] after [default]: [profile default]'s settings count, whole",
    argv: ["credential-process", "--profile", "default"],
    config:
      `[profile base]\nregion = us-east-1\n[default]\n${good()}\n[profile default]\n` +
      `regional_sts_role_arn = ${ROLE}\n`,
    stderr: () =>
      "regional-sts: profile default: no region; add region = <region> to [profile default] or pass --region",
  },
  {
    name: "key names in capitals are read, as in the AWS CLI (Region =)",
    config: app(`${good({ region: "" })}\nRegion = Asia-East`),
    stderr: () => 'regional-sts: region in profile app: "Asia-East" is not an AWS region; use a name like ap-east-1',
  },
  {
    name: "of two keys differing in case, the later one counts (REGIONAL_STS_ROLE_ARN)",
    config: app(`${good()}\nREGIONAL_STS_ROLE_ARN = arn:aws:iam::1234:role/Deploy`),
    stderr: () =>
      'regional-sts: regional_sts_role_arn in profile app: "arn:aws:iam::1234:role/Deploy" is not an IAM role ARN; ' +
      "use arn:aws:iam::123456789012:role/NAME",
  },
  {
    name: "profile missing",
    config: app(good()),
    argv: ["credential-process", "--profile", "nope"],
    stderr: (h) =>
      `regional-sts: profile nope not found in ${cfg(h)}; add a [profile nope] section or fix the profile name`,
  },
  {
    name: "profile missing, named like a property every object has",
    config: app(good()),
    argv: ["credential-process", "--profile", "constructor"],
    stderr: (h) =>
      `regional-sts: profile constructor not found in ${cfg(h)}; ` +
      `add a [profile constructor] section or fix the profile name`,
  },
  {
    name: "region missing",
    config: app(good({ region: "" })),
    stderr: () => "regional-sts: profile app: no region; add region = <region> to [profile app] or pass --region",
  },
  {
    name: "region malformed",
    config: app(good({ region: "Asia-East" })),
    stderr: () => 'regional-sts: region in profile app: "Asia-East" is not an AWS region; use a name like ap-east-1',
  },
  {
    name: "region unknown",
    config: app(good({ region: "xx-moon-1" })),
    stderr: () => 'regional-sts: region in profile app: "xx-moon-1" is not an AWS region; use a name like ap-east-1',
  },
  {
    name: "--region unknown",
    config: app(good()),
    argv: [...CP, "--region", "zz-east-1"],
    code: 2,
    stderr: () =>
      'regional-sts: credential-process: --region "zz-east-1" is not an AWS region; did you mean us-east-1?',
  },
  {
    name: "regional_sts_sts_region malformed",
    config: app(good({ regional_sts_sts_region: "us_east_1" })),
    stderr: () =>
      'regional-sts: regional_sts_sts_region in profile app: "us_east_1" is not an AWS region; did you mean us-east-1?',
  },
  {
    name: "an AWS key written with our prefix (ignored before: AccessDenied without the MFA code)",
    config: app(good({ regional_sts_mfa_serial: "arn:aws:iam::111122223333:mfa/alice" })),
    stderr: () => "regional-sts: profile app: unknown key regional_sts_mfa_serial; did you mean mfa_serial?",
  },
  {
    name: "a typo in one of our keys, in a large config read through its index",
    config: app(good({ regional_sts_sts_regoin: "eu-west-1" }), FILLER),
    stderr: () =>
      "regional-sts: profile app: unknown key regional_sts_sts_regoin; did you mean regional_sts_sts_region?",
  },
  {
    name: "role ARN missing",
    config: app(good({ regional_sts_role_arn: "" })),
    stderr: () =>
      "regional-sts: profile app: regional_sts_role_arn is not set; add it to [profile app] or pass --role-arn",
  },
  {
    name: "role ARN malformed",
    config: app(good({ regional_sts_role_arn: "arn:aws:iam::1234:role/Deploy" })),
    stderr: () =>
      'regional-sts: regional_sts_role_arn in profile app: "arn:aws:iam::1234:role/Deploy" is not an IAM role ARN; ' +
      "use arn:aws:iam::123456789012:role/NAME",
  },
  {
    name: "role ARN of a user, not a role",
    config: app(good()),
    argv: [...CP, "--role-arn", "arn:aws:iam::111122223333:user/bob"],
    code: 2,
    stderr: () =>
      'regional-sts: credential-process: --role-arn "arn:aws:iam::111122223333:user/bob" is not an IAM role ARN; ' +
      "use arn:aws:iam::123456789012:role/NAME",
  },
  {
    name: "role ARN of another partition than the region",
    config: app(good({ regional_sts_role_arn: "arn:aws-cn:iam::111122223333:role/Deploy" })),
    stderr: () =>
      "regional-sts: profile app: regional_sts_role_arn is in partition aws-cn but region us-east-1 is in aws; " +
      "use a role and region of the same partition",
  },
  {
    name: "a commercial role with a region of the European sovereign cloud",
    config: app(good({ region: "eusc-de-east-1" })),
    stderr: () =>
      "regional-sts: profile app: regional_sts_role_arn is in partition aws but region eusc-de-east-1 is in " +
      "aws-eusc; use a role and region of the same partition",
  },
  ...[["899"], ["43201"], ["1h"], ["-900"], ["900.5"], ["1e4"]].map(([value]) => ({
    name: `duration_seconds ${value}`,
    config: app(good({ duration_seconds: value! })),
    stderr: () =>
      `regional-sts: duration_seconds in profile app: "${value}" is not a session duration; ` +
      `give a whole number of seconds from 900 to 43200`,
  })),
  {
    name: "--duration-seconds not a number",
    config: app(good()),
    argv: [...CP, "--duration-seconds", "forever"],
    code: 2,
    stderr: () =>
      'regional-sts: credential-process: --duration-seconds "forever" is not a session duration; ' +
      "give a whole number of seconds from 900 to 43200",
  },
  {
    name: "session name too long",
    config: app(good({ role_session_name: "s".repeat(65) })),
    stderr: () =>
      `regional-sts: role_session_name in profile app: "${"s".repeat(65)}" is not a valid role session name; ` +
      `use 2 to 64 letters, digits or +=,.@_-`,
  },
  {
    name: "session name with a space",
    config: app(good({ role_session_name: "my session" })),
    stderr: () =>
      'regional-sts: role_session_name in profile app: "my session" is not a valid role session name; ' +
      "use 2 to 64 letters, digits or +=,.@_-",
  },
  {
    name: "session name with a slash (flag)",
    config: app(good()),
    argv: [...CP, "--role-session-name", "a/b"],
    code: 2,
    stderr: () =>
      'regional-sts: credential-process: --role-session-name "a/b" is not a valid role session name; ' +
      "use 2 to 64 letters, digits or +=,.@_-",
  },
  // configure writes nothing on these (test/integration/configure-convert.test.ts checks the file byte for byte).
  {
    name: "configure: a line break in a value (a second credential_process line)",
    config: app(good()),
    code: 2,
    argv: [...CONFIGURE, "--source-profile", "base\ncredential_process = /tmp/evil"],
    stderr: () =>
      "regional-sts: configure new: --source-profile contains a control character (U+000A, a line break); " +
      "a config file value is one line of printable characters",
  },
  {
    name: "configure: a value the JS SDK would cut at a comment",
    config: app(good()),
    code: 2,
    argv: [...CONFIGURE, "--external-id", "abc ;def"],
    stderr: () =>
      'regional-sts: configure new: --external-id contains " ;", ' +
      "where the JS SDK and regional-sts see a comment and the AWS CLI does not; remove the ; " +
      "or the space before it",
  },
  {
    name: "configure: a misspelt region",
    config: app(good()),
    code: 2,
    argv: ["configure", "new", "--role-arn", ROLE, "--region", "ap-esat-1"],
    stderr: () => 'regional-sts: configure: --region "ap-esat-1" is not an AWS region; did you mean ap-east-1?',
  },
  {
    name: "source profile missing",
    config: app(good({ regional_sts_source_profile: "gone" })),
    stderr: (h) =>
      `regional-sts: profile app: no source credentials from source profile gone: ` +
      `no keys, SSO, credential_process or role for it in ${cfg(h)} or ${h.credentialsFile}; ` +
      `check [profile gone] has working credentials`,
  },
  {
    name: "source profile without credentials",
    config: app(good({ regional_sts_source_profile: "empty" }), "[profile empty]\nregion = us-east-1\n"),
    stderr: (h) =>
      `regional-sts: profile app: no source credentials from source profile empty: ` +
      `no keys, SSO, credential_process or role for it in ${cfg(h)} or ${h.credentialsFile}; ` +
      `check [profile empty] has working credentials`,
  },
  {
    name: "a source profile whose credential_process (with a secret in its arguments) fails",
    config: app(good({ regional_sts_source_profile: "proc" }), leakyProcess),
    stderr: () =>
      `regional-sts: profile app: no source credentials from source profile proc: ${PROC_FAILED}; ` +
      `check [profile proc] has working credentials`,
  },
  {
    name: "profile mistyped: the closest one suggested",
    config: app(good()),
    argv: ["credential-process", "appp"],
    stderr: (h) => `regional-sts: profile appp not found in ${cfg(h)}; did you mean app?`,
  },
  {
    name: "a profile that is its own source",
    config: app(good({ regional_sts_source_profile: "app" })),
    stderr: () =>
      "regional-sts: source profile cycle: app -> app; point regional_sts_source_profile of app at a profile with " +
      "its own credentials",
  },
  {
    name: "a cycle of two",
    config: app(good({ regional_sts_source_profile: "b" }), served("b", "app")),
    stderr: () =>
      "regional-sts: source profile cycle: app -> b -> app; point regional_sts_source_profile of b at a profile " +
      "with its own credentials",
  },
  {
    name: "a cycle of three",
    config: app(good({ regional_sts_source_profile: "b" }), served("b", "c") + served("c", "app")),
    stderr: () =>
      "regional-sts: source profile cycle: app -> b -> c -> app; " +
      "point regional_sts_source_profile of c at a profile with its own credentials",
  },
  {
    name: "a cycle through a standard role profile pair",
    config: app(
      good({ regional_sts_source_profile: "s1" }),
      `[profile s1]\nrole_arn = ${ROLE}\nsource_profile = s2\n[profile s2]\nrole_arn = ${ROLE}\nsource_profile = s1\n`,
    ),
    stderr: () =>
      "regional-sts: source profile cycle: app -> s1 -> s2 -> s1; " +
      "point regional_sts_source_profile of s2 at a profile with its own credentials",
  },
  {
    name: "a cycle through a process line naming another profile",
    config: app(
      good({ regional_sts_source_profile: "b" }),
      `[profile b]\ncredential_process = regional-sts credential-process --profile c\n[profile c]\n` +
        `regional_sts_role_arn = ${ROLE}\nregional_sts_source_profile = app\n`,
    ),
    stderr: () =>
      "regional-sts: source profile cycle: app -> b -> c -> app; " +
      "point regional_sts_source_profile of c at a profile with its own credentials",
  },
  {
    name: "a cycle through a parent regional-sts process",
    config: app(good()),
    env: () => ({ REGIONAL_STS_PROFILE_CHAIN: "outer,app" }),
    stderr: () =>
      "regional-sts: source profile cycle: outer -> app -> app; " +
      "point regional_sts_source_profile of app at a profile with its own credentials",
  },
  {
    name: "a chain deeper than 8",
    config: app(
      good({ regional_sts_source_profile: "p1" }),
      Array.from({ length: 9 }, (_, i) => served(`p${i + 1}`, `p${i + 2}`)).join(""),
    ),
    stderr: () =>
      "regional-sts: profile app: source profiles nest deeper than 8 " +
      "(app -> p1 -> p2 -> p3 -> p4 -> p5 -> p6 -> p7 -> p8); shorten the chain",
  },
  {
    name: "unknown flag",
    config: app(good()),
    argv: [...CP, "--bogus"],
    code: 2,
    stderr: () => "regional-sts: credential-process: unknown option --bogus; see regional-sts help credential-process",
  },
  {
    name: "flag without its value",
    config: app(good()),
    argv: ["credential-process", "--profile"],
    code: 2,
    stderr: () =>
      "regional-sts: credential-process: option --profile needs a value; see regional-sts help credential-process",
  },
  {
    name: "--profile missing",
    config: app(good()),
    argv: ["credential-process"],
    code: 2,
    stderr: () =>
      "regional-sts: credential-process: no profile given; name it (regional-sts credential-process PROFILE): " +
      "no AWS tool tells a credential process which profile it serves, so AWS_PROFILE is not used",
  },
  {
    name: "a stray positional argument",
    config: app(good()),
    argv: ["credential-process", "app", "extra"],
    code: 2,
    stderr: () =>
      "regional-sts: credential-process: unexpected argument extra; see regional-sts help credential-process",
  },
  {
    name: "two different profiles",
    config: app(good()),
    argv: [...CP, "other"],
    code: 2,
    stderr: () => "regional-sts: credential-process: two profiles given, other and --profile app; give one",
  },
  {
    name: "unknown command",
    config: app(good()),
    argv: ["credentials-process", "--profile", "app"],
    code: 2,
    stderr: () => "regional-sts: unknown command credentials-process; did you mean credential-process?",
  },
];

describe("bad input: one clear line, non-zero exit, empty stdout, no stack trace", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    home.write(c.config, c.credentials ?? CREDENTIALS);
    c.setup?.(home);
    const result = await runCli({ argv: c.argv ?? CP, home, env: c.env?.(home) ?? {}, connectSts: noAssumeRole });
    expect(result.stderr).toBe(`${c.stderr(home)}\n`);
    expect(result.code).toBe(c.code ?? 1);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain(SOURCE_SECRET);
    expect(result.stderr).not.toContain(API_KEY);
    expect(result.stderr).not.toContain(CHILD_SECRET);
  });

  it("no command at all: exit 2 with the usage text on stderr", async () => {
    const result = await runCli({ argv: [], home, connectSts: noAssumeRole });
    expect(result).toEqual({ code: 2, stdout: "", stderr: helpText(undefined) });
  });

  it("an unreadable config file names the file (run as an unprivileged user when root)", async () => {
    home.write(app(good()), CREDENTIALS);
    chmodSync(home.configFile, 0o000);
    const asRoot = process.getuid?.() === 0;
    // Root reads any file; a file whose every read fails the same way stands in for EACCES.
    const file = asRoot ? "/proc/self/mem" : home.configFile;
    const result = await runCli({ argv: CP, home, env: { AWS_CONFIG_FILE: file }, connectSts: noAssumeRole });
    const why = asRoot ? "cannot be read (EIO)" : "is not readable by this user";
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `regional-sts: ${file} (set by AWS_CONFIG_FILE) ${why}; fix the path or the file's permissions\n`,
    });
  });

  it("with --verbose the cause's stack may follow, still nothing on stdout", async () => {
    home.write(app(good({ regional_sts_source_profile: "gone" })), CREDENTIALS);
    const result = await runCli({ argv: [...CP, "--verbose"], home, connectSts: noAssumeRole });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.split("\n");
    expect(lines[0]).toBe("regional-sts: profile app: STS region us-east-1 (us-east-1 is enabled by default)");
    expect(lines[1]).toMatch(/^regional-sts: profile app: no source credentials from source profile gone: /);
  });
});

describe("a source's credential_process is named by its program only (it may carry --api-key=...)", () => {
  it("--verbose shows the stack, not the command line or the child's stderr", async () => {
    home.write(app(good({ regional_sts_source_profile: "proc" }), leakyProcess), CREDENTIALS);
    const result = await runCli({ argv: [...CP, "--verbose"], home, connectSts: noAssumeRole });
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines[1]).toBe(
      `regional-sts: profile app: no source credentials from source profile proc: ${PROC_FAILED}; ` +
        `check [profile proc] has working credentials`,
    );
    expect(lines[2]).toBe(`Error: ${PROC_FAILED}`);
    expect(lines[3]).toMatch(/^\s+at /);
    expect(result.stderr).not.toContain(API_KEY);
    expect(result.stderr).not.toContain(CHILD_SECRET);
  });

  it("doctor names the program of a credential_process that is not regional-sts", () => {
    const finding = checkProcessLine("app", {
      credential_process: `"/opt/my tools/get-creds" --api-key=${API_KEY} --profile app`,
    });
    expect(finding).toMatchObject({
      status: "failed",
      message: "credential_process in [profile app] runs /opt/my tools/get-creds, not regional-sts",
    });
  });
});

export const BAD_INPUT_CASES = cases.length + 5;
