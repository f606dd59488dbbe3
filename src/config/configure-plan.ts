import { UserError } from "../errors";
import { closest } from "../suggest";
import { parseRoleArn } from "./arn";
import { checkConfigValue } from "./config-values";
import { KNOWN_REGIONS } from "./known-regions";
import type { Section } from "./load";
import { PROFILE_OPTIONS_TABLE } from "./options";
import { regionPartition } from "./regions";
import { optionProblem } from "./validate";

/** Profile keys configure writes, in the order a new block lists them, with their flags (src/config/options.ts). */
const KEYS = PROFILE_OPTIONS_TABLE.filter((o) => o.configure && o.flag).map(
  (o) => [o.key, o.flag!, o.configure!.from] as const,
);

const PROFILE_NAME = /^[\w+=,.@-]+$/;

export interface PlanInput {
  profile: string;
  flags: Record<string, string | undefined>;
  /** The standard role profile given with --from-profile, already looked up. */
  from?: { name: string; section: Section };
  /** The profile's current settings, when it already exists. */
  existing?: Section;
  /** The program part of the credential_process line (see self-command.ts), already quoted. */
  selfCommand: string;
}

/** The keys to write, checked as credential-process would check them (pure). */
export function planProfile(input: PlanInput): [string, string][] {
  const { profile } = input;
  if (!PROFILE_NAME.test(profile)) {
    throw new UserError(`configure: "${profile}" is not a profile name regional-sts writes`, 2, "BadProfileName", {
      hint: "use letters, digits and +=,.@_-",
    });
  }
  if (input.from && !input.from.section.role_arn) {
    throw new UserError(
      `configure: profile ${input.from.name} has no role_arn, so it is not a role profile to convert`,
      1,
      "NotRoleProfile",
      { hint: "give --role-arn instead of --from-profile" },
    );
  }
  if (input.from?.section.credential_source && !input.from.section.source_profile && !input.flags["source-profile"]) {
    throw new UserError(
      `configure: profile ${input.from.name} uses credential_source, which regional-sts does not read`,
      1,
      "CredentialSource",
      { hint: "add --source-profile NAME" },
    );
  }
  const entries: [string, string][] = [];
  for (const [key, flag, standard] of KEYS) {
    const given = input.flags[flag];
    const value = given ?? (standard ? input.from?.section[standard] : undefined);
    if (value === undefined || value === "") continue;
    checkConfigValue(
      profile,
      given !== undefined ? `--${flag}` : `${standard} of profile ${input.from!.name}`,
      value,
      given !== undefined ? 2 : 1,
    );
    entries.push([key, value]);
  }
  const value = (key: string) => entries.find(([k]) => k === key)?.[1] ?? input.existing?.[key];
  const region = value("region");
  const roleArn = value("regional_sts_role_arn");
  if (!roleArn)
    throw new UserError(`configure: profile ${profile} needs a role`, 2, "NoRoleArn", {
      hint: "pass --role-arn ARN (or --from-profile NAME)",
    });
  if (!region)
    throw new UserError(`configure: profile ${profile} needs a region`, 2, "NoRegion", {
      hint: "pass --region REGION",
    });
  checkValues(profile, roleArn, region, value("duration_seconds"), value("regional_sts_sts_region"));
  // PROFILE_NAME needs no quoting in sh (Go, JS SDKs) nor in botocore's shell-like split.
  const line = `${input.selfCommand} credential-process --profile ${profile}`;
  checkConfigValue(profile, `the path of this program (${input.selfCommand})`, line, 1);
  entries.splice(1, 0, ["credential_process", line]);
  return entries;
}

function checkValues(
  profile: string,
  roleArn: string,
  region: string,
  duration: string | undefined,
  stsRegion: string | undefined,
): void {
  // Flags were checked when parsed; these may come from --from-profile or the existing block.
  const checks = [
    ["role_arn", "roleArn", roleArn],
    ["region", "region", region],
    ["regional_sts_sts_region", "region", stsRegion],
    ["duration_seconds", "duration", duration],
  ] as const;
  for (const [key, kind, value] of checks) {
    const problem = value === undefined ? undefined : optionProblem(kind, value);
    if (problem)
      throw new UserError(
        `configure ${profile}: ${key} ${problem.message}`,
        2,
        kind === "duration" ? "BadDuration" : kind === "region" ? "BadRegion" : "BadRoleArn",
        { hint: problem.hint },
      );
  }
  const partition = parseRoleArn(roleArn, `configure ${profile}: --role-arn`).partition;
  for (const [name, r] of [
    ["--region", region],
    ["--sts-region", stsRegion],
  ] as const) {
    if (r !== undefined && !KNOWN_REGIONS.includes(r)) {
      const near = closest(r, KNOWN_REGIONS);
      throw new UserError(`configure: ${name} "${r}" is not an AWS region`, 2, "BadRegion", {
        hint: near ? `did you mean ${near}?` : "use a name like ap-east-1",
      });
    }
  }
  if (regionPartition(region) !== partition) {
    throw new UserError(
      `configure ${profile}: role ${roleArn} is in partition ${partition} but region ${region} is in ` +
        `${regionPartition(region) ?? "no known partition"}`,
      2,
      "PartitionMismatch",
      {
        hint: "use a role and region of the same partition",
      },
    );
  }
}
