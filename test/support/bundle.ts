import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";

/**
 * Bundles a TypeScript module exporting `main(argv)` into a runnable CommonJS file, so tests
 * can run our real code in child processes (to SIGKILL them) without a full build.
 */
export function bundleMain(entry: string): string {
  const dir = mkdtempSync(join(tmpdir(), "regional-sts-bundle-"));
  const out = join(dir, "main.cjs");
  const stub = join(dir, "stub.ts");
  writeFileSync(stub, `import { main } from ${JSON.stringify(entry)};\nmain(process.argv.slice(2));\n`);
  buildSync({ entryPoints: [stub], bundle: true, platform: "node", format: "cjs", outfile: out, logLevel: "error" });
  return out;
}
