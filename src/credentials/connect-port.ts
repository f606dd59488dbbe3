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
  mfaCodeProvider: (serial: string) => Promise<string>;
}

/** Resolves the source credentials and returns an AssumeRole caller bound to them. */
export type ConnectSts = (options: ConnectOptions) => Promise<AssumeRoleAt>;
