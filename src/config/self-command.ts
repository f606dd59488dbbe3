import { statSync } from "node:fs";
import { join } from "node:path";

/**
 * How this program was started, as src/main.ts sees it: the file that was executed (the
 * standalone binary or npm's bin file), as invoked, not resolved through symbolic links; a bare
 * name when the shell found it on PATH. `script` is set when Node ran our script directly.
 */
export interface SelfCommand {
  program: string;
  script?: string;
}

const NAME = "regional-sts";

/**
 * The program part of the credential_process line configure writes: `regional-sts` when that
 * name on PATH is this very program (so an upgrade that moves the install keeps working);
 * otherwise the path it was started by, not resolved through links (a versioned folder behind
 * a link such as /opt/homebrew/bin/regional-sts would break on the next upgrade).
 */
export function credentialProcessProgram(self: SelfCommand, env: Record<string, string | undefined>): string {
  if (self.script !== undefined) return `${shellWord(self.program)} ${shellWord(self.script)}`;
  const program = self.program.includes("/") ? self.program : (onPath(self.program, env.PATH) ?? self.program);
  const found = onPath(NAME, env.PATH);
  return found !== undefined && sameFile(found, program) ? NAME : shellWord(program);
}

/**
 * The first executable file `name` in PATH's absolute folders (a relative entry would make the
 * line depend on the caller's working folder, so it is not one to write).
 */
function onPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? "").split(":").filter((d) => d.startsWith("/"))) {
    const candidate = join(dir, name);
    try {
      const stat = statSync(candidate);
      if (stat.isFile() && (stat.mode & 0o111) !== 0) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * One word for every reader of credential_process: `sh -c` (the JS SDK's exec, the Go SDK's
 * processcreds) and Python's shlex.split (botocore's compat_shell_split). Inside single quotes
 * both take every character literally; a single quote is written '\'' (close, escaped quote,
 * reopen), which both read alike. Double quotes would not do: shlex keeps the backslash of \$.
 */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
