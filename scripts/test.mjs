#!/usr/bin/env node
// `npm test`: builds, runs the unit, integration and stand-in tests, then the end-to-end tests
// inside a private network and mount namespace (real AWS host names pointed at the loopback
// stand-in through a bind-mounted /etc/hosts), and prints one "N passed, N failed" line, after
// one line naming every missing tool (zsh, fish, the AWS CLI, ...) and the tests it left untested.
// `node scripts/test.mjs test/bench` runs the benchmark smoke test (not part of `npm test`).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const out = mkdtempSync(join(tmpdir(), "regional-sts-test-"));
// --no-build: the caller built already (scripts/concurrency-under-load.mjs runs the tests ten times).
const noBuild = process.argv.includes("--no-build");
const only = process.argv.slice(2).filter((a) => a !== "--no-build");
// test/support/tools.ts records each test skipped for a missing tool here.
const skipDir = join(out, "skips");
mkdirSync(skipDir);
process.env.REGIONAL_STS_TEST_SKIP_DIR = skipDir;

if (!noBuild) step("build", process.execPath, [join(root, "scripts", "build.mjs")]);

const phases = [
  { name: "unit, integration, stand-in", dirs: ["test/unit", "test/integration", "test/fake-aws"], ns: false },
  { name: "end to end (private namespace)", dirs: ["test/e2e"], ns: true },
  // About two and a half minutes of benchmark runs: .ci/run runs it as a step of its own.
  { name: "benchmark smoke test", dirs: ["test/bench"], ns: false, onlyWhenNamed: true },
];
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const phase of phases) {
  const named = (d) => only.some((o) => o.startsWith(d) || d.startsWith(o));
  const dirs = only.length ? phase.dirs.filter(named) : phase.onlyWhenNamed ? [] : phase.dirs;
  if (dirs.length === 0) continue;
  const report = join(out, `${phase.dirs[0].replace(/\W/g, "-")}.json`);
  const args = [
    vitest,
    "run",
    ...(only.length ? only.filter((o) => dirs.some((d) => o.startsWith(d) || d.startsWith(o))) : dirs),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ];
  if (phase.ns) args.push("--no-file-parallelism");
  console.log(`\n== ${phase.name}`);
  const noNamespace = phase.ns ? namespaceProblem() : undefined;
  if (noNamespace) {
    console.error(`regional-sts tests: ${noNamespace}`);
    failed += 1;
    exitCode = 1;
    continue;
  }
  const result = phase.ns
    ? inNamespace(process.execPath, args)
    : spawnSync(process.execPath, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) exitCode = 1;
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    // A file that fails to load, or whose hook fails, has no failed test but fails: count it too.
    const failedFiles = json.testResults.filter(
      (f) => f.status === "failed" && !f.assertionResults.some((t) => t.status === "failed"),
    );
    failed += json.numFailedTests + failedFiles.length;
  } catch {
    failed += 1;
    console.error(`regional-sts tests: no report from ${phase.name}`);
  }
}
const missing = missingToolsLine();
if (missing) console.log(`\n${missing}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = exitCode || (failed > 0 ? 1 : 0);

/** One line: every missing tool and the tests it left untested (from test/support/tools.ts's records). */
function missingToolsLine() {
  const byTool = new Map();
  for (const file of readdirSync(skipDir)) {
    for (const line of readFileSync(join(skipDir, file), "utf8").split("\n").filter(Boolean)) {
      const { tools, test } = JSON.parse(line);
      for (const tool of tools) byTool.set(tool, [...(byTool.get(tool) ?? []), test]);
    }
  }
  if (byTool.size === 0) return "";
  const parts = [...byTool].map(([tool, tests]) => `${tool} (${tests.length} untested: ${tests.join("; ")})`);
  return (
    `missing tools, tests skipped: ${parts.join("; ")}; ` +
    "install them to run everything (.ci/run installs all but pwsh, which no registry it reaches has)"
  );
}

/** Why the end-to-end tests cannot get their private namespace here, or undefined when they can. */
function namespaceProblem() {
  const probe = spawnSync("unshare", [...unshareFlags(), "sh", "-c", "ip link set lo up"], { encoding: "utf8" });
  if (probe.error?.code === "ENOENT")
    return (
      "the end-to-end tests need unshare (Debian package util-linux) for a private network namespace, " +
      "and it is not installed"
    );
  if (probe.status === 0) return undefined;
  const why = (probe.stderr || `exit ${probe.status}`).trim().split("\n").pop();
  if (/ip: not found/.test(why))
    return (
      "the end-to-end tests need ip (Debian package iproute2) to bring up the private namespace's loopback, " +
      "and it is not installed"
    );
  return (
    `the end-to-end tests need a private network namespace, and unshare could not make one (${why}): ` +
    `run them as root or allow unprivileged user namespaces`
  );
}

/** Root gets new namespaces directly; others through a user namespace where the kernel allows it. */
function unshareFlags() {
  return ["--mount", "--net", "--propagation", "private", ...(process.getuid?.() === 0 ? [] : ["--map-root-user"])];
}

function inNamespace(command, args) {
  const script = 'ip link set lo up && exec "$0" "$@"';
  return spawnSync("unshare", [...unshareFlags(), "sh", "-c", script, command, ...args], {
    stdio: "inherit",
    cwd: root,
    env: { ...process.env, REGIONAL_STS_E2E_OUTER_NETNS: readlinkSync("/proc/self/ns/net") },
  });
}

function step(name, command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) {
    console.error(`regional-sts tests: ${name} failed`);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}
