import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensurePrivateFolder } from "../../src/cache/folder";
import { readPrivateBytes, readPrivateText } from "../../src/cache/private-file";
import { entryPath, readEntry } from "../../src/cache/read-entry";
import { writeEntry } from "../../src/cache/write";
import { UserError } from "../../src/errors";
import { sampleEntry } from "../support/cache-entry";

const NOW = Date.parse("2026-03-01T10:00:00Z");
const KEY = "0123456789abcdef0123456789abcdef01234567";
const UID = process.getuid?.();
const isRoot = UID === 0;
const entry = sampleEntry(KEY, "2026-03-01T11:00:00Z");
const mode = (path: string) => statSync(path).mode & 0o777;

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "regional-sts-store-"));
  dir = join(root, "cache", "regional-sts");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("writeEntry / readEntry", () => {
  it("creates a private folder and file and reads the entry back", () => {
    writeEntry(dir, entry, UID);
    expect(mode(dir)).toBe(0o700);
    expect(mode(entryPath(dir, KEY))).toBe(0o600);
    expect(readEntry(dir, KEY, NOW, UID)).toEqual(entry);
  });

  it("leaves no temporary files behind, also when overwriting", () => {
    writeEntry(dir, entry, UID);
    writeEntry(dir, { ...entry, stsRegion: "us-east-1" }, UID);
    expect(readdirSync(dir)).toEqual([`${KEY}.json`]);
    expect(readEntry(dir, KEY, NOW, UID)?.stsRegion).toBe("us-east-1");
  });

  it("is a miss when there is no file, or the folder does not exist", () => {
    expect(readEntry(dir, KEY, NOW, UID)).toBeUndefined();
    mkdirSync(dir, { recursive: true });
    expect(readEntry(dir, KEY, NOW, UID)).toBeUndefined();
  });

  it.each([0o644, 0o640, 0o604, 0o620])("is a miss when the file has mode %o", (fileMode) => {
    writeEntry(dir, entry, UID);
    chmodSync(entryPath(dir, KEY), fileMode);
    expect(readEntry(dir, KEY, NOW, UID)).toBeUndefined();
  });

  it("is a miss when the entry is a symbolic link, even to a valid private entry", () => {
    writeEntry(dir, entry, UID);
    const elsewhere = join(root, "planted.json");
    writeFileSync(elsewhere, JSON.stringify(entry), { mode: 0o600 });
    rmSync(entryPath(dir, KEY));
    symlinkSync(elsewhere, entryPath(dir, KEY));
    expect(readEntry(dir, KEY, NOW, UID)).toBeUndefined();
  });

  it("is a miss when the entry path is a folder", () => {
    mkdirSync(entryPath(dir, KEY), { recursive: true });
    expect(readEntry(dir, KEY, NOW, UID)).toBeUndefined();
  });

  it.skipIf(!isRoot)("is a miss when the file belongs to another user", () => {
    writeEntry(dir, entry, UID);
    chownSync(entryPath(dir, KEY), 4321, 4321);
    expect(readEntry(dir, KEY, NOW, UID)).toBeUndefined();
    expect(readEntry(dir, KEY, NOW, 4321)).toEqual(entry);
  });

  it("is a miss for a damaged file and for an entry too close to expiry", () => {
    writeEntry(dir, entry, UID);
    expect(readEntry(dir, KEY, Date.parse("2026-03-01T10:45:00Z"), UID)).toBeUndefined();
    writeFileSync(entryPath(dir, KEY), '{"format":"regional-sts/1","key":', { mode: 0o600 });
    expect(readEntry(dir, KEY, NOW, UID)).toBeUndefined();
  });
});

describe("ensurePrivateFolder", () => {
  it("repairs a folder that is too open", () => {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    ensurePrivateFolder(dir, UID);
    expect(mode(dir)).toBe(0o700);
  });

  it("writeEntry repairs the folder mode too", () => {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    writeEntry(dir, entry, UID);
    expect(mode(dir)).toBe(0o700);
  });

  it("refuses a symbolic link to a folder with the UserError message", () => {
    const real = join(root, "real");
    mkdirSync(real, { mode: 0o700 });
    mkdirSync(join(root, "cache"));
    symlinkSync(real, dir);
    expect(() => ensurePrivateFolder(dir, UID)).toThrow(
      new UserError(`cache folder ${dir} is a symbolic link`, 1, "CacheLink", {
        hint: "remove it (regional-sts never follows links in its cache)",
      }),
    );
    expect(() => writeEntry(dir, entry, UID)).toThrow(/is a symbolic link/);
    expect(readdirSync(real)).toEqual([]);
  });

  it.skipIf(!isRoot)("refuses a folder that belongs to another user", () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chownSync(dir, 4321, 4321);
    let error: unknown;
    try {
      ensurePrivateFolder(dir, UID);
    } catch (e) {
      error = e;
    }
    expect(error).toEqual(
      new UserError(`cache folder ${dir} belongs to user 4321, not to you`, 1, "CacheOwner", { hint: "remove it" }),
    );
    expect(error).toBeInstanceOf(UserError);
  });
});

describe("leftovers of killed writers", () => {
  it("a successful write sweeps this entry's temporary files older than a minute, and nothing else", () => {
    const dir = mkdtempSync(join(tmpdir(), "regional-sts-sweep-"));
    try {
      const old = join(dir, `.${"a".repeat(40)}.json.0123456789ab.tmp`);
      const fresh = join(dir, `.${"a".repeat(40)}.json.ba9876543210.tmp`);
      const other = join(dir, `.${"b".repeat(40)}.json.0123456789ab.tmp`);
      for (const f of [old, fresh, other]) writeFileSync(f, "partial");
      const twoMinutesAgo = (Date.now() - 120_000) / 1000;
      utimesSync(old, twoMinutesAgo, twoMinutesAgo);
      utimesSync(other, twoMinutesAgo, twoMinutesAgo);
      writeEntry(dir, sampleEntry("a".repeat(40), new Date(Date.now() + 3600_000).toISOString()), process.getuid?.());
      expect(readdirSync(dir).sort()).toEqual(
        [
          `.${"a".repeat(40)}.json.ba9876543210.tmp`,
          `.${"b".repeat(40)}.json.0123456789ab.tmp`,
          `${"a".repeat(40)}.json`,
        ].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("readPrivateBytes / readPrivateText", () => {
  beforeEach(() => ensurePrivateFolder(dir, UID));
  const bytes = Uint8Array.from({ length: 150_000 }, (_, i) => (i * 7919) % 251);

  it("read a private file whole, as bytes or text", () => {
    writeFileSync(join(dir, "f"), bytes, { mode: 0o600 });
    expect(Buffer.from(readPrivateBytes(dir, "f", UID)!).equals(Buffer.from(bytes))).toBe(true);
    writeFileSync(join(dir, "t"), "naïve ✓\n", { mode: 0o600 });
    expect(readPrivateText(dir, "t", UID)).toBe("naïve ✓\n");
    writeFileSync(join(dir, "empty"), "", { mode: 0o600 });
    expect(readPrivateBytes(dir, "empty", UID)).toEqual(new Uint8Array(0));
  });

  it.each([
    ["readable by others", () => writeFileSync(join(dir, "f"), bytes, { mode: 0o644 })],
    [
      "a symbolic link",
      () => {
        writeFileSync(join(root, "elsewhere"), bytes, { mode: 0o600 });
        symlinkSync(join(root, "elsewhere"), join(dir, "f"));
      },
    ],
    ["a folder", () => mkdirSync(join(dir, "f"))],
    ["missing", () => undefined],
  ])("nothing from a file that is %s", (_, make) => {
    make();
    expect(readPrivateBytes(dir, "f", UID)).toBeUndefined();
    expect(readPrivateText(dir, "f", UID)).toBeUndefined();
  });
});
