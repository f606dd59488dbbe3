import type { ConfigPaths } from "../config/paths";
import type { AssumeRoleAt } from "./sts";

export interface ConnectOptions {
  profile: string;
  sourceProfile: string | undefined;
  paths: ConfigPaths;
  env: Record<string, string | undefined>;
  caBundle: string | undefined;
  caBundleOrigin?: string;
  useFips: boolean;
  useDualstack: boolean;
  /** The configured STS endpoint (see config/sts-endpoint.ts); undefined for AWS's regional hosts. */
  stsEndpoint?: string;
  mfaCodeProvider: (serial: string) => Promise<string>;
  /** NODE_EXTRA_CA_CERTS when Node did not load it at start (npm's bin defers it: see scripts/build.mjs). */
  extraCaCerts?: string;
  /** Where a warning about extraCaCerts goes (stderr). */
  warn?(message: string): void;
}

/** Resolves the source credentials and returns an AssumeRole caller bound to them. */
export type ConnectSts = (options: ConnectOptions) => Promise<AssumeRoleAt>;
