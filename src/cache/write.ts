import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { CacheEntry } from "./entry";
import { ensurePrivateFolder } from "./folder";

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
