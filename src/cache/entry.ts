/** Credentials as regional-sts stores and prints them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** RFC 3339, UTC, with Z. */
  expiration: string;
  accountId: string;
}

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

/** Decodes a cache file's text; anything unexpected is a miss (undefined), never an exception. */
export function decodeEntry(text: string, key: string, nowMs: number): CacheEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isEntry(value) || value.key !== key) return undefined;
  const expiresMs = Date.parse(value.credentials.expiration);
  if (!Number.isFinite(expiresMs) || expiresMs - nowMs <= REFRESH_WINDOW_MS) return undefined;
  return value;
}

function isEntry(value: unknown): value is CacheEntry {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const c = v.credentials as Record<string, unknown> | undefined;
  const strings = (o: Record<string, unknown>, keys: string[]) => keys.every((k) => typeof o[k] === "string" && o[k] !== "");
  return (
    v.format === CACHE_FORMAT &&
    strings(v, ["key", "profile", "roleArn", "stsRegion", "createdAt"]) &&
    typeof c === "object" && c !== null &&
    strings(c, ["accessKeyId", "secretAccessKey", "sessionToken", "expiration", "accountId"])
  );
}
