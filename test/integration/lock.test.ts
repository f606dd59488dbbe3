import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LockOptions, lockOrWait, type Release } from "../../src/cache/lock";
import { UserError } from "../../src/errors";

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "regional-sts-lock-"));
  lock = join(dir, "key.lock");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = 1_000_000;
const alive = (pid: number, change: Partial<LockOptions> = {}): LockOptions => ({
  pid,
  now: () => NOW,
  processAlive: () => true,
  ...change,
});
const never = () => undefined;

async function acquire(options: LockOptions, ready: () => string | undefined = never): Promise<Release> {
  const outcome = await lockOrWait(lock, ready, options);
  if (!("release" in outcome)) throw new Error(`expected the lock, got value ${outcome.value}`);
  return outcome.release;
}

describe("lockOrWait", () => {
  it("acquires a free lock, records the owner pid, and release removes it", async () => {
    const release = await acquire(alive(111));
    expect(readFileSync(lock, "utf8")).toMatch(/^111 1000000 [0-9a-z]+$/);
    release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("returns ready()'s value without locking when the work is already done", async () => {
    expect(await lockOrWait(lock, () => "cached", alive(111))).toEqual({ value: "cached" });
    expect(existsSync(lock)).toBe(false);
  });

  it("waits for another holder and returns ready()'s value once it has finished", async () => {
    const holderRelease = await acquire(alive(111));
    let result: string | undefined;
    let checks = 0;
    const waiting = lockOrWait(
      lock,
      () => {
        checks += 1;
        if (checks === 3) {
          result = "written by the holder";
          holderRelease();
        }
        return checks > 3 ? result : undefined;
      },
      alive(222),
    );
    await expect(waiting).resolves.toEqual({ value: "written by the holder" });
    expect(existsSync(lock)).toBe(false);
  });

  it("wakes a waiter when the holder writes the watched file, not at its next poll", async () => {
    const holderRelease = await acquire(alive(111));
    const entry = join(dir, "key.json");
    let checks = 0;
    // Polls 60 s apart: only the file event can end this wait within the test's time limit.
    const waiting = lockOrWait(
      lock,
      () => {
        ++checks;
        return existsSync(entry) ? "written" : undefined;
      },
      alive(222, { wakeOn: ["key.json"], pollMs: 60_000 }),
    );
    await new Promise((done) => setTimeout(done, 50));
    const checksBefore = checks;
    writeFileSync(join(dir, "unrelated.tmp"), "x");
    writeFileSync(entry, "x");
    await expect(waiting).resolves.toEqual({ value: "written" });
    expect(checks).toBe(checksBefore + 1);
    holderRelease();
  });

  it("wakes a waiter when the holder removes its lock", async () => {
    const holderRelease = await acquire(alive(111));
    const waiting = lockOrWait(lock, never, alive(222, { pollMs: 60_000 }));
    await new Promise((done) => setTimeout(done, 50));
    holderRelease();
    const outcome = await waiting;
    expect("release" in outcome).toBe(true);
    if ("release" in outcome) outcome.release();
  });

  it("rechecks ready() after acquiring, for a holder that finished in between", async () => {
    let calls = 0;
    const outcome = await lockOrWait(lock, () => (++calls === 2 ? "late" : undefined), alive(111));
    expect(outcome).toEqual({ value: "late" });
    expect(existsSync(lock)).toBe(false);
  });

  it.each([
    ["its pid is dead", `999 ${NOW} abcd`, alive(222, { processAlive: (pid) => pid !== 999 })],
    ["it is older than staleMs", `999 ${NOW - 5001} abcd`, alive(222, { staleMs: 5000 })],
    ["it is unreadable garbage", "garbage", alive(222)],
  ])("takes over a lock when %s", async (_name, holder, options) => {
    writeFileSync(lock, holder);
    const release = await acquire(options);
    expect(readFileSync(lock, "utf8")).toMatch(/^222 /);
    release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("does not take over a live lock younger than staleMs", async () => {
    writeFileSync(lock, `999 ${NOW} abcd`);
    let t = NOW;
    const waiting = lockOrWait(lock, never, alive(222, { staleMs: 5000, timeoutMs: 2000, now: () => (t += 100) }));
    await expect(waiting).rejects.toThrow(/^timed out/);
    expect(t - NOW).toBeLessThan(5000);
    expect(readFileSync(lock, "utf8")).toBe(`999 ${NOW} abcd`);
  });

  it("times out with the exact message", async () => {
    writeFileSync(lock, `999 ${NOW} abcd`);
    let t = NOW;
    const waiting = lockOrWait(lock, never, alive(222, { timeoutMs: 2000, now: () => (t += 500) }));
    await expect(waiting).rejects.toEqual(
      new UserError(`timed out after 2s waiting for ${lock}, held by another regional-sts process`, 1, "LockTimeout", {
        hint: "if none is running, delete that file",
      }),
    );
    expect(readFileSync(lock, "utf8")).toBe(`999 ${NOW} abcd`);
  });

  it("release does not delete a lock that someone else took over", async () => {
    const firstRelease = await acquire(alive(111));
    const secondRelease = await acquire(alive(222, { processAlive: (pid) => pid !== 111 }));
    firstRelease();
    expect(readFileSync(lock, "utf8")).toMatch(/^222 /);
    secondRelease();
    expect(existsSync(lock)).toBe(false);
  });

  // Two waiters judge the same dead lock stale. The callback stands in for another process that
  // runs between this waiter's read of the holder and its rename: it takes the lock over first.
  it("a waiter that judged an old lock stale does not move aside the lock another waiter just took", async () => {
    writeFileSync(lock, `999 ${NOW} dead`);
    let other: Promise<unknown> | undefined;
    const racing = alive(333, {
      processAlive: (pid) => {
        other ??= lockOrWait(lock, never, alive(222, { processAlive: (p) => p !== 999 }));
        return pid !== 999 && pid !== 333;
      },
    });
    let t = NOW;
    const mine = lockOrWait(lock, never, { ...racing, timeoutMs: 1500, now: () => (t += 1000) });
    const theirs = await other;
    expect(theirs).toHaveProperty("release");
    await expect(mine).rejects.toThrow(/^timed out/);
    expect(readFileSync(lock, "utf8")).toMatch(/^222 /);
  });
});
