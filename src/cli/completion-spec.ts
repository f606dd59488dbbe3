import { KNOWN_REGIONS } from "../config/known-regions";
import { ENV_FORMATS } from "../output/shell";
import { COMMANDS } from "./commands";
import { HELP } from "./help";

/** What shell completion offers: commands, each one's options, and where a profile name goes. */
export interface CompletionSpec {
  commands: readonly (readonly [name: string, summary: string])[];
  /** Long options (with dashes) per command. */
  options: Readonly<Record<string, readonly string[]>>;
  /** Commands whose first plain word is a profile name. */
  profileCommands: readonly string[];
  /** Commands whose first plain word is an action, then a profile name (`cache clear PROFILE`). */
  actions: Readonly<Record<string, readonly string[]>>;
  /** Options whose value is a profile name. */
  profileOptions: readonly string[];
  /** Options with a fixed list of values. */
  values: Readonly<Record<string, readonly string[]>>;
  /** Options that take a value (so the next word is not a command's plain word). */
  valued: readonly string[];
}

/** Made from the commands table (src/cli/commands.ts) and the help texts, so a new command or flag completes too. */
export function completionSpec(): CompletionSpec {
  const entries = Object.entries(COMMANDS);
  const valued = new Set<string>();
  for (const [, spec] of entries)
    for (const [name, o] of Object.entries(spec.options)) if (o.type === "string") valued.add(`--${name}`);
  return {
    commands: entries.map(([name]) => [name, HELP[name]?.summary ?? ""] as const),
    options: Object.fromEntries(entries.map(([name, spec]) => [name, Object.keys(spec.options).map((o) => `--${o}`)])),
    profileCommands: entries.filter(([, spec]) => spec.profile !== "none" && !spec.actions).map(([name]) => name),
    actions: Object.fromEntries(
      entries.filter(([, spec]) => spec.actions).map(([name, spec]) => [name, spec.actions!]),
    ),
    profileOptions: ["--profile", "--source-profile", "--from-profile"].filter((o) => valued.has(o)),
    values: { "--format": ENV_FORMATS, "--region": KNOWN_REGIONS, "--sts-region": KNOWN_REGIONS },
    valued: [...valued],
  };
}

export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;
export type Shell = (typeof SHELLS)[number];
