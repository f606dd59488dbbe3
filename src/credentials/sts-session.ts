import { GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { toUtcZ } from "../output/process-json";
import { sendRecordingHost } from "./record-host";
import { type StsClientOptions, stsClientConfig } from "./sts";
import type { GetSessionTokenAt } from "./types";

/**
 * GetSessionToken through @aws-sdk/client-sts, at a regional endpoint only (`useGlobalEndpoint:
 * false`): regional endpoints issue version 2 tokens, valid in every region of the partition.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
 */
export function makeGetSessionTokenAt(options: StsClientOptions): GetSessionTokenAt {
  return async (region, params) => {
    // The same client settings as AssumeRole's (configured endpoint, FIPS, dual-stack, never global).
    const client = new STSClient({ ...stsClientConfig(options, region), maxAttempts: 3 });
    const command = new GetSessionTokenCommand({
      DurationSeconds: params.durationSeconds,
      SerialNumber: params.serialNumber,
      TokenCode: params.tokenCode,
    });
    const { response, host } = await sendRecordingHost(client, () => client.send(command));
    const c = response.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
      throw new Error(`STS at ${host} returned no credentials`);
    return {
      host,
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        // In this machine's time, as for AssumeRole (src/credentials/sts.ts).
        expiration: toUtcZ(new Date(c.Expiration.getTime() - (client.config.systemClockOffset ?? 0)).toISOString()),
        // The serial's account: an MFA device ARN names the user's account.
        accountId: params.serialNumber.split(":")[4] ?? "",
      },
    };
  };
}
