import { externalDataInterceptor, loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import fc from "fast-check";

/** What the AWS SDK for JavaScript makes of a config and a credentials file with these contents. */
export async function sdkReads(
  config: string,
  credentials: string,
): Promise<{ configFile: unknown; credentialsFile: unknown }> {
  const id = Math.random().toString(36).slice(2);
  const [configPath, credentialsPath] = [`/sdk-reads/${id}/config`, `/sdk-reads/${id}/credentials`];
  externalDataInterceptor.interceptFile(configPath, config);
  externalDataInterceptor.interceptFile(credentialsPath, credentials);
  return loadSharedConfigFiles({ filepath: credentialsPath, configFilepath: configPath });
}

/** The SDK's parseIni of a text on its own (the credentials file is read without getConfigData). */
export async function sdkParse(text: string): Promise<unknown> {
  return (await sdkReads("", text)).credentialsFile;
}

// Names and values with what the SDK's patterns treat specially: quotes, its name characters
// (-@+.%:/), other punctuation, non-ASCII and non-breaking or ideographic spaces. Not names that
// Object.prototype has: the SDK's own maps would write onto Object itself. Few enough that
// sections and keys repeat often: duplicates are where readers differ.
export const word = fc.constantFrom(
  "a",
  "hk-role",
  "x_1",
  "default",
  "profile",
  "sso-session",
  "services",
  "foo",
  "n@m+e.%:/",
  "q'",
  'q"',
  "ß",
  "x y",
  "a=b",
  "a#b",
  "Region",
  "REGION",
  "source_profile",
  "regional_sts_source_profile",
  "sso_session",
);
const space = fc.constantFrom(" ", "  ", "\t", "\u00a0", "\u3000", "");
export const header = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("profile", "sso-session", "services", "foo", "default", "p-1"),
      space,
      fc.constantFrom("", "'", '"'),
      word,
      fc.constantFrom("", "'", '"'),
    )
    .map(([type, s, open, name, close]) => `[${type}${s}${open}${name}${close}]`),
  fc.tuple(space, word, space).map(([a, name, b]) => `[${a}${name}${b}]`),
  fc.constantFrom("[default]", "[profile default]", "[profile.a]", "[sso-session a]", "[services a]"),
);
const comment = fc.constantFrom("", " # note", " ; note", "#x", " #", "\t;");
const keyLine = fc
  .tuple(space, word, space, fc.constantFrom("=", " = ", "= "), fc.oneof(word, fc.constant("")), comment)
  .map(([indent, key, s, eq, value, c]) => `${indent}${key}${s}${eq}${value}${c}`);
const line = fc.oneof(
  { weight: 2, arbitrary: header },
  { weight: 5, arbitrary: keyLine },
  fc.constantFrom("", "   ", "# comment", "; comment", "\r"),
);
/** An INI file of up to 14 lines, LF or CRLF, with or without a last newline. */
export const iniFile = fc
  .tuple(fc.array(line, { maxLength: 14 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([lines, eol, last]) => lines.join(eol) + (last && lines.length > 0 ? eol : ""));
