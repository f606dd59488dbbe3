import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CACHE_FORMAT, type CacheEntry, decodeEntry } from "../../src/cache/entry";
import { type CacheKeyInput, cacheKey } from "../../src/cache/key";
import { sampleEntry } from "../support/cache-entry";

const input: CacheKeyInput = {
  roleArn: "arn:aws:iam::111122223333:role/Deploy",
  sourceProfile: "base",
  sourceFingerprint: "static:AKIABASE",
  roleSessionName: "regional-sts-alice",
  externalId: undefined,
  mfaSerial: undefined,
  sourceIdentity: undefined,
  durationSeconds: 3600,
  partition: "aws",
  stsEndpoint: undefined,
};

describe("cacheKey", () => {
  it("is a stable 40-hex-digit file name for equal inputs", () => {
    expect(cacheKey(input)).toMatch(/^[0-9a-f]{40}$/);
    expect(cacheKey({ ...input })).toBe(cacheKey(input));
  });

  it.each<[string, Partial<CacheKeyInput>]>([
    ["roleArn", { roleArn: "arn:aws:iam::111122223333:role/Other" }],
    ["sourceProfile", { sourceProfile: "other" }],
    ["sourceProfile unset", { sourceProfile: undefined }],
    ["sourceFingerprint", { sourceFingerprint: "static:AKIAOTHER" }],
    ["roleSessionName", { roleSessionName: "regional-sts-bob" }],
    ["externalId", { externalId: "ext-1" }],
    ["mfaSerial", { mfaSerial: "arn:aws:iam::111122223333:mfa/alice" }],
    ["sourceIdentity", { sourceIdentity: "alice" }],
    ["durationSeconds", { durationSeconds: 7200 }],
    ["partition", { partition: "aws-cn" }],
    ["stsEndpoint (an emulator)", { stsEndpoint: "http://localhost:4566" }],
  ])("changes with %s", (_name, change) => {
    expect(cacheKey({ ...input, ...change })).not.toBe(cacheKey(input));
  });

  it("does not depend on the STS or target region (there is no such input)", () => {
    const withRegion = { ...input, stsRegion: "ap-east-1", region: "me-south-1" } as CacheKeyInput;
    expect(cacheKey(withRegion)).toBe(cacheKey(input));
  });

  it("does not confuse values that shift between fields", () => {
    const a = cacheKey({ ...input, externalId: "x", mfaSerial: undefined });
    const b = cacheKey({ ...input, externalId: undefined, mfaSerial: "x" });
    expect(a).not.toBe(b);
  });
});

const NOW = Date.parse("2026-03-01T10:00:00Z");
const KEY = "k".repeat(40);
const entry = (expiration: string, change: Record<string, unknown> = {}): CacheEntry =>
  ({ ...sampleEntry(KEY, expiration), ...change }) as CacheEntry;
const iso = (ms: number) => new Date(ms).toISOString();

describe("decodeEntry", () => {
  it("returns a valid entry with more than 15 minutes left", () => {
    const valid = entry("2026-03-01T11:00:00Z");
    expect(decodeEntry(JSON.stringify(valid), KEY, NOW)).toEqual(valid);
  });

  it.each([
    ["15 min + 1 s left is a hit", iso(NOW + 15 * 60_000 + 1000), true],
    ["exactly 15 min left is a miss", iso(NOW + 15 * 60_000), false],
    ["expired is a miss", iso(NOW - 1000), false],
    ["unparseable expiration is a miss", "soon", false],
  ])("%s", (_name, expiration, hit) => {
    const decoded = decodeEntry(JSON.stringify(entry(expiration)), KEY, NOW);
    expect(decoded !== undefined).toBe(hit);
  });

  // Written at 09:00 for 3600 s, read at 09:30: it cannot expire after 10:05 (5 minutes for clock offset).
  it.each([
    ["expiring at written-at + duration + 5 min is a hit", "2026-03-01T10:05:00Z", true],
    ["expiring 1 s later than that is a miss", "2026-03-01T10:05:01Z", false],
  ])("%s", (_name, expiration, hit) => {
    const decoded = decodeEntry(JSON.stringify(entry(expiration)), KEY, Date.parse("2026-03-01T09:30:00Z"), 3600);
    expect(decoded !== undefined).toBe(hit);
  });

  const good = JSON.stringify(entry("2026-03-01T11:00:00Z"));
  it.each([
    ["truncated text", good.slice(0, good.length - 5)],
    ["not JSON", "hello"],
    ["empty", ""],
    ["JSON null", "null"],
    ["an array", "[]"],
    ["other format", JSON.stringify(entry("2026-03-01T11:00:00Z", { format: "regional-sts/0" }))],
    ["other key", JSON.stringify(entry("2026-03-01T11:00:00Z", { key: "other" }))],
    ["no credentials", JSON.stringify(entry("2026-03-01T11:00:00Z", { credentials: undefined }))],
    ["credentials a string", JSON.stringify(entry("2026-03-01T11:00:00Z", { credentials: "x" }))],
    [
      "empty secret",
      JSON.stringify(
        entry("2026-03-01T11:00:00Z", {
          credentials: { ...entry("").credentials, expiration: "2026-03-01T11:00:00Z", secretAccessKey: "" },
        }),
      ),
    ],
    ["numeric profile", JSON.stringify(entry("2026-03-01T11:00:00Z", { profile: 7 }))],
  ])("%s is a miss", (_name, text) => {
    expect(decodeEntry(text, KEY, NOW)).toBeUndefined();
  });

  it("never throws: any text is a miss or a well-formed, fresh entry for the key", () => {
    const texts = fc.oneof(
      fc.string(),
      fc.json(),
      fc.constantFrom(good).chain((g) => fc.nat(g.length).map((n) => g.slice(0, n))),
      fc.anything().map((v) => JSON.stringify({ ...entry("2026-03-01T11:00:00Z"), credentials: v }) ?? ""),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const decoded = decodeEntry(text, KEY, NOW);
        if (decoded === undefined) return;
        expect(decoded.format).toBe(CACHE_FORMAT);
        expect(decoded.key).toBe(KEY);
        expect(Date.parse(decoded.credentials.expiration) - NOW).toBeGreaterThan(15 * 60_000);
        for (const k of ["accessKeyId", "secretAccessKey", "sessionToken", "accountId"] as const) {
          expect(typeof decoded.credentials[k]).toBe("string");
        }
      }),
      { numRuns: 500 },
    );
  });
});
