import { join } from "node:path";
import { ensurePrivateFolder } from "../cache/folder";
import { lockOrWait } from "../cache/lock";
import {
  MFA_SESSION_FORMAT,
  mfaSessionKey,
  mfaSessionName,
  readMfaSession,
  writeMfaSession,
} from "../cache/mfa-session";
import type { LoadedConfig } from "../config/load";
import { profileSection, type SourceChain } from "../config/source-chain";
import type { Settings } from "../config/validate";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";
import { explainMfaRejection } from "./mfa";
import type { ConnectOptions, Credentials } from "./types";

/**
 * The source identity an MFA session is keyed on, when the profile can use one: mfa_serial set
 * and long-term source keys (a profile's static keys, or environment keys without a session
 * token). Role, SSO and process sources cannot call GetSessionToken, so they keep per-role MFA.
 */
export function mfaSessionSource(
  s: Settings,
  chain: SourceChain,
  config: LoadedConfig,
  env: Record<string, string | undefined>,
): string | undefined {
  if (!s.mfaSerial) return undefined;
  const first = chain.fingerprint.split("|")[0] ?? "";
  if (first.startsWith("env:")) return env.AWS_SESSION_TOKEN ? undefined : first;
  if (!first.startsWith("static:")) return undefined;
  const source = chain.profiles[1];
  return source && profileSection(source, config)?.aws_session_token ? undefined : first;
}

export interface MfaSessionRequest {
  settings: Settings;
  runtime: Runtime;
  cacheDir: string;
  sourceIdentity: string;
  /** The configured STS endpoint, if any (part of the key). */
  stsEndpoint: string | undefined;
  connect: ConnectOptions;
  plan: { first: string; fallback?: string | undefined };
  log(message: string): void;
}

/**
 * Credentials of the MFA session for this source and device: from the cache, or one prompt and
 * one GetSessionToken shared by every concurrent caller through a lock file, then cached.
 */
export async function getMfaSession(request: MfaSessionRequest): Promise<Credentials> {
  const { settings: s, runtime, cacheDir: dir } = request;
  const serial = s.mfaSerial!;
  const key = mfaSessionKey({
    partition: s.role.partition,
    sourceIdentity: request.sourceIdentity,
    mfaSerial: serial,
    stsEndpoint: request.stsEndpoint,
  });
  const read = () => readMfaSession(dir, key, runtime.now(), runtime.uid)?.credentials;
  const hit = read();
  if (hit) {
    request.log(`profile ${s.profile}: using the cached MFA session of ${serial}`);
    return hit;
  }
  const seconds = s.mfaSessionSeconds;
  ensurePrivateFolder(dir, runtime.uid);
  const lockOptions = {
    pid: runtime.pid,
    now: runtime.now,
    processAlive: runtime.processAlive,
    wakeOn: [mfaSessionName(key)],
  };
  const outcome = await lockOrWait(join(dir, `mfa-${key}.lock`), read, lockOptions);
  if ("value" in outcome) return outcome.value;
  try {
    const tokenCode = await runtime.readMfaCode({ profile: s.profile, serial, process: s.mfaProcess });
    const getAt = await runtime.connectSessionToken!(request.connect);
    const params = { durationSeconds: seconds, serialNumber: serial, tokenCode };
    const call = (region: string) => getAt(region, params).then((r) => ({ ...r, region }));
    let result: Awaited<ReturnType<typeof call>>;
    try {
      result = await call(request.plan.first);
    } catch (error) {
      // As for AssumeRole: an account that has not enabled the target region is refused there
      // before the code is looked at, so the same code is good at the fallback.
      if (!request.plan.fallback || (error as { name?: string }).name !== "InvalidClientTokenId")
        throw explain(error, s.profile, serial);
      result = await call(request.plan.fallback).catch((e: unknown) => Promise.reject(explain(e, s.profile, serial)));
    }
    request.log(`profile ${s.profile}: MFA session of ${serial} obtained from ${result.host} for ${seconds} s`);
    writeMfaSession(
      dir,
      {
        format: MFA_SESSION_FORMAT,
        key,
        sourceProfile: s.sourceProfile ?? "(default credentials)",
        mfaSerial: serial,
        partition: s.role.partition,
        stsRegion: result.region,
        createdAt: new Date(runtime.now()).toISOString(),
        credentials: result.credentials,
      },
      runtime.uid,
    );
    return result.credentials;
  } finally {
    outcome.release();
  }
}

function explain(error: unknown, profile: string, serial: string): UserError {
  if (error instanceof UserError) return error;
  const e = error as { name?: string; message?: string; $host?: string };
  const at = e.$host ? ` at ${e.$host}` : "";
  return (
    explainMfaRejection(error, profile, serial) ??
    new UserError(
      `profile ${profile}: GetSessionToken for the MFA session of ${serial}${at} failed: ${e.name ?? "Error"}: ` +
        `${(e.message ?? String(error)).split(/\r?\n/)[0]!.trim()}`,
      1,
      "Sts",
      { cause: error, hint: "check the source keys are an IAM user's long-term keys" },
    )
  );
}
