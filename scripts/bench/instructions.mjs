// --instructions: instructions executed per run, counted by valgrind's callgrind. Unlike wall
// time they do not depend on what else the machine is doing or on how its pages are cached, so a
// change of a few hundred microseconds shows up the same on every run. They leave out page
// faults and the kernel, and a run under valgrind is about 50 times slower.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./stats.mjs";

export function canCountInstructions() {
  // callgrind_annotate --version exits 255 after printing it: only whether it runs counts.
  return (
    spawnSync("valgrind", ["--version"], { stdio: "ignore" }).status === 0 &&
    spawnSync("callgrind_annotate", ["--version"], { stdio: "ignore" }).error === undefined
  );
}

// V8 sets up its string hash seed at every start with a random number of rounds (4 to 9 million
// instructions in Node 20), which would drown the differences worth seeing: left out.
const HASH_SEED = /HashSeed::InitializeRoots|detail::sprp/;

/** Millions of instructions one run of `argv` executes, without V8's hash-seed set-up. */
export function countInstructions(argv, env) {
  const dir = mkdtempSync(join(tmpdir(), "regional-sts-callgrind-"));
  try {
    const out = join(dir, "callgrind.out");
    const result = spawnSync("valgrind", ["--tool=callgrind", `--callgrind-out-file=${out}`, ...argv], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (result.status !== 0)
      throw new Error(
        `${argv.join(" ")} under valgrind: exit ${result.status}: ${String(result.stderr).trim().split("\n").pop()}`,
      );
    const report = execFileSync("callgrind_annotate", ["--threshold=100", out], {
      encoding: "utf8",
      maxBuffer: 256 << 20,
    });
    let total = 0;
    let seed = 0;
    for (const line of report.split("\n")) {
      const match = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
      if (!match) continue;
      const count = Number(match[1].replaceAll(",", ""));
      if (match[2].startsWith("PROGRAM TOTALS")) total = count;
      else if (HASH_SEED.test(match[2])) seed += count;
    }
    return (total - seed) / 1e6;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each command `runs` times, alternating (each after its `before`, if any); the median per label. */
export function instructionMedians(cmds, runs) {
  const counts = Object.fromEntries(cmds.map((c) => [c.label, []]));
  for (let i = 0; i < runs; i++) {
    for (const c of cmds) {
      c.before?.();
      counts[c.label].push(countInstructions(c.argv, c.env));
    }
  }
  return Object.fromEntries(
    Object.entries(counts).map(([label, xs]) => [
      label,
      { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length },
    ]),
  );
}
