import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { expectedJson, makeWorld, ROLE, type World } from "./harness";

const config = (sourceRegion: string | undefined) => `[profile hk]
region = ap-east-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base

[profile base]
${sourceRegion ? `region = ${sourceRegion}` : "output = json"}
`;
const HK = ["credential-process", "--profile", "hk", "--verbose"];
const NOT_ENABLED = { name: "InvalidClientTokenId", message: "The security token included in the request is invalid." };

let world: World;
afterEach(() => world.cleanup());

describe("opt-in target whose own endpoint refuses the caller", () => {
  it.each([
    ["a default-enabled source region", "eu-west-1", "eu-west-1"],
    ["no source region", undefined, "us-east-1"],
    ["an opt-in source region", "me-south-1", "us-east-1"],
    ["a source region in another partition", "cn-north-1", "us-east-1"],
  ])("falls back to %s (%s → %s) and remembers it for the next cold call", async (_name, sourceRegion, fallback) => {
    world = makeWorld(config(sourceRegion));
    world.sts.failures.set("ap-east-1", NOT_ENABLED);
    const first = await world.run(HK);
    expect(first).toEqual({
      code: 0,
      stdout: expectedJson(2),
      stderr: [
        "regional-sts: profile hk: STS region ap-east-1 (ap-east-1 is opt-in; trying its own endpoint first)",
        `regional-sts: profile hk: sts.ap-east-1 answered InvalidClientTokenId: ` +
          `the source account has not enabled ap-east-1; falling back to ${fallback}`,
        `regional-sts: profile hk: AssumeRole answered by sts.${fallback}.amazonaws.com`,
        "regional-sts: profile hk: credentials freshly assumed, expiring 2026-03-01T11:00:00Z",
        "",
      ].join("\n"),
    });
    expect(world.sts.calls.map((c) => c.region)).toEqual(["ap-east-1", fallback]);

    // Cold cache, remembered fact kept: straight to the fallback.
    for (const file of readdirSync(world.cacheDir))
      if (file !== "region-fallbacks.json") rmSync(join(world.cacheDir, file));
    expect(readdirSync(world.cacheDir)).toEqual(["region-fallbacks.json"]);
    const second = await world.run(HK);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(expectedJson(3));
    expect(second.stderr.split("\n")[0]).toBe(
      `regional-sts: profile hk: STS region ${fallback} (the source account has not enabled ap-east-1 ` +
        `(remembered from an earlier InvalidClientTokenId))`,
    );
    expect(world.sts.calls.map((c) => c.region)).toEqual(["ap-east-1", fallback, fallback]);
  });

  it("names the fallback region when it refuses too, and remembers nothing", async () => {
    world = makeWorld(config("eu-west-1"));
    world.sts.failures.set("ap-east-1", NOT_ENABLED);
    world.sts.failures.set("eu-west-1", NOT_ENABLED);
    expect(await world.run(["credential-process", "--profile", "hk"])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `regional-sts: profile hk: AssumeRole ${ROLE} in eu-west-1 failed: InvalidClientTokenId: ` +
        `source profile base was not accepted; ` +
        "check its keys are current and its account has enabled eu-west-1\n",
    });
    expect(readdirSync(world.cacheDir)).toEqual([]);
  });

  it("does not fall back on other errors", async () => {
    world = makeWorld(config("eu-west-1"));
    world.sts.failures.set("ap-east-1", {
      name: "RegionDisabledException",
      message: "STS is not activated in this region for account 111122223333.",
    });
    expect(await world.run(["credential-process", "--profile", "hk"])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `regional-sts: profile hk: AssumeRole ${ROLE} in ap-east-1 failed: RegionDisabledException: ` +
        `STS is not activated in this region ` +
        "for account 111122223333.; activate STS in ap-east-1 or set regional_sts_sts_region to another region\n",
    });
    expect(world.sts.calls.map((c) => c.region)).toEqual(["ap-east-1"]);
  });

  it("keeps using the target's own endpoint when it answers", async () => {
    world = makeWorld(config("eu-west-1"));
    await world.run(HK);
    rmSync(world.cacheDir, { recursive: true });
    await world.run(HK);
    expect(world.sts.calls.map((c) => c.region)).toEqual(["ap-east-1", "ap-east-1"]);
  });

  it("--sts-region skips the target's endpoint entirely", async () => {
    world = makeWorld(config("eu-west-1"));
    world.sts.failures.set("ap-east-1", NOT_ENABLED);
    const result = await world.run([...HK, "--sts-region", "eu-central-1"]);
    expect(result.stderr.split("\n")[0]).toBe(
      "regional-sts: profile hk: STS region eu-central-1 (regional_sts_sts_region is set)",
    );
    expect(world.sts.calls.map((c) => c.region)).toEqual(["eu-central-1"]);
  });
});
