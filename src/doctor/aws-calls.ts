import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import type { ConnectOptions } from "../credentials/connect-port";
import { makeRequestHandler } from "../credentials/http";
import { resolveSource } from "../credentials/source";
import { makeAssumeRoleAt } from "../credentials/sts";
import { readGlobalEndpointTokenVersion } from "./iam-summary";
import type { DoctorAws, Identity } from "./port";

/** The real ConnectDoctor: loads the AWS SDK, so it is imported by `doctor` only. */
export async function connectDoctor(options: ConnectOptions): Promise<DoctorAws> {
  const requestHandler = makeRequestHandler({ env: options.env, caBundle: options.caBundle });
  const source = await resolveSource({
    profile: options.profile,
    sourceProfile: options.sourceProfile,
    paths: options.paths,
    requestHandler,
    mfaCodeProvider: options.mfaCodeProvider,
  });
  const endpoint = { useFipsEndpoint: options.useFips, useDualstackEndpoint: options.useDualstack, profile: options.profile };
  return {
    sourceIdentity: (region) => callerIdentity(source, region, requestHandler, endpoint),
    globalEndpointTokenVersion: async (partition) =>
      readGlobalEndpointTokenVersion({ credentials: source, partition, requestHandler }),
    assumeRole: makeAssumeRoleAt({ source, requestHandler, ...endpoint }),
    identityWith: (c, region) =>
      callerIdentity(async () => ({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken }), region, requestHandler, endpoint),
  };
}

interface EndpointOptions {
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  profile: string;
}

/** GetCallerIdentity at one region's own endpoint (never the global one: doctor tests regions). */
async function callerIdentity(credentials: AwsCredentialIdentityProvider, region: string, requestHandler: NodeHttpHandler, endpoint: EndpointOptions): Promise<Identity> {
  const client = new STSClient({ region, credentials, requestHandler, ...endpoint, useGlobalEndpoint: false, maxAttempts: 2 });
  let host = "";
  client.middlewareStack.add(
    (next) => async (args) => {
      host = (args.request as { hostname?: string }).hostname ?? host;
      return next(args);
    },
    { step: "finalizeRequest", name: "regionalStsDoctorHost" },
  );
  try {
    const answer = await client.send(new GetCallerIdentityCommand({}));
    return { arn: answer.Arn ?? "", account: answer.Account ?? "", host };
  } catch (error) {
    if (typeof error === "object" && error !== null) Object.assign(error, { $host: host });
    throw error;
  } finally {
    client.destroy();
  }
}
