import { constants, copyFileSync, mkdirSync, readFileSync, realpathSync, statSync } from "node:fs";
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
    throw new UserError(`cannot read ${file} (${code}); fix its permissions`, 1, "ConfigFile");
  }
}

/** Copies the file beside itself under a new, timestamped name (never overwriting an older backup). */
export function backupConfig(realPath: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  for (let n = 0; ; n++) {
    const backup = `${realPath}.regional-sts-backup-${stamp}${n ? `.${n}` : ""}`;
    try {
      copyFileSync(realPath, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new UserError(`cannot back up ${realPath} to ${backup} (${(error as NodeJS.ErrnoException).code}); nothing was changed`, 1, "Backup");
      }
    }
  }
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
        throw new UserError(`${realPath} changed while regional-sts was editing it; nothing was written, run configure again`, 1, "ConfigChanged");
      }
    },
  });
}
