import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Flags } from "../config/settings";
import { UsageError } from "../errors";

/** Flags every credentials command accepts; each overrides the profile key of the same meaning. */
export const PROFILE_OPTIONS = {
  profile: { type: "string" },
  region: { type: "string" },
  "role-arn": { type: "string" },
  "source-profile": { type: "string" },
  "duration-seconds": { type: "string" },
  "role-session-name": { type: "string" },
  "external-id": { type: "string" },
  "mfa-serial": { type: "string" },
  "source-identity": { type: "string" },
  "sts-region": { type: "string" },
  "mfa-process": { type: "string" },
  fips: { type: "boolean" },
  dualstack: { type: "boolean" },
  "no-cache": { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export type ParsedValues = Record<string, string | boolean | undefined>;

/** Strict parsing: an unknown flag or a missing value is a usage error (exit 2). */
export function parseCommandArgs(
  command: string,
  args: readonly string[],
  options: ParseArgsConfig["options"],
  allowPositionals = false,
): { values: ParsedValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals });
    return { values: values as ParsedValues, positionals };
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** The profile name, which every credentials command needs: no SDK tells the process its profile. */
export function requireProfile(command: string, values: ParsedValues): string {
  const profile = values.profile;
  if (typeof profile !== "string" || profile === "") {
    throw new UsageError(`${command}: --profile is required (no AWS tool tells a credential process which profile it serves)`);
  }
  return profile;
}

export function flagsFrom(values: ParsedValues): Flags {
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const bool = (name: string) => (typeof values[name] === "boolean" ? (values[name] as boolean) : undefined);
  const flags: Flags = {
    region: text("region"),
    roleArn: text("role-arn"),
    sourceProfile: text("source-profile"),
    durationSeconds: text("duration-seconds"),
    roleSessionName: text("role-session-name"),
    externalId: text("external-id"),
    mfaSerial: text("mfa-serial"),
    sourceIdentity: text("source-identity"),
    stsRegion: text("sts-region"),
    mfaProcess: text("mfa-process"),
    fips: bool("fips"),
    dualstack: bool("dualstack"),
  };
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Flags;
}
