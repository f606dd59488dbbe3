import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, ROLE, SECRETS, type World } from "./harness";

// hk and tokyo differ only in region, so they share one cache entry; other has its own session name.
const config = `[profile hk]
region = ap-east-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base

[profile tokyo]
region = ap-northeast-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base

[profile other]
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
  world.sts.failures.set("ap-east-1", {
    name: "InvalidClientTokenId",
    message: "The security token included in the request is invalid.",
  });
  expect((await world.run(["credential-process", "--profile", "hk"])).code).toBe(0);
  expect((await world.run(["credential-process", "--profile", "other"])).code).toBe(0);
}

const HEAD = `PROFILES  ROLE                                   STS REGION      EXPIRES               LEFT`;
const SHARED = `hk,tokyo  ${ROLE}  eu-west-1       2026-03-01T11:00:00Z  1h00m`;
const OTHER = `other     ${ROLE}  ap-northeast-1  2026-03-01T11:00:00Z  1h00m`;

describe("cache", () => {
  it("list: every configured profile an entry serves, role, STS region and expiry, never a key or secret", async () => {
    await fill();
    const r = await world.run(["cache", "list"]);
    expect(r).toEqual({ code: 0, stdout: [HEAD, SHARED, OTHER, ""].join("\n"), stderr: "" });
    const json = await world.run(["cache", "list", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        profiles: ["hk", "tokyo"],
        writtenFor: "hk",
        roleArn: ROLE,
        stsRegion: "eu-west-1",
        createdAt: "2026-03-01T10:00:00.000Z",
        expiration: "2026-03-01T11:00:00Z",
      },
      {
        profiles: ["other"],
        writtenFor: "other",
        roleArn: ROLE,
        stsRegion: "ap-northeast-1",
        createdAt: "2026-03-01T10:00:00.000Z",
        expiration: "2026-03-01T11:00:00Z",
      },
    ]);
    for (const secret of [...SECRETS, "ASIAFAKE"]) expect(r.stdout + json.stdout).not.toContain(secret);
  });

  it("list PROFILE (or --profile) shows only the entry that profile is served, whoever wrote it", async () => {
    await fill();
    expect(await world.run(["cache", "list", "tokyo"])).toEqual({
      code: 0,
      stdout:
        `PROFILES  ROLE                                   STS REGION  EXPIRES               LEFT\n` +
        `hk,tokyo  ${ROLE}  eu-west-1   2026-03-01T11:00:00Z  1h00m\n`,
      stderr: "",
    });
    expect(await world.run(["cache", "list", "--profile", "other"])).toEqual({
      code: 0,
      stdout: `PROFILES  ROLE                                   STS REGION      EXPIRES               LEFT\n${OTHER}\n`,
      stderr: "",
    });
  });

  it("an entry no configured profile maps to any more says who wrote it", async () => {
    await fill();
    writeFileSync(world.configFile, config.replace("role_session_name = other-session", "role_session_name = renamed"));
    expect((await world.run(["cache", "list"])).stdout.split("\n")[2]).toBe(
      `(none; written for other)  ${ROLE}  ap-northeast-1  2026-03-01T11:00:00Z  1h00m`,
    );
  });

  it("list of an empty or missing cache, skipping damaged files", async () => {
    world = makeWorld(config);
    expect(await world.run(["cache", "list"])).toEqual({
      code: 0,
      stdout: `no cached credentials in ${world.cacheDir}\n`,
      stderr: "",
    });
    await world.run(["credential-process", "--profile", "other"]);
    writeFileSync(join(world.cacheDir, `${"0".repeat(40)}.json`), "{ torn");
    expect((await world.run(["cache", "list"])).stdout.split("\n").slice(1, -1)).toEqual([OTHER]);
  });

  it("clear PROFILE removes the entry that profile would be served, even one another profile wrote", async () => {
    await fill();
    const calls = world.sts.calls.length;
    expect(await world.run(["cache", "clear", "tokyo"])).toEqual({
      code: 0,
      stdout: `removed 1 cached entry serving profile tokyo from ${world.cacheDir}\n`,
      stderr: "",
    });
    expect(await world.run(["cache", "list"])).toEqual({ code: 0, stdout: `${HEAD}\n${OTHER}\n`, stderr: "" });
    // tokyo is no longer served from the cache: the next call assumes the role again.
    expect((await world.run(["credential-process", "--profile", "tokyo"])).code).toBe(0);
    expect(world.sts.calls.length).toBe(calls + 1);
    expect(await world.run(["cache", "clear", "--profile", "other"])).toEqual({
      code: 0,
      stdout: `removed 1 cached entry serving profile other from ${world.cacheDir}\n`,
      stderr: "",
    });
    expect(await world.run(["cache", "clear", "other"])).toEqual({
      code: 0,
      stdout: `removed 0 cached entries serving profile other from ${world.cacheDir}\n`,
      stderr: "",
    });
  });

  it("clear removes all and the remembered fallbacks", async () => {
    await fill();
    expect(existsSync(join(world.cacheDir, "region-fallbacks.json"))).toBe(true);
    expect(await world.run(["cache", "clear"])).toEqual({
      code: 0,
      stdout: `removed 2 cached entries from ${world.cacheDir}\n`,
      stderr: "",
    });
    expect(readdirSync(world.cacheDir).filter((f) => f.endsWith(".json"))).toEqual([]);
    expect(await world.run(["cache", "clear"])).toEqual({
      code: 0,
      stdout: `removed 0 cached entries from ${world.cacheDir}\n`,
      stderr: "",
    });
  });

  it("an unknown profile is an error that leaves the cache alone", async () => {
    await fill();
    expect(await world.run(["cache", "clear", "tokio"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `regional-sts: cache clear: profile tokio not found in ${world.configFile}; did you mean tokyo?\n`,
    });
    expect(await world.run(["cache", "list", "nobody"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `regional-sts: cache list: profile nobody not found in ${world.configFile}; check the name\n`,
    });
    // base holds source keys, not a role of its own: nothing of it here (its MFA sessions would go).
    expect(await world.run(["cache", "clear", "base"])).toEqual({
      code: 0,
      stdout: `removed 0 cached entries serving profile base from ${world.cacheDir}\n`,
      stderr: "",
    });
    expect((await world.run(["cache", "list"])).stdout.split("\n")).toHaveLength(4);
  });

  it("rejects anything but list and clear, and two different profiles", async () => {
    world = makeWorld(config);
    expect(await world.run(["cache", "purge"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "regional-sts: cache: unknown action purge; expected cache list or cache clear\n",
    });
    expect(await world.run(["cache", "clear", "hk", "--profile", "tokyo"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "regional-sts: cache: two profiles given, hk and --profile tokyo; give one\n",
    });
  });
});
