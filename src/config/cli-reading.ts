import type { IniSections } from "./ini-parse";

/**
 * The config file's profiles as the AWS CLI reads them where it and the JS SDK disagree, since
 * the AWS CLI's `credential_process` line is what asks for a profile (issue 12 item 11):
 * - `[default]` and `[profile default]` both name the profile `default`; botocore takes whichever
 *   section comes later in the file, whole, where the JS SDK always takes `[profile default]`.
 * - Key names are read in any letter case (`Region =` is `region`): botocore's configparser
 *   lower-cases them; the JS SDK does not. For a nested `s3 =` block only the block's name is
 *   lower-cased, as in botocore. Of two keys that differ only in case, the later one counts
 *   (botocore refuses such a file; so does it a repeated key, which both SDKs read as the last).
 * https://github.com/boto/botocore/blob/develop/botocore/configloader.py (build_profile_map)
 * Otherwise the same map as configFileProfiles (the SDK's getConfigData).
 */
export function cliConfigProfiles(sections: IniSections): IniSections {
  const profiles: IniSections = Object.create(null);
  for (const raw in sections) {
    const name = cliSectionName(raw);
    if (name !== undefined) profiles[name] = lowerKeys(sections[raw]!);
  }
  return profiles;
}

/**
 * The name botocore gives the config file's section that parseSharedIni files under `raw`:
 * `x` for a profile, `sso-session.x`, `services.x`, or undefined for no section of those.
 * The SDK's `type name` pattern takes one space and a name of [\w-@+.%:/]; botocore splits
 * the header as a shell would, so `[profile  x]` (two spaces) and `[profile "x y"]` are
 * profiles too, and the AWS CLI's `--profile x` finds them here as well.
 */
export function cliSectionName(raw: string): string | undefined {
  if (raw === "default") return raw;
  if (raw.startsWith("profile.")) return raw.slice(8);
  if (raw.startsWith("sso-session.") || raw.startsWith("services.")) return raw;
  const type = ["profile", "sso-session", "services"].find((t) => raw.startsWith(t));
  const words = type === undefined ? undefined : shellWords(raw);
  if (words?.length !== 2) return undefined;
  return type === "profile" ? words[1] : `${type}.${words[1]}`;
}

/**
 * Python's shlex.split (POSIX): words split at spaces, '...' and "..." quoting, \ escapes;
 * undefined where it raises.
 */
function shellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = "";
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = "";
      else if (c === "\\" && i + 1 < text.length && '\\"$`\n'.includes(text[i + 1]!)) word += text[++i];
      else word += c;
    } else if (" \t\r\n".includes(c)) {
      if (inWord) words.push(word);
      [word, inWord] = ["", false];
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c !== "\\") word += c;
      else if (i + 1 < text.length) word += text[++i];
      else return undefined;
    }
  }
  if (quote !== "") return undefined;
  if (inWord) words.push(word);
  return words;
}

/** The credentials file's sections with key names read in any letter case, as botocore reads them. */
export function cliCredentials(sections: IniSections): IniSections {
  for (const name in sections) {
    if (lowerKeys(sections[name]!) !== sections[name]) {
      const out: IniSections = Object.create(null);
      for (const n in sections) out[n] = lowerKeys(sections[n]!);
      return out;
    }
  }
  return sections;
}

/** The section itself when every key is in lower case already (nearly always: no copy on a cache hit). */
function lowerKeys(values: Record<string, string>): Record<string, string> {
  for (const key in values) if (key !== key.toLowerCase()) return lowered(values);
  return values;
}

function lowered(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const key in values) {
    const dot = key.indexOf(".");
    const lower = dot === -1 ? key.toLowerCase() : key.slice(0, dot).toLowerCase() + key.slice(dot);
    // Delete first, so the later key also takes the later place (botocore keeps one of each).
    delete out[lower];
    out[lower] = values[key]!;
  }
  return out;
}
