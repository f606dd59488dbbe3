/**
 * A parser for the small subset of PowerShell that `env --format powershell` prints, written
 * from the PowerShell language specification (section 2.3.5.2, verbatim string literals) since
 * pwsh is not installable from Debian. It accepts only
 *   Remove-Item -ErrorAction SilentlyContinue Env:NAME
 *   $Env:NAME = '<verbatim string>'
 * and throws on anything else, so an injected statement or an unterminated string fails the test.
 */
const SINGLE_QUOTES = new Set(["'", "\u2018", "\u2019", "\u201a", "\u201b"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export interface PsProgram {
  removed: string[];
  assigned: [name: string, value: string][];
}

export function parsePowerShellEnv(text: string): PsProgram {
  const program: PsProgram = { removed: [], assigned: [] };
  let i = 0;
  while (i < text.length) {
    const remove = /^Remove-Item -ErrorAction SilentlyContinue Env:([A-Za-z_][A-Za-z0-9_]*)\n/.exec(text.slice(i));
    if (remove) {
      program.removed.push(remove[1]!);
      i += remove[0].length;
      continue;
    }
    if (!text.startsWith("$Env:", i))
      throw new Error(`unexpected statement at ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
    i += 5;
    const name = NAME.exec(text.slice(i))?.[0];
    if (!name || !text.startsWith(" = ", i + name.length)) throw new Error(`bad assignment at ${i}`);
    i += name.length + 3;
    const [value, end] = readVerbatim(text, i);
    if (text[end] !== "\n")
      throw new Error(`text after the string at ${end}: ${JSON.stringify(text.slice(end, end + 40))}`);
    program.assigned.push([name, value]);
    i = end + 1;
  }
  return program;
}

/** A verbatim string: any of the five single quotes opens and closes it; two in a row are one. */
function readVerbatim(text: string, start: number): [value: string, end: number] {
  if (!SINGLE_QUOTES.has(text[start]!)) throw new Error(`expected a single-quoted string at ${start}`);
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (!SINGLE_QUOTES.has(c)) {
      value += c;
      continue;
    }
    if (SINGLE_QUOTES.has(text[i + 1] ?? "")) {
      value += text[i + 1];
      i++;
      continue;
    }
    return [value, i + 1];
  }
  throw new Error("unterminated string");
}
