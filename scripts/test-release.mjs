#!/usr/bin/env node
// `npm run test:release` (after `npm run release`): checks dist/release/SHA256SUMS, then runs the
// end-to-end tests that cover the AWS CLI, boto3, the JS SDK and the region fallback against each
// release binary in place of dist/regional-sts; a binary for another CPU runs under qemu user
// emulation (Debian: qemu-user-static and that CPU's C libraries, e.g. libc6:arm64 libstdc++6:arm64).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const dir = join(root, "dist", "release");
/**
 * The named subset: every test of seed-story (the AWS CLI, the region fallback), http-endpoint and version,
 * and consumers' boto3 and JS SDK tests, picked by title. Not its 20 concurrent cold callers:
 * emulated, each start costs seconds of CPU, and twenty of them outlast the test's minute.
 */
const SUBSET = [
  ["test/e2e/seed-story.test.ts"],
  ["test/e2e/http-endpoint.test.ts"],
  ["test/e2e/version.test.ts"],
  ["test/e2e/consumers.test.ts", "boto3 reads the helper's output", "the JS SDK's fromIni runs the helper"],
];
const QEMU = { arm64: "qemu-aarch64-static", x64: "qemu-x86_64-static" };
const only = process.argv.slice(2);

if (!existsSync(join(dir, "SHA256SUMS")))
  throw new Error("dist/release/SHA256SUMS is missing: run `npm run release` first");
execFileSync("sha256sum", ["--check", "--strict", "SHA256SUMS"], { cwd: dir, stdio: "inherit" });
const wrappers = mkdtempSync(join(tmpdir(), "regional-sts-release-"));
let failed = 0;
try {
  for (const arch of ["x64", "arm64"].filter((a) => only.length === 0 || only.includes(a))) {
    const binary = join(dir, `regional-sts-linux-${arch}`);
    let entry = binary;
    if (arch !== process.arch) {
      // A wrapper rather than binfmt_misc: nothing changes on the machine.
      entry = join(wrappers, `regional-sts-linux-${arch}`);
      writeFileSync(entry, `#!/bin/sh\nexec ${QEMU[arch]} "${binary}" "$@"\n`);
      chmodSync(entry, 0o755);
    }
    console.log(
      `\n== linux-${arch}: ${execFileSync(entry, ["version"], { encoding: "utf8" }).trim().replace(/\n/g, "; ")}`,
    );
    const result = spawnSync(process.execPath, [join(root, "scripts/test.mjs"), ...SUBSET.flatMap(testsNamed)], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, REGIONAL_STS_E2E_BINARY: entry },
    });
    if (result.status !== 0) failed++;
  }
} finally {
  rmSync(wrappers, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

/** A file, or the file:line of each test whose title starts so (vitest's location filter); `needs(...).it(` too. */
function testsNamed([file, ...titles]) {
  if (titles.length === 0) return [file];
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  return titles.map((title) => {
    const line = lines.findIndex((text) => /^\s*(needs\([^)]*\)\.)?it\(["'`]/.test(text) && text.includes(title));
    if (line === -1)
      throw new Error(`${file} has no test "${title}...": update the subset in scripts/test-release.mjs`);
    return `${file}:${line + 1}`;
  });
}
