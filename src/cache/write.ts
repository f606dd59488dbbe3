import { lstatSync, readdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { replaceFileAtomic } from "../atomic-file";
import type { CacheEntry } from "./entry";
import { ensurePrivateFolder } from "./folder";

/** Writes an entry atomically, private (0600) in the private cache folder. */
export function writeEntry(dir: string, entry: CacheEntry, uid: number | undefined): void {
  writeFileAtomic(dir, `${entry.key}.json`, JSON.stringify(entry), uid);
}

export function writeFileAtomic(dir: string, name: string, text: string, uid: number | undefined): void {
  ensurePrivateFolder(dir, uid);
  replaceFileAtomic(join(dir, name), text, { mode: 0o600 });
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
