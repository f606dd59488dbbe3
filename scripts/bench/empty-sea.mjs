// The binary's own floor: a Node 24 single executable whose script is empty, built the same way
// as dist/regional-sts (code cache on), so the helper's own cost shows apart from Node's.
import { execFileSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function buildEmptySea(root, node24, dir) {
  const script = join(dir, "empty-sea.js");
  const config = join(dir, "empty-sea.json");
  const blob = join(dir, "empty-sea.blob");
  const binary = join(dir, "empty-sea");
  writeFileSync(script, "");
  writeFileSync(
    config,
    JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }),
  );
  execFileSync(node24, ["--experimental-sea-config", config], { stdio: "ignore" });
  copyFileSync(node24, binary);
  execFileSync(
    process.execPath,
    [
      join(root, "node_modules/postject/dist/cli.js"),
      binary,
      "NODE_SEA_BLOB",
      blob,
      "--sentinel-fuse",
      "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
    ],
    { stdio: "ignore" },
  );
  return binary;
}
