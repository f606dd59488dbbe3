import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256Hex } from "./sha256";
import { writeFileAtomic } from "./write";

const FACTS_FILE = "region-fallbacks.json";
/** Re-try the target's own endpoint after a week: the account may have enabled the region since. */
const FACT_TTL_MS = 7 * 24 * 3600 * 1000;

type Facts = Record<string, { stsRegion: string; at: number }>;

function factKey(sourceFingerprint: string, targetRegion: string): string {
  return sha256Hex(`${sourceFingerprint}\n${targetRegion}`).slice(0, 32);
}

function readFacts(dir: string): Facts {
  try {
    const value: unknown = JSON.parse(readFileSync(join(dir, FACTS_FILE), "utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Facts) : {};
  } catch {
    return {};
  }
}

/** The fallback STS region remembered for these source credentials and this target, if fresh. */
export function recallFallback(
  dir: string,
  sourceFingerprint: string,
  targetRegion: string,
  nowMs: number,
): string | undefined {
  const fact = readFacts(dir)[factKey(sourceFingerprint, targetRegion)];
  if (!fact || typeof fact.stsRegion !== "string" || typeof fact.at !== "number") return undefined;
  return nowMs - fact.at < FACT_TTL_MS ? fact.stsRegion : undefined;
}

/** Remembers that the source account has not enabled `targetRegion`, so the next cold call skips it. */
export function rememberFallback(
  dir: string,
  sourceFingerprint: string,
  targetRegion: string,
  stsRegion: string,
  nowMs: number,
  uid: number | undefined,
): void {
  const facts = readFacts(dir);
  facts[factKey(sourceFingerprint, targetRegion)] = { stsRegion, at: nowMs };
  writeFileAtomic(dir, FACTS_FILE, JSON.stringify(facts), uid);
}
