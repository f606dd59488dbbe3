import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, type World } from "./harness";

const REAL = readFileSync(join(import.meta.dirname, "../fixtures/configure/real-world.ini"), "utf8");
const ROLE = "arn:aws:iam::222222222222:role/katoaki";

let world: World;
afterEach(() => world.cleanup());
const written = () => readFileSync(world.configFile, "utf8");

describe("configure --from-profile in place, backups, a credentials file alone", () => {
  it("--from-profile OLD without a new name converts OLD in place, keeping its name and its other keys", async () => {
    world = makeWorld(REAL);
    expect(await world.run(["configure", "--from-profile", "old-role"])).toEqual({
      code: 0,
      stdout:
        `converted profile old-role in ${world.configFile} ` +
        `(previous file saved as ${world.configFile}.regional-sts.bak)\n` +
        `check it with: regional-sts doctor --profile old-role\n`,
      stderr: "",
    });
    expect(written()).toBe(
      REAL.replace(
        `[profile old-role]\nrole_arn = ${ROLE}\nsource_profile = account-a\nregion = ap-east-1\n` +
          `mfa_serial = arn:aws:iam::111111111111:mfa/alice\nexternal_id = ext-1`,
        `[profile old-role]\nregion = ap-east-1\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\n` +
          `external_id = ext-1\n` +
          `credential_process = regional-sts credential-process --profile old-role\n` +
          `regional_sts_role_arn = ${ROLE}\nregional_sts_source_profile = account-a`,
      ),
    );
    // Once more (a script run twice): nothing to do.
    expect(await world.run(["configure", "--from-profile", "old-role"])).toEqual({
      code: 0,
      stdout: `profile old-role in ${world.configFile} is already up to date\n`,
      stderr: "",
    });
    // The same with the name given twice.
    expect((await world.run(["configure", "old-role", "--from-profile", "old-role"])).code).toBe(0);
  });

  it("keeps one backup beside the file, replaced on each write", async () => {
    world = makeWorld(REAL);
    const add = (region: string) =>
      world.run(["configure", "hk-new", "--role-arn", ROLE, "--source-profile", "account-a", "--region", region]);
    expect((await add("ap-east-1")).code).toBe(0);
    const first = written();
    expect((await add("ap-east-2")).code).toBe(0);
    expect(readdirSync(world.root).sort()).toEqual(["config", "config.regional-sts.bak", "credentials"]);
    expect(readFileSync(`${world.configFile}.regional-sts.bak`, "utf8")).toBe(first);
  });

  it("with only a credentials file (no config file yet), a source profile there draws no warning", async () => {
    world = makeWorld("", "[account-a]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = sourceSecretKey\n");
    rmSync(world.configFile);
    const r = await world.run([
      "configure",
      "hk",
      "--role-arn",
      ROLE,
      "--source-profile",
      "account-a",
      "--region",
      "ap-east-1",
    ]);
    expect(r).toEqual({
      code: 0,
      stdout: `added profile hk in ${world.configFile}\ncheck it with: regional-sts doctor --profile hk\n`,
      stderr: "",
    });
    // Also with no AWS_CONFIG_FILE: the default ~/.aws/config that does not exist yet.
    rmSync(world.configFile);
    const env = { ...world.env, AWS_CONFIG_FILE: undefined };
    const home = await world.run(
      ["configure", "hk", "--role-arn", ROLE, "--source-profile", "account-a", "--region", "ap-east-1"],
      { env },
    );
    expect(home.stderr).toBe("");
    expect(readFileSync(join(world.root, ".aws", "config"), "utf8")).toContain("[profile hk]\n");
  });
});

/** Values that would be read otherwise than given: refused, the file byte for byte as it was, no backup. */
describe("configure refuses values the config readers would read differently", () => {
  const base = ["configure", "x", "--role-arn", ROLE, "--region", "ap-east-1"];
  it.each([
    [
      ["--source-profile", "base\ncredential_process = /tmp/evil"],
      2,
      `--source-profile contains a control character (U+000A, a line break); ` +
        `a config file value is one line of printable characters`,
    ],
    [
      ["--external-id", "a\rb"],
      2,
      `--external-id contains a control character (U+000D, a line break); ` +
        `a config file value is one line of printable characters`,
    ],
    [
      ["--mfa-serial", "a\u0000b"],
      2,
      `--mfa-serial contains a control character (U+0000); a config file value is one line of printable characters`,
    ],
    [
      ["--mfa-process", "ykman\u2028x"],
      2,
      `--mfa-process contains a control character (U+2028, a line break); ` +
        `a config file value is one line of printable characters`,
    ],
    [
      ["--external-id", "abc ;def"],
      2,
      `--external-id contains " ;", where the JS SDK and regional-sts see a comment and the AWS CLI does not; ` +
        `remove the ; or the space before it`,
    ],
    [
      ["--mfa-process", "ykman code #aws"],
      2,
      `--mfa-process contains " #", where the JS SDK and regional-sts see a comment and the AWS CLI does not; ` +
        `remove the # or the space before it`,
    ],
    [
      ["--external-id", "#abc"],
      2,
      `--external-id contains "#", where the JS SDK and regional-sts see a comment and the AWS CLI does not; ` +
        `remove the #`,
    ],
    [["--external-id", "abc "], 2, `--external-id starts or ends with a space, which every reader drops; remove it`],
  ])("%j", async (extra, code, message) => {
    world = makeWorld(REAL);
    expect(await world.run([...base, ...(extra as string[])])).toEqual({
      code,
      stdout: "",
      stderr: `regional-sts: configure x: ${message}\n`,
    });
    expect(written()).toBe(REAL);
    expect(readdirSync(world.root).sort()).toEqual(["config", "credentials"]);
  });

  it("a value with ; or # not after a space is written and read back whole", async () => {
    world = makeWorld(REAL);
    expect((await world.run([...base, "--external-id", "a;b#c"])).code).toBe(0);
    expect(written()).toContain("\nexternal_id = a;b#c\n");
  });

  it("a converted profile's value is checked too, naming where it came from", async () => {
    world = makeWorld(
      `${REAL}\n[profile tricky]\nrole_arn = ${ROLE}\nsource_profile = account-a\nregion = ap-east-1\n` +
        `role_session_name = a\u0085b\n`,
    );
    const before = written();
    expect(await world.run(["configure", "y", "--from-profile", "tricky"])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "regional-sts: configure y: role_session_name of profile tricky contains a control character " +
        "(U+0085, a line break); a config file value is one line of printable characters\n",
    });
    expect(written()).toBe(before);
  });
});
