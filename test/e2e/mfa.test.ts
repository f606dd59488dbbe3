import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_PROFILE } from "../support/hk-profile";
import { runOnTerminal } from "../support/terminal";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, ROOT, useE2e } from "./harness";

const BIN = ENTRIES.binary[0];
const PROMPT = `Enter MFA code for ${SEED.mfaSerial} (profile mfa-role): `;
const ARN = "arn:aws:sts::222222222222:assumed-role/mfa-admin/regional-sts-tester";
const GET_ARN = ["sts", "get-caller-identity", "--region", "ap-east-1", "--query", "Arn", "--output", "text"];
let e2e: E2e;
let logDir: string;

const config = (mfaProcess?: string) => `
${ACCOUNT_A_PROFILE}[profile mfa-role]
region = ap-east-1
credential_process = "${BIN}" credential-process --profile mfa-role
regional_sts_role_arn = ${SEED.roleMfaAdmin}
regional_sts_source_profile = account-a
mfa_serial = ${SEED.mfaSerial}
${mfaProcess ? `regional_sts_mfa_process = ${mfaProcess}` : ""}
`;
const credentials = ACCOUNT_A_CREDENTIALS;
const cacheEntries = () =>
  existsSync(e2e.cacheDir) ? readdirSync(e2e.cacheDir).filter((f) => /^[0-9a-f]{40}\.json$/.test(f)) : [];
// Account A has not enabled ap-east-1: that endpoint refuses the caller before looking at the code.
// Static source keys + mfa_serial: the code goes to GetSessionToken once (the MFA session), and
// AssumeRole is called with that session's credentials, which carry the MFA context.
const FALLBACK_AND_MFA = [
  "GetSessionToken sts.ap-east-1.amazonaws.com 403 mfa=false",
  "GetSessionToken sts.us-east-1.amazonaws.com 200 mfa=true",
  "AssumeRole sts.ap-east-1.amazonaws.com 403 mfa=false",
  "AssumeRole sts.us-east-1.amazonaws.com 200 mfa=false",
];
const mfaCalls = () =>
  e2e.fake.log
    .filter((l) => l.service === "sts" && l.action !== "GetCallerIdentity")
    .map((l) => `${l.action} ${l.host} ${l.status} mfa=${l.mfaUsed === true}`);

useE2e((e) => (e2e = e));
beforeAll(() => {
  logDir = mkdtempSync(join(e2e.home, "mfa-log-"));
});
beforeEach(() => e2e.fake.setMfaCode(SEED.mfaSerial, SEED.mfaCode));

describe("MFA", () => {
  needs("script", "aws", "setsid").it(
    "the AWS CLI runs the helper, the code is typed on the terminal, then the cache serves a caller with no terminal",
    async () => {
      e2e.writeFiles(config(), credentials);
      const typed = await runOnTerminal(
        ["aws", "--profile", "mfa-role", ...GET_ARN],
        e2e.env({ USER: "tester" }),
        PROMPT,
        SEED.mfaCode,
      );
      expect(typed.screen).toBe(`${PROMPT}\r\n${ARN}\r\n`); // the code typed is not echoed (issue 12 item 12)
      expect(typed.code).toBe(0);
      expect(mfaCalls()).toEqual(FALLBACK_AND_MFA);

      // setsid: a new session without a controlling terminal, so /dev/tty cannot be opened.
      const cached = await e2e.run("setsid", ["--wait", "aws", "--profile", "mfa-role", ...GET_ARN], {
        USER: "tester",
      });
      expect([cached.code, cached.stdout, cached.stderr]).toEqual([0, `${ARN}\n`, ""]);
      expect(e2e.fake.assumeRoleCount({ ok: true })).toBe(1);
    },
  );

  needs("script", "bash", "aws").it(
    "env inside $(...) still prompts on the terminal: stdout is captured, /dev/tty is not",
    async () => {
      e2e.writeFiles(config(), credentials);
      const script = `eval "$("$0" env --profile mfa-role)" && aws ${GET_ARN.join(" ")}`;
      const typed = await runOnTerminal(["bash", "-c", script, BIN], e2e.env({ USER: "tester" }), PROMPT, SEED.mfaCode);
      expect(typed.screen).toBe(`${PROMPT}\r\n${ARN}\r\n`); // the code typed is not echoed (issue 12 item 12)
      expect(typed.code).toBe(0);
    },
  );

  needs("script").it(
    "the JS SDK runs the helper with stdin a pipe: the prompt still reaches the terminal",
    async () => {
      e2e.writeFiles(config(), credentials);
      const script = `const { fromIni } = require("@aws-sdk/credential-providers");
const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
new STSClient({ region: "ap-east-1", credentials: fromIni({ profile: "mfa-role" }) })
  .send(new GetCallerIdentityCommand({}))
  .then((r) => console.log(r.Arn));`;
      const env = e2e.env({
        USER: "tester",
        NODE_PATH: `${ROOT}/node_modules`,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      });
      const typed = await runOnTerminal([process.execPath, "-e", script], env, PROMPT, SEED.mfaCode);
      expect(typed.screen).toBe(`${PROMPT}\r\n${ARN}\r\n`); // the code typed is not echoed (issue 12 item 12)
      expect(typed.code).toBe(0);
    },
  );

  needs("script").it("Ctrl-C at the prompt (echo off) leaves the terminal echoing again", async () => {
    e2e.writeFiles(config(), credentials);
    // The outer shell traps INT (so it lives on); its children get the default, as from a terminal.
    const script =
      `trap true INT; "$0" credential-process --profile mfa-role; echo "exit=$?"; ` +
      `stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e -echo`;
    const typed = await runOnTerminal(["sh", "-c", script, BIN], e2e.env({ USER: "tester" }), PROMPT, "\u0003");
    expect(typed.screen.startsWith(PROMPT)).toBe(true);
    expect(typed.screen).toMatch(/exit=130\r\n(.*\r\n)?echo\r\n$/);
    expect(e2e.fake.assumeRoleCount()).toBe(0);
  });

  needs("setsid", "aws").it(
    "with no terminal and no regional_sts_mfa_process it fails at once, saying how to give the code",
    async () => {
      e2e.writeFiles(config(), credentials);
      const message =
        `regional-sts: profile mfa-role: an MFA code for ${SEED.mfaSerial} is needed and there is no terminal; ` +
        `set regional_sts_mfa_process to a command that prints the code, ` +
        `or run "regional-sts refresh mfa-role" in a terminal first ` +
        `(it asks for the code and fills the cache for every tool)\n`;
      const direct = await e2e.run("setsid", ["--wait", BIN, "credential-process", "--profile", "mfa-role"]);
      expect([direct.code, direct.stdout, direct.stderr]).toEqual([1, "", message]);
      const viaCli = await e2e.run("setsid", ["--wait", "aws", "--profile", "mfa-role", ...GET_ARN]);
      expect(viaCli.code).toBe(255);
      expect(viaCli.stderr).toBe(`\nError when retrieving credentials from custom-process: ${message}\n`);
      expect(e2e.fake.assumeRoleCount()).toBe(0);
      expect(cacheEntries()).toEqual([]);
    },
  );

  needs("script", "setsid", "aws").it(
    "refresh asks for the code on the terminal, prints no secret, " +
      "and then a tool with no terminal is served from the cache",
    async () => {
      e2e.writeFiles(config(), credentials);
      const typed = await runOnTerminal(
        [BIN, "refresh", "mfa-role"],
        e2e.env({ USER: "tester" }),
        PROMPT,
        SEED.mfaCode,
      );
      expect(typed.code).toBe(0);
      expect(typed.screen.startsWith(`${PROMPT}\r\n`)).toBe(true); // the code typed is not echoed (issue 12 item 12)
      const said = typed.screen.slice(`${PROMPT}\r\n`.length);
      const until = /valid until (\S+Z) \(\d+ minutes\)/.exec(said)?.[1];
      expect(said).toBe(
        `profile mfa-role: credentials for ${SEED.roleMfaAdmin} (account 222222222222), valid until ${until} ` +
          `(59 minutes), cached for every tool\r\n`,
      );
      const issued = e2e.fake.issuedCredentials().at(-1)!;
      for (const secret of [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken])
        expect(typed.screen).not.toContain(secret);
      const cached = await e2e.run("setsid", ["--wait", "aws", "--profile", "mfa-role", ...GET_ARN], {
        USER: "tester",
      });
      expect([cached.code, cached.stdout, cached.stderr]).toEqual([0, `${ARN}\n`, ""]);
      expect(mfaCalls()).toEqual(FALLBACK_AND_MFA);
    },
  );

  needs("setsid", "aws").it("regional_sts_mfa_process gives the code when there is no terminal", async () => {
    const log = join(logDir, "process.log");
    e2e.writeFiles(config(`echo asked >> ${log}; printf ${SEED.mfaCode}`), credentials);
    const result = await e2e.run("setsid", ["--wait", "aws", "--profile", "mfa-role", ...GET_ARN], { USER: "tester" });
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${ARN}\n`, ""]);
    expect(readFileSync(log, "utf8")).toBe("asked\n");
    expect(mfaCalls()).toEqual(FALLBACK_AND_MFA);
  });

  needs("setsid").it("a wrong code gets a clear message and leaves no cache entry", async () => {
    e2e.writeFiles(config("printf 654321"), credentials);
    const result = await e2e.run("setsid", ["--wait", BIN, "credential-process", "--profile", "mfa-role"]);
    expect([result.code, result.stdout]).toEqual([1, ""]);
    expect(result.stderr).toBe(
      `regional-sts: profile mfa-role: the MFA code for ${SEED.mfaSerial} was not accepted ` +
        `(MultiFactorAuthentication failed with invalid MFA one time pass code.); ` +
        `run again with the current code from the device\n`,
    );
    expect(cacheEntries()).toEqual([]);
  });

  needs("setsid").it("a code that is not 6 digits is refused before any AssumeRole", async () => {
    e2e.writeFiles(config("printf 12ab"), credentials);
    const result = await e2e.run("setsid", ["--wait", BIN, "credential-process", "--profile", "mfa-role"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      "",
      `regional-sts: profile mfa-role: the MFA code for ${SEED.mfaSerial} must be 6 digits\n`,
    ]);
    expect(e2e.fake.assumeRoleCount()).toBe(0);
  });

  needs("setsid").it("a failing regional_sts_mfa_process is named", async () => {
    e2e.writeFiles(config("exit 3"), credentials);
    const result = await e2e.run("setsid", ["--wait", BIN, "credential-process", "--profile", "mfa-role"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      "",
      "regional-sts: profile mfa-role: regional_sts_mfa_process exited with 3; fix the command\n",
    ]);
  });

  needs("script").it("ten callers started at once on one terminal get one prompt and one AssumeRole", async () => {
    e2e.writeFiles(config(), credentials);
    const outDir = mkdtempSync(join(logDir, "ten-"));
    const loop =
      `for i in 1 2 3 4 5 6 7 8 9 10; do ` + `"$0" credential-process --profile mfa-role > "$1/out.$i" & done; wait`;
    const typed = await runOnTerminal(["sh", "-c", loop, BIN, outDir], e2e.env(), PROMPT, SEED.mfaCode);
    expect(typed.code).toBe(0);
    expect(typed.screen).toBe(`${PROMPT}\r\n`);
    const outputs = readdirSync(outDir).map((f) => readFileSync(join(outDir, f), "utf8"));
    expect(outputs).toHaveLength(10);
    expect(new Set(outputs).size).toBe(1);
    expect(JSON.parse(outputs[0]!).AccessKeyId).toBe(e2e.fake.issuedCredentials().at(-1)!.accessKeyId);
    expect(mfaCalls()).toEqual(FALLBACK_AND_MFA);
  });
});
