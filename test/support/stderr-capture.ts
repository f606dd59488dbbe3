import { appendFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Suite-wide secret check, part 1: every harness hands each stderr it captures, and every
 * secret it knows (the stand-in's issued keys, the fakes' keys), to these two functions. They
 * append to files in a folder that the global setup (secret-scan.global.ts) creates for the
 * whole vitest run and scans at the end, so one check covers every test file and worker.
 */
export const CAPTURE_DIR_ENV = "REGIONAL_STS_TEST_CAPTURE_DIR";

function append(kind: "stderr" | "secrets", lines: readonly string[]): void {
  const dir = process.env[CAPTURE_DIR_ENV];
  if (!dir || lines.length === 0) return;
  // One JSON string per line: multi-line stderr survives intact; pid keeps workers apart.
  appendFileSync(join(dir, `${kind}-${process.pid}.jsonl`), lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
}

/** Records one captured stderr (of an in-process run or a child process). */
export function recordStderr(text: string): void {
  if (text !== "") append("stderr", [text]);
}

/** Records secrets that must never appear in any captured stderr. */
export function recordSecrets(secrets: readonly string[]): void {
  append(
    "secrets",
    secrets.filter((s) => s.length >= 8),
  );
}
