import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, type Stats } from "node:fs";
import { joinPath } from "../join-path";

/**
 * Reads a file of the private cache folder as text, with one open and no scan; undefined unless
 * it is a regular file of ours (0600 or stricter) in a folder that is not a link. Text, because
 * Node reads a descriptor into a string in one native call, while a Buffer takes the JavaScript
 * read path, which a cache hit would compile for this one read (docs/performance.md).
 */
export function readPrivateText(dir: string, name: string, uid: number | undefined): string | undefined {
  return withPrivateFile(dir, name, uid, (fd) => readFileSync(fd, "utf8"));
}

/**
 * The same for binary content (V8 code caches), read straight into an array of the file's size:
 * half the JavaScript of readFileSync's Buffer path, which a cache hit would compile for this.
 */
export function readPrivateBytes(dir: string, name: string, uid: number | undefined): Uint8Array | undefined {
  return withPrivateFile(dir, name, uid, (fd, size) => {
    const bytes = new Uint8Array(size);
    let filled = 0;
    for (let n = -1; filled < size && n !== 0; filled += n) n = readSync(fd, bytes, filled, size - filled, filled);
    return filled === size ? bytes : bytes.subarray(0, filled);
  });
}

function withPrivateFile<T>(
  dir: string,
  name: string,
  uid: number | undefined,
  read: (fd: number, size: number) => T,
): T | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW guards only the file name: a linked cache folder would still be followed.
    if (lstatSync(dir).isSymbolicLink()) return undefined;
    fd = openSync(joinPath(dir, name), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || !ownedAndPrivate(stat, uid)) return undefined;
    return read(fd, stat.size);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Whether a file or folder is this user's (where there are user ids) and closed to everyone else. */
export function ownedAndPrivate(stat: Stats, uid: number | undefined): boolean {
  return (uid === undefined || stat.uid === uid) && (stat.mode & 0o077) === 0;
}
