// A throw-away HOME with the seed profiles, and the environments each measured command gets.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

const ROLE_ARN = "arn:aws:iam::222222222222:role/katoaki";
// SEED.alice from test/support/fake-aws/seed.ts (account A, which has not enabled ap-east-1).
const ALICE = { id: "AKIAALICEEXAMPLE0001", secret: "aliceSecret/K7MDENG/bPxRfiCYEXAMPLEKEY0001" };
const FACTS_FILE = "region-fallbacks.json";

/** The profiles: `p` (npm entry), `hk-role` (binary), `hk-role-npm`, and `cli-role` (the AWS CLI's own). */
function configText(entries) {
  const quoted = (argv) => argv.map((a) => `"${a}"`).join(" ");
  const ours = (name, entry) => `[profile ${name}]
region = ap-east-1
credential_process = ${quoted(entry)} credential-process --profile ${name}
regional_sts_role_arn = ${ROLE_ARN}
regional_sts_source_profile = account-a
`;
  return `[profile account-a]
region = us-east-1

${ours("p", entries.npm)}
${ours("hk-role", entries.binary)}
${ours("hk-role-npm", entries.npm)}
[profile cli-role]
region = us-east-1
role_arn = ${ROLE_ARN}
source_profile = account-a
`;
}

/** Variables of the machine that would change what we measure: AWS, Node, proxy, npm. */
function cleanBaseEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(AWS_|NODE_|REGIONAL_STS_|HTTPS?_PROXY|ALL_PROXY|NO_PROXY|npm_)/i.test(k)) env[k] = v;
  }
  return env;
}

/**
 * Builds the sandbox. `helper` is the user's environment: NODE_EXTRA_CA_CERTS and AWS_CA_BUNDLE
 * as this machine sets them (the stand-in's CA appended to each bundle; AWS_CA_BUNDLE is the
 * stand-in's CA alone where the machine sets none); `floor` has neither.
 */
export function makeSandbox({ entries, standIn }) {
  const home = mkdtempSync(join(tmpdir(), "regional-sts-bench-"));
  const cacheDir = join(home, ".cache", "regional-sts");
  mkdirSync(join(home, ".aws"), { recursive: true });
  const config = configText(entries);
  writeFileSync(join(home, ".aws", "config"), config);
  writeFileSync(
    join(home, ".aws", "credentials"),
    `[account-a]\naws_access_key_id = ${ALICE.id}\naws_secret_access_key = ${ALICE.secret}\n`,
  );
  const machineExtraCa = process.env.NODE_EXTRA_CA_CERTS || undefined;
  const base = {
    ...cleanBaseEnv(),
    HOME: home,
    // First on PATH: the private copy of node that npm's bin runs (see page-cache.mjs).
    PATH: `${join(home, "bin")}${delimiter}${process.env.PATH ?? ""}`,
    XDG_CACHE_HOME: join(home, ".cache"),
    AWS_CONFIG_FILE: join(home, ".aws", "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws", "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  };
  const withStandIn = (machineFile, name) => {
    if (!machineFile) return standIn.caPath;
    const bundle = join(home, name);
    writeFileSync(bundle, `${readFileSync(machineFile, "utf8").trimEnd()}\n${readFileSync(standIn.caPath, "utf8")}`);
    return bundle;
  };
  const helper = {
    ...base,
    HTTPS_PROXY: standIn.proxyUrl,
    AWS_CA_BUNDLE: withStandIn(process.env.AWS_CA_BUNDLE, "aws-ca.pem"),
  };
  if (machineExtraCa) helper.NODE_EXTRA_CA_CERTS = withStandIn(machineExtraCa, "extra-ca.pem");
  return {
    home,
    cacheDir,
    configText: config,
    machineExtraCa,
    env: {
      helper,
      floor: base,
      floorWithExtraCa: machineExtraCa ? { ...base, NODE_EXTRA_CA_CERTS: machineExtraCa } : undefined,
    },
    /** The helper's environment with another private node's folder first on PATH (npm's bin then runs that Node). */
    helperWithNodeIn: (folder) => ({ ...helper, PATH: `${folder}${delimiter}${helper.PATH}` }),
    /**
     * Cold cache as after an expiry: credential entries gone; the learned region fallback, V8's
     * code caches and the configs' section indexes kept.
     */
    clearEntries() {
      let names = [];
      try {
        names = readdirSync(cacheDir);
      } catch {
        return;
      }
      for (const name of names) {
        if (name !== FACTS_FILE && !/^code-.*\.v8$/.test(name) && !/^sections-.*\.json$/.test(name))
          rmSync(join(cacheDir, name), { force: true, recursive: true });
      }
    },
    /**
     * As after a change of that config file (every one if none is named): its section indexes
     * gone, so the next call reads it whole and writes one again.
     */
    clearIndexes(configFile = undefined) {
      for (const name of indexNames(cacheDir)) {
        const file = join(cacheDir, name);
        if (configFile === undefined || JSON.parse(readFileSync(file, "utf8")).config.path === configFile)
          rmSync(file, { force: true });
      }
    },
    indexNames: () => indexNames(cacheDir),
    /** The very first call on a machine: no cache folder at all. */
    clearAll: () => rmSync(cacheDir, { recursive: true, force: true }),
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** The section indexes (issue 16) in the cache folder. */
function indexNames(cacheDir) {
  try {
    return readdirSync(cacheDir).filter((name) => /^sections-[0-9a-f]{8}\.json$/.test(name));
  } catch {
    return [];
  }
}
