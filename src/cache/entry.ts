import type { Credentials } from "../credentials/types";

/** One cache file. `format` changes whenever the shape does; other formats are misses. */
export interface CacheEntry {
  format: typeof CACHE_FORMAT;
  key: string;
  profile: string;
  roleArn: string;
  stsRegion: string;
  createdAt: string;
  credentials: Credentials;
}

export const CACHE_FORMAT = "regional-sts/1";

/**
 * Credentials with this much or less left are never handed out: botocore calls the process
 * again below 15 minutes and fails below 10; the JS SDK refreshes below 5.
 * https://github.com/boto/botocore/blob/develop/botocore/credentials.py (_advisory_refresh_timeout)
 */
export const REFRESH_WINDOW_MS = 15 * 60 * 1000;

/**
 * Clock offset allowed between this machine and STS when judging an entry's lifetime: STS sets
 * the expiry by its own clock (the SDK corrects for the skew it measures when signing). Five
 * minutes is what SigV4 itself tolerates.
 */
export const CLOCK_ALLOWANCE_MS = 5 * 60 * 1000;
/** The longest session AssumeRole grants (duration_seconds at most 43200). */
const MAX_LIFETIME_S = 43200;

/**
 * Decodes a cache file's text; anything unexpected is a miss (undefined), never an exception.
 * An entry that claims to live longer than the session it was written for (an emulator that
 * answered an expiry of 2099, a hand-edited file), or to be written in the future, is a miss too.
 */
export function decodeEntry(
  text: string,
  key: string,
  nowMs: number,
  lifetimeS = MAX_LIFETIME_S,
): CacheEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isEntry(value) || value.key !== key) return undefined;
  const expiresMs = Date.parse(value.credentials.expiration);
  if (!Number.isFinite(expiresMs) || expiresMs - nowMs <= REFRESH_WINDOW_MS) return undefined;
  const writtenMs = Date.parse(value.createdAt);
  if (!(writtenMs <= nowMs + CLOCK_ALLOWANCE_MS)) return undefined; // also NaN
  if (expiresMs > writtenMs + lifetimeS * 1000 + CLOCK_ALLOWANCE_MS) return undefined;
  return value;
}

function isEntry(value: unknown): value is CacheEntry {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const c = v.credentials as Record<string, unknown> | undefined;
  const strings = (o: Record<string, unknown>, keys: string[]) =>
    keys.every((k) => typeof o[k] === "string" && o[k] !== "");
  return (
    v.format === CACHE_FORMAT &&
    strings(v, ["key", "profile", "roleArn", "stsRegion", "createdAt"]) &&
    typeof c === "object" &&
    c !== null &&
    strings(c, ["accessKeyId", "secretAccessKey", "sessionToken", "expiration", "accountId"])
  );
}
