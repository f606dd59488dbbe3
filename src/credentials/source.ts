import { fromIni, fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { programOf } from "../config/command-line";
import type { ConfigPaths } from "../config/paths";
import { UserError } from "../errors";

export interface SourceOptions {
  profile: string;
  sourceProfile: string | undefined;
  paths: ConfigPaths;
  requestHandler: NodeHttpHandler;
  /** Asked for an MFA code when a source profile of the standard kind (role_arn + mfa_serial) needs one. */
  mfaCodeProvider?: (serial: string) => Promise<string>;
}

/**
 * Source credentials through the SDK's own providers, so static keys, SSO, credential_process
 * and standard role profiles mean exactly what they mean to the SDKs. Resolved once, here, so
 * a missing or broken source fails with the source profile named.
 */
export async function resolveSource(options: SourceOptions): Promise<AwsCredentialIdentityProvider> {
  const clientConfig = { requestHandler: options.requestHandler };
  const provider = options.sourceProfile
    ? fromIni({
        profile: options.sourceProfile,
        filepath: options.paths.credentialsFile,
        configFilepath: options.paths.configFile,
        ignoreCache: true,
        clientConfig,
        ...(options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {}),
      })
    : fromNodeProviderChain({ clientConfig, ignoreCache: true });
  let identity: AwsCredentialIdentity;
  try {
    identity = await provider();
  } catch (error) {
    const from = options.sourceProfile
      ? `source profile ${options.sourceProfile}`
      : "the default credential chain (no regional_sts_source_profile)";
    const { detail, cause } = withoutCommandLine(error, options);
    const fix = options.sourceProfile
      ? `check [profile ${options.sourceProfile}] has working credentials`
      : `set regional_sts_source_profile in [profile ${options.profile}]`;
    throw new UserError(
      `profile ${options.profile}: no source credentials from ${from}: ${detail}`,
      1,
      "NoSourceCredentials",
      { cause, hint: fix },
    );
  }
  return async () => identity;
}

/**
 * The SDK's process provider fails with Node's exec message, "Command failed: <whole command
 * line>\n<the child's stderr>": either may hold a secret (`--api-key=...`, a token the program
 * printed). Name the program only, in the message and in the cause --verbose prints (its stack
 * frames are kept, its text is not).
 */
function withoutCommandLine(error: unknown, options: SourceOptions): { detail: string; cause: unknown } {
  const detail = inOurWords(firstLine((error as Error)?.message ?? String(error)), options);
  const failed = /^Command failed: (.*)$/.exec(detail);
  if (!failed) return { detail, cause: error };
  const said =
    `credential_process ${programOf(failed[1]!)} failed (its arguments and output are not shown: ` +
    `they may hold secrets)`;
  const frames = ((error as Error).stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const cause = new Error(said);
  cause.stack = [`Error: ${said}`, ...frames].join("\n");
  return { detail: said, cause };
}

/**
 * The SDK's reason in our voice: its "profile not found" sentence is said plainly, and any other
 * line loses its final period (it is quoted inside ours).
 */
function inOurWords(line: string, options: SourceOptions): string {
  if (/Could not resolve credentials using profile/.test(line)) {
    return (
      `no keys, SSO, credential_process or role for it in ${options.paths.configFile} or ` +
      `${options.paths.credentialsFile}`
    );
  }
  return line.replace(/\.$/, "");
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((line) => line.trim() !== "") ?? text).trim();
}
