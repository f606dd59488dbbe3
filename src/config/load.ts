import { closeSync, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import { UserError } from "../errors";
import { cliConfigProfiles, cliCredentials } from "./cli-reading";
import { type IniFault, type IniSections, parseSharedIni } from "./ini-parse";
import type { ConfigPaths } from "./paths";

export type Section = Record<string, string | undefined>;
export type SectionMap = Record<string, Section | undefined>;

/**
 * Both shared files, parsed: `profiles` from the config file (`[profile x]` as `x`, and
 * `sso-session.x`, `services.x`), `credentials` from the other, read as the AWS CLI reads them
 * (cli-reading.ts). From loadConfigFor, only the sections a call for its profiles can need.
 */
export interface LoadedConfig {
  paths: ConfigPaths;
  profiles: SectionMap;
  credentials: SectionMap;
  /** Whether each file exists (a missing one at its default place reads as empty). */
  configExists: boolean;
  credentialsExists: boolean;
}

/** An open shared file and what fstat says of it. */
export interface OpenFile {
  fd: number;
  stat: Stats;
  file: string;
  setBy: string | undefined;
}

/**
 * Reads both files whole, as the SDKs do (see ini-parse.ts), for the commands that need every
 * profile. A missing file at the default path is an empty one, as for the SDKs; an unreadable or
 * malformed file, which the SDKs would quietly skip, is an error that names it instead of a
 * confusing "profile not found".
 */
export async function loadConfig(paths: ConfigPaths): Promise<LoadedConfig> {
  const [config, credentials] = openBoth(paths);
  try {
    return loadedConfig(
      paths,
      config && parseChecked(readWhole(config), config),
      credentials && parseChecked(readWhole(credentials), credentials),
    );
  } finally {
    closeBoth([config, credentials]);
  }
}

export function loadedConfig(
  paths: ConfigPaths,
  config: IniSections | undefined,
  credentials: IniSections | undefined,
): LoadedConfig {
  return {
    paths,
    profiles: config ? cliConfigProfiles(config) : Object.create(null),
    credentials: credentials ? cliCredentials(credentials) : Object.create(null),
    configExists: config !== undefined,
    credentialsExists: credentials !== undefined,
  };
}

/** Opens both files (undefined where one is missing from its default place); the caller closes them. */
export function openBoth(paths: ConfigPaths): [OpenFile | undefined, OpenFile | undefined] {
  const config = openChecked(paths.configFile, paths.configFrom);
  try {
    return [config, openChecked(paths.credentialsFile, paths.credentialsFrom)];
  } catch (error) {
    closeBoth([config, undefined]);
    throw error;
  }
}

export function closeBoth(files: (OpenFile | undefined)[]): void {
  for (const f of files) if (f) closeSync(f.fd);
}

function openChecked(file: string, setBy: string | undefined): OpenFile | undefined {
  let code: string | undefined;
  try {
    const fd = openSync(file, "r");
    const stat = fstatSync(fd);
    if (!stat.isDirectory()) return { fd, stat, file, setBy };
    closeSync(fd);
    code = "EISDIR";
  } catch (error) {
    code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !setBy) return undefined;
  }
  throw fileError(file, setBy, code);
}

export function readWhole(file: OpenFile): string {
  try {
    return readFileSync(file.fd, "utf8");
  } catch (error) {
    throw fileError(file.file, file.setBy, (error as NodeJS.ErrnoException).code);
  }
}

function fileError(file: string, setBy: string | undefined, code: string | undefined): UserError {
  const why =
    code === "ENOENT"
      ? "does not exist"
      : code === "EACCES"
        ? "is not readable by this user"
        : code === "EISDIR"
          ? "is a folder, not a file"
          : `cannot be read (${code})`;
  return new UserError(`${file}${setBy ? ` (set by ${setBy})` : ""} ${why}`, 1, "ConfigFile", {
    hint: "fix the path or the file's permissions",
  });
}

/** Parses a file's text; a line the SDKs would skip is an error naming the file and the line. */
export function parseChecked(text: string, file: OpenFile): IniSections {
  const parsed = parseSharedIni(text);
  if (parsed.fault) throw faultError(parsed.fault, file);
  return parsed.sections;
}

/** A line the SDKs would skip, as the error that names the file and the line. */
export function faultError(fault: IniFault, file: OpenFile): UserError {
  const origin = file.setBy ? ` (set by ${file.setBy})` : "";
  return new UserError(`${file.file}${origin} line ${fault.line} ${fault.problem}`, 1, "ConfigParse", {
    hint: "fix that line",
  });
}
