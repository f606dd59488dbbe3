import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { announceAnswer, waitForAnswer } from "../support/fake-aws/answer-flag";

/** A thread that sleeps, sends a late notify for call 1 (value unchanged), sleeps, then answers call 2. */
const LATE_NOTIFY = `
const { workerData } = require("node:worker_threads");
const [flag, answered] = workerData;
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
sleep(50);
Atomics.notify(flag, 0);
sleep(150);
Atomics.store(answered, 0, 1);
Atomics.store(flag, 0, 2);
Atomics.notify(flag, 0);
`;

describe("the stand-in's answer handshake", () => {
  it("a late notify for the previous call does not end the wait for this one", async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const answered = new Int32Array(new SharedArrayBuffer(4));
    announceAnswer(flag, 1);
    const worker = new Worker(LATE_NOTIFY, { eval: true, workerData: [flag, answered] });
    await new Promise((resolve) => worker.once("online", resolve));
    expect(waitForAnswer(flag, 2, 10_000)).toBe(true);
    expect(Atomics.load(answered, 0)).toBe(1);
    await worker.terminate();
  });

  it("an answer already announced returns at once; none within the time is false", () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    announceAnswer(flag, 7);
    expect(waitForAnswer(flag, 7, 0)).toBe(true);
    const started = Date.now();
    expect(waitForAnswer(flag, 8, 100)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });
});
