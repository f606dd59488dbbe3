import { readFileSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACCOUNT_A_CREDENTIALS, HK_ARN, hkConfig } from "../support/hk-profile";
import { runOnTerminal, shellLine } from "../support/terminal";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, ROOT, useE2e } from "./harness";

const BIN = ENTRIES.binary[0];
const WHO = `aws sts get-caller-identity --region ap-east-1 --query Arn --output text`;
let e2e: E2e;

useE2e(
  (e) => (e2e = e),
  () => [hkConfig(BIN), ACCOUNT_A_CREDENTIALS],
);

/** The outer shell had another profile selected: env must take it away. */
const OUTER = { USER: "tester", BIN, AWS_PROFILE: "account-a", AWS_DEFAULT_PROFILE: "account-a" };
const expected = `${HK_ARN}\nap-east-1 ap-east-1 profile=unset\n`;

describe("env, evaluated by each shell, then used by the AWS CLI", () => {
  for (const shell of ["bash", "zsh", "dash"] as const) {
    needs(shell, "aws").it(`${shell}: eval "$(regional-sts env --profile hk-role)"`, async () => {
      const script =
        `eval "$("$BIN" env --profile hk-role)" && ${WHO} && echo "$AWS_REGION $AWS_DEFAULT_REGION ` +
        `profile=\${AWS_PROFILE-unset}"`;
      const result = await e2e.run(shell, ["-c", script], OUTER);
      expect([result.code, result.stdout, result.stderr]).toEqual([0, expected, ""]);
      expect(e2e.fake.assumeRoleCount({ ok: true })).toBe(1);
    });
  }

  needs("fish", "aws").it("fish: regional-sts env --profile hk-role --format fish | source", async () => {
    const script =
      `$BIN env --profile hk-role --format fish | source; and ${WHO}; ` +
      `and echo "$AWS_REGION $AWS_DEFAULT_REGION profile=$(set -q AWS_PROFILE; and echo set; or echo unset)"`;
    const result = await e2e.run("fish", ["--no-config", "-c", script], OUTER);
    // fish sets USER from the account database, so the default session name follows it.
    expect([result.code, result.stdout, result.stderr]).toEqual([
      0,
      expected.replace("-tester", `-${userInfo().username}`),
      "",
    ]);
  });

  it("dotenv: Node's --env-file loads it and the JS SDK uses the credentials", async () => {
    const dotenv = await e2e.run(BIN, ["env", "--profile", "hk-role", "--format", "dotenv"], { USER: "tester" });
    expect([dotenv.code, dotenv.stderr]).toEqual([0, ""]);
    const file = join(e2e.home, "hk.env");
    writeFileSync(file, dotenv.stdout);
    const script = `const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
new STSClient({}).send(new GetCallerIdentityCommand({})).then((r) => console.log(r.Arn, process.env.AWS_REGION));`;
    const result = await e2e.run(process.execPath, [`--env-file=${file}`, "-e", script], {
      NODE_PATH: `${ROOT}/node_modules`,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${HK_ARN} ap-east-1\n`, ""]);
  });

  needs("boto3").it("json: boto3 reads the variables from the object", async () => {
    const json = await e2e.run(BIN, ["env", "--profile", "hk-role", "--format", "json"], { USER: "tester" });
    expect([json.code, json.stderr]).toEqual([0, ""]);
    expect(Object.keys(JSON.parse(json.stdout))).toEqual([
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_CREDENTIAL_EXPIRATION",
      "AWS_REGION",
      "AWS_DEFAULT_REGION",
    ]);
    const script = `import boto3, json, sys
v = json.load(sys.stdin)
s = boto3.Session(
    aws_access_key_id=v["AWS_ACCESS_KEY_ID"],
    aws_secret_access_key=v["AWS_SECRET_ACCESS_KEY"],
    aws_session_token=v["AWS_SESSION_TOKEN"],
    region_name=v["AWS_REGION"],
)
print(s.client("sts").get_caller_identity()["Arn"])`;
    const result = await e2e.run("python3", ["-c", script], {}, json.stdout);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${HK_ARN}\n`, ""]);
  });

  needs("script").it("prints the eval hint on stderr only when stdout is a terminal", async () => {
    const errFile = join(e2e.home, "hint.err");
    for (const [format, hint] of [
      ["sh", `eval "$(regional-sts env hk-role)"`],
      ["fish", "regional-sts env hk-role --format fish | source"],
      ["powershell", "regional-sts env hk-role --format powershell | Out-String | Invoke-Expression"],
    ] as const) {
      const onTerminal = await runOnTerminal(
        ["sh", "-c", `${shellLine([BIN, "env", "--profile", "hk-role", "--format", format])} 2>"$0"`, errFile],
        e2e.env(),
        "\0",
        "",
      );
      expect(onTerminal.code).toBe(0);
      expect(onTerminal.screen).toContain("AWS_SECRET_ACCESS_KEY");
      expect(readFileSync(errFile, "utf8")).toBe(`regional-sts: to use these in your shell, run: ${hint}\n`);
    }
    const piped = await e2e.run(BIN, ["env", "--profile", "hk-role"]);
    expect([piped.code, piped.stderr]).toEqual([0, ""]);
    expect(piped.stdout).toMatch(
      /^unset AWS_PROFILE\nunset AWS_DEFAULT_PROFILE\nexport AWS_ACCESS_KEY_ID='ASIA[A-Z2-7]{16}'\n/,
    );
  });

  it("refuses an unknown format", async () => {
    const result = await e2e.run(BIN, ["env", "--profile", "hk-role", "--format", "csh"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      2,
      "",
      "regional-sts: env: --format csh is not a format; use one of sh, fish, powershell, dotenv, json\n",
    ]);
  });
});
