import { sha256Hex } from "./sha256";

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
  return sha256Hex(JSON.stringify(ordered)).slice(0, 40);
}

/** The cache key of a profile's validated settings and its source fingerprint. */
export function cacheKeyFor(
  s: { role: { arn: string; partition: string }; sourceProfile?: string; roleSessionName: string; externalId?: string; mfaSerial?: string; sourceIdentity?: string; durationSeconds: number },
  sourceFingerprint: string,
): string {
  return cacheKey({
    roleArn: s.role.arn,
    sourceProfile: s.sourceProfile,
    sourceFingerprint,
    roleSessionName: s.roleSessionName,
    externalId: s.externalId,
    mfaSerial: s.mfaSerial,
    sourceIdentity: s.sourceIdentity,
    durationSeconds: s.durationSeconds,
    partition: s.role.partition,
  });
}
