import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./harness";

/** `npm run demo` is the README's first command: the seed story must play out as it tells it. */
it("npm run demo tells the seed story and every step holds", () => {
  const result = spawnSync(process.execPath, [join(ROOT, "scripts/demo.mjs")], { encoding: "utf8", timeout: 120_000 });
  expect(result.status).toBe(0);
  const ticks = result.stdout.split("\n").filter((line) => /^\s+[✔✘] /.test(line)).map((line) => line.trim());
  expect(ticks).toEqual([
    "✔ Tokyo works",
    "✔ AuthFailure in ap-east-1",
    "✔ aws --profile hk-role ec2 describe-instances --region ap-east-1 works",
    "✔ works with 0 AssumeRole calls",
  ]);
  expect(result.stdout).toContain("AssumeRole at sts.ap-east-1.amazonaws.com: 403 InvalidClientTokenId");
  expect(result.stdout).toContain("AssumeRole at sts.us-east-1.amazonaws.com: 200, version 2 token");
  expect(result.stdout).not.toContain("sts.amazonaws.com:");
});
