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
  /** The STS endpoint URL configured (AWS_ENDPOINT_URL_STS, endpoint_url...), undefined for AWS's own. */
  stsEndpoint: string | undefined;
}

/**
 * A file-name-safe hash of the inputs. The STS region is deliberately left out: every regional
 * endpoint issues version 2 tokens, valid in every region of the partition, so profiles that
 * differ only in region share one entry. A configured endpoint is not a region: it may be an
 * emulator, whose credentials must never answer a call meant for AWS.
 */
export function cacheKey(input: CacheKeyInput): string {
  const ordered = [
    "v2", // v2: the STS endpoint and secret digests in the source fingerprint

    input.partition,
    input.roleArn,
    input.sourceProfile ?? "",
    input.sourceFingerprint,
    input.roleSessionName,
    input.externalId ?? "",
    input.mfaSerial ?? "",
    input.sourceIdentity ?? "",
    String(input.durationSeconds),
    input.stsEndpoint ?? "",
  ];
  return sha256Hex(JSON.stringify(ordered)).slice(0, 40);
}

/** The cache key of a profile's validated settings, its source fingerprint and STS endpoint. */
export function cacheKeyFor(
  s: {
    role: { arn: string; partition: string };
    sourceProfile?: string;
    roleSessionName: string;
    externalId?: string;
    mfaSerial?: string;
    sourceIdentity?: string;
    durationSeconds: number;
  },
  chain: { fingerprint: string; stsEndpoint?: string },
): string {
  return cacheKey({
    roleArn: s.role.arn,
    sourceProfile: s.sourceProfile,
    sourceFingerprint: chain.fingerprint,
    stsEndpoint: chain.stsEndpoint,
    roleSessionName: s.roleSessionName,
    externalId: s.externalId,
    mfaSerial: s.mfaSerial,
    sourceIdentity: s.sourceIdentity,
    durationSeconds: s.durationSeconds,
    partition: s.role.partition,
  });
}
