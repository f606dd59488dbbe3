// Issue 16.2: a cold call's overhead at 3 and 3,000 profiles, and the one call after each change
// of the config that reads it whole. Every entry and size takes its turn in each round (the order
// rotating), and each cold call is followed at once by a hit of the same command, the pair's
// difference being the call's overhead: drift of a shared machine then falls on every size alike
// and on both halves of a pair. Run in blocks instead (all of one size, then the next), a busy
// machine's drift showed as a difference between sizes that the instruction counts do not have.
import { statSync } from "node:fs";
import { join } from "node:path";
import { timeOnce } from "./run.mjs";
import { median, summarize } from "./stats.mjs";

/**
 * Cold calls as every hour brings them: credentials expired, config unchanged (code caches, the
 * learned fallback region and the section indexes kept). Overhead of one = its wall time -
 * requests x delayMs - the hit right after it. Throws if any of them rewrote a section index,
 * which would mean it read its config whole instead of through the index.
 */
export async function pairedColdCalls({ cmds, rounds, delayMs, standIn, box }) {
  const indexesBefore = indexStamps(box);
  const samples = Object.fromEntries(
    cmds.map((c) => [c.label, { totals: [], hits: [], overheads: [], requests: [], assumeRoles: [] }]),
  );
  await standIn.setDelayMs(delayMs);
  // Round -1 is not counted: a command's first cold call may compile the miss bundles and save their code caches.
  for (let round = -1; round < rounds; round++) {
    for (let i = 0; i < cmds.length; i++) {
      const cmd = cmds[(round + 1 + i) % cmds.length];
      box.clearEntries();
      await standIn.reset();
      const total = timeOnce(cmd);
      const counts = await standIn.counts();
      const hit = timeOnce(cmd);
      if ((await standIn.counts()).total !== counts.total) throw new Error(`${cmd.label}: the hit after it called STS`);
      if (round < 0) continue;
      const s = samples[cmd.label];
      s.totals.push(total);
      s.hits.push(hit);
      s.overheads.push(total - counts.total * delayMs - hit);
      s.requests.push(counts.total);
      s.assumeRoles.push(counts.assumeRole);
    }
  }
  await standIn.setDelayMs(0);
  if (indexStamps(box) !== indexesBefore)
    throw new Error("a cold call rewrote a section index (read its config whole)");
  return Object.fromEntries(
    Object.entries(samples).map(([label, s]) => [
      label,
      {
        total: summarize(s.totals),
        hit: summarize(s.hits),
        overhead: summarize(s.overheads),
        requests: median(s.requests),
        assumeRoles: median(s.assumeRoles),
      },
    ]),
  );
}

/**
 * The first call after the config changed (here: its section index removed, as a change makes it
 * stale): a hit that reads and checks the whole file and writes the index again; its extra = its
 * wall time - the hit right after it. Once per change of the file, so reported, not judged.
 */
export function firstAfterChange({ cmds, rounds, box }) {
  const extras = Object.fromEntries(cmds.map((c) => [c.label, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < cmds.length; i++) {
      const cmd = cmds[(round + i) % cmds.length];
      box.clearIndexes(cmd.env.AWS_CONFIG_FILE);
      const first = timeOnce(cmd);
      extras[cmd.label].push(first - timeOnce(cmd));
    }
  }
  return Object.fromEntries(Object.entries(extras).map(([label, xs]) => [label, summarize(xs)]));
}

/** Names and modification times of the section indexes, as one string to compare. */
function indexStamps(box) {
  return box
    .indexNames()
    .map((name) => `${name}@${statSync(join(box.cacheDir, name)).mtimeMs}`)
    .sort()
    .join(" ");
}
