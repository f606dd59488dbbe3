import { mkdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { replaceFileAtomic } from "../atomic-file";
import { UserError } from "../errors";

/** The config file's current text ("" when absent) and the real path a write must replace. */
export function readConfigText(file: string): { text: string; exists: boolean; realPath: string } {
  try {
    // Dotfile managers often make ~/.aws/config a link: edit the file it points at, keep the link.
    const realPath = realpathSync(file);
    return { text: readFileSync(realPath, "utf8"), exists: true, realPath };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { text: "", exists: false, realPath: file };
    throw new UserError(`cannot read ${file} (${code})`, 1, "ConfigFile", { hint: "fix its permissions" });
  }
}

/**
 * Keeps the previous text as `<file>.regional-sts.bak` beside the file, replacing the backup of
 * the previous write (one file, not one per run), atomically and with the file's own mode.
 */
export function backupConfig(realPath: string, previous: string): string {
  const backup = `${realPath}.regional-sts.bak`;
  try {
    replaceFileAtomic(backup, previous, { mode: statSync(realPath).mode & 0o777 });
  } catch (error) {
    throw new UserError(
      `cannot back up ${realPath} to ${backup} (${(error as NodeJS.ErrnoException).code}), so nothing was changed`,
      1,
      "Backup",
      { hint: "check the permissions of its folder" },
    );
  }
  return backup;
}

/**
 * Replaces the file atomically: a temporary file in the same folder with the same mode, fsync,
 * rename. If the file changed since it was read (another editor), nothing is written.
 */
export function writeConfigAtomic(realPath: string, expectedOld: string | undefined, text: string): void {
  mkdirSync(dirname(realPath), { recursive: true, mode: 0o700 });
  const mode = expectedOld === undefined ? 0o600 : statSync(realPath).mode & 0o777;
  replaceFileAtomic(realPath, text, {
    mode,
    beforeRename: () => {
      const now = expectedOld === undefined ? undefined : readFileSync(realPath, "utf8");
      if (now !== expectedOld) {
        throw new UserError(
          `${realPath} changed while regional-sts was editing it, so nothing was written`,
          1,
          "ConfigChanged",
          { hint: "run configure again" },
        );
      }
    },
  });
}
