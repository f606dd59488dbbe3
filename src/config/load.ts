import { readFileSync } from "node:fs";
import { externalDataInterceptor, loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import { UserError } from "../errors";
import { findMalformedIniLine } from "./ini-lint";
import type { ConfigPaths } from "./paths";

export type Section = Record<string, string | undefined>;
export type SectionMap = Record<string, Section | undefined>;

/** Both shared files, parsed: `profiles` from the config file, `credentials` from the other. */
export interface LoadedConfig {
  paths: ConfigPaths;
  profiles: SectionMap;
  credentials: SectionMap;
  /** Whole config file sections by full name (`sso-session x`, `services y`). */
  configExists: boolean;
  credentialsExists: boolean;
}

/**
 * Reads the files with the SDK's own loader, so a profile means here what it means to the
 * SDKs. The loader ignores unreadable files; we check them first so a wrong
 * AWS_CONFIG_FILE is an error that names it instead of a confusing "profile not found".
 */
export async function loadConfig(paths: ConfigPaths): Promise<LoadedConfig> {
  const configText = readChecked(paths.configFile, paths.configFrom);
  const credentialsText = readChecked(paths.credentialsFile, paths.credentialsFrom);
  // Each file is read once, here, synchronously; the loader parses the same text.
  externalDataInterceptor.interceptFile(paths.configFile, configText ?? "");
  externalDataInterceptor.interceptFile(paths.credentialsFile, credentialsText ?? "");
  let loaded;
  try {
    loaded = await loadSharedConfigFiles({ filepath: paths.credentialsFile, configFilepath: paths.configFile });
  } catch (error) {
    throw new UserError(`cannot parse ${paths.configFile}: ${(error as Error).message}; fix the file`, 1, "ConfigParse");
  }
  return {
    paths,
    profiles: loaded.configFile as SectionMap,
    credentials: loaded.credentialsFile as SectionMap,
    configExists: configText !== undefined,
    credentialsExists: credentialsText !== undefined,
  };
}

/** Reads a file and checks its syntax (the SDK loader would swallow both kinds of error). */
function readChecked(file: string, setBy: string | undefined): string | undefined {
  const origin = setBy ? ` (set by ${setBy})` : "";
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !setBy) return undefined;
    const why = code === "ENOENT" ? "does not exist" : code === "EACCES" ? "is not readable by this user"
      : code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code})`;
    throw new UserError(`${file}${origin} ${why}; fix the path or the file's permissions`, 1, "ConfigFile");
  }
  const fault = findMalformedIniLine(text);
  if (fault !== undefined) {
    throw new UserError(`${file}${origin} line ${fault.line} ${fault.problem}; fix that line`, 1, "ConfigParse");
  }
  return text;
}
