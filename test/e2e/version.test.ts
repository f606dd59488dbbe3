import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { version } from "../../package.json";
import { ENTRIES, ROOT } from "./harness";

// What a bug report needs, from each shipped form: the version, the commit built, the Node that
// runs it, the platform. The binary's Node is the one scripts/sea.mjs built it on.
const head = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
const NODE = {
  binary: /^v24\.\d+\.\d+ \(built into this binary\)$/,
  npm: new RegExp(`^${process.version.replaceAll(".", "\\.")} \\(npm entry, the Node on PATH\\)$`),
};

describe("version", () => {
  for (const [name, [entry]] of Object.entries(ENTRIES)) {
    it(`${name}: version and --version print the same four lines`, () => {
      const long = spawnSync(entry, ["version"], { encoding: "utf8" });
      const short = spawnSync(entry, ["--version"], { encoding: "utf8" });
      expect([long.status, long.stderr, short.stdout]).toEqual([0, "", long.stdout]);
      const [first, commit, node, platform, end] = long.stdout.split("\n");
      expect(first).toBe(`regional-sts ${version}`);
      expect(commit).toMatch(new RegExp(`^commit ${head}(\\+changes)?$`));
      expect(node!.replace(/^node /, "")).toMatch(NODE[name as keyof typeof NODE]);
      expect(platform).toMatch(/^platform linux-(x64|arm64)$/);
      expect(end).toBe("");
    });
  }
});
