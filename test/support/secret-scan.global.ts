import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CAPTURE_DIR_ENV } from "./stderr-capture";

export function readJsonl(dir: string, prefix: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix))
    .flatMap((f) =>
      readFileSync(join(dir, f), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string),
    );
}

/** Secrets recorded so far that appear in any stderr recorded so far (by any worker). */
export function scanCaptures(dir: string): { leaks: string[]; stderrs: string[]; secrets: string[] } {
  const secrets = [...new Set(readJsonl(dir, "secrets-"))];
  const stderrs = readJsonl(dir, "stderr-");
  return { leaks: secrets.filter((secret) => stderrs.some((text) => text.includes(secret))), stderrs, secrets };
}

/**
 * Suite-wide secret check, part 2 (vitest globalSetup): makes the capture folder before any
 * worker starts (workers inherit the variable) and, after the last test file, fails the run
 * if any captured stderr contains any recorded secret.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "regional-sts-capture-"));
  process.env[CAPTURE_DIR_ENV] = dir;
  return () => {
    const { leaks, stderrs, secrets } = scanCaptures(dir);
    rmSync(dir, { recursive: true, force: true });
    if (leaks.length > 0) {
      // vitest reports a teardown error but keeps exit code 0: set it ourselves.
      process.exitCode = 1;
      throw new Error(
        `secret scan: ${leaks.length} secret(s) appeared in captured stderr (first starts ${leaks[0]!.slice(0, 4)}...)`,
      );
    }
    console.log(`secret scan: ${stderrs.length} captured stderr texts, ${secrets.length} secrets, no leak`);
  };
}
