import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_FORMAT, type CacheEntry, decodeEntry, REFRESH_WINDOW_MS } from "../../src/cache/entry";
import { parseSharedIni } from "../../src/config/ini-parse";
import { resolveSettings } from "../../src/config/settings";
import { walkSourceChain } from "../../src/config/source-chain";
import { validateSettings } from "../../src/config/validate";
import type { ConnectSts } from "../../src/credentials/types";
import { isUserError } from "../../src/errors";
import { runCli, TempHome } from "../support/in-process";

/** Property tests: any input gives a value or a clear UserError, never an exception escaping. */
const NOW = Date.parse("2026-03-01T10:00:00Z");
const KEY = "f".repeat(40);
const SEED_OPTS = { numRuns: 300 };

function valueOrUserError(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!isUserError(error)) throw error;
    expect(error.message).not.toMatch(/\n/);
  }
}

const text = fc.string({ unit: "binary", maxLength: 40 });
const entryArb: fc.Arbitrary<CacheEntry> = fc.record({
  format: fc.constant(CACHE_FORMAT),
  key: fc.constant(KEY),
  profile: text.filter((s) => s !== ""),
  roleArn: text.filter((s) => s !== ""),
  stsRegion: text.filter((s) => s !== ""),
  createdAt: fc.integer({ min: NOW - 3600_000, max: NOW }).map((ms) => new Date(ms).toISOString()),
  credentials: fc.record({
    accessKeyId: text.filter((s) => s !== ""),
    secretAccessKey: text.filter((s) => s !== ""),
    sessionToken: text.filter((s) => s !== ""),
    expiration: fc
      .integer({ min: NOW + REFRESH_WINDOW_MS + 1000, max: NOW + 43200_000 - 3600_000 })
      .map((ms) => new Date(ms).toISOString()),
    accountId: text.filter((s) => s !== ""),
  }),
});

describe("cache decoding", () => {
  it("any text decodes to a miss or to an entry for this key with more than 15 minutes left", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.json()), (input) => {
        const entry = decodeEntry(input, KEY, NOW);
        if (entry) {
          expect(entry.key).toBe(KEY);
          expect(Date.parse(entry.credentials.expiration) - NOW).toBeGreaterThan(REFRESH_WINDOW_MS);
        }
      }),
      SEED_OPTS,
    );
  });

  it("any JSON value, also deep or with odd prototypes, never throws", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, maxDepth: 4 }), entryArb, (junk, good) => {
        const mixed = { ...good, credentials: junk } as unknown;
        expect(() => decodeEntry(JSON.stringify(junk) ?? "", KEY, NOW)).not.toThrow();
        expect(decodeEntry(JSON.stringify(mixed), KEY, NOW)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it("a written entry decodes to itself; a cut one never decodes", () => {
    fc.assert(
      fc.property(entryArb, fc.nat(), (entry, cut) => {
        const json = JSON.stringify(entry);
        expect(decodeEntry(json, KEY, NOW)).toEqual(entry);
        expect(decodeEntry(json.slice(0, cut % json.length), KEY, NOW)).toBeUndefined();
      }),
      SEED_OPTS,
    );
  });
});

const KEYS = [
  "region",
  "regional_sts_role_arn",
  "regional_sts_source_profile",
  "duration_seconds",
  "role_session_name",
  "external_id",
  "regional_sts_sts_region",
  "use_fips_endpoint",
  "credential_process",
  "role_arn",
  "source_profile",
  "aws_access_key_id",
];
const NAMES = ["app", "a", "b", "c", "default"];
const valueArb = fc.oneof(
  fc.constantFrom(
    "us-east-1",
    "ap-east-1",
    "xx-moon-1",
    "cn-north-1",
    "arn:aws:iam::111122223333:role/R",
    "arn:aws-cn:iam::111122223333:role/R",
    "900",
    "43200",
    "3600",
    "99999",
    "true",
    "regional-sts credential-process --profile a",
    "a",
    "b",
    "c",
    "app",
  ),
  fc.string({ maxLength: 20 }),
);
const sectionArb = fc.dictionary(fc.constantFrom(...KEYS), valueArb, { maxKeys: 6 });
const filesArb = fc.dictionary(fc.constantFrom(...NAMES), sectionArb, { maxKeys: 5 });

describe("INI and profile parsing", () => {
  it("the INI lint never throws and names a line that exists", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (input) => {
        const { fault } = parseSharedIni(input);
        if (fault) expect(fault.line).toBeLessThanOrEqual(input.split(/\r?\n/).length);
      }),
      SEED_OPTS,
    );
  });

  it("settings from any profile section are checked values or a UserError", () => {
    fc.assert(
      fc.property(sectionArb, fc.record({ region: fc.option(valueArb, { nil: undefined }) }), (section, flags) => {
        valueOrUserError(() =>
          validateSettings(
            resolveSettings("app", section, flags.region ? { region: flags.region } : {}, {}),
            "regional-sts-t",
          ),
        );
      }),
      SEED_OPTS,
    );
  });

  it("walking any graph of source profiles ends: a chain or a UserError", () => {
    fc.assert(
      fc.property(filesArb, fc.constantFrom(...NAMES, undefined), (profiles, source) => {
        valueOrUserError(() => walkSourceChain("app", source, { profiles, credentials: {} }, {}));
      }),
      SEED_OPTS,
    );
  });
});

describe("the whole CLI on random config files", () => {
  let home: TempHome;
  beforeAll(() => {
    home = new TempHome();
  });
  afterAll(() => home.cleanup());
  const connectSts: ConnectSts = async () => async (region) => ({
    host: `sts.${region}.amazonaws.com`,
    credentials: {
      accessKeyId: "ASIAFUZZ",
      secretAccessKey: "fuzzSecretKey0",
      sessionToken: "fuzzSessionToken0",
      expiration: "2999-01-01T00:00:00Z",
      accountId: "111122223333",
    },
  });
  const lineArb = fc.oneof(
    fc.constantFrom(...NAMES).map((n) => (n === "default" ? "[default]" : `[profile ${n}]`)),
    fc.tuple(fc.constantFrom(...KEYS), valueArb).map(([k, v]) => `${k} = ${v}`),
    fc.string({ maxLength: 30 }),
    fc.constantFrom("[profile app", "# comment", "  s3 =", "    region = eu-west-1", "= x", "[__proto__]"),
  );

  it("prints credentials (exit 0) or one regional-sts line (exit 1 or 2), never an unexpected error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { maxLength: 25 }),
        fc.array(lineArb, { maxLength: 6 }),
        async (config, credentials) => {
          home.write(config.join("\n"), credentials.join("\n"));
          const result = await runCli({
            argv: ["credential-process", "--profile", "app", "--no-cache"],
            home,
            connectSts,
            now: NOW,
          });
          if (result.code === 0) {
            expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: "ASIAFUZZ" });
            expect(result.stderr).toBe("");
          } else {
            expect([1, 2]).toContain(result.code);
            expect(result.stdout).toBe("");
            expect(result.stderr).toMatch(/^regional-sts: [^\n]+\n$/);
            expect(result.stderr).not.toContain("unexpected error");
          }
        },
      ),
      { numRuns: 250 },
    );
  });
});
