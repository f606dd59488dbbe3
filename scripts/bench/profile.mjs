// `npm run bench -- --profile`: where the time of a cache hit and of a cold call goes, from V8 CPU
// profiles (--cpu-prof) of repeated runs, summed per script (our bundles, Node's own modules) and
// per function. The .cpuprofile files stay in bench/profiles/ for Chrome DevTools or speedscope.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";

const INTERVAL_US = 25;

/**
 * Runs `argv` `runs` times under the profiler, `before()` ahead of each run. npm's bin is run as
 * node plus the file, since `node --cpu-prof` must be the process; the binary takes the flag from
 * NODE_OPTIONS.
 */
export function profileRuns({ label, argv, env, runs, dir, before = () => {}, viaNode }) {
  const out = join(dir, label.replace(/\W+/g, "-"));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const flags = ["--cpu-prof", `--cpu-prof-interval=${INTERVAL_US}`, `--cpu-prof-dir=${out}`];
  // One run first, not counted: the profiler changes V8's flags, so V8 refuses the code caches
  // made without it; that run writes ones it accepts, as a user's first run does.
  for (let i = -1; i < runs; i++) {
    before();
    const result = viaNode
      ? spawnSync(process.execPath, [...flags, ...argv], { env: npmBinEnv(env), stdio: ["ignore", "pipe", "pipe"] })
      : spawnSync(argv[0], argv.slice(1), {
          env: { ...env, NODE_OPTIONS: flags.join(" ") },
          stdio: ["ignore", "pipe", "pipe"],
        });
    if (result.status !== 0)
      throw new Error(`${label}: exit ${result.status}: ${String(result.stderr).trim().split("\n").pop()}`);
    if (i === -1) for (const f of readdirSync(out)) rmSync(join(out, f));
  }
  return summarize(out);
}

/** The environment npm's bin runs with: dist/cli.cjs is a plain `#!/usr/bin/env node` file, so the caller's own. */
export function npmBinEnv(env) {
  return env;
}

/** Milliseconds per run: self time by script and by function, and the run's sampled total. */
function summarize(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  const byScript = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const frame = nodes.get(id).callFrame;
      const script = scriptOf(frame.url, frame.functionName);
      total += ms;
      byScript.set(script, (byScript.get(script) ?? 0) + ms);
      const fn = `${frame.functionName || "(top level)"} ${script}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    });
  }
  const perRun = (map, n) =>
    [...map]
      .map(([k, ms]) => [k, ms / files.length])
      .sort((a, b) => b[1] - a[1])
      .slice(0, n);
  return {
    runs: files.length,
    totalMs: total / files.length,
    byScript: perRun(byScript, 12),
    byFunction: perRun(byFunction, 15),
    dir,
  };
}

/** Our bundles by name; Node's own JavaScript as one group; V8's native work as V8 names it. */
function scriptOf(url, functionName) {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return `node: ${url.replace(/^node:(internal\/)?/, "").split("/")[0]}`;
  return basename(url);
}

export function profileRows(summary) {
  const rows = [["script", "self ms per run"]];
  for (const [script, ms] of summary.byScript) rows.push([script, ms.toFixed(2)]);
  rows.push(["(all sampled)", summary.totalMs.toFixed(2)]);
  return rows;
}

export function functionRows(summary) {
  const rows = [["function", "self ms per run"]];
  for (const [fn, ms] of summary.byFunction) rows.push([fn, ms.toFixed(2)]);
  return rows;
}
