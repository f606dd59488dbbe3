import { readFileSync } from "node:fs";
import { UserError } from "../errors";
import { configFileProfiles, parseSharedIni, type IniSections } from "./ini-parse";
import type { ConfigPaths } from "./paths";

export type Section = Record<string, string | undefined>;
export type SectionMap = Record<string, Section | undefined>;

/**
 * Both shared files, parsed: `profiles` from the config file (`[profile x]` as `x`, and
 * `sso-session.x`, `services.x`), `credentials` from the other.
 */
export interface LoadedConfig {
  paths: ConfigPaths;
  profiles: SectionMap;
  credentials: SectionMap;
  /** Whether each file exists (a missing one at its default place reads as empty). */
  configExists: boolean;
  credentialsExists: boolean;
}

/**
 * Reads both files as the SDKs do (see ini-parse.ts). A missing file at the default path is an
 * empty one, as for the SDKs; an unreadable or malformed file, which the SDKs would quietly
 * skip, is an error that names it instead of a confusing "profile not found".
 */
export async function loadConfig(paths: ConfigPaths): Promise<LoadedConfig> {
  const config = readChecked(paths.configFile, paths.configFrom);
  const credentials = readChecked(paths.credentialsFile, paths.credentialsFrom);
  return {
    paths,
    profiles: config ? configFileProfiles(config) : Object.create(null),
    credentials: credentials ?? Object.create(null),
    configExists: config !== undefined,
    credentialsExists: credentials !== undefined,
  };
}

/** Reads and parses a file; undefined where it is missing from its default place. */
function readChecked(file: string, setBy: string | undefined): IniSections | undefined {
  const origin = setBy ? ` (set by ${setBy})` : "";
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !setBy) return undefined;
    const why = code === "ENOENT" ? "does not exist" : code === "EACCES" ? "is not readable by this user"
      : code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code})`;
    throw new UserError(`${file}${origin} ${why}`, 1, "ConfigFile", { hint: "fix the path or the file's permissions" });
  }
  const parsed = parseSharedIni(text);
  if (parsed.fault) {
    throw new UserError(`${file}${origin} line ${parsed.fault.line} ${parsed.fault.problem}`, 1, "ConfigParse", { hint: "fix that line" });
  }
  return parsed.sections;
}
