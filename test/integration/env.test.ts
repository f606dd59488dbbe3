import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeWorld, ROLE, SECRETS, type World } from "./harness";

const CONFIG = `[profile eu]
region = eu-west-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base
`;

let world: World;
beforeEach(() => {
  world = makeWorld(CONFIG);
});
afterEach(() => world.cleanup());

describe("env", () => {
  it("prints sh lines for the profile's credentials and region, nothing on stderr when not a terminal", async () => {
    expect(await world.run(["env", "--profile", "eu"])).toEqual({
      code: 0,
      stderr: "",
      stdout: `unset AWS_PROFILE
unset AWS_DEFAULT_PROFILE
export AWS_ACCESS_KEY_ID='ASIAFAKE1'
export AWS_SECRET_ACCESS_KEY='${SECRETS[0]}'
export AWS_SESSION_TOKEN='${SECRETS[1]}'
export AWS_CREDENTIAL_EXPIRATION='2026-03-01T11:00:00Z'
export AWS_REGION='eu-west-1'
export AWS_DEFAULT_REGION='eu-west-1'
`,
    });
  });

  it("shares the cache with credential-process: the second command makes no STS call", async () => {
    await world.run(["credential-process", "--profile", "eu"]);
    const json = await world.run(["env", "--profile", "eu", "--format", "json"]);
    expect(JSON.parse(json.stdout).AWS_ACCESS_KEY_ID).toBe("ASIAFAKE1");
    expect(world.sts.calls).toHaveLength(1);
  });

  it("--region overrides the region it exports", async () => {
    const result = await world.run(["env", "--profile", "eu", "--format", "dotenv", "--region", "ap-east-1"]);
    expect(result.stdout.split("\n").slice(-3)).toEqual(["AWS_REGION=ap-east-1", "AWS_DEFAULT_REGION=ap-east-1", ""]);
  });

  it("usage errors: no profile, unknown format", async () => {
    expect(await world.run(["env"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "regional-sts: env: no profile given; name one (regional-sts env PROFILE) or set AWS_PROFILE\n",
    });
    expect(await world.run(["env", "--profile", "eu", "--format", "cmd"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "regional-sts: env: --format cmd is not a format; use one of sh, fish, powershell, dotenv, json\n",
    });
  });
});
