// `npm run bench -- --instructions [--cold]`: instructions per cache hit (and cold call) against
// its floor's, counted by callgrind, which the machine's load does not move (instructions.mjs).
import { buildEmptySea } from "./empty-sea.mjs";
import { instructionMedians } from "./instructions.mjs";
import { privateNode } from "./page-cache.mjs";
import { npmBinEnv } from "./profile.mjs";
import { printTable } from "./report.mjs";
import { checkProcessJson, command, timeOnce } from "./run.mjs";
import { writeSizedConfigs } from "./sizes.mjs";

/**
 * Counts hits of the npm entry (on this node and on Node 24) and of the binary at 3, 3,000 and
 * 30,000 profiles; with `cold`, cold calls at 3 and 3,000 and the first hit after a change of
 * the 3,000-profile config. Returns the medians by label.
 */
export async function countAll({ root, box, standIn, entries, node24Path, quick, cold }) {
  const { helper, floor } = box.env;
  const node = privateNode(box.home);
  const node24 = privateNode(box.home, node24Path, "bin24");
  const seaFloor = buildEmptySea(root, node24Path, box.home);
  const args = ["credential-process", "--profile", "p"];
  const sized = writeSizedConfigs(box);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, sized.settledAt - Date.now())));
  const at = (n, env = helper) => ({ ...env, AWS_CONFIG_FILE: sized.files[n] });
  // npm's bin runs as node plus the file: valgrind does not follow a #! line's `env node`.
  const kinds = {
    "npm entry": (env) => ({ argv: [node, entries.npm[0], ...args], env: npmBinEnv(env) }),
    "npm entry, node24": (env) => ({ argv: [node24, entries.npm[0], ...args], env: npmBinEnv(env) }),
    binary: (env) => ({ argv: [...entries.binary, ...args], env }),
  };
  await standIn.setDelayMs(0);
  box.clearAll();
  // Each entry's first call a miss, so that every bundle's code cache is in place (a cold call
  // that compiles the SDK and saves its cache is a first call, not the hourly one), then the
  // large configs' indexes written, as every call after the first finds them.
  for (const make of Object.values(kinds)) {
    box.clearEntries();
    for (let i = 0; i < 2; i++) timeOnce(command("fill", make(helper).argv, make(helper).env, checkProcessJson));
  }
  for (const n of [3, 3000, 30000])
    for (const make of Object.values(kinds)) timeOnce(command("fill", make(at(n)).argv, make(at(n)).env));
  await standIn.reset();
  const runs = quick ? 1 : 3;
  const row = (label, spec, before) => ({ label, ...spec, before });
  const cmds = [
    row("node -e 0", { argv: [node, "-e", "0"], env: floor }),
    row("node24 -e 0", { argv: [node24, "-e", "0"], env: floor }),
    row("empty node24 SEA", { argv: [seaFloor], env: floor }),
    ...Object.entries(kinds).map(([kind, make]) => row(`${kind} hit`, make(helper))),
    // Issue 16: the same hits with 3,000 and 30,000 generated profiles in the config.
    ...[3000, 30000].flatMap((n) =>
      Object.entries(kinds).map(([kind, make]) => row(`${kind} hit, ${n} profiles`, make(at(n)))),
    ),
    // Issue 16.2: cold calls (credentials expired; code caches, fallback region and indexes kept),
    // and the first hit after a change of the config (its index gone: the file read whole).
    ...(cold
      ? [
          ...[3, 3000].flatMap((n) =>
            Object.entries(kinds).map(([kind, make]) =>
              row(`${kind} cold, ${n} profiles`, make(at(n)), box.clearEntries),
            ),
          ),
          ...Object.entries(kinds).map(([kind, make]) =>
            row(`${kind} hit after a change, 3000 profiles`, make(at(3000)), () => box.clearIndexes(sized.files[3000])),
          ),
        ]
      : []),
  ];
  // A cold call fills the cache again, so the hits of the next run find their entry.
  const counts = instructionMedians(cmds, runs);
  printTable(
    `Instructions per run (millions, callgrind, ${runs} alternating runs; without V8's random hash-seed set-up)`,
    countRows(counts, Object.keys(kinds)),
  );
  const coldCalls = cold ? 2 * Object.keys(kinds).length * runs : 0;
  if ((await standIn.counts()).assumeRole !== coldCalls) throw new Error("a measured hit called STS");
  return counts;
}

/** A row per count: median, spread, and how much above its floor (or the same call with a smaller config). */
function countRows(counts, kinds) {
  const base = {
    "npm entry hit": "node -e 0",
    "npm entry, node24 hit": "node24 -e 0",
    "binary hit": "empty node24 SEA",
  };
  for (const kind of kinds) {
    for (const n of [3000, 30000]) base[`${kind} hit, ${n} profiles`] = `${kind} hit`;
    base[`${kind} cold, 3000 profiles`] = `${kind} cold, 3 profiles`;
    base[`${kind} hit after a change, 3000 profiles`] = `${kind} hit, 3000 profiles`;
  }
  const rows = [["", "median M", "min", "max", "n", "above its floor"]];
  for (const [label, s] of Object.entries(counts)) {
    const of = base[label];
    const above =
      of && counts[of]
        ? `${s.median >= counts[of].median ? "+" : ""}${(s.median - counts[of].median).toFixed(2)} M (${of})`
        : "";
    rows.push([label, s.median.toFixed(2), s.min.toFixed(2), s.max.toFixed(2), s.n, above]);
  }
  return rows;
}
