// Issue 16: the same hit, cold call and memory with configs of 3, 300, 3,000 and 30,000 generated
// SSO profiles (bench/generate-config.mjs) before the benchmark's own profiles, so growth with
// the file shows as a curve. Each size is its own config file (AWS_CONFIG_FILE); they share the
// credentials file and so the cache entry.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateConfig } from "../../bench/generate-config.mjs";
import { checkProcessJson, command, timeOnce } from "./run.mjs";
import { alternate, peakMemory } from "./sections.mjs";
import { firstAfterChange, pairedColdCalls } from "./size-cold.mjs";

export const SIZES = [3, 300, 3000, 30000];
export const COLD_SIZES = [3, 3000];
/** Sizes whose first call after a change (the whole file read, the index written again) is timed. */
export const CHANGE_SIZES = [3000, 30000];
// A file must be this old before its index is trusted (src/config/section-index.ts SETTLED_MS).
const SETTLED_MS = 2000;

/** Writes one config per size (the sandbox's own profiles at the end); returns when they may be indexed. */
export function writeSizedConfigs(box) {
  const files = {};
  for (const n of SIZES) {
    files[n] = join(box.home, ".aws", `config-${n}`);
    writeFileSync(files[n], generateConfig(n, `\n${box.configText}`));
  }
  return { files, settledAt: Date.now() + SETTLED_MS + 100 };
}

const label = (entry, n) => `${entry}, ${n.toLocaleString("en-US")} profiles`;

/**
 * Hit, memory and cold calls per size for each entry ({label: {argv, env}}), the first call after
 * a change at 3,000 and 30,000; `list` at 3,000 when the build has it.
 */
export async function measureSizes({ box, sized, entries, plan, standIn, delayMs }) {
  const wait = sized.settledAt - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const envFor = (entry, n) => ({ ...entries[entry].env, AWS_CONFIG_FILE: sized.files[n] });
  const hit = (entry, n) =>
    command(
      label(entry, n),
      [...entries[entry].argv, "credential-process", "--profile", "p"],
      envFor(entry, n),
      checkProcessJson,
    );
  const cmds = SIZES.flatMap((n) => Object.keys(entries).map((entry) => hit(entry, n)));
  await standIn.setDelayMs(0);
  for (const cmd of cmds) timeOnce(cmd); // Fills the cache once and leaves each large config's index.
  const indexes = box.indexNames().length;
  await standIn.reset();
  const out = { indexes };
  out.hit = alternate(cmds, plan.hitRounds);
  if ((await standIn.counts()).assumeRole !== 0) throw new Error("sizes: a measured hit called STS");
  out.memory = peakMemory(cmds, plan.memRuns);
  const cold = COLD_SIZES.flatMap((n) => Object.keys(entries).map((entry) => hit(entry, n)));
  out.cold = await pairedColdCalls({ cmds: cold, rounds: plan.coldSizeRounds, delayMs, standIn, box });
  const changed = CHANGE_SIZES.flatMap((n) => Object.keys(entries).map((entry) => hit(entry, n)));
  out.afterChange = firstAfterChange({ cmds: changed, rounds: plan.changeRounds, box });
  out.list = timeList(entries.binary.argv, (n) => envFor("binary", n), plan);
  return out;
}

/**
 * `regional-sts list` (issue 14) at 3 and 3,000 profiles, once the build has the command: until
 * then this reports it as missing and the rest of the benchmark runs as before.
 */
function timeList(binary, envFor, plan) {
  const probe = spawnSync(binary[0], ["list"], { env: envFor(3000), stdio: ["ignore", "pipe", "pipe"] });
  if (probe.status !== 0) return { missing: String(probe.stderr).trim().split("\n").pop() };
  const cmds = [3, 3000].map((n) =>
    command(`binary list, ${n.toLocaleString("en-US")} profiles`, [...binary, "list"], envFor(n)),
  );
  return alternate(cmds, Math.max(3, Math.round(plan.hitRounds / 4)), 1);
}

/** Table rows: per size, each entry's hit median and peak memory with their ratio to 3 profiles. */
export function sizeRows(r, entries) {
  const rows = [["profiles", ...entries.flatMap((e) => [`${e} hit ms`, "x 3", `${e} MB`, "x 3"])]];
  for (const n of SIZES) {
    const cells = entries.flatMap((e) => {
      const [h, h3, m, m3] = [
        r.hit[label(e, n)].median,
        r.hit[label(e, 3)].median,
        r.memory[label(e, n)].median,
        r.memory[label(e, 3)].median,
      ];
      return [h.toFixed(1), (h / h3).toFixed(2), m.toFixed(1), (m / m3).toFixed(2)];
    });
    rows.push([n.toLocaleString("en-US"), ...cells]);
  }
  return rows;
}

export function coldSizeRows(r) {
  const rows = [["", "total median", "hit after median", "overhead median", "overhead p95", "requests"]];
  for (const [name, c] of Object.entries(r.cold)) {
    const cells = [c.total.median, c.hit.median, c.overhead.median, c.overhead.p95].map((x) => x.toFixed(1));
    rows.push([name, ...cells, c.requests]);
  }
  return rows;
}

export function afterChangeRows(r) {
  const rows = [["", "extra median ms", "p95", "min", "max", "n"]];
  for (const [name, c] of Object.entries(r.afterChange))
    rows.push([name, ...[c.median, c.p95, c.min, c.max].map((x) => x.toFixed(1)), c.n]);
  return rows;
}

export { label as sizeLabel };
