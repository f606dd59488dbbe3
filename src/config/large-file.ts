import { readSync } from "node:fs";
import type { IniSections } from "./ini-parse";
import { type SectionSpan, scanSections, takeSections } from "./ini-sections";
import { faultError, type OpenFile, parseChecked, readWhole } from "./load";

/** A large shared file read whole: some of its sections parsed, and where they lie in it. */
export interface WholeFile {
  /** Those sections whose name is wanted, parsed as a parse of the whole file reads them. */
  take(wanted: ReadonlySet<string>): IniSections;
  /** Their byte offsets (see byteRanges); undefined when offsets into the text are not the file's. */
  ranges(wanted: ReadonlySet<string>): number[] | undefined;
}

/**
 * Reads a large file whole and checks every line (a malformed line anywhere is an error, as the
 * AWS CLI refuses such a file) in one pass that builds no map: parsing all of it and naming
 * every profile as the AWS CLI does cost more than the call needs (docs/performance.md).
 * `nameOf` gives a section's name (as neededSections names it) from its parser key.
 */
export function readWholeFile(file: OpenFile, nameOf: (key: string) => string | undefined): WholeFile {
  const text = readWhole(file);
  const scan = scanSections(text);
  if (scan.fault) throw faultError(scan.fault, file);
  const spans = scan.spans;
  const names = spans.map((span) => (span.key === undefined ? undefined : nameOf(span.key)));
  const picked = (wanted: ReadonlySet<string>) => (i: number) => names[i] !== undefined && wanted.has(names[i]);
  return {
    take(wanted) {
      const keys = new Set<string>();
      const pick = picked(wanted);
      for (let i = 0; i < spans.length; i++) if (pick(i)) keys.add(spans[i]!.key!);
      return parseChecked(takeSections(text, spans, keys), file);
    },
    ranges: (wanted) => byteRanges(text, file.stat.size, spans, picked(wanted)),
  };
}

/**
 * Byte offsets in the file of the picked spans of its text (adjacent ones joined), or undefined
 * when the text is not the file's bytes read as UTF-8 one for one (invalid UTF-8 was replaced):
 * then offsets into the text are not offsets into the file, and no index is written.
 */
export function byteRanges(
  text: string,
  size: number,
  spans: readonly SectionSpan[],
  picked: (index: number) => boolean,
): number[] | undefined {
  const total = Buffer.byteLength(text);
  if (total !== size) return undefined;
  // All ASCII (the usual generated config): a character is a byte. Else count the bytes up to each picked span.
  const ascii = total === text.length;
  const ranges: number[] = [];
  let chars = 0;
  let bytes = 0;
  for (let i = 0; i < spans.length; i++) {
    if (!picked(i)) continue;
    const span = spans[i]!;
    const start = ascii ? span.start : bytes + Buffer.byteLength(text.slice(chars, span.start));
    const end = ascii ? span.end : start + Buffer.byteLength(text.slice(span.start, span.end));
    [chars, bytes] = [span.end, end];
    if (ranges.length > 0 && ranges[ranges.length - 1] === start) ranges[ranges.length - 1] = end;
    else ranges.push(start, end);
  }
  return ranges;
}

/** Those byte ranges of the file, as one text (each ends a line, so they join as whole lines). */
export function readRanges(file: OpenFile, ranges: number[]): string {
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
