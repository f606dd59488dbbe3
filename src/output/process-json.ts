import type { Credentials } from "../credentials/types";

/**
 * The credential_process document every SDK reads: Version 1, keys, and an RFC 3339 UTC
 * expiration with Z (Go rejects a time without a zone; JS would read it as local time).
 * https://docs.aws.amazon.com/cli/v1/userguide/cli-configure-sourcing-external.html
 */
export function formatProcessJson(credentials: Credentials): string {
  return `${JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: toUtcZ(credentials.expiration),
    AccountId: credentials.accountId,
  })}\n`;
}

const UTC_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Normalises any parseable time to `YYYY-MM-DDTHH:MM:SSZ` (cached entries already are). */
export function toUtcZ(time: string): string {
  if (UTC_Z.test(time)) return time;
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}
