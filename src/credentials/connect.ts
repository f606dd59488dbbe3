import type { ConnectOptions, GetSessionTokenAt } from "./connect-port";
import { connectSource } from "./connection";
import { makeAssumeRoleAt, type AssumeRoleAt } from "./sts";
import { makeGetSessionTokenAt } from "./sts-session";

/** The real ConnectSts: everything here loads the AWS SDK, so it is imported on a cache miss only. */
export async function connectSts(options: ConnectOptions): Promise<AssumeRoleAt> {
  return makeAssumeRoleAt(await connectSource(options));
}

/** The real ConnectSessionToken (MFA sessions): in the same SDK bundle. */
export async function connectSessionToken(options: ConnectOptions): Promise<GetSessionTokenAt> {
  return makeGetSessionTokenAt(await connectSource(options));
}

/** The console's federation call, in the SDK bundle: it uses the SDK's HTTP handler. */
export { fetchFederation } from "../console/federation";
