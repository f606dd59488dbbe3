import type { IniSections } from "./ini-parse";

// Section types whose `[type name]` headers the SDK files as `type.name` (see ini-parse.ts).
const TYPES = ["profile.", "sso-session.", "services."];

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
  for (const [name, values] of Object.entries(sections)) {
    if (name === "default") profiles.default = lowerKeys(values);
    const type = TYPES.find((t) => name.startsWith(t));
    if (type !== undefined) profiles[type === "profile." ? name.slice(type.length) : name] = lowerKeys(values);
  }
  return profiles;
}

/** The credentials file's sections with key names read in any letter case, as botocore reads them. */
export function cliCredentials(sections: IniSections): IniSections {
  const out: IniSections = Object.create(null);
  for (const [name, values] of Object.entries(sections)) out[name] = lowerKeys(values);
  return out;
}

function lowerKeys(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(values)) {
    const dot = key.indexOf(".");
    const lower = dot === -1 ? key.toLowerCase() : key.slice(0, dot).toLowerCase() + key.slice(dot);
    // Delete first, so the later key also takes the later place (botocore keeps one of each).
    delete out[lower];
    out[lower] = value;
  }
  return out;
}
