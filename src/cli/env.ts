import { getCredentials } from "../credentials/get-credentials";
import { UsageError } from "../errors";
import { credentialEnv } from "../output/credential-env";
import { ENV_FORMATS, formatEnv, type EnvFormat } from "../output/shell";
import type { Runtime } from "../runtime";
import { flagsFrom, parseCommandArgs, PROFILE_OPTIONS, requireProfile } from "./args";
import { makeLoggers } from "./log";

const OPTIONS = { ...PROFILE_OPTIONS, format: { type: "string" } } as const;

/** `env`: lines for `eval "$(regional-sts env --profile p)"` (or fish, PowerShell, dotenv, JSON). */
export async function envCommand(args: readonly string[], runtime: Runtime): Promise<number> {
  const { values } = parseCommandArgs("env", args, OPTIONS);
  const profile = requireProfile("env", values);
  const format = (values.format ?? "sh") as EnvFormat;
  if (!ENV_FORMATS.includes(format)) {
    throw new UsageError(`env: --format must be one of ${ENV_FORMATS.join(", ")}`);
  }
  const { log, warn } = makeLoggers(runtime, values.verbose === true);
  const { credentials, settings } = await getCredentials(
    { profile, flags: flagsFrom(values), useCache: values["no-cache"] !== true, log, warn },
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
      return `eval "$(regional-sts env --profile ${profile})"`;
    case "fish":
      return `regional-sts env --profile ${profile} --format fish | source`;
    case "powershell":
      return `regional-sts env --profile ${profile} --format powershell | Out-String | Invoke-Expression`;
    default:
      return undefined;
  }
}
