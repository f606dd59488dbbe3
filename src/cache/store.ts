import { closeSync, constants, lstatSync, openSync, readFileSync, fstatSync } from "node:fs";
import { join } from "node:path";
import { decodeEntry, type CacheEntry } from "./entry";

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
