import { readSync } from "node:fs";
import { cliSectionName } from "./cli-reading";
import { sectionSpans } from "./ini-sections";
import { closeBoth, type LoadedConfig, loadedConfig, type OpenFile, openBoth, parseChecked, readWhole } from "./load";
import type { ConfigPaths } from "./paths";
import { type FileStamp, indexName, readIndex, sameStamp, settled, stampOf, writeIndex } from "./section-index";
import { profileSection, regionalStsTarget } from "./source-chain";

/** Below this many bytes (both files together) reading them whole costs less than the index's own read. */
export const INDEX_FROM_BYTES = 16 * 1024;

export interface ReadFor {
  /**
   * The profiles a call starts from: the one served, a --source-profile, the default chain's
   * (AWS_PROFILE or default).
   */
  names: (string | undefined)[];
  /** Where the index is kept; undefined: no index (--no-cache), the files are read whole. */
  cacheDir: string | undefined;
  uid: number | undefined;
  now: number;
}

/**
 * The shared files as a credential call needs them: the sections of its profiles and of every
 * profile, sso-session and services section they lead to, parsed as a whole-file read parses
 * them. A large file (the config of thousands of SSO profiles that aws-sso-util or Granted
 * write) is read whole, checked line by line (a malformed line anywhere is an error, as the AWS
 * CLI refuses such a file) and parsed only the first time after it changed; that read leaves an
 * index of where those sections lie (section-index.ts), and every later call reads just them.
 * So a cache hit costs the same with 30,000 profiles as with 3 (issue 16).
 */
export function loadConfigFor(paths: ConfigPaths, read: ReadFor): LoadedConfig {
  const files = openBoth(paths);
  try {
    const [config, credentials] = files;
    const dir = read.cacheDir;
    if (dir === undefined || (config?.stat.size ?? 0) + (credentials?.stat.size ?? 0) < INDEX_FROM_BYTES)
      return wholeFiles(paths, files);
    const names = [...new Set(read.names.filter((n): n is string => n !== undefined))];
    const name = indexName(paths.configFile, paths.credentialsFile, names);
    const stamps = [stampOf(config?.stat), stampOf(credentials?.stat)] as const;
    const index = readIndex(dir, name, read.uid, { names, paths: [paths.configFile, paths.credentialsFile] });
    if (index && sameStamp(index.config.stamp, stamps[0]) && sameStamp(index.credentials.stamp, stamps[1])) {
      const take = (file: OpenFile | undefined, ranges: number[]) =>
        file && parseChecked(readRanges(file, ranges), file);
      return loadedConfig(paths, take(config, index.config.ranges), take(credentials, index.credentials.ranges));
    }
    const texts = [config && readWhole(config), credentials && readWhole(credentials)] as const;
    const loaded = loadedConfig(
      paths,
      config && parseChecked(texts[0]!, config),
      credentials && parseChecked(texts[1]!, credentials),
    );
    if (settled(stamps[0], read.now) && settled(stamps[1], read.now)) {
      const needed = neededSections(names, loaded);
      const wanted = new Set(needed);
      const configRanges = byteRanges(texts[0], stamps[0], (key) => wanted.has(cliSectionName(key)!));
      const credentialsRanges = byteRanges(texts[1], stamps[1], (key) => wanted.has(key));
      if (configRanges && credentialsRanges) {
        writeIndex(
          dir,
          name,
          {
            v: 1,
            names,
            config: { path: paths.configFile, stamp: stamps[0], ranges: configRanges },
            credentials: { path: paths.credentialsFile, stamp: stamps[1], ranges: credentialsRanges },
          },
          read.uid,
        );
      }
    }
    return loaded;
  } finally {
    closeBoth(files);
  }
}

function wholeFiles(
  paths: ConfigPaths,
  [config, credentials]: [OpenFile | undefined, OpenFile | undefined],
): LoadedConfig {
  return loadedConfig(
    paths,
    config && parseChecked(readWhole(config), config),
    credentials && parseChecked(readWhole(credentials), credentials),
  );
}

/**
 * Every section a call for these profiles can look at: the profiles, the ones they take their
 * credentials from (source_profile, regional_sts_source_profile, a regional-sts
 * credential_process's --profile), and the sso-session and services sections they name. The
 * same closure decides what the AWS SDK is shown on a miss (sdk-files.ts). A section that a call
 * looks up must be reachable here, or it reads as missing through the index: a change here
 * changes what an index holds, so bump SectionIndex's `v` with it.
 */
export function neededSections(
  names: readonly string[],
  config: Pick<LoadedConfig, "profiles" | "credentials">,
): string[] {
  const seen = new Set<string>();
  const visit = (name: string | undefined) => {
    if (name === undefined || name === "" || seen.has(name)) return;
    seen.add(name);
    const section = profileSection(name, config);
    if (!section) return;
    visit(section.source_profile);
    visit(section.regional_sts_source_profile);
    visit(regionalStsTarget(section.credential_process));
    if (section.sso_session) visit(`sso-session.${section.sso_session}`);
    if (section.services) visit(`services.${section.services}`);
  };
  for (const name of names) visit(name);
  return [...seen];
}

/**
 * Byte offsets of the sections with these keys (adjacent ones joined), or undefined when the
 * text is not the file's bytes read as UTF-8 one for one (invalid UTF-8 was replaced): then
 * offsets into the text are not offsets into the file, and no index is written.
 */
function byteRanges(
  text: string | undefined,
  stamp: FileStamp,
  wanted: (key: string) => boolean,
): number[] | undefined {
  if (text === undefined || stamp === null) return [];
  if (Buffer.byteLength(text) !== stamp[0]) return undefined;
  const ranges: number[] = [];
  let chars = 0;
  let bytes = 0;
  for (const span of sectionSpans(text)) {
    bytes += Buffer.byteLength(text.slice(chars, span.start));
    chars = span.start;
    const end = bytes + Buffer.byteLength(text.slice(span.start, span.end));
    if (span.key !== undefined && wanted(span.key)) {
      if (ranges.length > 0 && ranges[ranges.length - 1] === bytes) ranges[ranges.length - 1] = end;
      else ranges.push(bytes, end);
    }
  }
  return ranges;
}

/** Those byte ranges of the file, as one text (each ends a line, so they join as whole lines). */
function readRanges(file: OpenFile, ranges: number[]): string {
  let total = 0;
  for (let i = 0; i < ranges.length; i += 2) total += ranges[i + 1]! - ranges[i]!;
  const bytes = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    for (let pos = ranges[i]!, n = -1; pos < ranges[i + 1]! && n !== 0; pos += n, at += n) {
      n = readSync(file.fd, bytes, at, ranges[i + 1]! - pos, pos);
    }
  }
  return bytes.toString("utf8", 0, at);
}
