import { PROFILE_OPTIONS_TABLE } from "../config/options";
import { UsageError } from "../errors";
import type { Runtime, TextSink } from "../runtime";
import { closest } from "../suggest";
import { versionText } from "../version";
import type { ParsedCommand } from "./command-line";
import { COMMANDS } from "./commands";

/** Each command's help: its usage line, a one-line summary for the overview, its own options and one example. */
export const HELP: Readonly<
  Record<string, { usage: string; summary: string; options?: string; example: string; more?: string }>
> = {
  "credential-process": {
    usage: "credential-process PROFILE [options]",
    summary: "print the credential_process JSON for PROFILE (the line in ~/.aws/config)",
    example: "regional-sts credential-process hk-role",
    more: "The profile must be named: no AWS tool tells a credential process which profile it serves.",
  },
  env: {
    usage: "env [PROFILE] [options]",
    summary: "print the credentials as variables for a shell, a .env file or JSON",
    options: "  --format FORMAT            sh (default), fish, powershell, dotenv or json",
    example: 'eval "$(regional-sts env hk-role)"',
    more: "PROFILE defaults to AWS_PROFILE.",
  },
  exec: {
    usage: "exec [PROFILE] [options] [-- COMMAND [ARGS...]]",
    summary: "run COMMAND (or your shell) with the credentials; exits with its code",
    options: [
      "  --allow-nested             allow exec inside another profile's exec",
      "  --server                   no keys in the environment: a credentials endpoint on 127.0.0.1",
      "                             for the command's lifetime, refreshed as sessions near their end",
    ].join("\n"),
    example: "regional-sts exec hk-role -- terraform plan",
    more: [
      "PROFILE defaults to AWS_PROFILE. Without a command, starts $SHELL (else /bin/sh; COMSPEC on Windows).",
      "AWS_PROFILE and the other AWS_* variables that would pick other credentials are removed;",
      "REGIONAL_STS_EXEC_PROFILE names the profile. SIGTERM and SIGHUP are passed on; 128+n when killed by signal n.",
    ].join("\n"),
  },
  doctor: {
    usage: "doctor [PROFILE] [options]",
    summary: "check a profile end to end; exit 0 only if its credentials work in its region",
    options: "  --json                     the findings as JSON",
    example: "regional-sts doctor hk-role",
    more: "PROFILE defaults to AWS_PROFILE. Shows what matters for this profile; --verbose shows every check.",
  },
  refresh: {
    usage: "refresh PROFILE [options]",
    summary: "assume the role now (asking for MFA if needed) and cache it for every tool",
    example: "regional-sts refresh prod-admin",
    more:
      "Prints the role, account and expiry, never a key, secret or token. " +
      "Run it in a terminal before tools that have none.",
  },
  configure: {
    usage: "configure PROFILE [options]",
    summary: "write [profile PROFILE] to the config file (backup kept, rest untouched)",
    options: [
      "  --from-profile OLD         convert a role_arn + source_profile profile: " +
        "in place without PROFILE, else into PROFILE",
      "  --force                    replace a profile regional-sts does not manage",
    ].join("\n"),
    example:
      "regional-sts configure hk-role --role-arn arn:aws:iam::222222222222:role/katoaki --source-profile account-a " +
      "--region ap-east-1",
  },
  cache: {
    usage: "cache list|clear [PROFILE] [options]",
    summary: "list cached entries (with every profile each serves) and MFA sessions, never secrets, or remove them",
    options: [
      "  --profile NAME             only the entry that profile is served, and its MFA sessions " +
        "(or give it after list|clear)",
      "  --json                     (list) the entries as JSON",
    ].join("\n"),
    example: "regional-sts cache clear hk-role",
  },
  console: {
    usage: "console [PROFILE] [options]",
    summary: "open the AWS console as the profile's role, in its region",
    options: [
      "  --url                      print the sign-in URL (valid 15 minutes) instead of opening a browser",
      "  --destination PATH         another console page, e.g. ec2/home, or a full https URL",
    ].join("\n"),
    example: "regional-sts console hk-role --destination ec2/home",
    more: "PROFILE defaults to AWS_PROFILE. The browser is opened with xdg-open, open or start.",
  },
  list: {
    usage: "list [options]",
    summary: "one line per profile: served by regional-sts or convertible, region, role, cache state",
    options: "  --json                     the profiles as JSON",
    example: "regional-sts list",
  },
  completion: {
    usage: "completion bash|zsh|fish|powershell",
    summary: "print a shell completion script (commands, options, profile names)",
    options:
      "  --profiles                 print the profile names of the config files, one a line (what the scripts call)",
    example: 'eval "$(regional-sts completion bash)"',
    more:
      "fish: regional-sts completion fish | source; PowerShell: " +
      "regional-sts completion powershell | Out-String | Invoke-Expression",
  },
  help: {
    usage: "help [COMMAND]",
    summary: "show this overview, or a command's own help",
    example: "regional-sts help exec",
  },
  version: { usage: "version", summary: "print the version", example: "regional-sts version" },
};

/** The flags of src/config/options.ts: the options of every credentials command. */
function profileOptionLines(noCache: boolean): string {
  const lines = PROFILE_OPTIONS_TABLE.filter((o) => o.flag).map((o) => {
    const left = `  --${o.flag}${o.value ? ` ${o.value}` : ""}`;
    return `${left.padEnd(29)}${o.help} (${o.key})`;
  });
  return [
    "  --profile NAME             the profile (or give it as the first argument)",
    ...lines,
    ...(noCache ? ["  --no-cache                 neither read nor write the credentials cache"] : []),
  ].join("\n");
}

const COMMON =
  "  -v, --verbose              explain each step on stderr (never secrets)\n" +
  "  -h, --help                 show this help";

export function helpText(name: string | undefined): string {
  if (name === undefined) {
    const width = Math.max(...Object.values(HELP).map((h) => h.usage.length)) + 2;
    return [
      "Usage: regional-sts COMMAND [PROFILE] [options]",
      "",
      "Commands:",
      ...Object.entries(HELP).map(([, h]) => `  ${h.usage.padEnd(width)}${h.summary}`),
      "",
      "Run regional-sts help COMMAND (or COMMAND --help) for its options and an example.",
      "",
    ].join("\n");
  }
  const h = HELP[name]!;
  const takesProfile = COMMANDS[name]!.options.region !== undefined;
  return [
    `Usage: regional-sts ${h.usage}`,
    "",
    `${h.summary.charAt(0).toUpperCase() + h.summary.slice(1)}.`,
    ...(h.more ? [h.more] : []),
    "",
    "Options:",
    ...(h.options ? [h.options] : []),
    ...(takesProfile ? [profileOptionLines(COMMANDS[name]!.options["no-cache"] !== undefined)] : []),
    COMMON,
    "",
    "Example:",
    `  ${h.example}`,
    "",
  ].join("\n");
}

/** Writes the help of a command (undefined: the overview); returns exit code 0. */
export function showHelp(name: string | undefined, out: TextSink): number {
  out.write(helpText(name === "help" ? undefined : name));
  return 0;
}

/** `help [COMMAND]`. */
export async function helpCommand(command: ParsedCommand, runtime: { stdout: TextSink }): Promise<number> {
  const [topic] = command.args;
  if (topic !== undefined && !Object.hasOwn(HELP, topic)) {
    const near = closest(topic, Object.keys(HELP));
    throw new UsageError(`help: unknown command ${topic}`, undefined, near ? `did you mean ${near}?` : undefined);
  }
  return showHelp(topic, runtime.stdout);
}

/** `version` and `--version`: the version, commit, Node and platform (src/version.ts). */
export async function versionCommand(
  _command: ParsedCommand,
  runtime: Pick<Runtime, "stdout" | "about">,
): Promise<number> {
  runtime.stdout.write(versionText(runtime.about));
  return 0;
}

/**
 * The README's key table (between its `keys` markers), from src/config/options.ts;
 * test/unit/options-readme.test.ts compares.
 */
export function keyTableMarkdown(): string {
  const code = (text: string) => `\`${text}\``;
  const rows = PROFILE_OPTIONS_TABLE.map((o) => {
    const env = (o.env ?? []).map(code);
    const sources = [
      ...(o.flag ? [code(`--${o.flag}`)] : []),
      ...(o.envWins ? [...env, code(o.key)] : [code(o.key), ...env]),
    ];
    return [code(o.key), sources.join(" > "), o.help];
  });
  // Padded as Biome formats Markdown tables, so `npm run format` leaves the README's copy as it is.
  const table = [["key in the profile", "first found wins", "meaning"], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(table[0]!), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
