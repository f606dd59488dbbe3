import { getCredentials } from "../credentials/get-credentials";
import { UsageError } from "../errors";
import { credentialEnv } from "../output/credential-env";
import { ENV_FORMATS, type EnvFormat, formatEnv } from "../output/shell";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";
import { makeLoggers } from "./log";

/** `env [PROFILE]`: the credentials as variables for a shell (POSIX sh, fish, PowerShell, dotenv, JSON). */
export async function envCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const profile = command.profile!;
  const format = (command.values.format ?? "sh") as EnvFormat;
  if (!ENV_FORMATS.includes(format)) {
    throw new UsageError(`env: --format ${format} is not a format`, "env", `use one of ${ENV_FORMATS.join(", ")}`);
  }
  const { log, warn } = makeLoggers(runtime, command.verbose);
  const { credentials, settings } = await getCredentials(
    { profile, flags: command.flags, useCache: !command.noCache, log, warn },
    runtime,
  );
  const hint = runtime.stdout.isTTY ? shellHint(profile, format) : undefined;
  if (hint) runtime.stderr.write(`regional-sts: to use these in your shell, run: ${hint}\n`);
  runtime.stdout.write(formatEnv(credentialEnv(credentials, settings.region), format));
  return 0;
}

/** What to type so the shell evaluates the output; dotenv and JSON are meant for files and programs. */
function shellHint(profile: string, format: EnvFormat): string | undefined {
  switch (format) {
    case "sh":
      return `eval "$(regional-sts env ${profile})"`;
    case "fish":
      return `regional-sts env ${profile} --format fish | source`;
    case "powershell":
      return `regional-sts env ${profile} --format powershell | Out-String | Invoke-Expression`;
    default:
      return undefined;
  }
}
