import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, ROLE, SECRETS, type World } from "./harness";

const config = `[profile hk]
region = ap-east-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base

[profile tokyo]
region = ap-northeast-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base
role_session_name = other-session

[profile base]
region = eu-west-1
`;

let world: World;
afterEach(() => world.cleanup());

async function fill(): Promise<void> {
  world = makeWorld(config);
  world.sts.failures.set("ap-east-1", { name: "InvalidClientTokenId", message: "The security token included in the request is invalid." });
  expect((await world.run(["credential-process", "--profile", "hk"])).code).toBe(0);
  expect((await world.run(["credential-process", "--profile", "tokyo"])).code).toBe(0);
}

describe("cache", () => {
  it("list shows profile, role, STS region and expiry, never a key or secret", async () => {
    await fill();
    const r = await world.run(["cache", "list"]);
    expect(r).toEqual({
      code: 0,
      stdout: [
        `PROFILE  ROLE                                   STS REGION      EXPIRES               LEFT`,
        `hk       ${ROLE}  eu-west-1       2026-03-01T11:00:00Z  1h00m`,
        `tokyo    ${ROLE}  ap-northeast-1  2026-03-01T11:00:00Z  1h00m`,
        "",
      ].join("\n"),
      stderr: "",
    });
    const json = await world.run(["cache", "list", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual([
      { profile: "hk", roleArn: ROLE, stsRegion: "eu-west-1", createdAt: "2026-03-01T10:00:00.000Z", expiration: "2026-03-01T11:00:00Z" },
      { profile: "tokyo", roleArn: ROLE, stsRegion: "ap-northeast-1", createdAt: "2026-03-01T10:00:00.000Z", expiration: "2026-03-01T11:00:00Z" },
    ]);
    for (const secret of [...SECRETS, "ASIAFAKE"]) expect(r.stdout + json.stdout).not.toContain(secret);
  });

  it("list of an empty or missing cache, skipping damaged files", async () => {
    world = makeWorld(config);
    expect(await world.run(["cache", "list"])).toEqual({ code: 0, stdout: `no cached credentials in ${world.cacheDir}\n`, stderr: "" });
    await world.run(["credential-process", "--profile", "tokyo"]);
    writeFileSync(join(world.cacheDir, `${"0".repeat(40)}.json`), "{ torn");
    expect((await world.run(["cache", "list"])).stdout.split("\n").slice(1, -1)).toEqual([`tokyo    ${ROLE}  ap-northeast-1  2026-03-01T11:00:00Z  1h00m`]);
  });

  it("clear --profile removes only that profile's entries; clear removes all and the remembered fallbacks", async () => {
    await fill();
    expect(await world.run(["cache", "clear", "--profile", "nobody"])).toEqual({ code: 0, stdout: `removed 0 cached entries of profile nobody from ${world.cacheDir}\n`, stderr: "" });
    expect(await world.run(["cache", "clear", "--profile", "hk"])).toEqual({ code: 0, stdout: `removed 1 cached entry of profile hk from ${world.cacheDir}\n`, stderr: "" });
    expect((await world.run(["cache", "list"])).stdout).not.toContain("\nhk ");
    expect(existsSync(join(world.cacheDir, "region-fallbacks.json"))).toBe(true);
    expect(await world.run(["cache", "clear"])).toEqual({ code: 0, stdout: `removed 1 cached entry from ${world.cacheDir}\n`, stderr: "" });
    expect(readdirSync(world.cacheDir).filter((f) => f.endsWith(".json"))).toEqual([]);
    expect(await world.run(["cache", "clear"])).toEqual({ code: 0, stdout: `removed 0 cached entries from ${world.cacheDir}\n`, stderr: "" });
  });

  it("takes the profile as an argument too: list PROFILE filters, clear PROFILE removes that profile's", async () => {
    await fill();
    expect((await world.run(["cache", "list", "tokyo"])).stdout.split("\n").slice(1, -1)).toEqual([`tokyo    ${ROLE}  ap-northeast-1  2026-03-01T11:00:00Z  1h00m`]);
    expect(await world.run(["cache", "clear", "hk"])).toEqual({ code: 0, stdout: `removed 1 cached entry of profile hk from ${world.cacheDir}\n`, stderr: "" });
    expect(await world.run(["cache", "clear", "hk", "--profile", "tokyo"])).toEqual({ code: 2, stdout: "",
      stderr: "regional-sts: cache: two profiles given, hk and --profile tokyo; give one\n" });
  });

  it("rejects anything but list and clear", async () => {
    world = makeWorld(config);
    expect(await world.run(["cache", "purge"])).toEqual({ code: 2, stdout: "", stderr: "regional-sts: cache: unknown action purge; expected cache list or cache clear\n" });
  });
});
