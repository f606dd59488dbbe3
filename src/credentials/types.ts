import type { ConfigPaths } from "../config/paths";
import type { SdkFiles } from "../config/sdk-files";
import type { Flags } from "../config/settings";
import type { Settings } from "../config/validate";
import type { AssumeRoleAt } from "./sts";

/** Credentials as regional-sts stores and prints them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** RFC 3339, UTC, with Z. */
  expiration: string;
  accountId: string;
}

/** What a command asks getCredentials for. */
export interface CredentialsRequest {
  profile: string;
  flags: Flags;
  useCache: boolean;
  /**
   * `refresh`: never serve an entry written before this time (ms); assume the role anew unless
   * another caller just did.
   */
  freshSince?: number;
  log(message: string): void;
  warn(message: string): void;
}

/** What getCredentials (a hit) or fillCache (a miss) answers. */
export interface Resolved {
  credentials: Credentials;
  settings: Settings;
  fromCache: boolean;
  /** Set on a miss: whether the credentials are now in the cache for the next caller. */
  cached?: boolean;
}

/** How to reach STS for one profile: what connect.ts (the SDK bundle) needs to build the caller. */
export interface ConnectOptions {
  profile: string;
  sourceProfile: string | undefined;
  paths: ConfigPaths;
  /** What the SDK reads in place of the two files (see config/sdk-files.ts); absent: the files. */
  sdkFiles?: SdkFiles;
  env: Record<string, string | undefined>;
  caBundle: string | undefined;
  caBundleOrigin?: string;
  useFips: boolean;
  useDualstack: boolean;
  /** The configured STS endpoint (see config/sts-endpoint.ts); undefined for AWS's regional hosts. */
  stsEndpoint?: string;
  mfaCodeProvider: (serial: string) => Promise<string>;
  /** Credentials to call STS with instead of the source profile's (an MFA session's). */
  sourceCredentials?: Pick<Credentials, "accessKeyId" | "secretAccessKey" | "sessionToken">;
}

/** Resolves the source credentials and returns an AssumeRole caller bound to them (the Runtime's port to the SDK). */
export type ConnectSts = (options: ConnectOptions) => Promise<AssumeRoleAt>;

export interface SessionTokenParams {
  durationSeconds: number;
  serialNumber: string;
  tokenCode: string;
}

/** GetSessionToken at one region's STS endpoint, with the source profile's long-term keys. */
export type GetSessionTokenAt = (
  region: string,
  params: SessionTokenParams,
) => Promise<{ credentials: Credentials; host: string }>;

/** Resolves the source credentials and returns a GetSessionToken caller bound to them. */
export type ConnectSessionToken = (options: ConnectOptions) => Promise<GetSessionTokenAt>;
