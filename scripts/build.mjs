#!/usr/bin/env node
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
// Builds the bundles of src/parts.json, dist/cli.cjs (npm's bin: src/boot.ts, which starts
// dist/main.js and loads the other bundles on demand) and dist/regional-sts, a single executable
// for this machine on the Node 24 LTS binary from the npm registry (scripts/sea.mjs).
// --no-sea: the npm entry only. --release: also scripts/release.mjs's artifacts in dist/release/.
import { build } from "esbuild";
import { fetchNode, makeSea, SEA_NODE_VERSION } from "./sea.mjs";

const root = resolve(import.meta.dirname, "..");
const PARTS = JSON.parse(readFileSync(join(root, "src/parts.json"), "utf8"));
// Everything is built in a private folder and renamed into dist/, so a test or benchmark
// running while another build happens never sees a half-written file.
const out = join(root, "dist");
const dist = join(out, `.build-${process.pid}`);
mkdirSync(dist, { recursive: true });
process.on("exit", () => rmSync(dist, { recursive: true, force: true }));

// "module" first: the SDK's ES module builds let esbuild drop what we never call (a third of
// the SDK bundle: Cognito, SSO-OIDC and sign-in clients re-exported by credential-providers).
// No dynamic import(): a bundle runs through vm.Script, where Node has no import() callback
// (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, e.g. the SDK's import("node:http") for an http://
// endpoint), so esbuild turns each into a require().
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minify: true,
  legalComments: "external",
  logLevel: "warning",
  mainFields: ["module", "main"],
  supported: { "dynamic-import": false },
};
const COMMIT = commitId();
// node:crypto is not loaded by a bare Node start; anything on the hit path that imports it
// (the SDK's SSO token cache did) gets a stand-in that loads the real module on first call. An
// ES module, so esbuild keeps only the functions used; a named import of a non-function fails
// to build, on purpose.
const realCrypto = await import("node:crypto");
const cryptoShim = join(dist, "lazy-crypto.mjs");
writeFileSync(
  cryptoShim,
  [
    "let real;",
    'const load = () => (real ??= require("node:crypto"));',
    ...Object.keys(realCrypto)
      .filter((n) => n !== "default" && typeof realCrypto[n] === "function")
      .map((f) => `export function ${f}(...args) { return load().${f}(...args); }`),
    `export default { ${Object.keys(realCrypto)
      .filter((n) => n !== "default")
      .map((n) => `get ${n}() { return load().${n}; }`)
      .join(", ")} };`,
  ].join("\n"),
);
const lazyCrypto = {
  name: "lazy-crypto",
  setup: (b) =>
    b.onResolve({ filter: /^(node:)?crypto$/ }, (args) =>
      args.importer === cryptoShim ? undefined : { path: cryptoShim },
    ),
};
for (const [name, { source, sdk }] of Object.entries(PARTS)) {
  await build({
    ...common,
    entryPoints: [join(root, source)],
    outfile: join(dist, name),
    plugins: sdk ? [] : [lazyCrypto],
    define: { COMMIT: JSON.stringify(COMMIT) },
  });
}
const PART_IDS = Object.fromEntries(
  Object.keys(PARTS).map((name) => [
    name,
    createHash("sha256")
      .update(readFileSync(join(dist, name)))
      .digest("hex")
      .slice(0, 16),
  ]),
);
/** src/boot.ts, the entry of both builds: it loads the bundles, with code caches named after their content. */
const buildBoot = (sea, outfile, extra = {}) =>
  build({
    ...common,
    ...extra,
    entryPoints: [join(root, "src/boot.ts")],
    outfile,
    plugins: [lazyCrypto],
    define: { PART_IDS: JSON.stringify(PART_IDS), SEA: String(sea) },
  });
await buildBoot(false, join(dist, "cli.cjs"), { banner: { js: "#!/usr/bin/env node\n// What follows: src/boot.ts." } });
chmodSync(join(dist, "cli.cjs"), 0o755);
const seaBoot = join(dist, "sea-boot.js");
await buildBoot(true, seaBoot);
// The stand-in for tests, demo and bench (never shipped).
await build({
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  logLevel: "warning",
  entryPoints: [join(root, "test/support/fake-aws/cli.ts")],
  outfile: join(dist, "fake-aws.cjs"),
});

const sea = !process.argv.includes("--no-sea");
const assets = Object.fromEntries(Object.keys(PARTS).map((name) => [name, join(dist, name)]));
const node = sea ? fetchNode(root, hostTarget()) : undefined;
if (node) {
  // The binary runs src/boot.ts (with the code cache Node makes for it) and carries the bundles as assets.
  makeSea({
    root,
    work: dist,
    builderNode: node,
    baseNode: node,
    main: seaBoot,
    assets,
    codeCache: true,
    out: join(dist, "regional-sts"),
  });
}
rmSync(cryptoShim);
for (const name of readdirSync(dist)) {
  if (name !== "sea-boot.js") renameSync(join(dist, name), join(out, name));
}
if (node && process.argv.includes("--release")) {
  const { release } = await import("./release.mjs");
  const published = Object.fromEntries(Object.keys(PARTS).map((name) => [name, join(out, name)]));
  release({ root, main: seaBoot, assets: published, hostNode: node, hostTarget: hostTarget() });
}
console.log(`built dist/cli.cjs${!sea ? "" : ` and dist/regional-sts (Node ${SEA_NODE_VERSION} single executable)`}`);

function hostTarget() {
  if (process.platform !== "linux" || !["x64", "arm64"].includes(process.arch)) {
    throw new Error(
      `the standalone build needs Linux x64 or arm64 (this is ${process.platform}-${process.arch}); ` +
        `use --no-sea for the npm entry`,
    );
  }
  return `linux-${process.arch}`;
}

/** The commit built, for `regional-sts version`; "+changes" when the work tree differs from it. */
function commitId() {
  try {
    const head = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const dirty =
      execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).trim() !==
      "";
    return dirty ? `${head}+changes` : head;
  } catch {
    return "unknown";
  }
}
