#!/usr/bin/env node
// `npm test`: builds, runs the unit, integration and stand-in tests, then the end-to-end tests
// inside a private network and mount namespace (real AWS host names pointed at the loopback
// stand-in through a bind-mounted /etc/hosts), and prints one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const out = mkdtempSync(join(tmpdir(), "regional-sts-test-"));
const only = process.argv.slice(2);

step("build", process.execPath, [join(root, "scripts", "build.mjs")]);

const phases = [
  { name: "unit, integration, stand-in", dirs: ["test/unit", "test/integration", "test/fake-aws"], ns: false },
  { name: "end to end (private namespace)", dirs: ["test/e2e"], ns: true },
];
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const phase of phases) {
  const dirs = only.length ? phase.dirs.filter((d) => only.some((o) => o.startsWith(d) || d.startsWith(o))) : phase.dirs;
  if (dirs.length === 0) continue;
  const report = join(out, `${phase.ns ? "e2e" : "main"}.json`);
  const args = [vitest, "run", ...(only.length ? only.filter((o) => dirs.some((d) => o.startsWith(d) || d.startsWith(o))) : dirs),
    "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  if (phase.ns) args.push("--no-file-parallelism");
  console.log(`\n== ${phase.name}`);
  const result = phase.ns ? inNamespace(process.execPath, args) : spawnSync(process.execPath, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) exitCode = 1;
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    // A file that fails to load has no failed test but a failed suite: count it too.
    failed += Math.max(json.numFailedTests, json.numFailedTestSuites);
  } catch {
    failed += 1;
    console.error(`regional-sts tests: no report from ${phase.name}`);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = exitCode || (failed > 0 ? 1 : 0);

/** Root gets new namespaces directly; others through a user namespace where the kernel allows it. */
function inNamespace(command, args) {
  const isRoot = process.getuid?.() === 0;
  const script = 'ip link set lo up && exec "$0" "$@"';
  const unshare = ["--mount", "--net", "--propagation", "private", ...(isRoot ? [] : ["--map-root-user"]), "sh", "-c", script, command, ...args];
  return spawnSync("unshare", unshare, { stdio: "inherit", cwd: root, env: { ...process.env, REGIONAL_STS_E2E_OUTER_NETNS: readlinkSync("/proc/self/ns/net") } });
}

function step(name, command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) {
    console.error(`regional-sts tests: ${name} failed`);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}
