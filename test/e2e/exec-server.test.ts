import { spawn } from "node:child_process";
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, HK_ARN, hkConfig } from "../support/hk-profile";
import { recordStderr } from "../support/stderr-capture";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, useE2e } from "./harness";

const BIN = ENTRIES.binary[0];
let e2e: E2e;

/** hk-role, and short-hk whose 15-minute sessions are always inside the refresh window: every request refreshes. */
const config = () => `${hkConfig(BIN)}
[profile short-hk]
region = ap-east-1
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = account-a
duration_seconds = 900
`;

useE2e(
  (e) => (e2e = e),
  () => [config(), ACCOUNT_A_CREDENTIALS],
);

const assumed = () =>
  e2e.fake.log.filter((l) => l.action === "AssumeRole" && l.status === 200).map((l) => l.issuedAccessKeyId);

interface Started {
  /** The next line the child prints (the child's stdout is exec's). */
  nextLine(): Promise<string>;
  write(text: string): void;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts `exec --profile P --server -- child...` with the child's stdin and stdout reachable line by line. */
function startExecServer(profile: string, child: string[]): Started {
  const proc = spawn(BIN, ["exec", "--profile", profile, "--server", "--", ...child], {
    env: e2e.env({ USER: "tester" }),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let consumed = 0;
  const waiters: (() => void)[] = [];
  proc.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    for (const w of waiters.splice(0)) w();
  });
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    proc.on("error", reject);
    proc.on("close", (code) => {
      e2e.stderrs.push(stderr);
      recordStderr(stderr);
      for (const w of waiters.splice(0)) w();
      resolve({ code, stdout, stderr });
    });
  });
  const nextLine = async (): Promise<string> => {
    for (;;) {
      const end = stdout.indexOf("\n", consumed);
      if (end !== -1) {
        const line = stdout.slice(consumed, end);
        consumed = end + 1;
        return line;
      }
      if (proc.exitCode !== null) throw new Error(`child ended without a line; stderr: ${stderr}`);
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { nextLine, write: (text) => proc.stdin.write(text), done };
}

const execServer = async (profile: string, child: string[]) => {
  const started = startExecServer(profile, child);
  started.write("");
  return started.done;
};

function get(url: string, authorization?: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      url,
      { headers: authorization === undefined ? {} : { Authorization: authorization } },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => done({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", fail);
    req.end();
  });
}

describe("exec --server", () => {
  needs("aws").it(
    "the AWS CLI as the child gets its credentials from the loopback endpoint; no keys in the child's environment",
    async () => {
      const cli = await execServer("hk-role", [
        "aws",
        "sts",
        "get-caller-identity",
        "--query",
        "Arn",
        "--output",
        "text",
      ]);
      expect([cli.code, cli.stdout, cli.stderr]).toEqual([0, `${HK_ARN}\n`, ""]);
      const env = await execServer("hk-role", ["env"]);
      const vars = Object.fromEntries(
        env.stdout
          .split("\n")
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
      expect(
        Object.keys(vars).filter((k) => /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE)$/.test(k)),
      ).toEqual([]);
      expect(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
      expect(vars.AWS_CONTAINER_AUTHORIZATION_TOKEN).toMatch(/^[\w-]{43}$/);
      expect([vars.AWS_REGION, vars.AWS_DEFAULT_REGION]).toEqual(["ap-east-1", "ap-east-1"]);
      // One AssumeRole for both runs: the endpoint answers from the cache.
      expect(assumed()).toHaveLength(1);
    },
  );

  it(
    "a wrong or missing token gets 401 and nothing else; the right one the protocol's JSON; " +
      "the endpoint stops with the child",
    async () => {
      const child = startExecServer("hk-role", [
        "sh",
        "-c",
        'echo "$AWS_CONTAINER_CREDENTIALS_FULL_URI $AWS_CONTAINER_AUTHORIZATION_TOKEN"; read done',
      ]);
      const [url, token] = (await child.nextLine()).split(" ") as [string, string];
      expect(await get(url)).toEqual({ status: 401, body: "" });
      expect(await get(url, `${token}x`)).toEqual({ status: 401, body: "" });
      expect(await get(url.replace("/credentials", "/"), "nope")).toEqual({ status: 401, body: "" });
      const right = await get(url, token);
      expect(right.status).toBe(200);
      const issued = e2e.fake.issuedCredentials().at(-1)!;
      expect(JSON.parse(right.body)).toEqual({
        AccessKeyId: issued.accessKeyId,
        SecretAccessKey: issued.secretAccessKey,
        Token: issued.sessionToken,
        Expiration: new Date(issued.expiresAt).toISOString().replace(".000Z", "Z"),
        AccountId: SEED.accountB,
      });
      child.write("\n");
      expect((await child.done).code).toBe(0);
      await expect(get(url, token)).rejects.toThrow(/ECONNREFUSED/);
    },
  );

  needs("boto3").it(
    "boto3 as the child keeps working past its session's end: " +
      "it asks again and the endpoint refreshes through the cache's locked path",
    async () => {
      const script = [
        "import sys, boto3",
        "sts = boto3.Session().client('sts')",
        "for _ in range(2):",
        "    print(sts.get_caller_identity()['Arn'], flush=True)",
        "    sys.stdin.readline()",
      ].join("\n");
      const child = startExecServer("short-hk", ["python3", "-c", script]);
      const firstArn = await child.nextLine();
      // Every session issued so far ends now: a call with any of them would fail.
      const ended = e2e.fake.issuedCredentials().map((c) => c.accessKeyId);
      expect(e2e.fake.expireCredentials()).toBe(ended.length);
      child.write("\n");
      const secondArn = await child.nextLine();
      child.write("\n");
      const result = await child.done;
      expect([result.code, result.stderr]).toEqual([0, ""]);
      expect([firstArn, secondArn]).toEqual([HK_ARN, HK_ARN]);
      const calls = e2e.fake.log
        .filter((l) => l.action === "GetCallerIdentity")
        .map((l) => ({ key: l.accessKeyId!, status: l.status }));
      expect(calls.map((c) => c.status)).toEqual([200, 200]);
      expect(ended).toContain(calls[0]!.key);
      // The second call used a session the endpoint obtained after the first one ended.
      expect(ended).not.toContain(calls[1]!.key);
      expect(assumed()).toContain(calls[1]!.key);
    },
  );

  needs("aws").it("the AWS CLI works with sessions that need refreshing at once (15-minute sessions)", async () => {
    const cli = await execServer("short-hk", [
      "aws",
      "sts",
      "get-caller-identity",
      "--query",
      "Arn",
      "--output",
      "text",
    ]);
    expect([cli.code, cli.stdout, cli.stderr]).toEqual([0, `${HK_ARN}\n`, ""]);
  });
});
