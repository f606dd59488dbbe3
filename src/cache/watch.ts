import { type FSWatcher, watch } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface Watch {
  /** False where the platform or file system cannot report changes: then we poll often. */
  live: boolean;
  /** Resolves on the next change of a watched name (or one since the last call), or after `ms`. */
  next(ms: number): Promise<void>;
  close(): void;
}

/**
 * The holder renames the entry into place and then removes its lock; a waiter woken by that
 * (inotify, FSEvents) answers at once instead of at its next poll, and does not poll the folder
 * 20 times a second meanwhile, which matters when 50 callers share two cores.
 */
export function watchNames(dir: string, names: readonly string[]): Watch {
  let changed = false;
  let wake: (() => void) | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name !== null && !names.includes(String(name))) return;
      changed = true;
      wake?.();
    });
    watcher.on("error", () => undefined);
  } catch {
    // No watching here (some network file systems): polling alone.
  }
  return {
    live: watcher !== undefined,
    next: (ms) => {
      if (changed) {
        changed = false;
        return Promise.resolve();
      }
      return sleepUntil(
        ms,
        (finish) =>
          (wake = () => {
            wake = undefined;
            changed = false;
            finish();
          }),
      );
    },
    close: () => watcher?.close(),
  };
}

/** Sleeps `ms`, or less if `early` gets its callback called. */
async function sleepUntil(ms: number, early: (finish: () => void) => void): Promise<void> {
  const abort = new AbortController();
  early(() => abort.abort());
  await sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);
}
