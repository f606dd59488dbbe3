import { chmodSync, lstatSync, mkdirSync } from "node:fs";
import { UserError } from "../errors";

/**
 * Makes sure the cache folder exists, is a real folder (not a symbolic link), belongs to this
 * user and is private (0700), repairing the mode like ssh asks users to. A folder owned by
 * someone else or a link is refused: it could let another local user read or plant credentials.
 */
export function ensurePrivateFolder(dir: string, uid: number | undefined): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  checkPrivate(dir, uid, "folder");
}

/** Refuses links and foreign owners; tightens the mode of our own files and folders. */
export function checkPrivate(path: string, uid: number | undefined, kind: "folder" | "file"): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) {
    throw new UserError(`cache ${kind} ${path} is a symbolic link`, 1, "CacheLink", {
      hint: "remove it (regional-sts never follows links in its cache)",
    });
  }
  if (uid !== undefined && stat.uid !== uid) {
    throw new UserError(`cache ${kind} ${path} belongs to user ${stat.uid}, not to you`, 1, "CacheOwner", {
      hint: "remove it",
    });
  }
  const wanted = kind === "folder" ? 0o700 : 0o600;
  if ((stat.mode & 0o777) !== wanted) chmodSync(path, wanted);
}
