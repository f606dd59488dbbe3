import type { ConnectOptions } from "./connect-port";
import { makeRequestHandler } from "./http";
import { resolveSource } from "./source";
import { makeAssumeRoleAt, type AssumeRoleAt } from "./sts";

/** The real ConnectSts: everything here loads the AWS SDK, so it is imported on a cache miss only. */
export async function connectSts(options: ConnectOptions): Promise<AssumeRoleAt> {
  const requestHandler = makeRequestHandler({ env: options.env, caBundle: options.caBundle });
  const source = await resolveSource({
    profile: options.profile,
    sourceProfile: options.sourceProfile,
    paths: options.paths,
    requestHandler,
    mfaCodeProvider: options.mfaCodeProvider,
  });
  return makeAssumeRoleAt({
    source,
    requestHandler,
    useFipsEndpoint: options.useFips,
    useDualstackEndpoint: options.useDualstack,
    profile: options.profile,
  });
}
