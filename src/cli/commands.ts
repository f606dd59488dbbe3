import { loadPart } from "../load-part";
import type { Runtime } from "../runtime";
import { COMMON_OPTIONS, type OptionSpecs, PROFILE_OPTIONS } from "./args";
import type { ParsedCommand } from "./command-line";
import { credentialProcessCommand } from "./credential-process";

/** What a command does with the parsed command line; returns the exit code. */
export type CommandRun = (command: ParsedCommand, runtime: Runtime) => Promise<number>;

/**
 * One command of the CLI. A new command is one entry here, its run function in its own file
 * (exported from more-commands.ts so it loads only when asked for), and its help in help.ts;
 * parsing, the profile rules, --help, exit code 2 and the tests over every command follow.
 */
export interface CommandSpec {
  /** Options beyond --verbose and --help (PROFILE_OPTIONS for a credentials command). */
  options: OptionSpecs;
  /**
   * How the profile is chosen, from the argument after the command (or its action) or --profile:
   * "required", "aws-profile" (else from AWS_PROFILE, as aws-vault does), "optional", "none".
   */
  profile: "required" | "aws-profile" | "optional" | "none";
  /** Words the first argument may be (`cache list`); the command then takes the profile after it. */
  actions?: readonly string[];
  /** For a command without a profile: how many other arguments it takes (help's topic). */
  maxArgs?: number;
  /** Whether the arguments after `--` are the command's (exec's command line). */
  takesRest?: boolean;
  /** Whether a run that worked saves V8 code caches: only the commands that run all day. */
  warmsCodeCache?: boolean;
  load(): Promise<CommandRun>;
}

const more = () => loadPart("more.js");

// credential-process runs before every AWS CLI command, so it alone is loaded up front; the
// other commands (and what they import: crypto, child_process...) load when asked for.
export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  "credential-process": {
    options: PROFILE_OPTIONS,
    profile: "required",
    warmsCodeCache: true,
    load: async () => credentialProcessCommand,
  },
  env: {
    options: { ...PROFILE_OPTIONS, format: { type: "string" } },
    profile: "aws-profile",
    warmsCodeCache: true,
    load: async () => (await more()).envCommand,
  },
  exec: {
    options: { ...PROFILE_OPTIONS, "allow-nested": { type: "boolean" }, server: { type: "boolean" } },
    profile: "aws-profile",
    takesRest: true,
    warmsCodeCache: true,
    load: async () => (await more()).execCommand,
  },
  doctor: {
    options: { ...PROFILE_OPTIONS, json: { type: "boolean" } },
    profile: "aws-profile",
    load: async () => (await more()).doctorCommand,
  },
  // No --no-cache: filling the cache is the point.
  refresh: {
    options: Object.fromEntries(Object.entries(PROFILE_OPTIONS).filter(([name]) => name !== "no-cache")),
    profile: "required",
    load: async () => (await more()).refreshCommand,
  },
  configure: {
    // No profile: --from-profile OLD alone converts OLD in place.
    options: { ...PROFILE_OPTIONS, "from-profile": { type: "string" }, force: { type: "boolean" } },
    profile: "optional",
    load: async () => (await more()).configureCommand,
  },
  cache: {
    options: { profile: { type: "string" }, json: { type: "boolean" }, ...COMMON_OPTIONS },
    profile: "optional",
    actions: ["list", "clear"],
    load: async () => (await more()).cacheCommand,
  },
  console: {
    options: { ...PROFILE_OPTIONS, url: { type: "boolean" }, destination: { type: "string" } },
    profile: "aws-profile",
    load: async () => (await more()).consoleCommand,
  },
  list: {
    options: { json: { type: "boolean" }, ...COMMON_OPTIONS },
    profile: "none",
    load: async () => (await more()).listCommand,
  },
  completion: {
    options: { profiles: { type: "boolean" }, ...COMMON_OPTIONS },
    profile: "none",
    maxArgs: 1,
    load: async () => (await more()).completionCommand,
  },
  help: { options: COMMON_OPTIONS, profile: "none", maxArgs: 1, load: async () => (await more()).helpCommand },
  version: { options: COMMON_OPTIONS, profile: "none", load: async () => (await more()).versionCommand },
};
