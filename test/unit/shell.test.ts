import { describe, expect, it } from "vitest";
import { credentialEnv } from "../../src/output/credential-env";
import { type EnvChange, formatEnv } from "../../src/output/shell";
import { HOSTILE_VALUES as HOSTILE } from "../support/hostile-values";
import { parsePowerShellEnv } from "../support/powershell-lexer";

const change = credentialEnv(
  {
    accessKeyId: "ASIAFAKE1",
    secretAccessKey: "se/cr+et",
    sessionToken: "IQoJb3Jp==",
    expiration: "2026-03-01T11:00:00Z",
    accountId: "111122223333",
  },
  "ap-east-1",
);

describe("formatEnv", () => {
  it("sh: unsets the profile variables, then exports every value in single quotes", () => {
    expect(formatEnv(change, "sh")).toBe(`unset AWS_PROFILE
unset AWS_DEFAULT_PROFILE
export AWS_ACCESS_KEY_ID='ASIAFAKE1'
export AWS_SECRET_ACCESS_KEY='se/cr+et'
export AWS_SESSION_TOKEN='IQoJb3Jp=='
export AWS_CREDENTIAL_EXPIRATION='2026-03-01T11:00:00Z'
export AWS_REGION='ap-east-1'
export AWS_DEFAULT_REGION='ap-east-1'
`);
  });

  it("fish: set -e and set -gx", () => {
    expect(formatEnv(change, "fish")).toBe(`set -e AWS_PROFILE;
set -e AWS_DEFAULT_PROFILE;
set -gx AWS_ACCESS_KEY_ID 'ASIAFAKE1';
set -gx AWS_SECRET_ACCESS_KEY 'se/cr+et';
set -gx AWS_SESSION_TOKEN 'IQoJb3Jp==';
set -gx AWS_CREDENTIAL_EXPIRATION '2026-03-01T11:00:00Z';
set -gx AWS_REGION 'ap-east-1';
set -gx AWS_DEFAULT_REGION 'ap-east-1';
`);
  });

  it("powershell: Remove-Item and $Env: assignments of verbatim strings", () => {
    expect(formatEnv(change, "powershell")).toBe(`Remove-Item -ErrorAction SilentlyContinue Env:AWS_PROFILE
Remove-Item -ErrorAction SilentlyContinue Env:AWS_DEFAULT_PROFILE
$Env:AWS_ACCESS_KEY_ID = 'ASIAFAKE1'
$Env:AWS_SECRET_ACCESS_KEY = 'se/cr+et'
$Env:AWS_SESSION_TOKEN = 'IQoJb3Jp=='
$Env:AWS_CREDENTIAL_EXPIRATION = '2026-03-01T11:00:00Z'
$Env:AWS_REGION = 'ap-east-1'
$Env:AWS_DEFAULT_REGION = 'ap-east-1'
`);
  });

  it("dotenv: bare values (an AWS key or token never needs quotes), nothing to unset", () => {
    expect(formatEnv(change, "dotenv")).toBe(`AWS_ACCESS_KEY_ID=ASIAFAKE1
AWS_SECRET_ACCESS_KEY=se/cr+et
AWS_SESSION_TOKEN=IQoJb3Jp==
AWS_CREDENTIAL_EXPIRATION=2026-03-01T11:00:00Z
AWS_REGION=ap-east-1
AWS_DEFAULT_REGION=ap-east-1
`);
  });

  it("json: one object on one line", () => {
    expect(formatEnv(change, "json")).toBe(
      `{"AWS_ACCESS_KEY_ID":"ASIAFAKE1","AWS_SECRET_ACCESS_KEY":"se/cr+et","AWS_SESSION_TOKEN":"IQoJb3Jp==",` +
        `"AWS_CREDENTIAL_EXPIRATION":"2026-03-01T11:00:00Z",` +
        `"AWS_REGION":"ap-east-1","AWS_DEFAULT_REGION":"ap-east-1"}\n`,
    );
  });
});

describe("hostile values", () => {
  const hostile: EnvChange = { unset: ["AWS_PROFILE"], set: HOSTILE.map((v, i) => [`V${i}`, v]) };

  it("powershell: the PowerShell grammar reads back every value and nothing but the assignments", () => {
    const program = parsePowerShellEnv(formatEnv(hostile, "powershell"));
    expect(program).toEqual({ removed: ["AWS_PROFILE"], assigned: hostile.set });
  });

  it("powershell: a smart quote is doubled like a plain one (PowerShell closes strings on all five)", () => {
    expect(formatEnv({ unset: [], set: [["X", "a\u2019; Remove-Item C:\\ #"]] }, "powershell")).toBe(
      "$Env:X = 'a\u2019\u2019; Remove-Item C:\\ #'\n",
    );
  });

  it("json: JSON.parse reads back every value", () => {
    expect(Object.entries(JSON.parse(formatEnv(hostile, "json")))).toEqual(hostile.set);
  });

  it("dotenv: values with a quote, backslash or line break get double quotes with backslash escapes", () => {
    expect(formatEnv({ unset: [], set: [["X", `it's "a"\\b\nc$d`]] }, "dotenv")).toBe(`X="it's \\"a\\"\\\\b\\nc$d"\n`);
  });
});
