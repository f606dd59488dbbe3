import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { toUtcZ } from "../output/process-json";
import { sendRecordingHost } from "./record-host";
import type { Credentials } from "./types";

export interface AssumeRoleParams {
  roleArn: string;
  roleSessionName: string;
  durationSeconds: number;
  externalId?: string;
  sourceIdentity?: string;
  serialNumber?: string;
  tokenCode?: string;
}

export interface AssumeRoleResult {
  credentials: Credentials;
  /** Host name of the STS endpoint that answered. */
  host: string;
}

/** The port the orchestration depends on: AssumeRole at one region's STS endpoint. */
export type AssumeRoleAt = (region: string, params: AssumeRoleParams) => Promise<AssumeRoleResult>;

export interface StsClientOptions {
  source: AwsCredentialIdentityProvider;
  requestHandler: NodeHttpHandler;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  profile: string;
  /**
   * The configured STS endpoint, decided by config/sts-endpoint.ts (it is part of the cache
   * key); the SDK's own lookup of configured endpoints is turned off so the two cannot differ.
   */
  endpoint?: string;
}

/** STS client settings shared by AssumeRole and the doctor's GetCallerIdentity. */
export function stsClientConfig(options: StsClientOptions, region: string) {
  return {
    region,
    credentials: options.source,
    requestHandler: options.requestHandler,
    useFipsEndpoint: options.useFipsEndpoint,
    useDualstackEndpoint: options.useDualstackEndpoint,
    useGlobalEndpoint: false,
    profile: options.profile,
    ignoreConfiguredEndpointUrls: true,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
}

/**
 * AssumeRole through @aws-sdk/client-sts. The host comes from the SDK's endpoint rules
 * (partition, FIPS, dual-stack) or the configured endpoint; `useGlobalEndpoint: false` makes sure
 * AWS_STS_REGIONAL_ENDPOINTS=legacy cannot send us to sts.amazonaws.com.
 */
export function makeAssumeRoleAt(options: StsClientOptions): AssumeRoleAt {
  return async (region, params) => {
    const client = new STSClient({ ...stsClientConfig(options, region), maxAttempts: 3 });
    const command = new AssumeRoleCommand({
      RoleArn: params.roleArn,
      RoleSessionName: params.roleSessionName,
      DurationSeconds: params.durationSeconds,
      ExternalId: params.externalId,
      SourceIdentity: params.sourceIdentity,
      SerialNumber: params.serialNumber,
      TokenCode: params.tokenCode,
    });
    const { response, host } = await sendRecordingHost(client, () => client.send(command));
    const accountId = accountOf(response.AssumedRoleUser?.Arn) ?? params.roleArn.split(":")[4] ?? "";
    return { host, credentials: credentialsFrom(response.Credentials, host, client, accountId) };
  };
}

/**
 * A measured offset smaller than this is the measurement's own noise, not skew: the SDK sets
 * systemClockOffset from every answer's Date header, which counts whole seconds and is read after
 * the round trip, so clocks that agree measure -1 s or more on a slow machine. Shifting the expiry
 * by that noise would make it later than AWS said. AWS refuses signatures only beyond 5 minutes:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
 */
const SKEW_WORTH_CORRECTING_MS = 60_000;

/**
 * Credentials from an STS answer (AssumeRole, GetSessionToken), the expiry in this machine's
 * time: the SDK measured its clock skew (systemClockOffset) when signing.
 */
export function credentialsFrom(
  c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined,
  host: string,
  client: { config: { systemClockOffset?: number } },
  accountId: string,
): Credentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw new Error(`STS at ${host} returned no credentials`);
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: toUtcZ(new Date(c.Expiration.getTime() - skewOf(client.config.systemClockOffset)).toISOString()),
    accountId,
  };
}

function skewOf(offsetMs = 0): number {
  return Math.abs(offsetMs) >= SKEW_WORTH_CORRECTING_MS ? offsetMs : 0;
}

function accountOf(arn: string | undefined): string | undefined {
  return arn?.split(":")[4] || undefined;
}
