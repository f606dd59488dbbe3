import { PROFILE_OPTIONS_TABLE } from "../config/options";
import { UsageError } from "../errors";
import { closest } from "../suggest";

export type OptionSpec = { type: "string" | "boolean"; short?: string };
export type OptionSpecs = Record<string, OptionSpec>;
export type ParsedValues = Record<string, string | boolean | undefined>;

/** Options of every command. */
export const COMMON_OPTIONS = {
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpecs;

/** The flags of src/config/options.ts, with --profile and --no-cache: every credentials command takes them. */
export const PROFILE_OPTIONS: OptionSpecs = {
  profile: { type: "string" },
  ...Object.fromEntries(
    PROFILE_OPTIONS_TABLE.filter((o) => o.flag).map((o) => [o.flag!, { type: o.value ? "string" : "boolean" }]),
  ),
  "no-cache": { type: "boolean" },
  ...COMMON_OPTIONS,
};

export interface ParsedArgs {
  values: ParsedValues;
  /** Arguments that are not options, before `--`. */
  positionals: string[];
  /** Everything after `--`, untouched (exec's command). */
  rest: string[];
}

/**
 * Strict parsing, with node:util parseArgs's rules: `--name value`, `--name=value`, `-v`,
 * `-vh`, `--` ends the options; an unknown flag or a missing value is a usage error (exit 2).
 * Our own because parseArgs is a large share of a cache hit's JavaScript (docs/performance.md); a property
 * test (test/unit/args.test.ts) checks that both accept and refuse the same command lines.
 */
export function parseArgList(command: string, args: readonly string[], options: OptionSpecs): ParsedArgs {
  const fail = (message: string, hint?: string): never => {
    throw new UsageError(`${command}: ${message}`, command, hint);
  };
  const values: ParsedValues = {};
  const positionals: string[] = [];
  let rest: string[] = [];
  const take = (name: string, inline: string | undefined, next: () => string | undefined) => {
    if (options[name]!.type === "boolean") {
      if (inline !== undefined) fail(`option --${name} takes no value`);
      values[name] = true;
      return;
    }
    const value = inline ?? next();
    if (value === undefined) fail(`option --${name} needs a value`);
    if (inline === undefined && value!.length > 1 && value!.startsWith("-")) {
      fail(`option --${name} would take "${value}" as its value`, `write --${name}=${value} if that is meant`);
    }
    values[name] = value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = () => (i + 1 < args.length ? args[++i] : undefined);
    if (arg === "--") {
      rest = args.slice(i + 1);
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      if (!Object.hasOwn(options, name)) unknown(`--${name}`, Object.keys(options), fail);
      take(name, eq === -1 ? undefined : arg.slice(eq + 1), next);
    } else if (arg.startsWith("-") && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const name = Object.keys(options).find((n) => options[n]!.short === arg[j]);
        if (!name) unknown(`-${arg[j]}`, Object.keys(options), fail);
        if (options[name!]!.type === "string" && j < arg.length - 1) {
          take(name!, arg.slice(j + 1), next);
          break;
        }
        take(name!, undefined, next);
      }
    } else {
      positionals.push(arg);
    }
  }
  return { values, positionals, rest };
}

function unknown(option: string, known: string[], fail: (message: string, hint?: string) => never): never {
  const near = option.startsWith("--") ? closest(option.slice(2), known) : undefined;
  return fail(`unknown option ${option}`, near ? `did you mean --${near}?` : undefined);
}
