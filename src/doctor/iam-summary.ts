import { GetAccountSummaryCommand, IAMClient } from "@aws-sdk/client-iam";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { FALLBACK_STS_REGION } from "../config/regions";
import { sendRecordingHost } from "../credentials/record-host";

export interface SummaryRequest {
  credentials: AwsCredentialIdentityProvider;
  partition: string;
  requestHandler: NodeHttpHandler;
}

/**
 * iam:GetAccountSummary -> GlobalEndpointTokenVersion (1 or 2). IAM is global per partition; the
 * SDK's endpoint rules pick its host from any region of the partition (AWS_ENDPOINT_URL_IAM
 * still overrides it). https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html
 */
export async function readGlobalEndpointTokenVersion(request: SummaryRequest): Promise<number | undefined> {
  const region = FALLBACK_STS_REGION[request.partition] ?? "us-east-1";
  const client = new IAMClient({
    region,
    credentials: request.credentials,
    requestHandler: request.requestHandler,
    maxAttempts: 2,
  });
  const { response } = await sendRecordingHost(client, () => client.send(new GetAccountSummaryCommand({})));
  return response.SummaryMap?.GlobalEndpointTokenVersion;
}
