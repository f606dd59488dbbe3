import { startContainerEndpoint } from "../credentials/container-endpoint";
import { getCredentials } from "../credentials/get-credentials";
import type { CredentialsRequest } from "../credentials/types";
import { formatError } from "../errors";
import { CONFLICTING_ENV, EXEC_PROFILE_ENV } from "../output/credential-env";
import type { Runtime } from "../runtime";
import { runChild } from "./exec";

/** Keys a tool would read before asking the endpoint: never in the child's environment. */
const KEY_ENV = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"];

export interface ServerExec {
  request: CredentialsRequest;
  command: readonly string[];
  /** The environment as it was before any credentials were fetched (the child's base). */
  baseEnv: Record<string, string | undefined>;
  verbose: boolean;
}

/**
 * `exec --server`: the child gets a loopback credentials endpoint instead of keys, so SDKs and
 * the AWS CLI fetch fresh credentials whenever theirs near expiry, and a command that runs
 * longer than one role session keeps working. The endpoint lives exactly as long as the child.
 */
export async function execWithServer(exec: ServerExec, runtime: Runtime): Promise<number> {
  // Once up front: an MFA prompt or a broken profile shows before the command starts.
  const { settings } = await getCredentials(exec.request, runtime);
  // Each request resolves as a fresh process would: getCredentials marks the environment with
  // the profile chain it is serving, which a second lookup in this process must not inherit.
  const provide = async () =>
    (await getCredentials(exec.request, { ...runtime, env: { ...exec.baseEnv } })).credentials;
  const endpoint = await startContainerEndpoint({
    provide,
    onError: (error) => {
      const line = formatError(error, exec.verbose);
      runtime.stderr.write(line);
      return line.replace(/^regional-sts: /, "").trim();
    },
  });
  const childEnv: Record<string, string | undefined> = { ...exec.baseEnv };
  for (const name of [...CONFLICTING_ENV, ...KEY_ENV]) delete childEnv[name];
  childEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI = endpoint.url;
  childEnv.AWS_CONTAINER_AUTHORIZATION_TOKEN = endpoint.token;
  childEnv.AWS_REGION = settings.region;
  childEnv.AWS_DEFAULT_REGION = settings.region;
  childEnv[EXEC_PROFILE_ENV] = exec.request.profile;
  exec.request.log(`profile ${exec.request.profile}: credentials endpoint ${endpoint.url} for the command's lifetime`);
  try {
    return await runChild(exec.command[0]!, exec.command.slice(1), childEnv, runtime);
  } finally {
    await endpoint.close();
  }
}
