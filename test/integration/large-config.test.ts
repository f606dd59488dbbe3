import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSharedIni } from "../../src/config/ini-parse";
import { loadConfig } from "../../src/config/load";
import { INDEX_FROM_BYTES, loadConfigFor, neededSections, type ReadFor } from "../../src/config/load-for";
import { profileSection, walkSourceChain } from "../../src/config/source-chain";
import type { ConnectSts } from "../../src/credentials/types";
import { runCli, TempHome } from "../support/in-process";
import { iniFile } from "../unit/ini-arbitraries";

/**
 * Issue 16: a large config is read whole once per version and then only the sections a call
 * needs, found through an index in the cache folder. Everything a call reads must be what the
 * whole-file read gives, and a changed file must be read whole again (a malformed line
 * anywhere still being the error it is for a small file).
 */
const HOUR = 3_600_000;
// Profiles enough to pass INDEX_FROM_BYTES, none of which any test asks for.
const FILLER = Array.from(
  { length: 300 },
  (_, i) => `[profile filler-${i}]\nsso_session = org\nsso_account_id = 1111${i}\nregion = eu-west-1\n`,
).join("");
const NAMES = ["a", "hk-role", "default", "foo", "x_1", "Region"];

let home: TempHome;
beforeEach(() => {
  home = new TempHome();
  mkdirSync(home.cacheDir, { recursive: true, mode: 0o700 });
});
afterEach(() => home.cleanup());

const paths = () => ({ configFile: home.configFile, credentialsFile: home.credentialsFile });
const readFor = (names: (string | undefined)[], now = Date.now() + HOUR): ReadFor => ({
  names,
  cacheDir: home.cacheDir,
  uid: process.getuid?.(),
  now,
});
const indexes = () => readdirSync(home.cacheDir).filter((n) => n.startsWith("sections-"));

describe("a large config", () => {
  it("reads, through the index, every section a call can need exactly as the whole file reads it", async () => {
    expect(FILLER.length).toBeGreaterThan(INDEX_FROM_BYTES);
    await fc.assert(
      fc.asyncProperty(
        iniFile,
        iniFile,
        fc.boolean(),
        fc.subarray(NAMES, { minLength: 1 }),
        async (config, credentials, fillerFirst, picked) => {
          // As getCredentials starts: the profiles asked for, and the default chain's (AWS_PROFILE unset).
          const names = [...picked, "default"];
          fc.pre(!parseSharedIni(config).fault && !parseSharedIni(credentials).fault);
          rmSync(home.cacheDir, { recursive: true, force: true });
          mkdirSync(home.cacheDir, { mode: 0o700 });
          home.write(fillerFirst ? `${FILLER}${config}` : `${config}\n${FILLER}`, credentials);
          const whole = await loadConfig(paths());
          const first = loadConfigFor(paths(), readFor(names)); // reads whole, writes the index
          expect(indexes()).toHaveLength(1);
          const second = loadConfigFor(paths(), readFor(names)); // reads only through the index
          const needed = neededSections(names, whole);
          expect(Object.keys(second.profiles).every((n) => needed.includes(n))).toBe(true);
          for (const name of needed) {
            expect(profileSection(name, second)).toEqual(profileSection(name, whole));
            expect(profileSection(name, first)).toEqual(profileSection(name, whole));
          }
          const walk = (files: typeof whole) => walkSourceChain(names[0]!, undefined, files, {});
          // The same chain and fingerprint, or the same error:
          let expected: unknown;
          try {
            expected = walk(whole);
          } catch (error) {
            expected = (error as Error).message;
          }
          let actual: unknown;
          try {
            actual = walk(second);
          } catch (error) {
            actual = (error as Error).message;
          }
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it(
    "is read whole again once it changed: a malformed line far from the profile is the same error as in a small " +
      "file",
    async () => {
      home.write(`[profile app]\nregion = us-east-1\n${FILLER}`, "");
      loadConfigFor(paths(), readFor(["app"]));
      expect(indexes()).toHaveLength(1);
      expect(loadConfigFor(paths(), readFor(["app"])).profiles.app).toEqual({ region: "us-east-1" });
      appendFileSync(home.configFile, "[profile typo\nregion = x\n");
      const line = FILLER.split("\n").length + 2;
      const fault = `${home.configFile} line ${line} is neither a [section] nor name = value; fix that line`;
      expect(faultOf(() => loadConfigFor(paths(), readFor(["app"])))).toBe(fault);
      expect(faultOf(() => loadConfigFor(paths(), { ...readFor(["app"]), cacheDir: undefined }))).toBe(fault);
      home.write("[profile typo\n", "");
      expect(faultOf(() => loadConfigFor(paths(), readFor(["app"])))).toBe(
        `${home.configFile} line 1 is neither a [section] nor name = value; fix that line`,
      );
    },
  );

  it(
    "is not indexed while it is younger than two seconds (a change within one tick of a coarse clock could go " +
      "unseen)",
    () => {
      home.write(`[profile app]\nregion = us-east-1\n${FILLER}`, "");
      expect(loadConfigFor(paths(), readFor(["app"], Date.now())).profiles.app).toEqual({ region: "us-east-1" });
      expect(indexes()).toEqual([]);
    },
  );

  it(
    "is not indexed when it is not UTF-8 (offsets into the text would not be offsets into the file), " +
      "and still read right",
    () => {
      home.write("", "");
      writeFileSync(
        home.configFile,
        Buffer.concat([
          Buffer.from("[profile a]\nregion = x\n# caf"),
          Buffer.from([0xe9]),
          Buffer.from(`\n${FILLER}[profile app]\nregion = y\n`),
        ]),
      );
      expect(loadConfigFor(paths(), readFor(["app"])).profiles.app).toEqual({ region: "y" });
      expect(indexes()).toEqual([]);
    },
  );

  it("keeps no value of either file in the index: offsets only", () => {
    home.write(
      `[profile app]\nregional_sts_source_profile = base\n${FILLER}`,
      "[base]\naws_access_key_id = AKIAINDEXTEST0001\naws_secret_access_key = indexTestSecret\n",
    );
    loadConfigFor(paths(), readFor(["app"]));
    const [name] = indexes();
    const text = readFileSync(join(home.cacheDir, name!), "utf8");
    expect(text).not.toContain("indexTestSecret");
    expect(text).not.toContain("AKIAINDEXTEST0001");
    expect(loadConfigFor(paths(), readFor(["app"])).credentials.base).toEqual({
      aws_access_key_id: "AKIAINDEXTEST0001",
      aws_secret_access_key: "indexTestSecret",
    });
  });

  it("with --no-cache (no cache folder given) neither reads nor writes an index", () => {
    home.write(`[profile app]\nregion = us-east-1\n${FILLER}`, "");
    loadConfigFor(paths(), readFor(["app"]));
    expect(indexes()).toHaveLength(1);
    appendFileSync(home.configFile, "[profile app]\nregion = eu-west-1\n");
    expect(loadConfigFor(paths(), { ...readFor(["app"]), cacheDir: undefined }).profiles.app).toEqual({
      region: "eu-west-1",
    });
    const [name] = indexes();
    const before = readFileSync(join(home.cacheDir, name!), "utf8");
    expect(loadConfigFor(paths(), { ...readFor(["app"]), cacheDir: undefined }).profiles.app).toEqual({
      region: "eu-west-1",
    });
    expect(readFileSync(join(home.cacheDir, name!), "utf8")).toBe(before);
  });

  it("suggests the closest profile for a mistyped name also once the index is written", async () => {
    home.write(`[profile app]\nregion = us-east-1\n${FILLER}`, "");
    const noSts: ConnectSts = async () => {
      throw new Error("no STS call expected");
    };
    const call = () =>
      runCli({
        argv: ["credential-process", "--profile", "appp"],
        home,
        connectSts: noSts,
        now: Date.now() + HOUR,
      });
    const expected = `regional-sts: profile appp not found in ${home.configFile}; did you mean app?\n`;
    expect((await call()).stderr).toBe(expected); // reads the file whole and writes the index
    expect(indexes()).toHaveLength(1);
    expect((await call()).stderr).toBe(expected); // reads through the index
  });

  it("writes no index into a cache folder that does not exist yet", () => {
    rmSync(home.cacheDir, { recursive: true, force: true });
    home.write(`[profile app]\nregion = us-east-1\n${FILLER}`, "");
    expect(loadConfigFor(paths(), readFor(["app"])).profiles.app).toEqual({ region: "us-east-1" });
    expect(() => readdirSync(home.cacheDir)).toThrow();
  });
});

/** The line a user sees for an error: its message and, where it has one, its hint. */
function faultOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    const { message, hint } = error as { message: string; hint?: string };
    return hint ? `${message}; ${hint}` : message;
  }
  throw new Error("expected an error");
}
