// Printing the table and judging the targets of issue 5.
import { ratio } from "./stats.mjs";

const fmt = (x) => (x === undefined || x === null ? "-" : typeof x === "number" ? x.toFixed(1) : String(x));

/** Prints aligned rows; the first row is the header. */
export function printTable(title, rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  console.log(`\n${title}`);
  rows.forEach((row, i) => {
    const cells = row.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c])));
    console.log(`  ${cells.join("  ")}`);
    if (i === 0) console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  });
}

/** Rows for a {label: {median, p95, ...}} map, with a ratio against `base` (a label) if given. */
export function summaryRows(map, base, unit = "ms") {
  const rows = [["", `median ${unit}`, `p95 ${unit}`, "min", "max", "n", base ? `x ${base}` : ""]];
  for (const [label, s] of Object.entries(map)) {
    rows.push([
      label,
      fmt(s.median),
      fmt(s.p95),
      fmt(s.min),
      fmt(s.max),
      s.n,
      base ? ratio(s.median, map[base].median).toFixed(2) : "",
    ]);
  }
  return rows;
}

/**
 * One target: `value` must be at most `limit` (or equal, for `exact`). `judged: false` reports
 * it against the limit without letting it fail the run (Node 20, which the product no longer
 * supports: issue 16 reports it, not judges it).
 */
export function target(name, value, limit, { unit = "", exact = false, note, judged = true } = {}) {
  const pass = exact ? value === limit : value <= limit;
  return { name, value, limit: exact ? `= ${limit}` : `<= ${limit}`, unit, pass, judged, note };
}

/** Whether the run met every target that is judged. */
export const allPass = (targets) => targets.every((t) => t.pass || !t.judged);

export function printTargets(targets) {
  console.log("\nTargets (issues 5 and 16; INFO: reported, not judged)");
  const width = Math.max(...targets.map((t) => t.name.length));
  for (const t of targets) {
    const value = typeof t.value === "number" && !Number.isInteger(t.value) ? t.value.toFixed(2) : t.value;
    const note = t.note ? `  ${t.note}` : "";
    console.log(`  ${verdict(t)}  ${t.name.padEnd(width)}  ${value}${t.unit} (target ${t.limit}${t.unit})${note}`);
  }
}

const verdict = (t) => (!t.judged ? "INFO" : t.pass ? "PASS" : "MISS");
