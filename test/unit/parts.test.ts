import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import pkg from "../../package.json";
import PARTS from "../../src/parts.json";

// src/parts.json is the one list of bundles: scripts/build.mjs builds it, src/load-part.ts types
// it (a compile error when they differ), and these keep package.json and the README in step.
const ROOT = join(import.meta.dirname, "../..");
const names = Object.keys(PARTS);

describe("the list of bundles (src/parts.json)", () => {
  it("is what npm ships, besides npm's bin", () => {
    expect(pkg.files).toEqual(["dist/cli.cjs", ...names.map((name) => `dist/${name}`)]);
    expect(pkg.bin).toEqual({ "regional-sts": "dist/cli.cjs" });
  });

  it("is what the README names", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect([...new Set(readme.match(/dist\/[\w-]+\.js\b/g))].sort()).toEqual(
      names.map((name) => `dist/${name}`).sort(),
    );
  });

  it("starts with the hit path, and names each bundle's source", () => {
    expect(names[0]).toBe("main.js");
    for (const { source } of Object.values(PARTS))
      expect(readFileSync(join(ROOT, source), "utf8").length).toBeGreaterThan(0);
  });
});
