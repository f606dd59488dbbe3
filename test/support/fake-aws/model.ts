/** Accounts, users, roles and issued credentials known to the fake. */
import { createHash, randomBytes } from "node:crypto";
import type { Partition } from "./regions.js";

export interface UserConfig {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** iam:GetAccountSummary is refused with AccessDenied for this user. */
  denyGetAccountSummary?: boolean;
}

export interface AccountConfig {
  id: string;
  partition?: Partition;
  users?: UserConfig[];
  /** Version of tokens the global endpoint issues to callers from this account (default 1). */
  globalEndpointTokenVersion?: 1 | 2;
  /** Opt-in regions this account has enabled. */
  enabledOptInRegions?: string[];
  /** Regions whose STS endpoint is deactivated for this account (RegionDisabledException). */
  stsDisabledRegions?: string[];
}

export interface RoleConfig {
  arn: string;
  /** Account ids whose principals may assume the role. */
  trustedAccounts: string[];
  maxSessionDurationSeconds?: number;
  externalId?: string;
  mfaRequired?: boolean;
}

export interface Scenario {
  accounts: AccountConfig[];
  roles: RoleConfig[];
  /** MFA device serial → code currently accepted. */
  mfaCodes?: Record<string, string>;
}

export interface ParsedRoleArn {
  partition: string;
  account: string;
  name: string;
}

export function parseRoleArn(arn: string): ParsedRoleArn | undefined {
  const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, account: m[2]!, name: m[3]! };
}

/** Credentials handed out by AssumeRole. */
export interface IssuedCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  tokenVersion: 1 | 2;
  accountId: string;
  roleArn: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  /** Host of the STS endpoint that issued the credentials. */
  issuedBy: string;
  sourceIdentity?: string;
  /** Whether this session was itself obtained by role chaining or from another role session. */
  fromRoleSession: boolean;
  /** Assumed with any session credentials (a role session or a GetSessionToken session). */
  assumedWithSession?: boolean;
  /** Set for GetSessionToken sessions: the IAM user they belong to (not a role session). */
  userName?: string;
  /** The session was obtained with an MFA code (aws:MultiFactorAuthPresent in trust policies). */
  mfaAuthenticated?: boolean;
}

/** Who signed a request. */
export interface Caller {
  kind: "user" | "role";
  account: AccountConfig;
  arn: string;
  userId: string;
  accessKeyId: string;
  user?: UserConfig;
  session?: IssuedCredential;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let s = prefix;
  for (let i = 0; s.length < length; i++) s += ALNUM[bytes[i]! % ALNUM.length];
  return s;
}

/** Stable pseudo unique id (e.g. AROA… for a role, AIDA… for a user). */
export function stableId(prefix: string, seed: string): string {
  const digest = createHash("sha256").update(seed).digest();
  let s = prefix;
  for (let i = 0; s.length < 21; i++) s += ALNUM[digest[i]! % ALNUM.length];
  return s;
}

/** Version 1 tokens start like real ones (FwoGZXIvYXdzE…); version 2 (IQoJb3JpZ2lu…) are longer. */
export function makeSessionToken(version: 1 | 2): string {
  const prefix = version === 1 ? "FwoGZXIvYXdzE" : "IQoJb3JpZ2luX2VjE";
  const body = randomBytes(version === 1 ? 260 : 760).toString("base64");
  return prefix + body;
}

/** Version of a token this fake issued, judged from its shape. */
export function tokenVersionOf(token: string): 1 | 2 | undefined {
  if (token.startsWith("FwoGZXIvYXdzE")) return 1;
  if (token.startsWith("IQoJb3JpZ2lu")) return 2;
  return undefined;
}

export function partitionOfAccount(a: AccountConfig): Partition {
  return a.partition ?? "aws";
}
