/** Variables to set and to remove, in the order they are printed. */
export interface EnvChange {
  set: [name: string, value: string][];
  unset: string[];
}

export const ENV_FORMATS = ["sh", "fish", "powershell", "dotenv", "json"] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

/**
 * Renders the change for a shell. Every value is quoted so that no character (a quote, `$`,
 * a backtick, a newline) can end the string or run anything.
 */
export function formatEnv(change: EnvChange, format: EnvFormat): string {
  switch (format) {
    case "sh":
      return lines([
        ...change.unset.map((n) => `unset ${n}`),
        ...change.set.map(([n, v]) => `export ${n}=${shQuote(v)}`),
      ]);
    case "fish":
      return lines([
        ...change.unset.map((n) => `set -e ${n};`),
        ...change.set.map(([n, v]) => `set -gx ${n} ${fishQuote(v)};`),
      ]);
    case "powershell":
      return lines([
        ...change.unset.map((n) => `Remove-Item -ErrorAction SilentlyContinue Env:${n}`),
        ...change.set.map(([n, v]) => `$Env:${n} = ${psQuote(v)}`),
      ]);
    case "dotenv":
      return lines(change.set.map(([n, v]) => `${n}=${dotenvQuote(v)}`));
    case "json":
      return `${JSON.stringify(Object.fromEntries(change.set))}\n`;
  }
}

function lines(items: string[]): string {
  return items.map((l) => `${l}\n`).join("");
}

/** POSIX sh: single quotes keep everything literal; a quote is closed, escaped, reopened. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish: inside single quotes only \\ and \' are special. */
export function fishQuote(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** PowerShell: single-quoted strings are verbatim; a quote (any of its four forms) is doubled. */
export function psQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/**
 * dotenv has no standard: Node's --env-file, python-dotenv and docker compose agree on bare
 * values and on single quotes (literal, no `$` expansion) but not on escapes. AWS keys and tokens
 * are always bare (base64); single quotes cover anything else without a quote, backslash or line
 * break; only such values fall back to double quotes with backslash escapes (python-dotenv, compose).
 */
export function dotenvQuote(value: string): string {
  if (/^[\w./+=:@-]*$/.test(value)) return value;
  if (!/['\\\r\n]/.test(value)) return `'${value}'`;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;
}
