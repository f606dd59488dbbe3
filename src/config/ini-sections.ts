import { type IniFault, type IniSections, lastWord, NOT_A_LINE, PROTO, sectionKey, withoutComment } from "./ini-parse";

/** One section's lines: its header line up to the next header line (or the end), as offsets into the text. */
export interface SectionSpan {
  /** The key parseSharedIni files its keys under; undefined for a header the SDK reads as no section ([foo bar]). */
  key: string | undefined;
  start: number;
  end: number;
}

/**
 * Where each section of a file lies, in file order, duplicates included (what a reader needs to
 * take only some sections and parse them alone), or the first line parseSharedIni would report,
 * the same fault at the same line (test/unit/ini-sections.test.ts holds the two together). One
 * pass that builds no map: a large file's first read after it changed checks every line with
 * it and then parses only the sections a call needs (load-for.ts). Lines before the first
 * header belong to no section: the SDK skips them.
 */
export function scanSections(text: string): { spans: SectionSpan[]; fault?: undefined } | { fault: IniFault } {
  const spans: SectionSpan[] = [];
  for (let start = 0, lineNumber = 1; start <= text.length; lineNumber++) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = withoutComment(text.slice(start, end)).trim(); // a CR before the LF goes with trim()
    if (line[0] === "[") {
      if (line[line.length - 1] !== "]" || line.length < 3) return { fault: { line: lineNumber, problem: NOT_A_LINE } };
      const name = line.slice(1, -1);
      if (lastWord(name.trim()) === "__proto__") return { fault: { line: lineNumber, problem: PROTO } };
      if (spans.length > 0) spans[spans.length - 1]!.end = start;
      spans.push({ key: sectionKey(name), start, end: text.length });
    } else if (line !== "" && line.indexOf("=") <= 0) {
      return { fault: { line: lineNumber, problem: NOT_A_LINE } };
    }
    start = end + 1;
  }
  return { spans };
}

/**
 * The text of just the sections whose key is in `keys`, in file order: parsed on its own it
 * gives exactly those sections of the whole file, duplicates merged as the SDK merges them
 * (test/unit/ini-sections.test.ts holds it to that).
 */
export function takeSections(text: string, spans: readonly SectionSpan[], keys: ReadonlySet<string>): string {
  let out = "";
  for (const span of spans) {
    if (span.key === undefined || !keys.has(span.key)) continue;
    const part = text.slice(span.start, span.end);
    out += part.endsWith("\n") ? part : `${part}\n`;
  }
  return out;
}

/**
 * Sections written back as INI text that the SDK's parseIni reads as exactly these sections
 * (keys are whatever they hold: flattened `sub.key` too). `name=value` with no spaces, because a
 * value never starts with a space but may start with # or ; (`k =#x`), which after a space would
 * start a comment. Headers as `[profile.name]`, which the SDK takes as written (no space), so
 * any name reads back as itself. For the config file pass `profile.` as the prefix of profiles.
 */
export function sectionsText(sections: IniSections, profilePrefix: "profile." | ""): string {
  let out = "";
  for (const [name, values] of Object.entries(sections)) {
    const typed = name.startsWith("sso-session.") || name.startsWith("services.");
    out += `[${typed ? name : profilePrefix + name}]\n`;
    for (const [key, value] of Object.entries(values)) out += `${key}=${value}\n`;
  }
  return out;
}
