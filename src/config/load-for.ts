import { cliSectionName } from "./cli-reading";
import { readRanges, readWholeFile } from "./large-file";
import { closeBoth, type LoadedConfig, loadedConfig, type OpenFile, openBoth, parseChecked, readWhole } from "./load";
import type { ConfigPaths } from "./paths";
import { indexName, readIndex, type SectionIndex, sameStamp, settled, stampOf, writeIndex } from "./section-index";
import { profileSection, regionalStsTarget } from "./source-chain";

/** Below this many bytes (both files together) reading them whole costs less than the index's own read. */
export const INDEX_FROM_BYTES = 16 * 1024;

export interface ReadFor {
  /**
   * The profiles a call starts from: the one served, a --source-profile, the default chain's
   * (AWS_PROFILE or default).
   */
  names: (string | undefined)[];
  /** Where the index is kept; undefined: no index (--no-cache), a large file is read whole at every call. */
  cacheDir: string | undefined;
  uid: number | undefined;
  now: number;
}

/**
 * The shared files as a credential call needs them: the sections of its profiles and of every
 * profile, sso-session and services section they lead to, parsed as a whole-file read parses
 * them. A large file (the config of thousands of SSO profiles that aws-sso-util or Granted
 * write) is read whole and checked line by line (a malformed line anywhere is an error, as the
 * AWS CLI refuses such a file) only the first time after it changed; that read leaves an index
 * of where those sections lie (section-index.ts), and every later call reads just them. So a
 * cache hit costs the same with 30,000 profiles as with 3 (issue 16). Whichever way the files
 * are read, only those sections are parsed.
 */
export function loadConfigFor(paths: ConfigPaths, read: ReadFor): LoadedConfig {
  const files = openBoth(paths);
  try {
    const [config, credentials] = files;
    if ((config?.stat.size ?? 0) + (credentials?.stat.size ?? 0) < INDEX_FROM_BYTES) return wholeFiles(paths, files);
    const names = [...new Set(read.names.filter((n): n is string => n !== undefined))];
    const dir = read.cacheDir;
    const name = indexName(paths.configFile, paths.credentialsFile, names);
    const stamps = [stampOf(config?.stat), stampOf(credentials?.stat)] as const;
    const index =
      dir === undefined
        ? undefined
        : readIndex(dir, name, read.uid, { names, paths: [paths.configFile, paths.credentialsFile] });
    if (index && sameStamp(index.config.stamp, stamps[0]) && sameStamp(index.credentials.stamp, stamps[1])) {
      const take = (file: OpenFile | undefined, ranges: number[]) =>
        file && parseChecked(readRanges(file, ranges), file);
      return loadedConfig(paths, take(config, index.config.ranges), take(credentials, index.credentials.ranges));
    }
    // Read whole (once after each change): the sections these names lead to, followed one step
    // per round, each round parsing only the sections found so far; so this call reads exactly
    // what the index then makes every later one read.
    const whole = [config && readWholeFile(config, cliSectionName), credentials && readWholeFile(credentials, same)];
    const wanted = new Set(names);
    const take = () => loadedConfig(paths, whole[0]?.take(wanted), whole[1]?.take(wanted));
    let loaded = take();
    for (;;) {
      const more = neededSections(names, loaded).filter((n) => !wanted.has(n));
      if (more.length === 0) break;
      for (const n of more) wanted.add(n);
      loaded = take();
    }
    const ranges = [whole[0] ? whole[0].ranges(wanted) : [], whole[1] ? whole[1].ranges(wanted) : []];
    if (dir !== undefined && ranges[0] && ranges[1] && settled(stamps[0], read.now) && settled(stamps[1], read.now)) {
      const index: SectionIndex = {
        v: 1,
        names,
        config: { path: paths.configFile, stamp: stamps[0], ranges: ranges[0] },
        credentials: { path: paths.credentialsFile, stamp: stamps[1], ranges: ranges[1] },
      };
      writeIndex(dir, name, index, read.uid);
    }
    return loaded;
  } finally {
    closeBoth(files);
  }
}

const same = (key: string) => key;

/** Small files (or none): read and parsed whole, which costs less than the index's own read. */
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
