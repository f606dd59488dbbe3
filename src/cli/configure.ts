import { findProfileBlocks, setProfileKeys } from "../config/ini-edit";
import { planProfile } from "../config/configure-plan";
import { loadConfig, type LoadedConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import { profileSection, regionalStsTarget } from "../config/source-chain";
import { backupConfig, readConfigText, writeConfigAtomic } from "../config/write-config";
import { UsageError, UserError } from "../errors";
import type { Runtime } from "../runtime";
import type { ParsedValues } from "./args";
import type { ParsedCommand } from "./command-line";
import { makeLoggers } from "./log";

/**
 * `configure NAME --role-arn ARN --source-profile SRC --region REGION`: writes or updates the
 * profile block, leaving every other byte of the config file as it was, after a backup.
 */
export async function configureCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const { values } = command;
  const profile = command.profile!;
  const paths = resolveConfigPaths(runtime.env, runtime.homeDir);
  const file = paths.configFile;
  const current = readConfigText(file);
  const config: LoadedConfig | undefined = current.exists ? await loadConfig(paths) : undefined;
  const from = fromProfile(values, profile, config, file);
  const existing = config?.profiles[profile];
  const managed = existing === undefined || regionalStsTarget(existing.credential_process) !== undefined || existing.regional_sts_role_arn !== undefined;
  if (!managed && values.force !== true) {
    throw new UserError(`profile ${profile} in ${file} is not managed by regional-sts; choose another name, or pass --force to replace its settings (the old file is backed up)`, 1, "Unmanaged");
  }
  const entries = planProfile({ profile, flags: textFlags(values), from, existing, selfCommand: runtime.selfCommand });
  const source = entries.find(([k]) => k === "regional_sts_source_profile")?.[1];
  if (source && (!config || !profileSection(source, config))) {
    makeLoggers(runtime, false).warn(`source profile ${source} is in neither ${file} nor ${paths.credentialsFile} yet; add it before using ${profile}`);
  }
  if (findProfileBlocks(current.text, profile).length > 1) {
    throw new UserError(`profile ${profile} has more than one section in ${file}; merge them into one first`, 1, "DuplicateProfile");
  }
  const text = setProfileKeys(current.text, profile, entries, managed ? "update" : "replace");
  if (text === current.text) {
    runtime.stdout.write(`profile ${profile} in ${file} is already up to date\n`);
    return 0;
  }
  const backup = current.exists ? backupConfig(current.realPath, runtime.now()) : undefined;
  writeConfigAtomic(current.realPath, current.exists ? current.text : undefined, text);
  runtime.stdout.write(`${existing ? "updated" : "added"} profile ${profile} in ${file}${backup ? ` (previous file saved as ${backup})` : ""}\n`);
  runtime.stdout.write(`check it with: regional-sts doctor --profile ${profile}\n`);
  return 0;
}

function textFlags(values: ParsedValues): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

function fromProfile(values: ParsedValues, profile: string, config: LoadedConfig | undefined, file: string) {
  const name = values["from-profile"];
  if (typeof name !== "string") return undefined;
  if (name === profile) throw new UsageError(`configure: --from-profile ${name} must differ from the new profile's name (the old one stays as it is)`, "configure");
  const section = config ? profileSection(name, config) : undefined;
  if (!section) throw new UserError(`configure: profile ${name} (--from-profile) not found in ${file}; check the name`, 1, "NoProfile");
  return { name, section };
}
