import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load";
import { sdkFiles } from "../../src/config/sdk-files";
import { profileSection } from "../../src/config/source-chain";
import { connectSource } from "../../src/credentials/connect-source";
import { TempHome } from "../support/in-process";
import { recordSecrets } from "../support/stderr-capture";
import { has, needs } from "../support/tools";

/**
 * Issue 12.11: where the AWS CLI (botocore) and the JS SDK read a file differently, regional-sts
 * reads it as the AWS CLI does, on the hit path (region, role) and through the SDK on a miss (the
 * source credentials): checked here against botocore itself and the SDK's own providers.
 */
interface Case {
  name: string;
  config: string;
  credentials: string;
  profile: string;
  /** Whether the JS SDK left alone reads it the same way (then all three agree). */
  sdkAgrees: boolean;
}
const keys = (id: string, upper = false) =>
  upper
    ? `AWS_ACCESS_KEY_ID = ${id}\nAws_Secret_Access_Key = secret-${id}\n`
    : `aws_access_key_id = ${id}\naws_secret_access_key = secret-${id}\n`;
const CASES: Case[] = [
  {
    name: "[profile default] then [default]",
    profile: "default",
    sdkAgrees: false,
    credentials: "",
    config:
      `[profile default]\nregion = eu-west-1\n${keys("AKIAPROFILEDEFAULT01")}[default]\n` +
      `region = ap-east-1\n${keys("AKIAPLAINDEFAULT0001")}`,
  },
  {
    name: "[default] then [profile default]",
    profile: "default",
    sdkAgrees: true,
    credentials: "",
    config:
      `[default]\nregion = ap-east-1\n${keys("AKIAPLAINDEFAULT0001")}[profile default]\n` +
      `region = eu-west-1\n${keys("AKIAPROFILEDEFAULT01")}`,
  },
  {
    name: "key names in capitals in the config file",
    profile: "caps",
    sdkAgrees: false,
    credentials: "",
    config: `[profile caps]\nRegion = ap-east-1\n${keys("AKIACAPITALCONFIG001", true)}`,
  },
  {
    name: "key names in capitals in the credentials file",
    profile: "src",
    sdkAgrees: false,
    config: "[profile src]\nregion = us-east-1\n",
    credentials: `[src]\n${keys("AKIACAPITALCREDS0001", true)}`,
  },
  {
    name: "a header with two spaces: [profile  two]",
    profile: "two",
    sdkAgrees: false,
    credentials: "",
    config: `[profile  two]\nregion = ap-east-1\n${keys("AKIATWOSPACES0000001")}`,
  },
  {
    name: 'a quoted name with a space: [profile "x y"]',
    profile: "x y",
    sdkAgrees: false,
    credentials: "",
    config: `[profile "x y"]\nregion = ap-east-1\n${keys("AKIAQUOTEDNAME000001")}`,
  },
  {
    name: "the usual lower-case file",
    profile: "src",
    sdkAgrees: true,
    config: "[profile src]\nregion = us-east-1\n",
    credentials: `[src]\n${keys("AKIALOWERCASEKEYS001")}`,
  },
];

interface Reading {
  region: string | null;
  accessKey: string | null;
}

let home: TempHome;
let botocore: Reading[];
beforeAll(() => {
  if (!has("boto3")) return; // the tests below skip, naming it
  recordSecrets(CASES.flatMap((c) => [...`${c.config}${c.credentials}`.matchAll(/secret-\w+/g)].map((m) => m[0])));
  home = new TempHome();
  const files = CASES.map((c, i) => {
    const dir = join(home.root, `case-${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "config"), c.config);
    writeFileSync(join(dir, "credentials"), c.credentials);
    // The same files under other names for the SDK alone: what it was shown stays intercepted under the first.
    writeFileSync(join(dir, "config-sdk"), c.config);
    writeFileSync(join(dir, "credentials-sdk"), c.credentials);
    return { config: join(dir, "config"), credentials: join(dir, "credentials"), profile: c.profile };
  });
  // botocore as the AWS CLI uses it: the session's region and credentials for the profile.
  const script = `
import json, os, sys, botocore.session
out = []
for case in json.load(sys.stdin):
    os.environ["AWS_CONFIG_FILE"] = case["config"]
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = case["credentials"]
    session = botocore.session.Session(profile=case["profile"])
    creds = session.get_credentials()
    out.append({"region": session.get_config_variable("region"), "accessKey": creds.access_key if creds else None})
print(json.dumps(out))`;
  const env = {
    PATH: process.env.PATH,
    HOME: home.root,
    PYENV_VERSION: process.env.PYENV_VERSION,
    AWS_EC2_METADATA_DISABLED: "true",
  };
  const result = spawnSync("python3", ["-c", script], { input: JSON.stringify(files), env, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`botocore (python3 -c 'import botocore') is needed: ${result.stderr.trim().split("\n").pop()}`);
  botocore = JSON.parse(result.stdout) as Reading[];
});
afterAll(() => home?.cleanup()); // unset when boto3 is missing

/** Our reading: the profile's region from our own parse, the source credentials through the SDK shown sdkFiles. */
async function ours(i: number, withSdkFiles: boolean): Promise<Reading> {
  const paths = {
    configFile: join(home.root, `case-${i}`, "config"),
    credentialsFile: join(home.root, `case-${i}`, "credentials"),
  };
  const config = await loadConfig(paths);
  const profile = CASES[i]!.profile;
  const connected = await connectSource({
    profile,
    sourceProfile: profile,
    paths,
    env: {},
    caBundle: undefined,
    useFips: false,
    useDualstack: false,
    mfaCodeProvider: async () => "000000",
    ...(withSdkFiles ? { sdkFiles: sdkFiles(config, [profile]) } : {}),
  });
  return { region: profileSection(profile, config)?.region ?? null, accessKey: (await connected.source()).accessKeyId };
}

needs("boto3").describe("read as the AWS CLI reads it", () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))(
    "%s: the region and source credentials botocore reads",
    async (_name, i) => {
      expect(await ours(i, true)).toEqual(botocore[i]);
    },
  );

  it.each(CASES.map((c, i) => [c.name, i] as const))(
    "%s: the JS SDK alone reads it differently only where listed in the README",
    async (_name, i) => {
      let sdk: string | null;
      try {
        sdk = (
          await (
            await connectSource({
              profile: CASES[i]!.profile,
              sourceProfile: CASES[i]!.profile,
              env: {},
              caBundle: undefined,
              useFips: false,
              useDualstack: false,
              mfaCodeProvider: async () => "000000",
              paths: {
                configFile: join(home.root, `case-${i}`, "config-sdk"),
                credentialsFile: join(home.root, `case-${i}`, "credentials-sdk"),
              },
            })
          ).source()
        ).accessKeyId;
      } catch {
        sdk = null;
      }
      expect(sdk === botocore[i]!.accessKey).toBe(CASES[i]!.sdkAgrees);
    },
  );
});
