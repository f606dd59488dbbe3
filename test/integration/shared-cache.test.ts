import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectedJson, makeWorld, ROLE, type World } from "./harness";

const CONFIG = `[profile eu]
region = eu-west-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base
`;
const EU = ["credential-process", "--profile", "eu"];

let world: World;
beforeEach(() => {
  world = makeWorld(CONFIG);
});
afterEach(() => world.cleanup());

describe("many callers at once", () => {
  it("20 concurrent calls for a cold key make exactly one AssumeRole", async () => {
    world.sts.delayMs = 100;
    const results = await Promise.all(Array.from({ length: 20 }, () => world.run(EU)));
    expect(world.sts.connects).toHaveLength(1);
    expect(world.sts.calls).toHaveLength(1);
    for (const result of results) expect(result).toEqual({ code: 0, stdout: expectedJson(1), stderr: "" });
    const files = readdirSync(world.cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{40}\.json$/);
  });

  it("profiles that differ only in region share one entry", async () => {
    await world.run(EU);
    const other = await world.run([...EU, "--region", "ap-northeast-1"]);
    expect(other).toEqual({ code: 0, stdout: expectedJson(1), stderr: "" });
    expect(world.sts.calls).toHaveLength(1);
  });
});

describe("an unusable cache folder", () => {
  it("still prints the credentials, with exactly one warning line", async () => {
    // Tests may run as root, where modes do not stop writes: a path under a regular file cannot be created.
    const file = join(world.root, "not-a-folder");
    writeFileSync(file, "");
    const cacheDir = join(file, "cache");
    expect(await world.run(EU, { cacheDir })).toEqual({
      code: 0,
      stdout: expectedJson(1),
      stderr: `regional-sts: warning: cache folder ${cacheDir} is not usable (ENOTDIR); continuing without the cache\n`,
    });
    expect(world.sts.calls).toHaveLength(1);
  });
});

describe("role chaining through another regional-sts profile", () => {
  const CHAINED = `[profile app]
region = eu-west-1
regional_sts_role_arn = arn:aws:iam::111122223333:role/App
regional_sts_source_profile = mid

[profile mid]
region = eu-west-1
regional_sts_role_arn = arn:aws:iam::111122223333:role/Mid
regional_sts_source_profile = base
credential_process = regional-sts credential-process --profile mid
`;

  // The SDK resolves source profile `mid` by running its credential_process: a child
  // regional-sts serving `mid`, with the environment the parent handed to connectSts.
  it("the child process for the source profile is not mistaken for a cycle", async () => {
    const chained = makeWorld(CHAINED);
    try {
      expect(await chained.run(["credential-process", "--profile", "app"])).toMatchObject({ code: 0, stderr: "" });
      const childEnv = chained.sts.connectEnvs[0]!;
      const child = await chained.run(["credential-process", "--profile", "mid"], { env: childEnv });
      expect(child).toEqual({ code: 0, stdout: expectedJson(2), stderr: "" });
      expect(chained.sts.calls.map((c) => c.params.roleArn)).toEqual([
        "arn:aws:iam::111122223333:role/App",
        "arn:aws:iam::111122223333:role/Mid",
      ]);
    } finally {
      chained.cleanup();
    }
  });

  it("a real cycle through a child process is still refused", async () => {
    const cyclic = makeWorld(
      `${CHAINED}\n[profile wrap]\ncredential_process = /usr/local/bin/wrap-creds\n`.replace(
        "regional_sts_source_profile = mid",
        "regional_sts_source_profile = wrap",
      ),
    );
    try {
      await cyclic.run(["credential-process", "--profile", "app"]);
      // wrap-creds calls regional-sts for app again, with the environment it inherited.
      const child = await cyclic.run(["credential-process", "--profile", "app"], { env: cyclic.sts.connectEnvs[0]! });
      expect(child.code).toBe(1);
      expect(child.stdout).toBe("");
      expect(child.stderr).toMatch(
        new RegExp(
          /^regional-sts: source profile cycle: app -> (wrap -> )?app; /.source +
            /point regional_sts_source_profile of (wrap|app) at a profile with its own credentials\n$/.source,
        ),
      );
      expect(cyclic.sts.calls).toHaveLength(1);
    } finally {
      cyclic.cleanup();
    }
  });
});
