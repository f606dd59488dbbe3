// Every executable measured starts from the same page-cache state. How a program file's pages
// came into the cache changes its start here by 3-4 ms: a file just written (a fresh build, an
// install) is mapped in large pieces; one read back from disk (after a reboot, after eviction) in
// small ones, with more page faults, each dear in a VM. Measured on this machine: a written copy
// of /usr/bin/node starts in 19.8 ms with 1,470 faults, the same file read back in 23.8 ms with
// 1,870. Comparing a freshly built binary with a long-installed node would flatter the binary,
// so each file is dropped from the cache (dd iflag=nocache: posix_fadvise DONTNEED) and read
// back by its first runs, as after a reboot. Node itself runs the benchmark, so a private copy of
// it is measured instead (its pages in use could not be dropped).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/**
 * A copy of a node (this one unless given) named `node` in `dir`/`folder`, to put first on PATH:
 * npm's bin runs `node` from there.
 */
export function privateNode(dir, node = process.execPath, folder = "bin") {
  const bin = join(dir, folder);
  mkdirSync(bin, { recursive: true });
  copyFileSync(node, join(bin, "node"));
  return join(bin, "node");
}

/** Drops each file's pages from the page cache; false where GNU dd is missing (state unknown). */
export function readBackFromDisk(files) {
  try {
    for (const file of files)
      execFileSync("dd", [`if=${file}`, "iflag=nocache", "count=0", "status=none"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
