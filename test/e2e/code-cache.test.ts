import {
  chmodSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACCOUNT_A_CREDENTIALS, hkConfig } from "../support/hk-profile";
import { type E2e, ENTRIES, ROOT, useE2e } from "./harness";

// src/boot.ts keeps V8's code cache of the CLI bundle in the cache folder, next to the credentials.
const CP = ["credential-process", "--profile", "hk-role"];
let e2e: E2e;

useE2e(
  (e) => (e2e = e),
  () => [hkConfig(ENTRIES.binary[0]), ACCOUNT_A_CREDENTIALS],
);

const codeFiles = (kind: string, part = "") =>
  readdirSync(e2e.cacheDir)
    .filter((f) => f.startsWith(`code-${kind}-${part}`))
    .sort();
const identity = (path: string) => {
  const s = statSync(path);
  return { ino: s.ino, mtimeMs: s.mtimeMs, mode: s.mode & 0o777 };
};

for (const [kind, [entry]] of Object.entries(ENTRIES)) {
  const run = async () => {
    const result = await e2e.run(entry, CP);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(JSON.parse(result.stdout).Version).toBe(1);
  };
  /** Runs once (a miss) and returns the main bundle's code cache file that run left. */
  const firstRun = async () => {
    await run();
    expect(codeFiles(kind)).toEqual(
      ["main", "miss", "sdk"].map((part) =>
        expect.stringMatching(new RegExp(`^code-${kind}-${part}-[0-9a-f]{16}-v[\\d.]+-\\w+\\.v8$`)),
      ),
    );
    return join(e2e.cacheDir, codeFiles(kind, "main-")[0]!);
  };
  const removeCredentials = () => {
    for (const f of readdirSync(e2e.cacheDir).filter((n) => n.endsWith(".json"))) rmSync(join(e2e.cacheDir, f));
  };

  describe(`code cache, ${kind}`, () => {
    it("a cold call leaves private ones for bundles it ran, which later hits and misses use as they are", async () => {
      await firstRun();
      const first = codeFiles(kind).map((f) => identity(join(e2e.cacheDir, f)));
      expect(first.map((f) => f.mode)).toEqual([0o600, 0o600, 0o600]);
      await run();
      removeCredentials();
      await run();
      expect(codeFiles(kind).map((f) => identity(join(e2e.cacheDir, f)))).toEqual(first);
    });

    it("a damaged one is refused and replaced", async () => {
      const file = await firstRun();
      writeFileSync(file, "not a code cache, just some bytes of the right name\n".repeat(100), { mode: 0o600 });
      await run();
      expect(readFileSync(file, "utf8")).not.toContain("not a code cache");
      const repaired = identity(file);
      await run();
      expect(identity(file)).toEqual(repaired);
    });

    it("one that others could write is not loaded, and is replaced by a private one", async () => {
      const file = await firstRun();
      chmodSync(file, 0o666);
      const before = identity(file);
      await run();
      const after = identity(file);
      expect(after.mode).toBe(0o600);
      expect(after.ino).not.toBe(before.ino);
    });

    it("an earlier build's is removed; the same build's for another Node version stays", async () => {
      const file = await firstRun();
      const name = file.slice(e2e.cacheDir.length + 1);
      const older = `code-${kind}-main-0123456789abcdef-v20.0.0-x64.v8`;
      const otherNode = name.replace(/-v[\d.]+-/, "-v99.0.0-");
      for (const f of [older, otherNode]) writeFileSync(join(e2e.cacheDir, f), "x", { mode: 0o600 });
      writeFileSync(file, "x", { mode: 0o600 });
      await run();
      expect(codeFiles(kind, "main-")).toEqual([name, otherNode].sort());
    });

    it("the temporary file of a writer killed a while ago goes at the next save; a recent one stays", async () => {
      const file = await firstRun();
      const name = file.slice(e2e.cacheDir.length + 1);
      const [old, recent] = [`.${name}.killed1.tmp`, `.${name}.atwork.tmp`].map((f) => join(e2e.cacheDir, f));
      for (const f of [old!, recent!]) writeFileSync(f, "partial", { mode: 0o600 });
      const twoMinutesAgo = (Date.now() - 120_000) / 1000;
      utimesSync(old!, twoMinutesAgo, twoMinutesAgo);
      rmSync(file);
      await run();
      expect(readdirSync(e2e.cacheDir).filter((f) => f.endsWith(".tmp"))).toEqual([`.${name}.atwork.tmp`]);
    });

    it("other commands, failed runs and --no-cache leave none", async () => {
      expect((await e2e.run(entry, ["--version"])).code).toBe(0);
      expect((await e2e.run(entry, ["credential-process", "--profile", "nope"])).code).toBe(1);
      await run();
      for (const f of codeFiles(kind)) rmSync(join(e2e.cacheDir, f));
      expect((await e2e.run(entry, ["cache", "list"])).code).toBe(0);
      expect((await e2e.run(entry, ["credential-process", "--profile", "nope"])).code).toBe(1);
      expect((await e2e.run(entry, [...CP, "--no-cache"])).code).toBe(0);
      expect(codeFiles(kind)).toEqual([]);
    });
  });
}

describe("a broken npm installation", () => {
  /** npm's dist/ folder without `missing`. */
  const broken = (missing: string) => {
    const dir = mkdtempSync(join(tmpdir(), "regional-sts-broken-"));
    for (const f of ["cli.cjs", "main.js", "miss.js", "sdk.js", "more.js", "doctor-sdk.js", "save.js"].filter(
      (f) => f !== missing,
    ))
      cpSync(join(ROOT, "dist", f), join(dir, f));
    return dir;
  };

  it.each(["main.js", "sdk.js"])("without %s: one line that names the file and says to reinstall", async (missing) => {
    const dir = broken(missing);
    try {
      const result = await e2e.run(join(dir, "cli.cjs"), CP);
      expect([result.code, result.stdout]).toEqual([1, ""]);
      expect(result.stderr).toBe(
        `regional-sts: cannot read ${join(dir, missing)}, part of regional-sts (ENOENT); reinstall regional-sts\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("without save.js: credentials as usual, no code caches, nothing on stderr (saving is a speed-up)", async () => {
    const dir = broken("save.js");
    try {
      e2e.clearCache();
      for (let i = 0; i < 2; i++) {
        const result = await e2e.run(join(dir, "cli.cjs"), CP);
        expect([result.code, result.stderr]).toEqual([0, ""]);
        expect(JSON.parse(result.stdout).Version).toBe(1);
      }
      expect(codeFiles("npm")).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
