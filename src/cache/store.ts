import { closeSync, constants, fsyncSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, fstatSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { decodeEntry, type CacheEntry } from "./entry";
import { ensurePrivateFolder } from "./folder";

/** Path of the entry file for a key. */
export function entryPath(dir: string, key: string): string {
  return join(dir, `${key}.json`);
}

/**
 * Reads an entry on the hot path: one open, one read, no folder scan. Links, files of other
 * users, damaged files and entries too close to expiry are all misses.
 */
export function readEntry(dir: string, key: string, nowMs: number, uid: number | undefined): CacheEntry | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW guards only the file name: a linked cache folder would still be followed.
    if (lstatSync(dir).isSymbolicLink()) return undefined;
    fd = openSync(entryPath(dir, key), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) return undefined;
    return decodeEntry(readFileSync(fd, "utf8"), key, nowMs);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes atomically: a private temporary file in the same folder, fsync, then rename over the
 * entry, so a reader (or a crash) sees the old file or the new one, never a torn one.
 */
export function writeEntry(dir: string, entry: CacheEntry, uid: number | undefined): void {
  writeFileAtomic(dir, `${entry.key}.json`, JSON.stringify(entry), uid);
}

export function writeFileAtomic(dir: string, name: string, text: string, uid: number | undefined): void {
  ensurePrivateFolder(dir, uid);
  const target = join(dir, name);
  const temp = join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
}
