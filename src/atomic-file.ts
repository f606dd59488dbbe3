import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface ReplaceOptions {
  /** Mode of the new file. */
  mode: number;
  /** Runs after the data is on disk and before the rename; throwing leaves the target untouched. */
  beforeRename?: () => void;
  /** Skip fsync, for a file that may be lost in a crash but never torn (a code cache). */
  noSync?: boolean;
}

/**
 * Replaces a file atomically: a new temporary file beside it, fsync, rename over the target, so
 * a reader (or a crash) sees the old file or the new one, never a torn one. On any failure the
 * temporary file is removed. Used by the cache and by `configure`.
 */
export function replaceFileAtomic(target: string, text: string | Uint8Array, options: ReplaceOptions): void {
  // O_EXCL refuses a name in use; it only has to differ between writers, hence no node:crypto.
  const temp = join(dirname(target), `.${basename(target)}.${Math.random().toString(36).slice(2, 12)}.tmp`);
  const fd = openSync(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
    options.mode,
  );
  try {
    try {
      writeFileSync(fd, text);
      if (!options.noSync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    options.beforeRename?.();
    renameSync(temp, target);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
}
