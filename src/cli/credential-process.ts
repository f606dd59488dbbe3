import { getCredentials } from "../credentials/get-credentials";
import { formatProcessJson } from "../output/process-json";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";
import { makeLoggers } from "./log";

/** `credential-process PROFILE`: one JSON document on stdout, for AWS CLI, SDKs and Terraform. */
export async function credentialProcessCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const profile = command.profile!;
  const { log, warn } = makeLoggers(runtime, command.verbose);
  const { credentials, fromCache } = await getCredentials(
    { profile, flags: command.flags, useCache: !command.noCache, log, warn },
    runtime,
  );
  log(
    `profile ${profile}: credentials ${fromCache ? "from the cache" : "freshly assumed"}, ` +
      `expiring ${credentials.expiration}`,
  );
  runtime.stdout.write(formatProcessJson(credentials));
  return 0;
}
