import { connectSource } from "./connect-source";
import { type AssumeRoleAt, makeAssumeRoleAt } from "./sts";
import { makeGetSessionTokenAt } from "./sts-session";
import type { ConnectOptions, GetSessionTokenAt } from "./types";

/**
 * The real ConnectSts and the entry of the SDK bundle (dist/sdk.js): everything here loads the
 * AWS SDK, so it is imported on a cache miss only. The types it serves are in types.ts; the part
 * doctor's own SDK bundle shares is connect-source.ts.
 */
export async function connectSts(options: ConnectOptions): Promise<AssumeRoleAt> {
  return makeAssumeRoleAt(await connectSource(options));
}

/** The real ConnectSessionToken (MFA sessions): in the same SDK bundle. */
export async function connectSessionToken(options: ConnectOptions): Promise<GetSessionTokenAt> {
  return makeGetSessionTokenAt(await connectSource(options));
}

/** The console's federation call, in the SDK bundle: it uses the SDK's HTTP handler. */
export { fetchFederation } from "../console/federation";
