import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS } from "../support/hk-profile";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, ROOT, useE2e } from "./harness";

let e2e: E2e;
useE2e((e) => (e2e = e));

const start =
  `# mine\r\n[default]\r\nregion = us-east-1\r\n\r\n[profile account-a]\r\nregion = us-east-1\r\n` +
  `[profile old-role]\r\nrole_arn = ${SEED.roleKatoaki}\r\nsource_profile = account-a\r\nregion = ap-east-1\r\n`;
const credentials = ACCOUNT_A_CREDENTIALS;

describe("configure, then the real AWS CLI", () => {
  needs("aws").it(
    "the old role profile fails in ap-east-1 (A has not enabled it); the converted one works, and doctor agrees",
    async () => {
      e2e.writeFiles(start, credentials);
      // AWS CLI v2 assumes old-role itself at sts.ap-east-1, which refuses account A.
      const before = await e2e.run("aws", [
        "--profile",
        "old-role",
        "ec2",
        "describe-instances",
        "--region",
        "ap-east-1",
      ]);
      expect(before.code).toBe(255);
      expect(before.stderr).toContain("An error occurred (InvalidClientTokenId) when calling the AssumeRole operation");

      const r = await e2e.run(ENTRIES.binary[0], ["configure", "hk-role", "--from-profile", "old-role"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const text = readFileSync(e2e.configFile, "utf8");
      expect(text).toBe(
        `${start}\r\n[profile hk-role]\r\nregion = ap-east-1\r\n` +
          `credential_process = ${ENTRIES.binary[0]} credential-process --profile hk-role\r\n` +
          `regional_sts_role_arn = ${SEED.roleKatoaki}\r\nregional_sts_source_profile = account-a\r\n`,
      );

      const after = await e2e.run("aws", [
        "--profile",
        "hk-role",
        "ec2",
        "describe-instances",
        "--region",
        "ap-east-1",
      ]);
      expect(after.stderr).toBe("");
      expect(after.code).toBe(0);
      const doctor = await e2e.run(ENTRIES.binary[0], ["doctor", "--profile", "hk-role"]);
      expect(doctor.code).toBe(0);
      expect(doctor.stdout.endsWith("profile hk-role: credentials work in ap-east-1\n")).toBe(true);
      const verbose = await e2e.run(ENTRIES.binary[0], ["doctor", "--profile", "hk-role", "--verbose"]);
      expect(verbose.stdout).toContain(
        "passed  credential-process: calls regional-sts credential-process --profile hk-role\n",
      );
    },
  );
});

describe("configure's credential_process line, as every reader runs it", () => {
  needs("aws").it(
    "a path with spaces, quotes and $ (reached through a link, which stays unresolved) works in the AWS CLI, " +
      "the JS SDK and sh -c",
    async () => {
      const dir = join(e2e.home, `it's a "$HOME" dir`);
      mkdirSync(dir);
      const program = join(dir, "regional-sts");
      symlinkSync(ENTRIES.binary[0], program);
      e2e.writeFiles(start, credentials);
      const r = await e2e.run(program, ["configure", "hk-role", "--from-profile", "old-role"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const quoted = `'${program.replace(/'/g, `'\\''`)}'`;
      expect(readFileSync(e2e.configFile, "utf8")).toContain(
        `\r\ncredential_process = ${quoted} credential-process --profile hk-role\r\n`,
      );

      // The AWS CLI (botocore splits the line with shlex).
      const cli = await e2e.run("aws", [
        "--profile",
        "hk-role",
        "sts",
        "get-caller-identity",
        "--region",
        "ap-east-1",
        "--query",
        "Account",
        "--output",
        "text",
      ]);
      expect(cli).toMatchObject({ code: 0, stdout: "222222222222\n", stderr: "" });
      // The JS SDK (child_process.exec, that is sh -c).
      const script =
        `require("@aws-sdk/credential-providers").fromIni({ profile: "hk-role" })()` +
        `.then((c) => console.log(c.accessKeyId.slice(0, 4)))`;
      const js = await e2e.run(process.execPath, ["-e", script], {
        NODE_PATH: `${ROOT}/node_modules`,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      });
      expect(js).toMatchObject({ code: 0, stdout: "ASIA\n", stderr: "" });
      // The Go SDK runs the line with sh -c (processcreds DefaultNewCommandBuilder); Go itself is not installed here.
      const line = /credential_process = (.*)\r\n/.exec(readFileSync(e2e.configFile, "utf8"))![1]!;
      const sh = await e2e.run("sh", ["-c", line]);
      expect(sh.code).toBe(0);
      expect(JSON.parse(sh.stdout)).toMatchObject({ Version: 1, AccountId: "222222222222" });
    },
  );

  needs("aws").it("names regional-sts when the program PATH finds under that name is the one running", async () => {
    const bin = join(e2e.home, "bin");
    mkdirSync(bin);
    symlinkSync(ENTRIES.npm[0], join(bin, "regional-sts"));
    e2e.writeFiles(start, credentials);
    const PATH = `${bin}:${process.env.PATH}`;
    expect((await e2e.run("regional-sts", ["configure", "hk-role", "--from-profile", "old-role"], { PATH })).code).toBe(
      0,
    );
    expect(readFileSync(e2e.configFile, "utf8")).toContain(
      "\r\ncredential_process = regional-sts credential-process --profile hk-role\r\n",
    );
    const cli = await e2e.run(
      "aws",
      [
        "--profile",
        "hk-role",
        "sts",
        "get-caller-identity",
        "--region",
        "ap-east-1",
        "--query",
        "Account",
        "--output",
        "text",
      ],
      { PATH },
    );
    expect(cli).toMatchObject({ code: 0, stdout: "222222222222\n", stderr: "" });
  });
});
