import { spawn } from "node:child_process";
import { spawnError } from "./tools";

export interface TerminalRun {
  code: number | null;
  /** Everything shown on the terminal: prompts, echoed typing, output (lines end in \r\n). */
  screen: string;
  /** How many times each prompt was answered. */
  answered: number;
}

/** A command line for `sh -c`, every word single-quoted. */
export function shellLine(words: readonly string[]): string {
  return words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(" ");
}

/**
 * Runs `words` on a new pseudo-terminal (util-linux `script`, so no native module is needed).
 * Whenever the screen shows `prompt` once more, `typed` is typed on the keyboard, Enter included.
 * The command gets a controlling terminal of its own: /dev/tty is that terminal.
 */
export function runOnTerminal(
  words: readonly string[],
  env: Record<string, string>,
  prompt: string,
  typed: string,
): Promise<TerminalRun> {
  return new Promise((done, fail) => {
    const child = spawn("script", ["--quiet", "--return", "--command", shellLine(words), "/dev/null"], {
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let screen = "";
    let answered = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      screen += chunk.toString("utf8");
      const seen = screen.split(prompt).length - 1;
      for (; answered < seen; answered++) child.stdin.write(`${typed}\r`);
    });
    child.stderr.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
    child.on("error", (err: NodeJS.ErrnoException) => fail(spawnError("script", err)));
    // stdin stays open until the end: `script` would pass an end of file on to the terminal.
    child.on("close", (code) => done({ code, screen, answered }));
    child.on("exit", () => child.stdin.end());
  });
}
