import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { connectSource } from "../credentials/connect-source";
import { sendRecordingHost } from "../credentials/record-host";
import { makeAssumeRoleAt, type StsClientOptions, stsClientConfig } from "../credentials/sts";
import type { ConnectOptions } from "../credentials/types";
import { readGlobalEndpointTokenVersion } from "./iam-summary";
import type { DoctorAws, Identity } from "./port";

/** The real ConnectDoctor: loads the AWS SDK, so it is imported by `doctor` only. */
export async function connectDoctor(options: ConnectOptions): Promise<DoctorAws> {
  const sts = await connectSource(options);
  return {
    sourceIdentity: (region) => callerIdentity(sts, region),
    globalEndpointTokenVersion: async (partition) =>
      readGlobalEndpointTokenVersion({ credentials: sts.source, partition, requestHandler: sts.requestHandler }),
    assumeRole: makeAssumeRoleAt(sts),
    identityWith: (c, region) =>
      callerIdentity(
        {
          ...sts,
          source: async () => ({
            accessKeyId: c.accessKeyId,
            secretAccessKey: c.secretAccessKey,
            sessionToken: c.sessionToken,
          }),
        },
        region,
      ),
  };
}

/** GetCallerIdentity at one region's own endpoint (never the global one: doctor tests regions). */
async function callerIdentity(sts: StsClientOptions, region: string): Promise<Identity> {
  const client = new STSClient({ ...stsClientConfig(sts, region), maxAttempts: 2 });
  const { response, host } = await sendRecordingHost(client, () => client.send(new GetCallerIdentityCommand({})));
  return { arn: response.Arn ?? "", account: response.Account ?? "", host };
}
