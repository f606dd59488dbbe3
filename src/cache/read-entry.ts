import { join } from "node:path";
import { type CacheEntry, decodeEntry } from "./entry";
import { readPrivateText } from "./private-file";

/** Name of the entry file for a key. */
export const entryName = (key: string) => `${key}.json`;

/** Path of the entry file for a key. */
export function entryPath(dir: string, key: string): string {
  return join(dir, entryName(key));
}

/**
 * Reads an entry on the hot path: one open, one read, no folder scan. Links, files of other
 * users, damaged files, entries too close to expiry and entries that outlive `lifetimeS` (the
 * profile's duration_seconds) are all misses.
 */
export function readEntry(
  dir: string,
  key: string,
  nowMs: number,
  uid: number | undefined,
  lifetimeS?: number,
): CacheEntry | undefined {
  const text = readPrivateText(dir, entryName(key), uid);
  return text === undefined ? undefined : decodeEntry(text, key, nowMs, lifetimeS);
}
