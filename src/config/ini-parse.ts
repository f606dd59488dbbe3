/** Sections by name, each a map of keys to values (both without prototypes). */
export type IniSections = Record<string, Record<string, string>>;
/** The first line the AWS SDKs would skip without a word, 1-based; never the line itself (it may hold a secret). */
export interface IniFault {
  line: number;
  problem: string;
}

// Section types whose `[type name]` headers the SDK files as `type.name` (@smithy/types IniSectionType).
const SECTION_TYPES = ["profile", "sso-session", "services"];

/**
 * A shared config or credentials file read as the AWS SDK for JavaScript reads it (parseIni of
 * @smithy/core/config, which test/unit/ini-parse.test.ts holds this to), so a profile means here
 * what it means to the SDKs; in the same pass, the first line that parser would silently skip,
 * so that a typo such as `[profile hk-role` (no closing bracket) is an error naming the line
 * rather than a baffling "profile not found". Comments start with # or ; at the start of a line
 * or after a space. A section named __proto__ makes the SDK give up on the whole file, just as
 * quietly. Without regular expressions or the SDK's asynchronous loader, which together cost a
 * cache hit measurable time (docs/performance.md). Unlike the SDK's, the maps have no prototype, so a
 * profile named `constructor` is just a name.
 * The SDK's parseIni: packages/core/src/submodules/config/shared-ini-file-loader/parseIni.ts in
 * https://github.com/smithy-lang/smithy-typescript
 */
export function parseSharedIni(text: string): { sections: IniSections; fault?: undefined } | { fault: IniFault } {
  const sections: IniSections = Object.create(null);
  let section: string | undefined;
  let subsection: string | undefined;
  let lineNumber = 0;
  for (let start = 0; start <= text.length; lineNumber++) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end > start && text[end - 1] === "\r" ? end - 1 : end);
    start = end + 1;
    const line = withoutComment(raw).trim();
    if (line === "") continue;
    if (line[0] === "[") {
      if (line[line.length - 1] !== "]" || line.length < 3)
        return { fault: { line: lineNumber + 1, problem: NOT_A_LINE } };
      const name = line.slice(1, -1);
      if (lastWord(name.trim()) === "__proto__") return { fault: { line: lineNumber + 1, problem: PROTO } };
      section = sectionKey(name);
      subsection = undefined;
      continue;
    }
    const equals = line.indexOf("=");
    if (equals <= 0) return { fault: { line: lineNumber + 1, problem: NOT_A_LINE } };
    if (!section) continue;
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (value === "") {
      subsection = key;
      continue;
    }
    // An unindented key ends the nested block (`s3 =` then indented keys).
    if (subsection !== undefined && !isSpace(raw[0]!)) subsection = undefined;
    sections[section] ??= Object.create(null) as Record<string, string>;
    sections[section]![subsection ? `${subsection}.${key}` : key] = value;
  }
  return { sections };
}

/**
 * The config file's sections as the SDK's loader returns them: `[profile x]` as `x`, `[default]`,
 * `sso-session.x`, `services.x`.
 */
export function configFileProfiles(sections: IniSections): IniSections {
  const profiles: IniSections = Object.create(null);
  if (sections.default) profiles.default = sections.default;
  for (const [name, values] of Object.entries(sections)) {
    const dot = name.indexOf(".");
    const type = dot === -1 ? undefined : name.slice(0, dot);
    if (type !== undefined && SECTION_TYPES.includes(type))
      profiles[type === "profile" ? name.slice(dot + 1) : name] = values;
  }
  return profiles;
}

export const NOT_A_LINE = "is neither a [section] nor name = value";
export const PROTO = "names a section __proto__, which the AWS SDKs refuse";

/** What precedes the first # or ; that starts the line or follows a space (the SDK's /(^|\s)[;#]/). */
export function withoutComment(line: string): string {
  for (let i = commentMark(line, 0); i !== -1; i = commentMark(line, i + 1)) {
    if (i === 0 || isSpace(line[i - 1]!)) return line.slice(0, i);
  }
  return line;
}

/** The next # or ; from `from`, or -1 (indexOf, not a loop over every character: this runs on every line). */
function commentMark(line: string, from: number): number {
  const hash = line.indexOf("#", from);
  const semicolon = line.indexOf(";", from);
  return hash === -1 ? semicolon : semicolon === -1 ? hash : Math.min(hash, semicolon);
}

/**
 * The SDK's /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/: `type name` gives `type.name` for known types,
 * nothing for others; anything else is the name as written.
 */
export function sectionKey(name: string): string | undefined {
  let space = 0;
  while (space < name.length && isTypeChar(name.charCodeAt(space))) space++;
  if (space === 0 || space === name.length || !isSpace(name[space]!)) return name;
  const next = name[space + 1];
  const quote = next === '"' || next === "'" ? next : "";
  const from = space + 1 + quote.length;
  const to = name.length - quote.length;
  if (to <= from || (quote && name[to] !== quote)) return name;
  for (let i = from; i < to; i++) if (!isNameChar(name.charCodeAt(i))) return name;
  const type = name.slice(0, space);
  return SECTION_TYPES.includes(type) ? `${type}.${name.slice(from, to)}` : undefined;
}

/** The last of the whitespace-separated words of a trimmed text. */
export function lastWord(text: string): string {
  let i = text.length;
  while (i > 0 && !isSpace(text[i - 1]!)) i--;
  return text.slice(i);
}

/** JavaScript's \s and String.prototype.trim share one set of white space and line terminators. */
export function isSpace(char: string): boolean {
  return char.trim() === "";
}

/** [\w-] */
function isTypeChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 45
  );
}

/** [\w-@+.%:/]: in that class `-` is a plain character. */
function isNameChar(code: number): boolean {
  return isTypeChar(code) || code === 64 || code === 43 || code === 46 || code === 37 || code === 58 || code === 47;
}
