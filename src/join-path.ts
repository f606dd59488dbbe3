import { join, sep } from "node:path";

/**
 * path.join for the paths a cache hit builds from a base such as HOME, XDG_CACHE_HOME or
 * __dirname and plain names. Node's join normalizes its result in a loop that V8 compiles on
 * first use (a measurable part of a cache hit: docs/performance.md), for bases that are already normal. The result
 * names the same file as path.join's; only `.` or `..` inside the base stay as they are. Where
 * the separator is not `/` (Windows), or the base is empty, it is path.join.
 */
export function joinPath(base: string, ...names: string[]): string {
  if (sep !== "/" || base === "") return join(base, ...names);
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === 47) end--;
  return [base.slice(0, end), ...names].join("/");
}
