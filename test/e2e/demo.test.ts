import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { needs } from "../support/tools";
import { ROOT } from "./harness";

const TICKS = [
  "✔ Tokyo works",
  "✔ AuthFailure in ap-east-1",
  "✔ aws --profile hk-role ec2 describe-instances --region ap-east-1 works",
  "✔ works with 0 AssumeRole calls",
];
const demo = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(ROOT, "scripts/demo.mjs")], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, ...env },
  });

/** `npm run demo` is the README's first command: the seed story must play out as it tells it. */
function expectTheStory(result: ReturnType<typeof demo>): void {
  expect(result.status).toBe(0);
  const ticks = result.stdout
    .split("\n")
    .filter((line) => /^\s+[✔✘] /.test(line))
    .map((line) => line.trim());
  expect(ticks).toEqual(TICKS);
  expect(result.stdout).toContain("AssumeRole at sts.ap-east-1.amazonaws.com: 403 InvalidClientTokenId");
  expect(result.stdout).toContain("AssumeRole at sts.us-east-1.amazonaws.com: 200, version 2 token");
  expect(result.stdout).not.toContain("sts.amazonaws.com:");
}

needs("aws").it("npm run demo tells the seed story with the AWS CLI and every step holds", () => {
  const result = demo();
  expectTheStory(result);
  expect(result.stdout).not.toContain("through the JS SDK");
});

it("without the AWS CLI, npm run demo makes the consumer's calls through the JS SDK, says so; every step holds", () => {
  const result = demo({ REGIONAL_STS_DEMO_CONSUMER: "sdk" });
  expectTheStory(result);
  expect(result.stdout).toContain(
    "REGIONAL_STS_DEMO_CONSUMER=sdk: the consumer's calls below go through the AWS SDK for JavaScript instead.\n",
  );
  expect(result.stdout).toContain(
    "$ aws ec2 describe-instances --region ap-east-1   (through the JS SDK)\n" +
      "   An error occurred (AuthFailure) when calling the DescribeInstances operation: " +
      "AWS was not able to validate the provided access credentials\n",
  );
  expect(result.stdout).toContain(
    "--query Arn --output text   (through the JS SDK)\n   arn:aws:sts::222222222222:assumed-role/katoaki/",
  );
  expect(result.stderr).toBe("");
});
