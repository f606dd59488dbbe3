import { formatError, isUserError, UsageError } from "../errors";
import type { Runtime } from "../runtime";
import { ownArgs } from "./args";
import { credentialProcessCommand } from "./credential-process";
import { USAGE, VERSION } from "./usage";

type Command = (args: readonly string[], runtime: Runtime) => Promise<number>;

// credential-process runs before every AWS CLI command, so it alone is loaded up front; the
// other commands (and what they import: crypto, child_process...) load when asked for.
const COMMANDS: Record<string, () => Promise<Command>> = {
  "credential-process": async () => credentialProcessCommand,
  env: async () => (await import("./more-commands")).envCommand,
  exec: async () => (await import("./more-commands")).execCommand,
  doctor: async () => (await import("./more-commands")).doctorCommand,
  configure: async () => (await import("./more-commands")).configureCommand,
  cache: async () => (await import("./more-commands")).cacheCommand,
};

/** The whole CLI: returns the exit code instead of exiting, so tests run it in-process. */
export async function run(runtime: Runtime): Promise<number> {
  const [command, ...args] = runtime.argv;
  const own = ownArgs(args);
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
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError(`unknown command "${command}"`);
    if (own.includes("--help") || own.includes("-h")) {
      runtime.stdout.write(USAGE);
      return 0;
    }
    return await (await load())(args, runtime);
  } catch (error) {
    runtime.stderr.write(formatError(error, verbose));
    return isUserError(error) ? error.exitCode : 1;
  }
}
