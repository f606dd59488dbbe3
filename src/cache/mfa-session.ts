import { unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Credentials } from "../credentials/types";
import { REFRESH_WINDOW_MS } from "./entry";
import { namesIn } from "./list";
import { readPrivateText } from "./private-file";
import { sha256Hex } from "./sha256";
import { writeFileAtomic } from "./write";

/**
 * An MFA session: GetSessionToken credentials obtained with one MFA code, shared by every role
 * behind the same source keys and device. Kept apart from role entries (own file prefix and
 * format), with the same rules: private, atomic, locked while obtained.
 */
export interface MfaSessionEntry {
  format: typeof MFA_SESSION_FORMAT;
  key: string;
  /** The profile holding the static keys (or "environment"). */
  sourceProfile: string;
  mfaSerial: string;
  partition: string;
  stsRegion: string;
  createdAt: string;
  credentials: Credentials;
}

export const MFA_SESSION_FORMAT = "regional-sts/mfa-session-1";
const FILE = /^mfa-[0-9a-f]{40}\.json$/;

/**
 * Who the session belongs to: the source's identity (its fingerprint from source-chain: access
 * key id and a digest of the secret), the device, the partition, and a configured STS endpoint
 * (an emulator's session must never answer for AWS), as in the role cache key (key.ts).
 */
export function mfaSessionKey(input: {
  partition: string;
  sourceIdentity: string;
  mfaSerial: string;
  stsEndpoint?: string | undefined;
}): string {
  return sha256Hex(
    JSON.stringify(["mfa-session-v1", input.partition, input.sourceIdentity, input.mfaSerial, input.stsEndpoint ?? ""]),
  ).slice(0, 40);
}

export const mfaSessionName = (key: string) => `mfa-${key}.json`;

/** The session, if it has more than the refresh window left (a role assumed with it is cached on its own). */
export function readMfaSession(
  dir: string,
  key: string,
  nowMs: number,
  uid: number | undefined,
): MfaSessionEntry | undefined {
  const text = readPrivateText(dir, mfaSessionName(key), uid);
  const entry = text === undefined ? undefined : decode(text);
  if (!entry || entry.key !== key) return undefined;
  const left = Date.parse(entry.credentials.expiration) - nowMs;
  return Number.isFinite(left) && left > REFRESH_WINDOW_MS ? entry : undefined;
}

export function writeMfaSession(dir: string, entry: MfaSessionEntry, uid: number | undefined): void {
  writeFileAtomic(dir, mfaSessionName(entry.key), JSON.stringify(entry), uid);
}

/** What `cache list` shows of an MFA session: never a key id, secret or token. */
export interface MfaSessionSummary {
  key: string;
  sourceProfile: string;
  mfaSerial: string;
  stsRegion: string;
  createdAt: string;
  expiration: string;
}

/** Every MFA session in the cache folder (damaged files skipped); a missing folder has none. */
export function listMfaSessions(dir: string): MfaSessionSummary[] {
  return namesIn(dir)
    .filter((name) => FILE.test(name))
    .map((name) => {
      let entry: MfaSessionEntry | undefined;
      try {
        entry = decode(readPrivateText(dir, name, undefined) ?? "");
      } catch {
        entry = undefined;
      }
      return (
        entry && {
          key: entry.key,
          sourceProfile: entry.sourceProfile,
          mfaSerial: entry.mfaSerial,
          stsRegion: entry.stsRegion,
          createdAt: entry.createdAt,
          expiration: entry.credentials.expiration,
        }
      );
    })
    .filter((s): s is MfaSessionSummary => s !== undefined)
    .sort((a, b) => a.sourceProfile.localeCompare(b.sourceProfile) || a.mfaSerial.localeCompare(b.mfaSerial));
}

/** Removes every MFA session, or only those of one source profile; returns how many went. */
export function clearMfaSessions(dir: string, sourceProfile: string | undefined): number {
  // Without a profile, damaged session files go too; with one, only sessions known to be its.
  const names =
    sourceProfile === undefined
      ? namesIn(dir).filter((n) => FILE.test(n))
      : listMfaSessions(dir)
          .filter((s) => s.sourceProfile === sourceProfile)
          .map((s) => mfaSessionName(s.key));
  for (const name of names) unlinkSync(join(dir, name));
  return names.length;
}

function decode(text: string): MfaSessionEntry | undefined {
  try {
    const value = JSON.parse(text) as MfaSessionEntry;
    const c = value?.credentials;
    const strings = [
      value?.key,
      value?.sourceProfile,
      value?.mfaSerial,
      value?.partition,
      value?.stsRegion,
      value?.createdAt,
      c?.accessKeyId,
      c?.secretAccessKey,
      c?.sessionToken,
      c?.expiration,
    ];
    return value?.format === MFA_SESSION_FORMAT && strings.every((s) => typeof s === "string" && s !== "")
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}
