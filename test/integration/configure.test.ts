import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, type World } from "./harness";

const REAL = readFileSync(join(import.meta.dirname, "../fixtures/configure/real-world.ini"), "utf8");
const ROLE = "arn:aws:iam::222222222222:role/katoaki";
const BACKUP = "config.regional-sts.bak";
const ADD = ["configure", "hk-new", "--role-arn", ROLE, "--source-profile", "account-a", "--region", "ap-east-1"];

let world: World;
afterEach(() => world.cleanup());

const written = () => readFileSync(world.configFile, "utf8");

describe("configure", () => {
  it.each([
    ["LF", REAL, "\n"],
    ["CRLF", REAL.replace(/\n/g, "\r\n"), "\r\n"],
  ])("adds a profile, keeps every other byte and a backup (%s)", async (_n, text, eol) => {
    world = makeWorld(text);
    chmodSync(world.configFile, 0o640);
    expect(await world.run(ADD)).toEqual({
      code: 0,
      stdout:
        `added profile hk-new in ${world.configFile} (previous file saved as ${join(world.root, BACKUP)})\n` +
        `check it with: regional-sts doctor --profile hk-new\n`,
      stderr: "",
    });
    expect(written()).toBe(
      `${text}${eol}[profile hk-new]${eol}region = ap-east-1${eol}` +
        `credential_process = regional-sts credential-process --profile hk-new${eol}` +
        `regional_sts_role_arn = ${ROLE}${eol}regional_sts_source_profile = account-a${eol}`,
    );
    expect(readFileSync(join(world.root, BACKUP), "utf8")).toBe(text);
    expect(statSync(world.configFile).mode & 0o777).toBe(0o640);
    expect(readdirSync(world.root).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("updates a profile it manages in place, pointing credential_process at this binary", async () => {
    world = makeWorld(REAL);
    const r = await world.run(["configure", "hk-role", "--region", "ap-east-2"]);
    expect(r.stdout.split("\n")[0]).toBe(
      `updated profile hk-role in ${world.configFile} (previous file saved as ${join(world.root, BACKUP)})`,
    );
    expect(written()).toBe(
      REAL.replace(
        "region = ap-east-1\ncredential_process = /old/path/regional-sts",
        "region = ap-east-2\ncredential_process = regional-sts",
      ),
    );
    expect(await world.run(["configure", "hk-role", "--region", "ap-east-2"])).toEqual({
      code: 0,
      stdout: `profile hk-role in ${world.configFile} is already up to date\n`,
      stderr: "",
    });
  });

  it("checks values it copies with --from-profile as it checks flags, the key named", async () => {
    world = makeWorld(
      `${REAL}\n[profile odd-role]\nrole_arn = ${ROLE}\nsource_profile = account-a\nregion = ap-east-1\n` +
        `duration_seconds = 60\n`,
    );
    expect(await world.run(["configure", "x", "--from-profile", "odd-role"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        `regional-sts: configure x: duration_seconds "60" is not a session duration; ` +
        `give a whole number of seconds from 900 to 43200\n`,
    });
    expect(written()).toContain("duration_seconds = 60");
  });

  it("refuses to overwrite a profile it does not manage, unless --force", async () => {
    world = makeWorld(REAL);
    const refused = await world.run(["configure", "sso-dev", "--role-arn", ROLE, "--region", "ap-east-1"]);
    expect(refused).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `regional-sts: profile sso-dev in ${world.configFile} is not managed by regional-sts; ` +
        `choose another name, or pass --force to replace its settings (the old file is backed up)\n`,
    });
    expect(written()).toBe(REAL);
    expect(existsSync(join(world.root, BACKUP))).toBe(false);
    const forced = await world.run(["configure", "sso-dev", "--role-arn", ROLE, "--region", "ap-east-1", "--force"]);
    expect(forced.code).toBe(0);
    expect(written()).toBe(
      REAL.replace(
        "sso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\nservices = local\n",
        `region = ap-east-1\ncredential_process = regional-sts credential-process --profile sso-dev\n` +
          `regional_sts_role_arn = ${ROLE}\n`,
      ),
    );
  });

  it("--from-profile converts a standard role profile under a new name, leaving the old one", async () => {
    world = makeWorld(REAL);
    const r = await world.run(["configure", "hk-converted", "--from-profile", "old-role"]);
    expect(r.code).toBe(0);
    expect(written()).toBe(
      `${REAL}\n[profile hk-converted]\nregion = ap-east-1\n` +
        `credential_process = regional-sts credential-process --profile hk-converted\n` +
        `regional_sts_role_arn = ${ROLE}\nregional_sts_source_profile = account-a\nexternal_id = ext-1\n` +
        `mfa_serial = arn:aws:iam::111111111111:mfa/alice\n`,
    );
  });

  it.each([
    [
      ["configure", "x", "--from-profile", "sso-dev"],
      1,
      "regional-sts: configure: profile sso-dev has no role_arn, so it is not a role profile to convert; " +
        "give --role-arn instead of --from-profile\n",
    ],
    [
      ["configure", "x", "--from-profile", "missing"],
      1,
      "regional-sts: configure: profile missing (--from-profile) not found in CONFIG; check the name\n",
    ],
    [
      ["configure", "x", "--region", "ap-east-1"],
      2,
      "regional-sts: configure: profile x needs a role; pass --role-arn ARN (or --from-profile NAME)\n",
    ],
    [
      ["configure", "x", "--role-arn", ROLE],
      2,
      "regional-sts: configure: profile x needs a region; pass --region REGION\n",
    ],
    [
      ["configure", "x", "--role-arn", ROLE, "--region", "ap-esat-1"],
      2,
      `regional-sts: configure: --region "ap-esat-1" is not an AWS region; did you mean ap-east-1?\n`,
    ],
    [
      ["configure", "x", "--role-arn", ROLE, "--region", "ap-east-1", "--sts-region", "us-est-1"],
      2,
      `regional-sts: configure: --sts-region "us-est-1" is not an AWS region; did you mean us-east-1?\n`,
    ],
    [
      ["configure", "x", "--role-arn", ROLE, "--region", "hongkong"],
      2,
      `regional-sts: configure: --region "hongkong" is not an AWS region; use a name like ap-east-1\n`,
    ],
    [
      ["configure", "x", "--role-arn", "arn:aws-cn:iam::555555555555:role/r", "--region", "ap-east-1"],
      2,
      "regional-sts: configure x: role arn:aws-cn:iam::555555555555:role/r is in partition aws-cn but region " +
        "ap-east-1 is in aws; use a role and region of the same partition\n",
    ],
    [
      ["configure", "x", "--role-arn", ROLE, "--region", "ap-east-1", "--duration-seconds", "60"],
      2,
      `regional-sts: configure: --duration-seconds "60" is not a session duration; ` +
        `give a whole number of seconds from 900 to 43200\n`,
    ],
    [
      ["configure", "bad name", "--role-arn", ROLE, "--region", "ap-east-1"],
      2,
      `regional-sts: configure: "bad name" is not a profile name regional-sts writes; ` +
        `use letters, digits and +=,.@_-\n`,
    ],
    [
      ["configure", "--role-arn", ROLE],
      2,
      "regional-sts: configure: no profile given; name one: regional-sts configure PROFILE --role-arn ARN --region " +
        "REGION, or convert one: regional-sts configure --from-profile OLD\n",
    ],
  ])("refuses %j with one line, changing nothing", async (argv, code, stderr) => {
    world = makeWorld(REAL);
    expect(await world.run(argv as string[])).toEqual({
      code,
      stdout: "",
      stderr: stderr.replace("CONFIG", world.configFile),
    });
    expect(written()).toBe(REAL);
    expect(readdirSync(world.root).sort()).toEqual(["config", "credentials"]);
  });

  it("creates a missing config file (0600, no backup) and warns about an unknown source profile", async () => {
    world = makeWorld("");
    rmSync(world.configFile);
    const home = join(world.root, "home", ".aws");
    const configFile = join(home, "config");
    const r = await world.run(ADD, { env: { ...world.env, AWS_CONFIG_FILE: configFile } });
    expect(r).toEqual({
      code: 0,
      stdout: `added profile hk-new in ${configFile}\ncheck it with: regional-sts doctor --profile hk-new\n`,
      stderr:
        `regional-sts: warning: source profile account-a is in neither ${configFile} nor ` +
        `${world.env.AWS_SHARED_CREDENTIALS_FILE} yet; add it before using hk-new\n`,
    });
    expect(readFileSync(configFile, "utf8")).toBe(
      `[profile hk-new]\nregion = ap-east-1\ncredential_process = regional-sts credential-process --profile hk-new\n` +
        `regional_sts_role_arn = ${ROLE}\nregional_sts_source_profile = account-a\n`,
    );
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(home)).toEqual(["config"]);
  });

  it("edits the file a symbolic link points at and keeps the link", async () => {
    world = makeWorld("");
    const dotfiles = join(world.root, "dotfiles");
    mkdirSync(dotfiles);
    writeFileSync(join(dotfiles, "aws-config"), REAL);
    rmSync(world.configFile);
    symlinkSync(join(dotfiles, "aws-config"), world.configFile);
    expect((await world.run(ADD)).code).toBe(0);
    expect(lstatSync(world.configFile).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dotfiles, "aws-config"), "utf8").startsWith(REAL)).toBe(true);
    expect(readdirSync(dotfiles)).toEqual(["aws-config", "aws-config.regional-sts.bak"]);
  });

  it("the profile it writes is served by credential-process", async () => {
    world = makeWorld("[profile base]\nregion = eu-west-1\n");
    expect(
      (await world.run(["configure", "hk", "--role-arn", ROLE, "--source-profile", "base", "--region", "ap-east-1"]))
        .code,
    ).toBe(0);
    const served = await world.run(["credential-process", "--profile", "hk"]);
    expect(served.code).toBe(0);
    expect(world.sts.calls.map((c) => [c.region, c.params.roleArn])).toEqual([["ap-east-1", ROLE]]);
  });
});
