// The five measurements of issue 5. Each returns plain data; bench.mjs prints and judges it.

import { peakMb, timeOnce, timeTogether } from "./run.mjs";
import { median, summarize } from "./stats.mjs";

/** Runs every command once per round, in an order that rotates, so drift hits all alike. */
export function alternate(cmds, rounds, warmup = 2) {
  const samples = Object.fromEntries(cmds.map((c) => [c.label, []]));
  for (let round = -warmup; round < rounds; round++) {
    const start = ((round % cmds.length) + cmds.length) % cmds.length;
    for (let i = 0; i < cmds.length; i++) {
      const cmd = cmds[(start + i) % cmds.length];
      const ms = timeOnce(cmd);
      if (round >= 0) samples[cmd.label].push(ms);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([label, xs]) => [label, summarize(xs)]));
}

/**
 * (2) Cold calls: the cache emptied before each run, the stand-in answering after `delayMs`.
 * Overhead of a run = wall time − (requests the stand-in saw × delayMs) − the cache-hit median.
 */
export async function coldCalls({ cmds, runs, delayMs, hitMedians, standIn, clear }) {
  const out = {};
  for (const cmd of cmds) {
    const totals = [];
    const overheads = [];
    const requests = [];
    const assumeRoles = [];
    for (let i = 0; i < runs; i++) {
      clear();
      await standIn.reset();
      const ms = timeOnce(cmd);
      const counts = await standIn.counts();
      totals.push(ms);
      requests.push(counts.total);
      assumeRoles.push(counts.assumeRole);
      overheads.push(ms - counts.total * delayMs - hitMedians[cmd.label]);
    }
    out[cmd.label] = {
      total: summarize(totals),
      overhead: summarize(overheads),
      requests: median(requests),
      assumeRoles: median(assumeRoles),
      roundTripMs: median(requests) * delayMs,
    };
  }
  return out;
}

/** (3) `count` cold callers at once, `reps` times each: ms until the last is done, AssumeRole calls. */
export async function concurrentCallers({ cmds, counts, reps, standIn, clear }) {
  const out = {};
  for (const count of counts) {
    for (const cmd of cmds) {
      const times = [];
      const assumeRoles = [];
      for (let i = 0; i < reps; i++) {
        clear();
        await standIn.reset();
        times.push(await timeTogether(cmd, count));
        assumeRoles.push((await standIn.counts()).assumeRole);
      }
      out[`${cmd.label} x${count}`] = {
        count,
        entry: cmd.label,
        lastDone: summarize(times),
        assumeRoles,
        maxAssumeRoles: Math.max(...assumeRoles),
      };
    }
  }
  return out;
}

/** (5) Peak resident memory (MB) of each command, `runs` times; `before` runs ahead of each. */
export function peakMemory(cmds, runs, before = () => {}) {
  const out = {};
  for (const cmd of cmds) {
    const mbs = [];
    for (let i = 0; i < runs; i++) {
      before(cmd);
      mbs.push(peakMb(cmd));
    }
    out[cmd.label] = summarize(mbs);
  }
  return out;
}
