import { lstatSync, readdirSync, unlinkSync } from "node:fs";
import type { Script } from "node:vm";
import { replaceFileAtomic } from "./atomic-file";
import { ownedAndPrivate } from "./cache/private-file";
import { sweepLeftovers } from "./cache/write";
import { joinPath } from "./join-path";

export interface CodeCacheRun {
  /** The private cache folder, its owner, and the build: `npm` or `binary`. */
  dir: string;
  uid: number | undefined;
  kind: string;
  /** Bundles compiled without a usable code cache this run, under the file names theirs would have. */
  unsaved: readonly { name: string; script: Script }[];
  /** File-name prefixes of the current build's code caches (others are earlier builds'). */
  current: readonly string[];
}

/**
 * Saves V8 code caches at the end of a run that worked (src/boot.ts loads this bundle only then),
 * after the commands that run all day (credential-process, env, exec without --no-cache: src/boot.ts
 * asks the parsed command line): their functions have run, so are cached. Best effort, and only
 * into the private folder the credentials cache made: it is a speed-up.
 */
export function saveCodeCaches(run: CodeCacheRun): void {
  try {
    const folder = lstatSync(run.dir);
    if (!folder.isDirectory() || !ownedAndPrivate(folder, run.uid)) return;
    for (const { name, script } of run.unsaved) {
      // No fsync: a crash may leave no file or an empty one, which V8 refuses; never a torn one.
      replaceFileAtomic(joinPath(run.dir, name), script.createCachedData(), { mode: 0o600, noSync: true });
      sweepLeftovers(run.dir, name, Date.now());
    }
    // Caches of earlier builds of this entry go; those of other Node versions stay, for users who switch.
    for (const old of readdirSync(run.dir)) {
      if (old.startsWith(`code-${run.kind}-`) && !run.current.some((prefix) => old.startsWith(prefix)))
        unlinkSync(joinPath(run.dir, old));
    }
  } catch {
    // A cache folder we cannot write: the next run compiles as usual.
  }
}
