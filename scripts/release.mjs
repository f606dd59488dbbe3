// `npm run release`: dist/release/ with the Linux binaries (x64 and arm64, one Node version), the
// npm tarball and SHA256SUMS. Called by scripts/build.mjs --release after the host build.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fetchNode, makeSea, SEA_NODE_VERSION } from "./sea.mjs";

/** Linux targets whose binaries are tested (the arm64 one under qemu: see docs/install.md). */
const TARGETS = ["linux-x64", "linux-arm64"];

export function release({ root, main, assets, hostNode, hostTarget }) {
  const dir = join(root, "dist", "release");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (const target of TARGETS) {
    const out = join(dir, `regional-sts-${target}`);
    if (target === hostTarget) {
      // Built for this CPU, with the code cache: the same file as dist/regional-sts.
      copyFileSync(join(root, "dist", "regional-sts"), out);
    } else {
      // Cross-built: no code cache, and no snapshot (an x64 snapshot makes an arm64 Node exit 14).
      makeSea({
        root,
        work: dir,
        builderNode: hostNode,
        baseNode: fetchNode(root, target),
        main,
        assets,
        codeCache: false,
        out,
      });
    }
    files.push(out);
  }
  const tarball = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], {
    cwd: root,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop();
  files.push(join(dir, tarball));
  const sums = files
    .map((file) => `${createHash("sha256").update(readFileSync(file)).digest("hex")}  ${file.slice(dir.length + 1)}\n`)
    .join("");
  writeFileSync(join(dir, "SHA256SUMS"), sums);
  console.log(`dist/release (Node ${SEA_NODE_VERSION}):`);
  for (const file of files)
    console.log(`  ${file.slice(dir.length + 1).padEnd(32)} ${(statSync(file).size / 1e6).toFixed(1)} MB`);
  console.log(sums.trimEnd().replace(/^/gm, "  "));
}
