import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ACCOUNT_A_CREDENTIALS, HK_ARN, hkConfig } from "../support/hk-profile";
import { runOnTerminal } from "../support/terminal";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, type RunResult, useE2e } from "./harness";

const BIN = ENTRIES.binary[0];
const EXEC = [BIN, "exec", "--profile", "hk-role", "--"] as const;
let e2e: E2e;

useE2e(
  (e) => (e2e = e),
  () => [hkConfig(BIN), ACCOUNT_A_CREDENTIALS],
);

const exec = (args: string[], env: Record<string, string> = {}) => e2e.run(EXEC[0], [...EXEC.slice(1), ...args], env);

/** Starts exec, waits until the child prints "ready", then sends `signal` to regional-sts itself. */
function execAndSignal(args: string[], signal: NodeJS.Signals): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(EXEC[0], [...EXEC.slice(1), ...args], { env: e2e.env(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (!sent && stdout.includes("ready\n")) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code, sig) => done({ code, signal: sig, stdout, stderr }));
  });
}

/** A child that says it is ready, then waits; `trap` decides what it does with SIGTERM. */
const waiter = (trap: string) => ["sh", "-c", `${trap} echo ready; while :; do sleep 0.1; done`];

describe("exec", () => {
  needs("aws").it("runs the AWS CLI with the role's credentials and the profile's region", async () => {
    const result = await exec(["aws", "sts", "get-caller-identity", "--query", "Arn", "--output", "text"], {
      USER: "tester",
    });
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${HK_ARN}\n`, ""]);
  });

  it("removes conflicting AWS_* variables, leaves the others, and marks the child", async () => {
    const conflicting = {
      AWS_PROFILE: "x",
      AWS_DEFAULT_PROFILE: "x",
      AWS_SECURITY_TOKEN: "x",
      AWS_ROLE_ARN: "x",
      AWS_ROLE_SESSION_NAME: "x",
      AWS_WEB_IDENTITY_TOKEN_FILE: "x",
      AWS_CONTAINER_CREDENTIALS_FULL_URI: "x",
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "x",
      AWS_CONTAINER_AUTHORIZATION_TOKEN: "x",
      AWS_ACCESS_KEY_ID: "AKIAOUTER",
      AWS_SESSION_TOKEN: "outer",
      AWS_REGION: "eu-west-1",
    };
    const dump =
      `process.stdout.write(Object.keys(process.env).filter((k) => /^(AWS_|REGIONAL_STS_)/.test(k)).sort()` +
      `.map((k) => k + "=" + (/SECRET|TOKEN/.test(k) ? "*" : process.env[k])).join("\\n"))`;
    const result = await exec([process.execPath, "-e", dump], conflicting);
    expect(result.stderr).toBe("");
    const issued = e2e.fake.issuedCredentials().at(-1)!;
    expect(result.stdout.split("\n")).toEqual([
      `AWS_ACCESS_KEY_ID=${issued.accessKeyId}`,
      `AWS_CA_BUNDLE=${e2e.fake.caPath}`,
      `AWS_CONFIG_FILE=${e2e.configFile}`,
      `AWS_CREDENTIAL_EXPIRATION=${new Date(issued.expiresAt).toISOString().replace(".000Z", "Z")}`,
      "AWS_DEFAULT_REGION=ap-east-1",
      "AWS_EC2_METADATA_DISABLED=true",
      "AWS_REGION=ap-east-1",
      "AWS_SECRET_ACCESS_KEY=*",
      "AWS_SESSION_TOKEN=*",
      `AWS_SHARED_CREDENTIALS_FILE=${e2e.credentialsFile}`,
      "REGIONAL_STS_EXEC_PROFILE=hk-role",
    ]);
  });

  it("exits with the command's exit code", async () => {
    const result = await exec(["sh", "-c", "echo out; echo err >&2; exit 7"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([7, "out\n", "err\n"]);
  });

  it("exits with 128 + n when the command is killed by signal n", async () => {
    expect((await exec(["sh", "-c", "kill -KILL $$"])).code).toBe(137);
    expect((await exec(["sh", "-c", "kill -SEGV $$"])).code).toBe(139);
  });

  it("passes SIGTERM to the command and exits with what the command does with it", async () => {
    const handled = await execAndSignal(waiter(`trap 'echo got TERM; exit 42' TERM;`), "SIGTERM");
    expect([handled.code, handled.signal, handled.stdout, handled.stderr]).toEqual([42, null, "ready\ngot TERM\n", ""]);
    const killed = await execAndSignal(waiter(""), "SIGTERM");
    expect([killed.code, killed.signal, killed.stdout]).toEqual([143, null, "ready\n"]);
  });

  it("passes SIGINT on when it did not come from a terminal (no shared Ctrl-C)", async () => {
    const result = await execAndSignal(waiter(`trap 'echo got INT; exit 5' INT;`), "SIGINT");
    expect([result.code, result.stdout]).toEqual([5, "ready\ngot INT\n"]);
  });

  // Issue 12 item 7: with stdin a pipe, a Ctrl-C typed in the terminal reached the child twice
  // (once from the terminal, once forwarded); Terraform reads a second one as "abort now".
  for (const [name, line] of [
    ["stdin a pipe (echo | regional-sts exec)", `echo | "$0" exec --profile hk-role -- "$1" -e "$2"`],
    ["stdin the terminal", `"$0" exec --profile hk-role -- "$1" -e "$2"`],
  ]) {
    needs("script").it(`a Ctrl-C typed in the terminal reaches the command once, ${name}`, async () => {
      const counter = `let n = 0; process.on("SIGINT", () => n++); console.log("ready");
setTimeout(() => { console.log("SIGINT x" + n); process.exit(0); }, 1500);`;
      // The outer shell traps INT so that it lives on; its children get the default, as from a terminal.
      const typed = await runOnTerminal(
        ["sh", "-c", `trap true INT; ${line}; echo "exit=$?"`, BIN, process.execPath, counter],
        e2e.env(),
        "ready",
        "\u0003",
      );
      expect(typed.screen).toMatch(/SIGINT x1\r\nexit=0\r\n$/);
    });
  }

  it("a command that does not exist: 127 and one line", async () => {
    const result = await exec(["no-such-command-here", "arg"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      127,
      "",
      "regional-sts: exec: cannot run no-such-command-here: command not found\n",
    ]);
  });

  needs("aws").it(
    "no command: starts $SHELL with the credentials, says so on stderr, exits with the shell's code",
    async () => {
      const script =
        'echo "$REGIONAL_STS_EXEC_PROFILE $AWS_REGION ${AWS_PROFILE-unset}"; ' +
        "aws sts get-caller-identity --query Arn --output text; exit 3\n";
      const result = await e2e.run(
        BIN,
        ["exec", "hk-role"],
        { SHELL: "/bin/sh", AWS_PROFILE: "other", USER: "tester" },
        script,
      );
      expect([result.code, result.stdout, result.stderr]).toEqual([
        3,
        `hk-role ap-east-1 unset\n${HK_ARN}\n`,
        "regional-sts: starting /bin/sh with the credentials of profile hk-role; exit it to return\n",
      ]);
    },
  );

  it("no command and no $SHELL: /bin/sh; the profile from AWS_PROFILE", async () => {
    const result = await e2e.run(
      BIN,
      ["exec"],
      { SHELL: "", AWS_PROFILE: "hk-role" },
      "echo $REGIONAL_STS_EXEC_PROFILE\n",
    );
    expect([result.code, result.stdout, result.stderr]).toEqual([
      0,
      "hk-role\n",
      "regional-sts: starting /bin/sh with the credentials of profile hk-role; exit it to return\n",
    ]);
  });

  it("refuses exec of another profile inside an exec, before fetching anything, unless --allow-nested", async () => {
    const nested = [BIN, "exec", "--profile", "hk-role", "--", "true"];
    const refused = await e2e.run(BIN, [
      "exec",
      "--profile",
      "hk-role",
      "--",
      "env",
      "REGIONAL_STS_EXEC_PROFILE=outer-role",
      ...nested,
    ]);
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([
      1,
      "",
      `regional-sts: exec: already inside "regional-sts exec" for profile outer-role; ` +
        `exit that shell first, or pass --allow-nested to run profile hk-role inside it\n`,
    ]);
    expect(e2e.fake.assumeRoleCount({ ok: true })).toBe(1); // the outer exec's only

    const allowed = await e2e.run(BIN, [
      "exec",
      "--profile",
      "hk-role",
      "--",
      "env",
      "REGIONAL_STS_EXEC_PROFILE=outer-role",
      BIN,
      "exec",
      "--allow-nested",
      "--profile",
      "hk-role",
      "--",
      "sh",
      "-c",
      "echo $REGIONAL_STS_EXEC_PROFILE",
    ]);
    expect([allowed.code, allowed.stdout, allowed.stderr]).toEqual([0, "hk-role\n", ""]);
  });

  it("an exec of the same profile inside its own exec just runs (same credentials)", async () => {
    const result = await exec([BIN, "exec", "--profile", "hk-role", "--", "sh", "-c", "echo inner"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, "inner\n", ""]);
  });

  needs("aws").it("the command may use profiles itself: the outer profile chain is not passed on", async () => {
    // On a cold cache, getCredentials marks the profile chain for the SDK's children; a credential_process
    // started by the command must not read that as a cycle.
    const result = await exec(
      ["aws", "--profile", "hk-role", "sts", "get-caller-identity", "--query", "Arn", "--output", "text"],
      { USER: "tester" },
    );
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${HK_ARN}\n`, ""]);
  });
});
