import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readEntry } from "../../src/cache/read-entry";
import { bundleMain } from "../support/bundle";
import { WRITER_KEYS } from "../support/cache-writer";

/**
 * SIGKILL at random moments of cache writes, many times: every entry file left behind must
 * decode (the old one or the new one, never a torn one). Cheap: a small writer process per
 * trial, several at once, each killed 0-20 ms after it has written once.
 */
export const KILL_TRIALS = 200;
const PARALLEL = 10;
let script: string;
let dir: string;
beforeAll(() => {
  script = bundleMain(resolve(import.meta.dirname, "../support/cache-writer.ts"));
  dir = mkdtempSync(join(tmpdir(), "regional-sts-kill-"));
});
afterAll(() => {
  rmSync(resolve(script, ".."), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function trial(): Promise<NodeJS.Signals | null> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, join(dir, "cache"), "100000"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.once("data", () => {
      void sleep(Math.random() * 20).then(() => child.kill("SIGKILL"));
    });
    child.on("error", fail);
    child.on("close", (_code, signal) => done(signal));
  });
}

it(`${KILL_TRIALS} writers killed with SIGKILL mid-write never leave a torn entry`, async () => {
  const signals: (NodeJS.Signals | null)[] = [];
  for (let round = 0; round < KILL_TRIALS / PARALLEL; round++) {
    signals.push(...(await Promise.all(Array.from({ length: PARALLEL }, trial))));
    // Check after every round, so a torn file cannot be hidden by a later rename.
    for (const key of WRITER_KEYS) {
      const decoded = readEntry(join(dir, "cache"), key, Date.now(), process.getuid?.());
      expect(decoded?.key, `entry ${key} after round ${round}`).toBe(key);
    }
  }
  expect(signals.filter((s) => s === "SIGKILL")).toHaveLength(KILL_TRIALS);
  const names = readdirSync(join(dir, "cache"));
  expect(names.filter((n) => n.endsWith(".json")).sort()).toEqual(WRITER_KEYS.map((k) => `${k}.json`));
  // Killed writers may leave their hidden temporary files; those are never read as entries.
  expect(names.every((n) => n.endsWith(".json") || /^\.[0-9a-f]{40}\.json\.[0-9a-z]+\.tmp$/.test(n))).toBe(true);
});
