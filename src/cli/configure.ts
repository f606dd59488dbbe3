import { planProfile } from "../config/configure-plan";
import { findProfileBlocks, removeProfileKeys, setProfileKeys } from "../config/ini-edit";
import { type LoadedConfig, loadConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import { credentialProcessProgram } from "../config/self-command";
import { profileSection, regionalStsTarget } from "../config/source-chain";
import { backupConfig, readConfigText, writeConfigAtomic } from "../config/write-config";
import { UsageError, UserError } from "../errors";
import type { Runtime } from "../runtime";
import type { ParsedValues } from "./args";
import type { ParsedCommand } from "./command-line";
import { makeLoggers } from "./log";

/** The keys of a standard role profile that make the SDKs assume the role themselves: gone once converted in place. */
const STANDARD_ROLE_KEYS = ["role_arn", "source_profile", "credential_source"];

/**
 * `configure NAME --role-arn ARN --source-profile SRC --region REGION`, or `configure
 * --from-profile OLD [NAME]`: writes or updates the profile block, leaving every other byte of
 * the config file as it was, after a backup. Nothing is written (no backup either) on refusal.
 */
export async function configureCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const { values } = command;
  const fromName = typeof values["from-profile"] === "string" ? values["from-profile"] : undefined;
  // Without a new name, --from-profile converts the profile in place, keeping its name (scripts use it).
  const profile = command.profile ?? fromName;
  if (!profile)
    throw new UsageError(
      "configure: no profile given",
      "configure",
      "name one: regional-sts configure PROFILE --role-arn ARN --region REGION, or convert one: " +
        "regional-sts configure --from-profile OLD",
    );
  const paths = resolveConfigPaths(runtime.env, runtime.homeDir);
  const file = paths.configFile;
  const current = readConfigText(file);
  // A config file not written yet reads as empty, even where AWS_CONFIG_FILE names it: the
  // credentials file may already hold the source profile.
  const config: LoadedConfig = await loadConfig(current.exists ? paths : { ...paths, configFrom: undefined });
  let from = fromProfile(fromName, config, file);
  // Converting a profile already converted is a plain update (scripts run configure again).
  if (from?.name === profile && !from.section.role_arn && from.section.regional_sts_role_arn) from = undefined;
  const inPlace = from !== undefined && from.name === profile;
  const existing = config.profiles[profile];
  const managed =
    existing === undefined ||
    regionalStsTarget(existing.credential_process) !== undefined ||
    existing.regional_sts_role_arn !== undefined;
  if (!managed && !inPlace && values.force !== true) {
    throw new UserError(`profile ${profile} in ${file} is not managed by regional-sts`, 1, "Unmanaged", {
      hint: "choose another name, or pass --force to replace its settings (the old file is backed up)",
    });
  }
  const selfCommand = credentialProcessProgram(runtime.selfCommand, runtime.env);
  const entries = planProfile({
    profile,
    flags: textFlags(values),
    from,
    existing: inPlace ? undefined : existing,
    selfCommand,
  });
  if (findProfileBlocks(current.text, profile).length > 1) {
    throw new UserError(`profile ${profile} has more than one section in ${file}`, 1, "DuplicateProfile", {
      hint: "merge them into one first",
    });
  }
  if (inPlace && !config.profiles[profile]) {
    throw new UserError(
      `configure: profile ${profile} is in ${paths.credentialsFile}, which configure does not edit`,
      1,
      "NotInConfig",
      { hint: `give a new name to convert it into ${file}` },
    );
  }
  const source = entries.find(([k]) => k === "regional_sts_source_profile")?.[1];
  if (source && !profileSection(source, config)) {
    makeLoggers(runtime, false).warn(
      `source profile ${source} is in neither ${file} nor ${paths.credentialsFile} yet; add it before using ${profile}`,
    );
  }
  const base = inPlace ? removeProfileKeys(current.text, profile, STANDARD_ROLE_KEYS) : current.text;
  const text = setProfileKeys(base, profile, entries, managed || inPlace ? "update" : "replace");
  if (text === current.text) {
    runtime.stdout.write(`profile ${profile} in ${file} is already up to date\n`);
    return 0;
  }
  const backup = current.exists ? backupConfig(current.realPath, current.text) : undefined;
  writeConfigAtomic(current.realPath, current.exists ? current.text : undefined, text);
  const what = inPlace ? "converted" : existing ? "updated" : "added";
  runtime.stdout.write(`${what} profile ${profile} in ${file}${backup ? ` (previous file saved as ${backup})` : ""}\n`);
  runtime.stdout.write(`check it with: regional-sts doctor --profile ${profile}\n`);
  return 0;
}

function textFlags(values: ParsedValues): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

function fromProfile(name: string | undefined, config: LoadedConfig, file: string) {
  if (name === undefined) return undefined;
  const section = profileSection(name, config);
  if (!section)
    throw new UserError(`configure: profile ${name} (--from-profile) not found in ${file}`, 1, "NoProfile", {
      hint: "check the name",
    });
  return { name, section };
}
