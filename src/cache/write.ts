import { closeSync, constants, fsyncSync, lstatSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from "node:fs";
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
  // File times are wall-clock times, so the wall clock (not an injected one) judges their age.
  sweepLeftovers(dir, name, Date.now());
}

/** Temporary files older than this belong to a writer that was killed, not to one at work. */
const LEFTOVER_AGE_MS = 60_000;

/**
 * A writer killed between creating its temporary file and renaming it leaves the file behind
 * (never read: readers only open `<key>.json`). Sweep this entry's old ones, on the miss path only.
 */
export function sweepLeftovers(dir: string, name: string, nowMs: number): void {
  try {
    for (const file of readdirSync(dir)) {
      if (!file.startsWith(`.${name}.`) || !file.endsWith(".tmp")) continue;
      const path = join(dir, file);
      if (nowMs - lstatSync(path).mtimeMs > LEFTOVER_AGE_MS) unlinkSync(path);
    }
  } catch {
    // Best effort: a file another process swept first, or a folder we cannot list.
  }
}
