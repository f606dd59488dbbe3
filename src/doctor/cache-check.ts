import { lstatSync } from "node:fs";
import { REFRESH_WINDOW_MS } from "../cache/entry";
import { cacheKeyFor } from "../cache/key";
import { readEntrySummary } from "../cache/list";
import { entryPath } from "../cache/read-entry";
import type { SourceChain } from "../config/source-chain";
import type { Settings } from "../config/validate";
import type { Runtime } from "../runtime";
import { type Finding, failed, routine, warning } from "./findings";

/** Check 6: where the cache is, whether it is private, and this profile's entry (read only). */
export function checkCache(settings: Settings | undefined, chain: SourceChain | undefined, runtime: Runtime): Finding {
  const dir = runtime.cacheDir;
  let mode: number;
  try {
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink())
      return failed("cache", `cache folder ${dir} is a symbolic link, which regional-sts refuses`, `remove ${dir}`);
    if (runtime.uid !== undefined && stat.uid !== runtime.uid)
      return failed("cache", `cache folder ${dir} belongs to user ${stat.uid}, not to you`, `remove ${dir}`);
    mode = stat.mode & 0o777;
  } catch {
    return routine("cache", `${dir} does not exist yet; regional-sts creates it (mode 0700) on first use`);
  }
  const entry = settings && chain ? describeEntry(dir, settings, chain, runtime.now()) : "";
  if (mode !== 0o700) {
    return warning(
      "cache",
      `${dir} has mode 0${mode.toString(8)}, not 0700${entry}`,
      `chmod 700 ${dir} (regional-sts also tightens it on its next write)`,
    );
  }
  return routine("cache", `${dir} (mode 0700)${entry}`);
}

function describeEntry(dir: string, s: Settings, chain: SourceChain, nowMs: number): string {
  const key = cacheKeyFor(s, chain);
  const entry = readEntrySummary(entryPath(dir, key));
  if (!entry) return `; no entry for profile ${s.profile}`;
  const leftMs = Date.parse(entry.expiration) - nowMs;
  const minutes = Math.floor(leftMs / 60_000);
  if (leftMs <= REFRESH_WINDOW_MS) {
    return (
      `; the entry for profile ${s.profile} ${leftMs > 0 ? `has only ${minutes} minutes left` : "has expired"}, ` +
      `so the next call assumes the role again`
    );
  }
  return `; entry for profile ${s.profile} valid ${minutes} more minutes (until ${entry.expiration})`;
}
