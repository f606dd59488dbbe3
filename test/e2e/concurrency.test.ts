import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { setImmediate, setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_PROFILE } from "../support/hk-profile";
import { recordStderr } from "../support/stderr-capture";
import { type E2e, ENTRIES, type RunResult, useE2e } from "./harness";

/** Many real processes on one cold key, and a lock holder killed mid-call. */
export const CONCURRENT_CALLERS = 100;
let e2e: E2e;
const BIN = ENTRIES.binary[0];
const ARGS = ["credential-process", "--profile", "app"];

useE2e(
  (e) => (e2e = e),
  () => [
    `
${ACCOUNT_A_PROFILE}[profile app]
region = us-west-2
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = account-a
`,
    ACCOUNT_A_CREDENTIALS,
  ],
);

const cacheFiles = () => (existsSync(e2e.cacheDir) ? readdirSync(e2e.cacheDir).sort() : []);
/**
 * One credentials entry and the code caches (src/boot.ts) that any number of callers leave: no
 * lock, no temporary file.
 */
const ONE_ENTRY = [
  expect.stringMatching(/^[0-9a-f]{40}\.json$/),
  ...["main", "miss", "sdk"].map((part) =>
    expect.stringMatching(new RegExp(`^code-binary-${part}-[0-9a-f]{16}-v[\\d.]+-\\w+\\.v8$`)),
  ),
];

describe("concurrent callers", () => {
  it(`${CONCURRENT_CALLERS} processes on a cold key: one AssumeRole, all get the same valid credentials`, async () => {
    // A slow STS keeps the first caller inside AssumeRole while the others pile up on the lock.
    e2e.fake.setDelayMs(1500);
    // Started one at a time with a turn of the event loop between (each spawn blocks this thread
    // for a fork and exec, up to a few hundred ms on a busy machine); the stand-in answers from
    // its own thread meanwhile.
    const running: Promise<RunResult>[] = [];
    for (let i = 0; i < CONCURRENT_CALLERS; i++) {
      running.push(e2e.run(BIN, ARGS));
      await setImmediate();
    }
    const results = await Promise.all(running);
    e2e.expectOneAssumeRole();
    const issued = e2e.fake.issuedCredentials();
    expect(issued).toHaveLength(1);
    const expected = { Version: 1, AccessKeyId: issued[0]!.accessKeyId, SecretAccessKey: issued[0]!.secretAccessKey };
    for (const result of results) {
      expect(result).toMatchObject({ code: 0, stderr: "" });
      // A partial file would decode to a miss (a second AssumeRole) or to broken JSON here.
      expect(JSON.parse(result.stdout)).toMatchObject(expected);
    }
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(cacheFiles()).toEqual(ONE_ENTRY);
  });

  it("a lock left by a SIGKILLed holder is taken over within seconds", async () => {
    e2e.fake.injectFault({ kind: "hang", action: "AssumeRole", count: 1 });
    const holder = spawn(BIN, ARGS, { env: e2e.env(), stdio: ["ignore", "pipe", "pipe"] });
    let holderErr = "";
    holder.stderr.on("data", (d: Buffer) => (holderErr += d.toString()));
    const closed = new Promise<NodeJS.Signals | null>((done) => holder.on("close", (_c, signal) => done(signal)));
    // Bounded wait until the holder sits inside AssumeRole, holding the lock.
    for (let i = 0; i < 400 && e2e.fake.assumeRoleCount() === 0; i++) await sleep(25);
    expect(cacheFiles().filter((f) => f.endsWith(".lock"))).toHaveLength(1);
    holder.kill("SIGKILL");
    expect(await closed).toBe("SIGKILL"); // reaped: its pid is gone, as after a crash
    recordStderr(holderErr);

    const started = Date.now();
    const next = await e2e.run(BIN, ARGS);
    const elapsedMs = Date.now() - started;
    expect(next).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(next.stdout).Version).toBe(1);
    // A bound, not a measurement: without takeover it would wait for the 40 s lock timeout.
    expect(elapsedMs).toBeLessThan(10_000);
    expect(cacheFiles().filter((f) => !f.startsWith("."))).toEqual(ONE_ENTRY);
  });
});
