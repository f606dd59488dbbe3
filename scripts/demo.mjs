#!/usr/bin/env node
// `npm run demo`: the seed story, on this machine, with no AWS account and no root.
// A loopback stand-in for AWS (dist/fake-aws.cjs) plays STS and EC2 behind an HTTPS proxy, so
// the real AWS CLI (or, without it, the JS SDK) and regional-sts reach the real host names (sts.amazonaws.com,
// sts.ap-east-1.amazonaws.com, ...). Exits non-zero if the story does not play out as told.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const root = resolve(import.meta.dirname, "..");
const ROLE = "arn:aws:iam::222222222222:role/katoaki";
const bold = (t) => (process.stdout.isTTY ? `\x1b[1m${t}\x1b[0m` : t);
const dim = (t) => (process.stdout.isTTY ? `\x1b[2m${t}\x1b[0m` : t);

if (!existsSync(join(root, "dist/fake-aws.cjs")) || !existsSync(join(root, "dist/cli.cjs"))) {
  spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
}
// The consumer: the AWS CLI, or where it is not installed (or REGIONAL_STS_DEMO_CONSUMER=sdk), the
// same commands made through the AWS SDK for JavaScript (scripts/demo/sdk-consumer.mjs).
const forced = process.env.REGIONAL_STS_DEMO_CONSUMER === "sdk";
const viaSdk = forced || spawnSync("aws", ["--version"], { stdio: "ignore" }).status !== 0;
const consumer = viaSdk ? [process.execPath, join(root, "scripts/demo/sdk-consumer.mjs")] : ["aws"];
if (viaSdk) {
  console.log(
    `${forced ? "REGIONAL_STS_DEMO_CONSUMER=sdk" : "The AWS CLI (aws) is not installed here"}: ` +
      `the consumer's calls below go through the AWS SDK for JavaScript instead.`,
  );
}
const helper = existsSync(join(root, "dist/regional-sts"))
  ? [join(root, "dist/regional-sts")]
  : [join(root, "dist/cli.cjs")];

const fake = spawn(process.execPath, [join(root, "dist/fake-aws.cjs"), "--no-listen", "--proxy-port", "0"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const ready = JSON.parse(await new Promise((done) => createInterface({ input: fake.stdout }).once("line", done)));
const home = mkdtempSync(join(tmpdir(), "regional-sts-demo-"));
let failures = 0;
try {
  mkdirSync(join(home, ".aws"));
  writeFileSync(
    join(home, ".aws/credentials"),
    `[account-a]
aws_access_key_id = AKIAALICEEXAMPLE0001
aws_secret_access_key = aliceSecret/K7MDENG/bPxRfiCYEXAMPLEKEY0001
`,
  );
  const profile = `[profile hk-role]
region = ap-east-1
credential_process = ${helper.map((p) => `"${p}"`).join(" ")} credential-process --profile hk-role
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = account-a`;
  writeFileSync(join(home, ".aws/config"), `[profile account-a]\nregion = us-east-1\n\n${profile}\n`);
  const env = cleanEnv({
    HOME: home,
    XDG_CACHE_HOME: join(home, ".cache"),
    HTTPS_PROXY: ready.proxyUrl,
    AWS_CA_BUNDLE: ready.caPath,
    NODE_EXTRA_CA_CERTS: ready.caPath,
    AWS_CONFIG_FILE: join(home, ".aws/config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws/credentials"),
  });

  console.log(bold("\n1. Account A's user assumes a role in account B, as in the article (global endpoint)"));
  const assumed = aws(
    [
      "sts",
      "assume-role",
      "--profile",
      "account-a",
      "--endpoint-url",
      "https://sts.amazonaws.com",
      "--role-arn",
      ROLE,
      "--role-session-name",
      "katoaki",
      "--output",
      "json",
    ],
    env,
  );
  const c = JSON.parse(assumed.stdout).Credentials;
  console.log(dim(`   got ${c.AccessKeyId} with a session token of ${c.SessionToken.length} characters (version 1)`));
  const keys = {
    ...env,
    AWS_ACCESS_KEY_ID: c.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
    AWS_SESSION_TOKEN: c.SessionToken,
  };

  console.log(bold("\n2. Those keys work in Tokyo ..."));
  expect(aws(["ec2", "describe-instances", "--region", "ap-northeast-1"], keys).status === 0, "Tokyo works");
  console.log(bold("   ... and fail in Hong Kong, an opt-in region:"));
  const hk = aws(["ec2", "describe-instances", "--region", "ap-east-1"], keys);
  expect(hk.status !== 0 && hk.stderr.includes("AuthFailure"), "AuthFailure in ap-east-1");

  console.log(bold("\n3. The same role through regional-sts, configured in ~/.aws/config:"));
  console.log(dim(profile.replace(/^/gm, "   ")));
  await fetch(`${ready.adminUrl}/reset`, { method: "POST" });
  const fixed = aws(["--profile", "hk-role", "ec2", "describe-instances", "--region", "ap-east-1"], env);
  expect(fixed.status === 0, "aws --profile hk-role ec2 describe-instances --region ap-east-1 works");
  const log = await (await fetch(`${ready.adminUrl}/log`)).json();
  const entries = Array.isArray(log) ? log : (log.entries ?? []);
  for (const e of entries.filter((e) => e.action === "AssumeRole")) {
    console.log(
      dim(
        `   AssumeRole at ${e.host}: ` +
          `${e.status === 200 ? `200, version ${e.issuedTokenVersion} token` : `${e.status} ${e.errorCode}`}`,
      ),
    );
  }
  console.log(
    dim("   (account A has not enabled ap-east-1, so its own STS endpoint refuses A; regional-sts falls back"),
  );
  console.log(dim("    to A's default-enabled region and remembers it. Never the global endpoint.)"));

  console.log(bold("\n4. The next command is served from regional-sts's cache:"));
  await fetch(`${ready.adminUrl}/reset`, { method: "POST" });
  const again = aws(
    [
      "--profile",
      "hk-role",
      "sts",
      "get-caller-identity",
      "--region",
      "ap-east-1",
      "--query",
      "Arn",
      "--output",
      "text",
    ],
    env,
  );
  const counts = await (await fetch(`${ready.adminUrl}/counts`)).json();
  expect(again.status === 0 && counts.assumeRole === 0, `works with ${counts.assumeRole} AssumeRole calls`);
} finally {
  fake.kill("SIGTERM");
  rmSync(home, { recursive: true, force: true });
}
console.log(
  failures
    ? bold(`\n${failures} step(s) did not go as told`)
    : bold("\nThat is the whole story: see README.md to set it up for real."),
);
process.exitCode = failures ? 1 : 0;

function aws(args, env) {
  console.log(`   $ aws ${args.join(" ")}${viaSdk ? "   (through the JS SDK)" : ""}`);
  const sdkEnv = viaSdk ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } : {};
  const result = spawnSync(consumer[0], [...consumer.slice(1), ...args], {
    env: { ...env, ...sdkEnv },
    encoding: "utf8",
  });
  const shown = (result.stderr || result.stdout).trim().split("\n").slice(0, 3).join("\n");
  if (!args.includes("assume-role")) console.log(dim(shown.replace(/^/gm, "   ")));
  return result;
}

function expect(ok, what) {
  console.log(ok ? `   ✔ ${what}` : `   ✘ expected: ${what}`);
  if (!ok) failures++;
}

/** The machine's environment without AWS or proxy settings that would change the story. */
function cleanEnv(extra) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(AWS_|REGIONAL_STS_|HTTPS?_PROXY|NO_PROXY|NODE_EXTRA)/i.test(k)),
  );
  return { ...env, PYENV_ROOT: process.env.PYENV_ROOT ?? join(process.env.HOME ?? "/root", ".pyenv"), ...extra };
}
