import { getCredentials } from "../credentials/get-credentials";
import { formatProcessJson } from "../output/process-json";
import type { Runtime } from "../runtime";
import { flagsFrom, parseCommandArgs, PROFILE_OPTIONS, requireProfile } from "./args";
import { makeLoggers } from "./log";

/** `credential-process`: one JSON document on stdout, for AWS CLI, SDKs and Terraform. */
export async function credentialProcessCommand(args: readonly string[], runtime: Runtime): Promise<number> {
  const { values } = parseCommandArgs("credential-process", args, PROFILE_OPTIONS);
  const profile = requireProfile("credential-process", values);
  const { log, warn } = makeLoggers(runtime, values.verbose === true);
  const { credentials, fromCache } = await getCredentials(
    { profile, flags: flagsFrom(values), useCache: values["no-cache"] !== true, log, warn },
    runtime,
  );
  log(`profile ${profile}: credentials ${fromCache ? "from the cache" : "freshly assumed"}, expiring ${credentials.expiration}`);
  runtime.stdout.write(formatProcessJson(credentials));
  return 0;
}
