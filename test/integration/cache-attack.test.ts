import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readEntry } from "../../src/cache/read-entry";
import { expectedJson, makeWorld, NOW, ROLE, type World } from "./harness";

/**
 * The cache under attack and accident: damaged or foreign entries are misses replaced on the
 * next success; links are never followed; files and folders of other users are refused.
 */
const CONFIG = `[profile eu]
region = eu-west-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base
`;
const EU = ["credential-process", "--profile", "eu"];
const ok = (n: number) => ({ code: 0, stdout: expectedJson(n), stderr: "" });
const isRoot = process.getuid?.() === 0;

let world: World;
let entry: string;
let good: Record<string, unknown>;
beforeEach(async () => {
  world = makeWorld(CONFIG);
  expect(await world.run(EU)).toEqual(ok(1));
  const [name] = readdirSync(world.cacheDir).filter((f) => f.endsWith(".json"));
  entry = join(world.cacheDir, name!);
  good = JSON.parse(readFileSync(entry, "utf8"));
});
afterEach(() => world.cleanup());

const text = () => JSON.stringify(good);
const damaged: [string, () => string][] = [
  ["truncated", () => text().slice(0, Math.floor(text().length / 2))],
  ["empty", () => ""],
  ["not JSON", () => "\u0000\u0001garbage{{"],
  ["JSON of the wrong shape (array)", () => "[1,2,3]"],
  ["JSON of the wrong shape (credentials missing)", () => JSON.stringify({ ...good, credentials: undefined })],
  [
    "JSON of the wrong shape (a number for a key)",
    () => JSON.stringify({ ...good, credentials: { ...(good.credentials as object), accessKeyId: 42 } }),
  ],
  ["from a future format version", () => JSON.stringify({ ...good, format: "regional-sts/2" })],
  [
    "expired",
    () =>
      JSON.stringify({
        ...good,
        credentials: { ...(good.credentials as object), expiration: new Date(NOW - 60_000).toISOString() },
      }),
  ],
  [
    "within the 15-minute window",
    () =>
      JSON.stringify({
        ...good,
        credentials: { ...(good.credentials as object), expiration: new Date(NOW + 15 * 60_000).toISOString() },
      }),
  ],
  [
    "an unparseable expiration",
    () => JSON.stringify({ ...good, credentials: { ...(good.credentials as object), expiration: "soon" } }),
  ],
  ["for another key", () => JSON.stringify({ ...good, key: "0".repeat(40) })],
  // Issue 12 item 3: an emulator once answered an expiry of 2099, which kept the profile broken.
  [
    "an impossible expiry (2099, from an emulator)",
    () =>
      JSON.stringify({ ...good, credentials: { ...(good.credentials as object), expiration: "2099-01-01T00:00:00Z" } }),
  ],
  [
    "an expiry later than written-at + duration_seconds (3600) + 5 minutes",
    () =>
      JSON.stringify({
        ...good,
        credentials: {
          ...(good.credentials as object),
          expiration: new Date(NOW + 3600_000 + 5 * 60_000 + 1000).toISOString(),
        },
      }),
  ],
  [
    "written in the future (so that its expiry looks possible)",
    () =>
      JSON.stringify({
        ...good,
        createdAt: new Date(NOW + 3 * 3600_000).toISOString(),
        credentials: { ...(good.credentials as object), expiration: new Date(NOW + 3.5 * 3600_000).toISOString() },
      }),
  ],
  ["an unparseable written-at", () => JSON.stringify({ ...good, createdAt: "yesterday" })],
];

describe("a damaged or foreign cache file is a miss, replaced on the next success", () => {
  it.each(damaged)("%s", async (_name, make) => {
    writeFileSync(entry, make(), { mode: 0o600 });
    expect(await world.run(EU)).toEqual(ok(2));
    expect(JSON.parse(readFileSync(entry, "utf8"))).toMatchObject({
      key: good.key,
      credentials: { accessKeyId: "ASIAFAKE2" },
    });
    expect(await world.run(EU)).toEqual(ok(2)); // and now a hit
    expect(world.sts.calls).toHaveLength(2);
  });
});

describe("permissions, owners and links", () => {
  it("an entry readable by others is not trusted and is replaced by a private one", async () => {
    chmodSync(entry, 0o644);
    expect(await world.run(EU)).toEqual(ok(2));
    expect(statSync(entry).mode & 0o777).toBe(0o600);
  });

  it("a cache folder readable by others is repaired to 0700", async () => {
    chmodSync(world.cacheDir, 0o755);
    rmEntries();
    expect(await world.run(EU)).toEqual(ok(2));
    expect(statSync(world.cacheDir).mode & 0o777).toBe(0o700);
  });

  it("an entry that is a symbolic link is never followed: a miss, and the link is replaced by a file", async () => {
    const outside = join(world.root, "planted.json");
    writeFileSync(outside, text(), { mode: 0o600 });
    renameSync(entry, `${entry}.old`);
    symlinkSync(outside, entry);
    expect(await world.run(EU)).toEqual(ok(2));
    expect(lstatSync(entry).isFile()).toBe(true);
    expect(readFileSync(outside, "utf8")).toBe(text()); // the link's target was not touched
  });

  it("a cache folder that is a symbolic link is refused with one warning, never followed", async () => {
    const elsewhere = join(world.root, "elsewhere");
    renameSync(world.cacheDir, elsewhere); // holds a valid entry for this very key
    symlinkSync(elsewhere, world.cacheDir);
    const before = readdirSync(elsewhere).sort();
    expect(await world.run(EU)).toEqual({
      code: 0,
      stdout: expectedJson(2),
      stderr:
        `regional-sts: warning: cache folder ${world.cacheDir} is a symbolic link; ` +
        `remove it (regional-sts never follows links in its cache); continuing without the cache\n`,
    });
    expect(readdirSync(elsewhere).sort()).toEqual(before);
  });

  it("a lock file that is a symbolic link is moved aside, its target untouched", async () => {
    rmEntries();
    const target = join(world.root, "victim.txt");
    writeFileSync(target, "precious");
    symlinkSync(target, entry.replace(/\.json$/, ".lock"));
    expect(await world.run(EU)).toEqual(ok(2));
    expect(readFileSync(target, "utf8")).toBe("precious");
    expect(readdirSync(world.cacheDir).filter((f) => !f.endsWith(".json"))).toEqual([]);
  });

  it("an entry owned by another user is a miss and is replaced by our own", async () => {
    if (!isRoot) {
      // Only root can give a file away; then check the same rule through the reader directly.
      expect(readEntry(world.cacheDir, String(good.key), NOW, process.getuid!() + 1)).toBeUndefined();
      return;
    }
    chownSync(entry, 4242, 4242);
    expect(await world.run(EU)).toEqual(ok(2));
    expect(statSync(entry).uid).toBe(0);
  });

  it("a cache folder owned by another user is refused with one warning, and nothing is written there", async () => {
    // Root gives our folder away; anyone else uses / , which root owns.
    const cacheDir = isRoot ? world.cacheDir : "/";
    const owner = isRoot ? 4242 : 0;
    if (isRoot) {
      rmEntries(); // a private entry of ours inside would still be read: the file's owner is what counts there
      chownSync(cacheDir, owner, owner);
    }
    const before = readdirSync(cacheDir).sort();
    expect(await world.run(EU, { cacheDir })).toEqual({
      code: 0,
      stdout: expectedJson(2),
      stderr:
        `regional-sts: warning: cache folder ${cacheDir} belongs to user ${owner}, not to you; remove it; ` +
        `continuing without the cache\n`,
    });
    expect(readdirSync(cacheDir).sort()).toEqual(before);
  });

  it("a cache folder path that is a regular file: credentials printed with one warning", async () => {
    const cacheDir = join(world.root, "a-file");
    writeFileSync(cacheDir, "");
    expect(await world.run(EU, { cacheDir })).toEqual({
      code: 0,
      stdout: expectedJson(2),
      stderr: `regional-sts: warning: cache folder ${cacheDir} is not usable (EEXIST); continuing without the cache\n`,
    });
  });
});

function rmEntries(): void {
  for (const f of readdirSync(world.cacheDir))
    if (f.endsWith(".json")) renameSync(join(world.cacheDir, f), join(world.root, `${f}.gone`));
  mkdirSync(world.cacheDir, { recursive: true });
}

describe("input that changes meaning is never answered from the cache", () => {
  // Issue 12 item 10: the region is not in the key, so a typo once got the entry of ap-east-1's twin.
  it("a misspelled region (ap-esat-1) fails on a hit exactly as on a miss", async () => {
    const typo = CONFIG.replace("region = eu-west-1", "region = ap-esat-1");
    writeFileSync(world.configFile, typo);
    world.sts.failures.set("ap-esat-1", {
      name: "ENOTFOUND",
      message: "getaddrinfo ENOTFOUND sts.ap-esat-1.amazonaws.com",
    });
    const line =
      "regional-sts: profile eu: region ap-esat-1 is not a region regional-sts knows and its STS endpoint does not " +
      "resolve (ENOTFOUND); did you mean ap-east-1?\n";
    const miss = await world.run([...EU, "--no-cache"]);
    const hit = await world.run(EU);
    expect(miss).toEqual({ code: 1, stdout: "", stderr: line });
    expect(hit).toEqual(miss);
  });

  it("a region regional-sts does not know (launched since) is served by an entry its own endpoint issued", async () => {
    writeFileSync(world.configFile, CONFIG.replace("region = eu-west-1", "region = eu-newest-9"));
    expect(await world.run(EU)).toEqual(ok(2)); // the eu-west-1 entry is not used
    expect(await world.run(EU)).toEqual(ok(2)); // its own is
    expect(world.sts.calls.map((c) => c.region)).toEqual(["eu-west-1", "eu-newest-9"]);
  });
});

/**
 * Issue 12 items 1 and 2: whatever decides whose credentials these are is part of the key. The
 * first caller fills the cache; a second one whose environment names another STS endpoint or
 * another source identity must not get its entry (it would have been refused by STS, or given an
 * emulator's keys), while a caller with the same endpoint and identity still gets a hit.
 */
describe("another endpoint or another source identity never gets the entry", () => {
  const DEFAULT_CHAIN = `[profile dc]\nregion = eu-west-1\nregional_sts_role_arn = ${ROLE}\n`;
  const DC = ["credential-process", "--profile", "dc"];
  const file = (name: string, text: string) => {
    const path = join(world.root, name);
    writeFileSync(path, text);
    return path;
  };
  type Env = Record<string, string>;
  const cases: [string, (profile: string) => string, () => Env, () => Env][] = [
    [
      "AWS_ENDPOINT_URL_STS (an emulator) then none",
      () => CONFIG,
      () => ({ AWS_ENDPOINT_URL_STS: "http://localhost:4566" }),
      () => ({}),
    ],
    [
      "none then AWS_ENDPOINT_URL_STS",
      () => CONFIG,
      () => ({}),
      () => ({ AWS_ENDPOINT_URL_STS: "http://localhost:4566" }),
    ],
    ["AWS_ENDPOINT_URL then none", () => CONFIG, () => ({ AWS_ENDPOINT_URL: "http://localhost:5000" }), () => ({})],
    [
      "endpoint_url in the profile, then AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
      () => `${CONFIG}endpoint_url = http://localhost:4566\n`,
      () => ({}),
      () => ({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }),
    ],
    [
      "the services section's sts endpoint_url, then AWS_ENDPOINT_URL_STS elsewhere",
      () => `${CONFIG}services = local\n[services local]\nsts =\n  endpoint_url = http://localhost:4566\n`,
      () => ({}),
      () => ({ AWS_ENDPOINT_URL_STS: "https://sts.internal.example" }),
    ],
    [
      "default chain: environment keys, then the same key id with another secret",
      () => DEFAULT_CHAIN,
      () => ({ AWS_ACCESS_KEY_ID: "AKIATRUSTED", AWS_SECRET_ACCESS_KEY: "trusted-secret" }),
      () => ({ AWS_ACCESS_KEY_ID: "AKIATRUSTED", AWS_SECRET_ACCESS_KEY: "guessed-secret" }),
    ],
    [
      "default chain: environment keys, then a container endpoint",
      () => DEFAULT_CHAIN,
      () => ({ AWS_ACCESS_KEY_ID: "AKIATRUSTED", AWS_SECRET_ACCESS_KEY: "trusted-secret" }),
      () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9911/creds" }),
    ],
    [
      "default chain: a container endpoint, then another (an untrusted user's)",
      () => DEFAULT_CHAIN,
      () => ({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.23/v1/credentials",
        AWS_CONTAINER_AUTHORIZATION_TOKEN: "trusted",
      }),
      () => ({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9911/creds",
        AWS_CONTAINER_AUTHORIZATION_TOKEN: "trusted",
      }),
    ],
    [
      "default chain: the same container endpoint with another token",
      () => DEFAULT_CHAIN,
      () => ({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.23/v1/credentials",
        AWS_CONTAINER_AUTHORIZATION_TOKEN: "trusted",
      }),
      () => ({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.23/v1/credentials",
        AWS_CONTAINER_AUTHORIZATION_TOKEN: "other",
      }),
    ],
    [
      "default chain: the same container endpoint with another token file",
      () => DEFAULT_CHAIN,
      () => ({
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/creds",
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file("t1", "trusted"),
      }),
      () => ({
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/creds",
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file("t2", "other"),
      }),
    ],
    [
      "default chain: a web identity token, then another token in the same file",
      () => DEFAULT_CHAIN,
      () => ({
        AWS_WEB_IDENTITY_TOKEN_FILE: file("jwt", "trusted.jwt"),
        AWS_ROLE_ARN: "arn:aws:iam::111122223333:role/Web",
      }),
      () => ({
        AWS_WEB_IDENTITY_TOKEN_FILE: file("jwt", "other.jwt"),
        AWS_ROLE_ARN: "arn:aws:iam::111122223333:role/Web",
      }),
    ],
    [
      "default chain: a web identity token for another role",
      () => DEFAULT_CHAIN,
      () => ({
        AWS_WEB_IDENTITY_TOKEN_FILE: file("jwt", "trusted.jwt"),
        AWS_ROLE_ARN: "arn:aws:iam::111122223333:role/Web",
      }),
      () => ({
        AWS_WEB_IDENTITY_TOKEN_FILE: file("jwt", "trusted.jwt"),
        AWS_ROLE_ARN: "arn:aws:iam::111122223333:role/Other",
      }),
    ],
    [
      "default chain: instance metadata, then another metadata endpoint",
      () => DEFAULT_CHAIN,
      () => ({}),
      () => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: "http://127.0.0.1:9911" }),
    ],
    [
      "a source profile's static keys, then a credentials file with the same key id and another secret",
      () => CONFIG,
      () => ({}),
      () => ({
        AWS_SHARED_CREDENTIALS_FILE: file(
          "creds2",
          "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = guessed\n",
        ),
      }),
    ],
  ];

  it.each(cases)("%s: a miss for the second caller, a hit for each again", async (_name, config, first, second) => {
    const argv = config("") === DEFAULT_CHAIN ? DC : EU;
    writeFileSync(world.configFile, config(""));
    rmEntries();
    const calls = world.sts.calls.length;
    // Each environment is made just before its run: a token file may be rewritten in between.
    const one = await world.run(argv, { env: { ...world.env, ...first() } });
    const two = await world.run(argv, { env: { ...world.env, ...second() } });
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(JSON.parse(two.stdout).AccessKeyId).not.toBe(JSON.parse(one.stdout).AccessKeyId);
    expect(await world.run(argv, { env: { ...world.env, ...first() } })).toEqual(one);
    expect(await world.run(argv, { env: { ...world.env, ...second() } })).toEqual(two);
    expect(world.sts.calls.length - calls).toBe(2);
  });

  it("the endpoint in the key is the one the STS client is given", async () => {
    await world.run(EU, { env: { ...world.env, AWS_ENDPOINT_URL_STS: "http://localhost:4566" } });
    expect(world.sts.connects.map((c) => c.stsEndpoint)).toEqual([undefined, "http://localhost:4566"]);
  });
});
