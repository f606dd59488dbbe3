import { GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { sendRecordingHost } from "./record-host";
import { credentialsFrom, type StsClientOptions, stsClientConfig } from "./sts";
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
    // The serial's account: an MFA device ARN names the user's account.
    const accountId = params.serialNumber.split(":")[4] ?? "";
    return { host, credentials: credentialsFrom(response.Credentials, host, client, accountId) };
  };
}
