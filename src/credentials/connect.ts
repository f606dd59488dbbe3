import type { ConnectOptions } from "./connect-port";
import { connectSource } from "./connection";
import { makeAssumeRoleAt, type AssumeRoleAt } from "./sts";

/** The real ConnectSts: everything here loads the AWS SDK, so it is imported on a cache miss only. */
export async function connectSts(options: ConnectOptions): Promise<AssumeRoleAt> {
  return makeAssumeRoleAt(await connectSource(options));
}
