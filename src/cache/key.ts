import { createHash } from "node:crypto";

/** Everything that changes which credentials AssumeRole returns. */
export interface CacheKeyInput {
  roleArn: string;
  sourceProfile: string | undefined;
  /** Identifies the source credentials (access key id, SSO session, process line): see source-chain. */
  sourceFingerprint: string;
  roleSessionName: string;
  externalId: string | undefined;
  mfaSerial: string | undefined;
  sourceIdentity: string | undefined;
  durationSeconds: number;
  partition: string;
}

/**
 * A file-name-safe hash of the inputs. The STS region is deliberately left out: every regional
 * endpoint issues version 2 tokens, valid in every region of the partition, so profiles that
 * differ only in region share one entry.
 */
export function cacheKey(input: CacheKeyInput): string {
  const ordered = [
    "v1",
    input.partition,
    input.roleArn,
    input.sourceProfile ?? "",
    input.sourceFingerprint,
    input.roleSessionName,
    input.externalId ?? "",
    input.mfaSerial ?? "",
    input.sourceIdentity ?? "",
    String(input.durationSeconds),
  ];
  return createHash("sha256").update(JSON.stringify(ordered)).digest("hex").slice(0, 40);
}
