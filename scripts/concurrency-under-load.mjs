#!/usr/bin/env node
// Issue 11: the concurrency tests must hold on a busy machine. Builds once, starts one busy-loop
// process per core (two by default), runs the concurrency tests (`node scripts/test.mjs
// test/e2e/concurrency.test.ts`, in the private namespace) N times in a row (10 by default), stops
// the busy loops, and prints one line per run and a verdict. Exits 1 unless every run passed.
//   node scripts/concurrency-under-load.mjs [--runs N] [--busy N] [files...]
import { spawn, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args.splice(i, 2)[1]);
};
const runs = option("--runs", 10);
const busy = option("--busy", availableParallelism());
const files = args.length ? args : ["test/e2e/concurrency.test.ts"];

if (spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" }).status !== 0) {
  console.error("concurrency under load: the build failed");
  process.exit(1);
}
// Each loop stops by itself after an hour at most, should this script die without stopping it.
const loops = Array.from({ length: busy }, () =>
  spawn(process.execPath, ["-e", "const end = Date.now() + 3600e3; while (Date.now() < end);"], { stdio: "ignore" }),
);
const stop = () => {
  for (const loop of loops) loop.kill("SIGKILL");
};
process.on("exit", stop);
console.log(`concurrency under load: ${busy} busy loops, ${runs} runs of ${files.join(" ")}`);

const results = [];
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(root, "scripts/test.mjs"), "--no-build", ...files], {
    cwd: root,
    encoding: "utf8",
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const closing = /^(\d+) passed, (\d+) failed$/m.exec(run.stdout.split("\n").filter(Boolean).at(-1) ?? "");
  const ok = run.status === 0 && closing !== null && closing[2] === "0";
  results.push(ok);
  // The first failure's own words: the assertion message (a retry is named as one) or the error.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the terminal colour codes vitest prints
  const plain = (run.stdout + run.stderr).replace(/\x1b\[[0-9;]*m/g, "");
  const first = /(AssertionError|Error): .*/.exec(plain)?.[0] ?? `exit ${run.status}`;
  const retry = /attempt \d+ of call \S+ \(HTTP \w+\)/.exec(plain)?.[0];
  const why = ok ? "" : ` (${first.slice(0, 300)}${retry ? `: ${retry}` : ""})`;
  console.log(`run ${i}: ${ok ? "passed" : "FAILED"} in ${seconds} s, ${closing?.[0] ?? "no closing line"}${why}`);
}
stop();
const passed = results.filter(Boolean).length;
console.log(`concurrency under load: ${passed} of ${runs} runs passed`);
process.exitCode = passed === runs ? 0 : 1;
