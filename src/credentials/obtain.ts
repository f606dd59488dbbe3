import { recallFallback, rememberFallback } from "../cache/facts";
import type { LoadedConfig } from "../config/load";
import { sdkFiles } from "../config/sdk-files";
import { CHAIN_ENV, profileSection, type SourceChain } from "../config/source-chain";
import type { Settings } from "../config/validate";
import type { Runtime } from "../runtime";
import { stsPlanFor } from "./endpoint-region";
import { type ExplainContext, explainStsError } from "./explain";
import { explainMfaRejection } from "./mfa";
import { getMfaSession, mfaSessionSource } from "./mfa-session";
import type { AssumeRoleParams } from "./sts";
import type { Credentials } from "./types";

export interface Obtained {
  credentials: Credentials;
  stsRegion: string;
  host: string;
}

export interface ObtainRequest {
  settings: Settings;
  chain: SourceChain;
  config: LoadedConfig;
  runtime: Runtime;
  log(message: string): void;
  /** Where remembered facts live; undefined when the cache is off. */
  cacheDir: string | undefined;
}

/**
 * A cache miss: choose the STS region, resolve the source, AssumeRole, and fall back from an
 * opt-in target to a default-enabled region when the caller's account has not enabled it.
 */
export async function obtainCredentials(request: ObtainRequest): Promise<Obtained> {
  const { settings: s, chain, runtime, log } = request;
  const now = runtime.now();
  const sourceRegion = s.sourceProfile ? profileSection(s.sourceProfile, request.config)?.region : undefined;
  const remembered = request.cacheDir ? recallFallback(request.cacheDir, chain.fingerprint, s.region, now) : undefined;
  const plan = stsPlanFor(s, sourceRegion, remembered);
  log(`profile ${s.profile}: STS region ${plan.first} (${plan.reason})`);
  // Children the SDK starts (credential_process of the source profile) inherit the profiles
  // being served above them; each one walks the rest of the chain itself.
  const inherited = runtime.env[CHAIN_ENV];
  runtime.env[CHAIN_ENV] = [inherited, s.profile].filter(Boolean).join(",");
  const mfaCodeProvider = (serial: string) =>
    runtime.readMfaCode({ profile: s.profile, serial, process: s.mfaProcess });
  const source = s.sourceProfile ? `source profile ${s.sourceProfile}` : "the default credential chain";
  const connect = {
    profile: s.profile,
    sourceProfile: s.sourceProfile,
    paths: request.config.paths,
    sdkFiles: sdkFiles(request.config, [s.profile, s.sourceProfile, runtime.env.AWS_PROFILE || "default"]),
    env: runtime.env,
    caBundle: s.caBundle,
    caBundleOrigin: s.caBundleOrigin,
    useFips: s.useFips,
    useDualstack: s.useDualstack,
    ...(chain.stsEndpoint ? { stsEndpoint: chain.stsEndpoint } : {}),
    mfaCodeProvider,
  };
  // One MFA prompt for every role behind the same static keys and device (see mfa-session.ts).
  const sourceIdentity =
    request.cacheDir && runtime.connectSessionToken
      ? mfaSessionSource(s, chain, request.config, runtime.env)
      : undefined;
  const sourceCredentials = sourceIdentity
    ? await getMfaSession({
        settings: s,
        runtime,
        cacheDir: request.cacheDir!,
        sourceIdentity,
        stsEndpoint: chain.stsEndpoint,
        connect,
        plan,
        log,
      })
    : undefined;
  const assumeAt = await runtime.connectSts(sourceCredentials ? { ...connect, sourceCredentials } : connect);
  const params = await assumeRoleParams(sourceCredentials ? { ...s, mfaSerial: undefined } : s, mfaCodeProvider);
  const context = { profile: s.profile, roleArn: s.role.arn, source };
  const explain = (error: unknown, ctx: ExplainContext) =>
    (s.mfaSerial ? explainMfaRejection(error, s.profile, s.mfaSerial) : undefined) ?? explainStsError(error, ctx);
  try {
    const result = await assumeAt(plan.first, params);
    log(`profile ${s.profile}: AssumeRole answered by ${result.host}`);
    return { ...result, stsRegion: plan.first };
  } catch (error) {
    if (!plan.fallback || (error as { name?: string }).name !== "InvalidClientTokenId") {
      throw explain(error, { ...context, region: plan.first, host: hostOf(error) });
    }
    log(
      `profile ${s.profile}: sts.${plan.first} answered InvalidClientTokenId: ` +
        `the source account has not enabled ${plan.first}; falling back to ${plan.fallback}`,
    );
  }
  try {
    const result = await assumeAt(plan.fallback, params);
    log(`profile ${s.profile}: AssumeRole answered by ${result.host}`);
    if (request.cacheDir) rememberQuietly(request, plan.fallback, now);
    return { ...result, stsRegion: plan.fallback };
  } catch (error) {
    throw explain(error, { ...context, region: plan.fallback, host: hostOf(error) });
  }
}

/**
 * AssumeRole's parameters for a profile, as credential-process sends them; asks for the MFA code
 * when mfa_serial is set.
 */
export async function assumeRoleParams(
  s: Settings,
  mfaCodeProvider: (serial: string) => Promise<string>,
): Promise<AssumeRoleParams> {
  const params: AssumeRoleParams = {
    roleArn: s.role.arn,
    roleSessionName: s.roleSessionName,
    durationSeconds: s.durationSeconds,
    ...(s.externalId ? { externalId: s.externalId } : {}),
    ...(s.sourceIdentity ? { sourceIdentity: s.sourceIdentity } : {}),
  };
  if (s.mfaSerial) {
    params.serialNumber = s.mfaSerial;
    params.tokenCode = await mfaCodeProvider(s.mfaSerial);
  }
  return params;
}

function rememberQuietly(request: ObtainRequest, fallback: string, now: number): void {
  try {
    rememberFallback(
      request.cacheDir!,
      request.chain.fingerprint,
      request.settings.region,
      fallback,
      now,
      request.runtime.uid,
    );
  } catch {
    // Only an optimisation: the next cold call tries the target's endpoint again.
  }
}

function hostOf(error: unknown): string {
  return (error as { $host?: string }).$host ?? "";
}
