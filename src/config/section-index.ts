import { closeSync, constants, lstatSync, openSync, renameSync, type Stats, unlinkSync, writeFileSync } from "node:fs";
import { ownedAndPrivate, readPrivateText } from "../cache/private-file";
import { joinPath } from "../join-path";

/** What identifies one version of a file: any write changes its ctime (and a replacement its inode). */
export type FileStamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number, dev: number] | null;

/** Where a profile's sections lie in one file: byte offsets, start and end pairs, in file order. */
export interface FileRanges {
  path: string;
  stamp: FileStamp;
  ranges: number[];
}

/**
 * The index of a large config: for the profiles a call starts from (`names`), where the
 * sections it needs lie in each file, for one version of each file that was read whole and
 * found without fault. Offsets only: the files' values (secret keys in the credentials file)
 * never leave them. Kept in the private cache folder as `sections-<hash>.json`.
 */
export interface SectionIndex {
  v: 1;
  names: string[];
  config: FileRanges;
  credentials: FileRanges;
}

/**
 * A file is trusted to be the version its stamp describes only once its times are this much in
 * the past: a change within the same tick of a coarse clock (2 s on FAT, 1 s on ext3 and HFS+)
 * could leave size and times alike; after this long any change moves the ctime (as git's
 * "racily clean" rule). A file younger than that is simply read whole again.
 */
export const SETTLED_MS = 2000;

export function stampOf(stat: Stats | undefined): FileStamp {
  return stat ? [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, stat.dev] : null;
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a === null || b === null ? a === b : a.every((x, i) => x === b[i]);
}

export function settled(stamp: FileStamp, nowMs: number): boolean {
  return stamp === null || Math.max(stamp[1], stamp[2]) < nowMs - SETTLED_MS;
}

/** The index file's name for these files and names (FNV-1a: the file repeats both, so a collision is only a miss). */
export function indexName(configFile: string, credentialsFile: string, names: readonly string[]): string {
  let hash = 0x811c9dc5;
  const text = [configFile, credentialsFile, ...names].join("\0");
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `sections-${(hash >>> 0).toString(16).padStart(8, "0")}.json`;
}

/** The index for exactly these files and names, or undefined (none, another's, damaged, not ours). */
export function readIndex(
  dir: string,
  name: string,
  uid: number | undefined,
  expect: Omit<SectionIndex, "config" | "credentials" | "v"> & { paths: [string, string] },
): SectionIndex | undefined {
  const text = readPrivateText(dir, name, uid);
  if (text === undefined) return undefined;
  try {
    const index = JSON.parse(text) as SectionIndex;
    const fits =
      index.v === 1 &&
      index.config.path === expect.paths[0] &&
      index.credentials.path === expect.paths[1] &&
      index.names.length === expect.names.length &&
      index.names.every((n, i) => n === expect.names[i]) &&
      validRanges(index.config.ranges) &&
      validRanges(index.credentials.ranges);
    return fits ? index : undefined;
  } catch {
    return undefined;
  }
}

function validRanges(ranges: unknown): boolean {
  return (
    Array.isArray(ranges) &&
    ranges.length % 2 === 0 &&
    ranges.every((x, i) => Number.isSafeInteger(x) && x >= 0 && (i % 2 === 0 || x > ranges[i - 1]))
  );
}

/**
 * Writes the index atomically (a private temporary file renamed over it; no fsync: a lost or
 * empty index is only a miss). Only into an existing cache folder: a call that has never filled
 * the cache does not create one for this. Failures are silent: the index only saves time.
 */
export function writeIndex(dir: string, name: string, index: SectionIndex, uid: number | undefined): void {
  try {
    const folder = lstatSync(dir);
    if (!folder.isDirectory() || !ownedAndPrivate(folder, uid)) return;
  } catch {
    return;
  }
  const target = joinPath(dir, name);
  const temp = `${joinPath(dir, `.${name}`)}.${Math.random().toString(36).slice(2, 12)}.tmp`;
  try {
    const fd = openSync(
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
      0o600,
    );
    try {
      writeFileSync(fd, JSON.stringify(index));
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Never created.
    }
  }
}
