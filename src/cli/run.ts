import { formatError, isUserError, UsageError } from "../errors";
import type { Runtime } from "../runtime";
import { cacheCommand } from "./cache";
import { configureCommand } from "./configure";
import { credentialProcessCommand } from "./credential-process";
import { doctorCommand } from "./doctor";
import { envCommand } from "./env";
import { execCommand } from "./exec";
import { USAGE, VERSION } from "./usage";

type Command = (args: readonly string[], runtime: Runtime) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  "credential-process": credentialProcessCommand,
  env: envCommand,
  exec: execCommand,
  doctor: doctorCommand,
  configure: configureCommand,
  cache: cacheCommand,
};

/** The whole CLI: returns the exit code instead of exiting, so tests run it in-process. */
export async function run(runtime: Runtime): Promise<number> {
  const [command, ...args] = runtime.argv;
  const own = args.includes("--") ? args.slice(0, args.indexOf("--")) : args;
  const verbose = own.includes("--verbose") || own.includes("-v");
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      (command === undefined ? runtime.stderr : runtime.stdout).write(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "version" || command === "--version") {
      runtime.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const handler = COMMANDS[command];
    if (!handler) throw new UsageError(`unknown command "${command}"`);
    if (own.includes("--help") || own.includes("-h")) {
      runtime.stdout.write(USAGE);
      return 0;
    }
    return await handler(args, runtime);
  } catch (error) {
    runtime.stderr.write(formatError(error, verbose));
    return isUserError(error) ? error.exitCode : 1;
  }
}
