/**
 * Edits one profile block of an AWS config file as text, so every other byte (comments, odd
 * spacing, CRLF, other sections) survives. Sections are recognised exactly as the SDK's
 * parser (@smithy/core parseIni) recognises them, so we edit the block the SDKs will read.
 */

interface Line {
  text: string;
  eol: string;
}

/** A profile block: the header's line index and the index just past its last line. */
export interface Block {
  header: number;
  end: number;
}

const PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;

function splitLines(text: string): Line[] {
  const parts = text.split(/(\r?\n)/);
  const lines: Line[] = [];
  for (let i = 0; i < parts.length; i += 2) lines.push({ text: parts[i]!, eol: parts[i + 1] ?? "" });
  if (lines.length > 0 && lines.at(-1)!.text === "" && lines.at(-1)!.eol === "") lines.pop();
  return lines;
}

/** What the SDK's parser keeps of a line: everything before a ; or # comment, trimmed. */
function meaningful(text: string): string {
  return text.split(/(^|\s)[;#]/)[0]!.trim();
}

/** The section name between brackets, if this line is a section header. */
function sectionOf(text: string): string | undefined {
  const t = meaningful(text);
  return t.startsWith("[") && t.endsWith("]") ? t.slice(1, -1) : undefined;
}

/** Whether a config-file section name designates `profile` ([profile x], or [default]). */
export function namesProfile(section: string, profile: string): boolean {
  const m = PREFIXED.exec(section);
  if (m) return m[1] === "profile" && m[3] === profile;
  return profile === "default" && section === "default";
}

/** Every block of the profile (the SDK merges duplicates; configure refuses to guess). */
export function findProfileBlocks(text: string, profile: string): Block[] {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  lines.forEach((line, i) => {
    const section = sectionOf(line.text);
    if (section === undefined) return;
    const open = blocks.at(-1);
    if (open && open.end === -1) open.end = i;
    if (namesProfile(section, profile)) blocks.push({ header: i, end: -1 });
  });
  const last = blocks.at(-1);
  if (last && last.end === -1) last.end = lines.length;
  return blocks;
}

/** The key a line sets at the top level of its section, if any. */
function keyOf(text: string): { key: string; empty: boolean } | undefined {
  const t = meaningful(text);
  const at = t.indexOf("=");
  if (at <= 0) return undefined;
  return { key: t.slice(0, at).trim(), empty: t.slice(at + 1).trim() === "" };
}

/**
 * Sets `entries` in the profile's block. "update" replaces the value lines of those keys in
 * place and adds missing keys after the block's last setting; "replace" swaps every setting
 * of the block for `entries` (blank lines and comments after the last setting stay). With no
 * block, a new one is appended. The file's own line ending is used for new lines.
 */
export function setProfileKeys(
  text: string,
  profile: string,
  entries: readonly (readonly [string, string])[],
  mode: "update" | "replace",
): string {
  const lines = splitLines(text);
  const eol = /\r\n/.test(text) ? "\r\n" : "\n";
  const render = ([k, v]: readonly [string, string]): Line => ({ text: `${k} = ${v}`, eol });
  const blocks = findProfileBlocks(text, profile);
  if (blocks.length > 1) throw new Error(`profile ${profile} has ${blocks.length} sections`);
  const block = blocks[0];
  if (!block) return appendBlock(lines, profile, entries.map(render), eol);
  let lastSetting = block.header;
  const setters = new Map<string, number[]>();
  let inSubsection = false;
  for (let i = block.header + 1; i < block.end; i++) {
    const text = lines[i]!.text;
    const key = keyOf(text);
    if (!key) continue;
    lastSetting = i;
    const indented = /^\s/.test(text);
    if (inSubsection && indented) continue;
    inSubsection = key.empty;
    setters.set(key.key, [...(setters.get(key.key) ?? []), i]);
  }
  // The last line of a file may lack its line ending; new lines must not glue onto it.
  if (lines[lastSetting]!.eol === "") lines[lastSetting]!.eol = eol;
  if (mode === "replace") {
    lines.splice(block.header + 1, lastSetting - block.header, ...entries.map(render));
    return joinLines(lines);
  }
  const added: Line[] = [];
  for (const entry of entries) {
    const at = setters.get(entry[0]);
    if (!at) {
      added.push(render(entry));
      continue;
    }
    for (const i of at) {
      const indent = /^\s*/.exec(lines[i]!.text)![0];
      lines[i] = { text: `${indent}${entry[0]} = ${entry[1]}`, eol: lines[i]!.eol };
    }
  }
  lines.splice(lastSetting + 1, 0, ...added);
  return joinLines(lines);
}

/** Removes the top-level lines of the profile's block that set any of `keys` (with their nested lines). */
export function removeProfileKeys(text: string, profile: string, keys: readonly string[]): string {
  const block = findProfileBlocks(text, profile)[0];
  if (!block) return text;
  const lines = splitLines(text);
  const kept = lines.filter((line, i) => {
    if (i <= block.header || i >= block.end) return true;
    const key = /^\s/.test(line.text) ? undefined : keyOf(line.text);
    return !(key && keys.includes(key.key));
  });
  return joinLines(kept);
}

function appendBlock(lines: Line[], profile: string, body: Line[], eol: string): string {
  const header = profile === "default" ? "[default]" : `[profile ${profile}]`;
  const last = lines.at(-1);
  if (last && last.eol === "") last.eol = eol;
  const spacer = last && meaningful(last.text) !== "" ? [{ text: "", eol }] : [];
  return joinLines([...lines, ...spacer, { text: header, eol }, ...body]);
}

function joinLines(lines: Line[]): string {
  return lines.map((l) => l.text + l.eol).join("");
}
