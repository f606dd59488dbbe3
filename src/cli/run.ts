import { formatError, isUserError } from "../errors";
import { loadPart } from "../load-part";
import type { Runtime } from "../runtime";
import { type ParsedCommand, parseCommandLine } from "./command-line";

/** The whole CLI: returns the exit code instead of exiting, so tests run it in-process. */
export async function run(runtime: Runtime): Promise<number> {
  let command: ParsedCommand | undefined;
  try {
    // No command at all: the overview, on stderr as for any bad command line.
    if (runtime.argv.length === 0) return (await loadPart("more.js")).showHelp(undefined, runtime.stderr) + 2;
    command = parseCommandLine(runtime.argv, runtime.env);
    runtime.onParsed?.(command);
    if (command.help) return (await loadPart("more.js")).showHelp(command.name, runtime.stdout);
    if (command.profileFrom === "AWS_PROFILE" && command.verbose)
      runtime.stderr.write(`regional-sts: profile ${command.profile} (from AWS_PROFILE)\n`);
    return await (await command.spec.load())(command, runtime);
  } catch (error) {
    // Before parsing worked, --verbose is looked for by hand: it still decides the stack trace.
    const verbose = command ? command.verbose : runtime.argv.includes("--verbose");
    runtime.stderr.write(formatError(error, verbose));
    return isUserError(error) ? error.exitCode : 1;
  }
}
