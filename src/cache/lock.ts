import { closeSync, constants, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname } from "node:path";
import { UserError } from "../errors";
import { type Watch, watchNames } from "./watch";

export interface LockOptions {
  pid: number;
  now(): number;
  processAlive(pid: number): boolean;
  /** Give up waiting after this long: well under the Go SDK's 1 minute kill of a credential_process. */
  timeoutMs?: number;
  /**
   * A live holder older than this is presumed stuck and its lock is taken over. Longer than any
   * wait: a holder may be showing an MFA prompt, and taking its lock over would mean a second
   * prompt; its STS calls are bounded (about 20 s), so only a stuck process gets this old.
   */
  staleMs?: number;
  /** Files beside the lock whose change ends a wait at once (the entry the holder writes). */
  wakeOn?: readonly string[];
  /** Longest sleep between checks while file events can wake us (they cannot see a holder die). */
  pollMs?: number;
}

export type Release = () => void;

/**
 * Waits until either `ready()` yields a value (another process did the work) or this process
 * holds the lock file. Lock files are created with O_EXCL and hold the owner's pid; a lock whose
 * owner has died (SIGKILL) or that is older than `staleMs` is moved aside and taken over.
 */
export async function lockOrWait<T>(
  path: string,
  ready: () => T | undefined,
  options: LockOptions,
): Promise<{ value: T } | { release: Release }> {
  const { timeoutMs = 40_000, staleMs = 120_000, pollMs = 100 } = options;
  const started = options.now();
  let events: Watch | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      const value = ready();
      if (value !== undefined) return { value };
      const release = tryAcquire(path, options);
      if (release) {
        // The holder may have finished between our read and our lock.
        const late = ready();
        if (late !== undefined) {
          release();
          return { value: late };
        }
        return { release };
      }
      const holder = readHolder(path);
      if (holder !== undefined && isStale(holder, options, staleMs)) {
        takeOver(path, holder);
        continue;
      }
      if (options.now() - started > timeoutMs) {
        throw new UserError(
          `timed out after ${timeoutMs / 1000}s waiting for ${path}, held by another regional-sts process`,
          1,
          "LockTimeout",
          { hint: "if none is running, delete that file" },
        );
      }
      if (!events) {
        // Watching starts now, so look once more for what happened before it did.
        events = watchNames(dirname(path), [basename(path), ...(options.wakeOn ?? [])]);
        continue;
      }
      const jitter = Math.random() * 15;
      await events.next(events.live ? pollMs + jitter : Math.min(10 + attempt * 5, 50) + jitter);
    }
  } finally {
    events?.close();
  }
}

/**
 * Names and tokens only need to differ between processes, not to be secret (the folder is
 * private): Math.random, seeded per process, spares every waiter loading node:crypto
 * (what that costs: docs/performance.md).
 */
const unique = () => Math.random().toString(36).slice(2, 10);

function tryAcquire(path: string, options: LockOptions): Release | undefined {
  const token = `${options.pid} ${options.now()} ${unique()}`;
  // Write the owner first, then link it into place: link() fails if the lock exists, and a
  // reader never sees a lock file without its owner.
  const temp = `${path}.${options.pid}.${unique()}.new`;
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, token);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  } finally {
    unlinkQuietly(temp);
  }
  return () => {
    // Only remove the lock if it is still ours (it may have been taken over as stale).
    if (readHolder(path) === token) unlinkQuietly(path);
  };
}

function isStale(holder: string, options: LockOptions, staleMs: number): boolean {
  const [pidText, sinceText] = holder.split(" ");
  const pid = Number(pidText);
  const since = Number(sinceText);
  if (!Number.isInteger(pid) || !Number.isFinite(since)) return true;
  return !options.processAlive(pid) || options.now() - since > staleMs;
}

/**
 * Renaming is atomic: of several waiters that see the same stale lock, one moves it. If what
 * was moved is not the lock judged stale (another waiter took over in between), it goes back.
 */
function takeOver(path: string, staleHolder: string): void {
  const aside = `${path}.${unique()}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // Someone else moved it first.
  }
  if (readHolder(aside) !== staleHolder) {
    try {
      linkSync(aside, path);
    } catch {
      // A newer lock is already in place; the one we moved loses its claim.
    }
  }
  unlinkQuietly(aside);
}

function readHolder(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
