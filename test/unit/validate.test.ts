import { describe, expect, it } from "vitest";
import type { RawSettings } from "../../src/config/settings";
import { defaultSessionName, validateSettings } from "../../src/config/validate";
import { UserError } from "../../src/errors";

const ARN = "arn:aws:iam::111122223333:role/Deploy";
const base: RawSettings = {
  profile: "hk",
  region: { value: "ap-east-1", origin: "region in profile hk" },
  roleArn: { value: ARN, origin: "regional_sts_role_arn in profile hk" },
  useFips: false,
  useDualstack: false,
};
const src = (value: string, origin: string) => ({ value, origin });

function errorOf(raw: RawSettings): UserError {
  try {
    validateSettings(raw, "regional-sts-alice");
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error("validateSettings did not throw");
}

describe("validateSettings errors", () => {
  it.each([
    [
      "no role ARN",
      { roleArn: undefined },
      "NoRoleArn",
      "profile hk: regional_sts_role_arn is not set; add it to [profile hk] or pass --role-arn",
    ],
    [
      "no region",
      { region: undefined },
      "NoRegion",
      "profile hk: no region; add region = <region> to [profile hk] or pass --region",
    ],
    [
      "malformed region",
      { region: src("Asia-East", "--region") },
      "BadRegion",
      '--region: "Asia-East" is not an AWS region; use a name like ap-east-1',
    ],
    [
      "malformed STS region",
      { stsRegion: src("hongkong", "regional_sts_sts_region in profile hk") },
      "BadRegion",
      'regional_sts_sts_region in profile hk: "hongkong" is not an AWS region; use a name like ap-east-1',
    ],
    [
      "malformed ARN",
      { roleArn: src("arn:aws:iam::1111:role/X", "--role-arn") },
      "BadRoleArn",
      '--role-arn: "arn:aws:iam::1111:role/X" is not an IAM role ARN; use arn:aws:iam::123456789012:role/NAME',
    ],
    [
      "user ARN",
      { roleArn: src("arn:aws:iam::111122223333:user/X", "--role-arn") },
      "BadRoleArn",
      '--role-arn: "arn:aws:iam::111122223333:user/X" is not an IAM role ARN; use arn:aws:iam::123456789012:role/NAME',
    ],
    [
      "duration not a number",
      { durationSeconds: src("1h", "duration_seconds in profile hk") },
      "BadDuration",
      'duration_seconds in profile hk: "1h" is not a session duration; ' +
        "give a whole number of seconds from 900 to 43200",
    ],
    [
      "duration fractional",
      { durationSeconds: src("1800.5", "--duration-seconds") },
      "BadDuration",
      '--duration-seconds: "1800.5" is not a session duration; give a whole number of seconds from 900 to 43200',
    ],
    [
      "duration < 900",
      { durationSeconds: src("899", "--duration-seconds") },
      "BadDuration",
      '--duration-seconds: "899" is not a session duration; give a whole number of seconds from 900 to 43200',
    ],
    [
      "duration > 43200",
      { durationSeconds: src("43201", "--duration-seconds") },
      "BadDuration",
      '--duration-seconds: "43201" is not a session duration; give a whole number of seconds from 900 to 43200',
    ],
    [
      "session name too long",
      { roleSessionName: src("a".repeat(65), "--role-session-name") },
      "BadSessionName",
      `--role-session-name: "${"a".repeat(65)}" is not a valid role session name; ` +
        `use 2 to 64 letters, digits or +=,.@_-`,
    ],
    [
      "session name too short",
      { roleSessionName: src("a", "role_session_name in profile hk") },
      "BadSessionName",
      'role_session_name in profile hk: "a" is not a valid role session name; use 2 to 64 letters, digits or +=,.@_-',
    ],
    [
      "session name with a space",
      { roleSessionName: src("my session", "--role-session-name") },
      "BadSessionName",
      '--role-session-name: "my session" is not a valid role session name; use 2 to 64 letters, digits or +=,.@_-',
    ],
    [
      "a typo in one of our keys, before the role ARN it hides",
      { roleArn: undefined, unknownKeys: ["regional_sts_rolearn"] },
      "UnknownKey",
      "profile hk: unknown key regional_sts_rolearn; did you mean regional_sts_role_arn?",
    ],
    [
      "an AWS key given our prefix",
      { unknownKeys: ["regional_sts_mfa_serial"] },
      "UnknownKey",
      "profile hk: unknown key regional_sts_mfa_serial; did you mean mfa_serial?",
    ],
    [
      "an AWS key given our prefix, misspelt",
      { unknownKeys: ["regional_sts_duraton_seconds"] },
      "UnknownKey",
      "profile hk: unknown key regional_sts_duraton_seconds; did you mean duration_seconds?",
    ],
    [
      "a key like none",
      { unknownKeys: ["regional_sts_colour", "regional_sts_x"] },
      "UnknownKey",
      "profile hk: unknown key regional_sts_colour; remove it; the regional_sts_ keys are regional_sts_role_arn, " +
        "regional_sts_source_profile, regional_sts_sts_region, regional_sts_mfa_process, " +
        "regional_sts_mfa_session_seconds",
    ],
  ] as const)("%s", (_name, change, code, message) => {
    const error = errorOf({ ...base, ...change } as RawSettings);
    expect(`${error.message}; ${error.hint}`).toBe(message);
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(1);
  });
});

describe("validateSettings values", () => {
  it("applies the defaults and keeps only the set optionals", () => {
    expect(validateSettings(base, "regional-sts-alice")).toEqual({
      profile: "hk",
      region: "ap-east-1",
      role: { arn: ARN, partition: "aws", accountId: "111122223333", roleName: "Deploy" },
      durationSeconds: 3600,
      mfaSessionSeconds: 43200,
      roleSessionName: "regional-sts-alice",
      useFips: false,
      useDualstack: false,
    });
  });

  it.each([
    ["900", 900],
    ["43200", 43200],
    [" 7200 ", 7200],
  ])("accepts duration %j", (text, seconds) => {
    expect(validateSettings({ ...base, durationSeconds: src(text, "--duration-seconds") }, "x-y").durationSeconds).toBe(
      seconds,
    );
  });

  it("passes every optional value through", () => {
    const s = validateSettings(
      {
        ...base,
        roleArn: src("arn:aws-cn:iam::111122223333:role/path/to/Role", "--role-arn"),
        region: src("cn-north-1", "--region"),
        sourceProfile: src("base", "x"),
        externalId: src("ext", "x"),
        mfaSerial: src("arn:aws:iam::1:mfa/a", "x"),
        sourceIdentity: src("alice", "x"),
        stsRegion: src("cn-northwest-1", "x"),
        mfaProcess: src("pass otp", "x"),
        caBundle: src("/ca.pem", "x"),
        roleSessionName: src("me@corp.example", "x"),
        useFips: true,
      },
      "unused",
    );
    expect(s).toMatchObject({
      role: { partition: "aws-cn", roleName: "Role" },
      sourceProfile: "base",
      externalId: "ext",
      mfaSerial: "arn:aws:iam::1:mfa/a",
      sourceIdentity: "alice",
      stsRegionOverride: "cn-northwest-1",
      mfaProcess: "pass otp",
      caBundle: "/ca.pem",
      roleSessionName: "me@corp.example",
      useFips: true,
    });
  });
});

describe("defaultSessionName", () => {
  it.each([
    [{ USER: "alice" }, "regional-sts-alice"],
    [{ LOGNAME: "bob" }, "regional-sts-bob"],
    [{ USERNAME: "CORP\\Carol Smith" }, "regional-sts-CORP_Carol_Smith"],
    [{ USER: "", LOGNAME: "dave" }, "regional-sts-dave"],
    [{}, "regional-sts-user"],
    [{ USER: "é!x" }, "regional-sts-__x"],
    [{ USER: "u".repeat(80) }, `regional-sts-${"u".repeat(51)}`],
  ])("%j → %s", (env, expected) => {
    const name = defaultSessionName(env);
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(validateSettings(base, name).roleSessionName).toBe(name);
  });
});
