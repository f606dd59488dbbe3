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
    expiration: toUtcZ(new Date(c.Expiration.getTime() - (client.config.systemClockOffset ?? 0)).toISOString()),
    accountId,
  };
}

function accountOf(arn: string | undefined): string | undefined {
  return arn?.split(":")[4] || undefined;
}
