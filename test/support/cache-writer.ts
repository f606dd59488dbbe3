/**
 * A child for the kill-during-write test: writes cache entries for a few keys in a tight loop,
 * with tokens of random length, until it is killed. Bundled by test/support/bundle.ts.
 * argv: cache folder, entry count to write at most (a bound, so it never runs forever).
 */
import { randomBytes } from "node:crypto";
import { writeSync } from "node:fs";
import { CACHE_FORMAT } from "../../src/cache/entry";
import { writeEntry } from "../../src/cache/write";

export const WRITER_KEYS = ["a".repeat(40), "b".repeat(40), "c".repeat(40)];

export function main(argv: string[]): void {
  const [dir, maxText] = argv;
  const max = Number(maxText ?? "100000");
  const uid = process.getuid?.();
  for (let i = 0; i < max; i++) {
    const key = WRITER_KEYS[i % WRITER_KEYS.length]!;
    // A plausible session: an hour from now (an entry that outlives its session is a miss).
    const now = Date.now();
    writeEntry(
      dir!,
      {
        format: CACHE_FORMAT,
        key,
        profile: "p",
        roleArn: "arn:aws:iam::111122223333:role/R",
        stsRegion: "us-east-1",
        createdAt: new Date(now).toISOString(),
        credentials: {
          accessKeyId: `ASIA${i}`,
          secretAccessKey: "writerSecret",
          sessionToken: randomBytes(512 + Math.floor(Math.random() * 8 * 1024)).toString("base64"),
          expiration: new Date(now + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
          accountId: "111122223333",
        },
      },
      uid,
    );
    if (i === 0) writeSync(1, "ready\n");
  }
}
