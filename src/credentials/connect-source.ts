import { externalDataInterceptor } from "@smithy/core/config";
import { makeRequestHandler } from "./http";
import { resolveSource } from "./source";
import type { StsClientOptions } from "./sts";
import type { ConnectOptions } from "./types";

/**
 * What every STS client for a profile shares: one request handler (proxy, CA bundle), the
 * resolved source credentials and the endpoint settings. Loads the AWS SDK; kept apart from
 * connect.ts (the credentials SDK bundle's entry) so the doctor's SDK bundle can include it
 * without loading that bundle.
 */
export async function connectSource(options: ConnectOptions): Promise<StsClientOptions> {
  if (options.sdkFiles) {
    // Every loader of the SDK (source providers, the STS client's settings) reads these instead.
    externalDataInterceptor.interceptFile(options.paths.configFile, options.sdkFiles.config);
    externalDataInterceptor.interceptFile(options.paths.credentialsFile, options.sdkFiles.credentials);
  }
  const requestHandler = makeRequestHandler(options);
  const given = options.sourceCredentials;
  // Only the three fields: the SDK reads an `expiration` as a Date, ours are strings.
  const identity = given && {
    accessKeyId: given.accessKeyId,
    secretAccessKey: given.secretAccessKey,
    sessionToken: given.sessionToken,
  };
  const source = identity
    ? async () => identity
    : await resolveSource({
        profile: options.profile,
        sourceProfile: options.sourceProfile,
        paths: options.paths,
        requestHandler,
        mfaCodeProvider: options.mfaCodeProvider,
      });
  return {
    source,
    requestHandler,
    useFipsEndpoint: options.useFips,
    useDualstackEndpoint: options.useDualstack,
    profile: options.profile,
    ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}),
  };
}
