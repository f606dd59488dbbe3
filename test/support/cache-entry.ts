import { CACHE_FORMAT, type CacheEntry } from "../../src/cache/entry";

/** A valid cache entry (profile hk, role Deploy in 111122223333, created 2026-03-01T09:00Z) under `key`. */
export function sampleEntry(key: string, expiration: string): CacheEntry {
  return {
    format: CACHE_FORMAT,
    key,
    profile: "hk",
    roleArn: "arn:aws:iam::111122223333:role/Deploy",
    stsRegion: "ap-east-1",
    createdAt: "2026-03-01T09:00:00.000Z",
    credentials: {
      accessKeyId: "ASIAFAKE",
      secretAccessKey: "s3cret",
      sessionToken: "tok",
      expiration,
      accountId: "111122223333",
    },
  };
}
