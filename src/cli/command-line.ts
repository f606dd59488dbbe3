import { PROFILE_OPTIONS_TABLE } from "../config/options";
import type { Flags } from "../config/settings";
import { optionProblem } from "../config/validate";
import { UsageError } from "../errors";
import { closest } from "../suggest";
import { type ParsedValues, parseArgList } from "./args";
import { COMMANDS, type CommandSpec } from "./commands";

/** The command line, parsed once: every command and src/boot.ts's code-cache saver receive this. */
export interface ParsedCommand {
  name: string;
  spec: CommandSpec;
  /** The first argument of a command with actions (`list` of `cache list`). */
  action?: string;
  /** The profile, from the argument, --profile or (for some commands) AWS_PROFILE. */
  profile?: string;
  profileFrom?: "argument" | "--profile" | "AWS_PROFILE";
  /** The profile options given, each already checked (src/config/options.ts). */
  flags: Flags;
  /** Every option given, by long name: the command's own (--json, --format...) among them. */
  values: ParsedValues;
  /** Other arguments (help's topic); after `--` for a command that takes them (exec's command). */
  args: readonly string[];
  verbose: boolean;
  help: boolean;
  noCache: boolean;
}

/** `regional-sts --help`, `-h` and no command at all mean the global help. */
const HELP_WORDS = new Set(["--help", "-h"]);

/** Parses argv (without node and the script) into a command; a bad command line is a UsageError (exit 2). */
export function parseCommandLine(argv: readonly string[], env: Record<string, string | undefined>): ParsedCommand {
  const [first, ...args] = argv;
  const name = first === undefined || HELP_WORDS.has(first) ? "help" : first === "--version" ? "version" : first;
  const spec = Object.hasOwn(COMMANDS, name) ? COMMANDS[name]! : undefined;
  if (!spec) {
    const near = first!.startsWith("-") ? undefined : closest(first!, Object.keys(COMMANDS));
    throw new UsageError(`unknown command ${first}`, undefined, near ? `did you mean ${near}?` : undefined);
  }
  const { values, positionals, rest } = parseArgList(name, args, spec.options);
  const words = spec.takesRest ? positionals : [...positionals, ...rest];
  const command: ParsedCommand = {
    name,
    spec,
    flags: {},
    values,
    args: spec.takesRest ? rest : [],
    verbose: values.verbose === true,
    help: values.help === true,
    noCache: values["no-cache"] === true,
  };
  // Help before anything else is checked: `credential-process --profile p -vh` shows help.
  if (command.help) return command;
  if (spec.actions) {
    const action = words.shift();
    if (action === undefined || !spec.actions.includes(action)) {
      const near = action === undefined ? undefined : closest(action, spec.actions);
      throw new UsageError(
        `${name}: ${action === undefined ? "no action given" : `unknown action ${action}`}`,
        name,
        near ? `did you mean ${name} ${near}?` : `expected ${spec.actions.map((a) => `${name} ${a}`).join(" or ")}`,
      );
    }
    command.action = action;
  }
  if (spec.profile === "none") {
    if (words.length > (spec.maxArgs ?? 0))
      throw new UsageError(`${name}: unexpected argument ${words[spec.maxArgs ?? 0]}`, name);
    (command.args as string[]).push(...words);
  } else {
    chooseProfile(command, words, env);
  }
  for (const option of PROFILE_OPTIONS_TABLE) {
    const given = option.flag === undefined ? undefined : values[option.flag];
    if (given === undefined) continue;
    const problem = typeof given === "string" && option.check ? optionProblem(option.check, given) : undefined;
    if (problem) throw new UsageError(`${name}: --${option.flag} ${problem.message}`, name, problem.hint);
    (command.flags as Record<string, string | boolean>)[option.field] = given;
  }
  return command;
}

/**
 * The profile: as an argument or --profile (both, differently, is an error), else AWS_PROFILE where
 * the command allows.
 */
function chooseProfile(command: ParsedCommand, words: string[], env: Record<string, string | undefined>): void {
  const { name, spec, values } = command;
  if (words.length > 1) {
    throw new UsageError(
      `${name}: unexpected argument ${words[1]}`,
      name,
      spec.takesRest
        ? `put the command after --: regional-sts ${name} ${words[0]} -- ${words.slice(1).join(" ")}`
        : undefined,
    );
  }
  const [argument] = words;
  const option = typeof values.profile === "string" && values.profile !== "" ? values.profile : undefined;
  if (argument !== undefined && option !== undefined && argument !== option) {
    throw new UsageError(`${name}: two profiles given, ${argument} and --profile ${option}`, name, "give one");
  }
  if (argument) Object.assign(command, { profile: argument, profileFrom: "argument" });
  else if (option) Object.assign(command, { profile: option, profileFrom: "--profile" });
  else if (spec.profile === "aws-profile" && env.AWS_PROFILE)
    Object.assign(command, { profile: env.AWS_PROFILE, profileFrom: "AWS_PROFILE" });
  else if (spec.profile === "aws-profile") {
    throw new UsageError(
      `${name}: no profile given`,
      name,
      `name one (regional-sts ${name} PROFILE) or set AWS_PROFILE`,
    );
  } else if (spec.profile === "required" && name === "credential-process") {
    throw new UsageError(
      `${name}: no profile given`,
      name,
      `name it (regional-sts credential-process PROFILE): ` +
        `no AWS tool tells a credential process which profile it serves, so AWS_PROFILE is not used`,
    );
  } else if (spec.profile === "required") {
    throw new UsageError(`${name}: no profile given`, name, `name one: regional-sts ${name} PROFILE`);
  }
}
