import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { expectedJson, makeWorld, ROLE, SECRETS, type World } from "./harness";

const config = `[profile hk]
region = ap-east-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base

[profile short]
region = ap-east-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base
duration_seconds = 900

[profile base]
region = eu-west-1
`;

let world: World;
afterEach(() => world.cleanup());

const LINE =
  `profile hk: credentials for ${ROLE} (account 111122223333), valid until 2026-03-01T11:00:00Z (60 minutes), ` +
  `cached for every tool\n`;

describe("refresh", () => {
  it("assumes the role now, even with an entry cached; prints what it got and until when, never a secret", async () => {
    world = makeWorld(config);
    expect((await world.run(["credential-process", "--profile", "hk"])).stdout).toBe(expectedJson(1));
    const r = await world.run(["refresh", "hk"]);
    expect(r).toEqual({ code: 0, stdout: LINE, stderr: "" });
    for (const secret of [...SECRETS, "ASIAFAKE", "AKIABASE"]) expect(r.stdout).not.toContain(secret);
    expect(world.sts.calls).toHaveLength(2);
    // The next tool is served the new credentials from the cache.
    expect((await world.run(["credential-process", "--profile", "hk"])).stdout).toBe(expectedJson(2));
    expect(world.sts.calls).toHaveLength(2);
    expect(await world.run(["refresh", "--profile", "hk"])).toEqual({ code: 0, stdout: LINE, stderr: "" });
  });

  it("fails when the credentials cannot be cached: other tools would not see them", async () => {
    world = makeWorld(config);
    writeFileSync(world.cacheDir, ""); // a file where the folder should be (chmod does not stop root)
    const r = await world.run(["refresh", "hk"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^regional-sts: warning: .*; continuing without the cache$/);
    expect(lines[1]).toBe(
      `regional-sts: ${LINE.replace(", cached for every tool\n", "")}, ` +
        `but they could not be cached in ${world.cacheDir}, so other tools will not see them; ` +
        `fix the cache folder (see the warning above)`,
    );
  });

  it("refuses a duration the cache never serves, before any call", async () => {
    world = makeWorld(config);
    expect(await world.run(["refresh", "short"])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "regional-sts: refresh: profile short has duration_seconds 900, " +
        "and credentials with 15 minutes or less left are never served from the cache; raise duration_seconds\n",
    });
    expect(world.sts.calls).toHaveLength(0);
  });

  it("has its own help, without --no-cache (filling the cache is its point)", async () => {
    world = makeWorld(config);
    const help = await world.run(["refresh", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout.split("\n").slice(0, 3)).toEqual([
      "Usage: regional-sts refresh PROFILE [options]",
      "",
      "Assume the role now (asking for MFA if needed) and cache it for every tool.",
    ]);
    expect(help.stdout).toContain("  --mfa-serial ARN");
    expect(help.stdout).not.toContain("--no-cache");
  });

  it.each([
    [["refresh"], "regional-sts: refresh: no profile given; name one: regional-sts refresh PROFILE\n"],
    [
      ["refresh", "hk", "--profile", "base"],
      "regional-sts: refresh: two profiles given, hk and --profile base; give one\n",
    ],
    [
      ["refresh", "hk", "--no-cache"],
      "regional-sts: refresh: unknown option --no-cache; see regional-sts help refresh\n",
    ],
  ])("%j is a command-line error", async (argv, stderr) => {
    world = makeWorld(config);
    expect(await world.run(argv)).toEqual({ code: 2, stdout: "", stderr });
  });
});
