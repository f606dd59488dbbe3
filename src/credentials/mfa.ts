import type { ChildProcess, SpawnOptions } from "node:child_process";
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { UserError } from "../errors";
import { terminalDevices } from "../platform";
import type { MfaRequest } from "../runtime";

const CODE = /^\d{6}$/;

export interface MfaDeps {
  platform: NodeJS.Platform;
  spawn(command: string, args: readonly string[], options: SpawnOptions): ChildProcess;
  env: Record<string, string | undefined>;
  /** Signals every process of a process group (process.kill(-pgid)): a shell's children too. */
  killGroup(pgid: number, signal: NodeJS.Signals): void;
  /** How long regional_sts_mfa_process may take; 30 s unless a test says otherwise. */
  timeoutMs?: number;
}

/** Well under the Go SDK's one-minute limit on a credential process, and the lock waiters' 40 s. */
const MFA_PROCESS_LIMIT_MS = 30_000;

/**
 * Reads an MFA code from regional_sts_mfa_process or from the terminal itself: the AWS CLI
 * captures our stderr and the JS SDK gives us no terminal stdin, so the prompt opens /dev/tty
 * (CONIN$/CONOUT$ on Windows). Without either, fail at once rather than hang.
 */
export function makeMfaReader(deps: MfaDeps): (request: MfaRequest) => Promise<string> {
  return async (request) => {
    const code = request.process ? await runMfaProcess(request, deps) : await promptTerminal(request, deps);
    if (!CODE.test(code)) {
      throw new UserError(
        `profile ${request.profile}: the MFA code for ${request.serial} must be 6 digits`,
        1,
        "BadMfaCode",
      );
    }
    return code;
  };
}

/**
 * STS refuses a wrong or already used code with AccessDenied "MultiFactorAuthentication failed
 * ...": that deserves its own line rather than the trust-policy advice for other AccessDenied.
 */
export function explainMfaRejection(error: unknown, profile: string, serial: string): UserError | undefined {
  const e = error as { name?: string; message?: string };
  if (e.name !== "AccessDenied" || !/MultiFactorAuthentication/.test(e.message ?? "")) return undefined;
  const detail = (e.message ?? "").split(/\r?\n/)[0]!.trim();
  return new UserError(
    `profile ${profile}: the MFA code for ${serial} was not accepted (${detail})`,
    1,
    "MfaRejected",
    {
      cause: error,
      hint: "run again with the current code from the device",
    },
  );
}

async function promptTerminal(request: MfaRequest, deps: MfaDeps): Promise<string> {
  const { input, output } = terminalDevices(deps.platform);
  let inFd: number;
  let outFd: number;
  try {
    inFd = openSync(input, "r");
    outFd = openSync(output, "w");
  } catch {
    throw new UserError(
      `profile ${request.profile}: an MFA code for ${request.serial} is needed and there is no terminal`,
      1,
      "NoTerminal",
      {
        hint:
          `set regional_sts_mfa_process to a command that prints the code, ` +
          `or run "regional-sts refresh ${request.profile}" in a terminal first ` +
          `(it asks for the code and fills the cache for every tool)`,
      },
    );
  }
  const prompt = `Enter MFA code for ${request.serial} (profile ${request.profile}): `;
  try {
    if (deps.platform !== "win32") return await readWithoutEcho(request, deps, inFd, outFd, prompt);
    // Windows: the console offers no echo switch without a native module; the code is typed visibly.
    writeSync(outFd, prompt);
    return readLine(inFd).trim();
  } finally {
    closeSync(inFd);
    closeSync(outFd);
  }
}

/*
 * Echo off while the code is typed, as the AWS CLI's own prompt (Python's getpass) does. Node
 * has no termios call short of raw mode, which would also turn Ctrl-C and line editing off, so
 * the POSIX shell does it: `stty -echo`, the prompt, one line, a newline for the Enter that was
 * not echoed, and echo back on whatever happens (Ctrl-C reaches the shell too, which restores it).
 */
const NO_ECHO_READ = `trap 'stty echo' EXIT
trap 'exit 130' INT HUP TERM
stty -echo || exit 3
printf '%s' "$1" >&2
IFS= read -r code
printf '\\n' >&2
printf '%s' "$code"`;

function readWithoutEcho(
  request: MfaRequest,
  deps: MfaDeps,
  inFd: number,
  outFd: number,
  prompt: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = deps.spawn("/bin/sh", ["-c", NO_ECHO_READ, "sh", prompt], {
      stdio: [inFd, "pipe", outFd],
      env: deps.env,
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    const fail = (why: string) =>
      reject(
        new UserError(
          `profile ${request.profile}: could not read the MFA code for ${request.serial} from the terminal (${why})`,
          1,
          "NoTerminal",
          { hint: "run again in a terminal, or set regional_sts_mfa_process" },
        ),
      );
    child.on("error", (error) => fail(error.message));
    child.on("close", (code, signal) => (code === 0 ? resolve(out.trim()) : fail(signal ?? `exit ${code}`)));
  });
}

function readLine(fd: number): string {
  const buffer = Buffer.alloc(1);
  let line = "";
  for (;;) {
    const n = readSync(fd, buffer, 0, 1, null);
    if (n === 0) return line;
    const ch = buffer.toString("utf8");
    if (ch === "\n" || ch === "\r") return line;
    line += ch;
  }
}

/**
 * Runs regional_sts_mfa_process in a process group of its own (POSIX), so that at the time limit
 * the whole group is killed: `sleep 100; echo 123456` is a shell waiting on a child, and killing
 * the shell alone leaves the child holding our pipe (and the cache lock) to the end. We stop
 * waiting at the limit in any case. The group is a new session, so the command has no terminal:
 * one that must ask on the terminal belongs in the built-in prompt (mfa_serial alone).
 */
function runMfaProcess(request: MfaRequest, deps: MfaDeps): Promise<string> {
  const limitMs = deps.timeoutMs ?? MFA_PROCESS_LIMIT_MS;
  const ownGroup = deps.platform !== "win32";
  return new Promise((resolve, reject) => {
    const fail = (why: string, hint = "fix the command") =>
      reject(new UserError(`profile ${request.profile}: regional_sts_mfa_process ${why}`, 1, "MfaProcess", { hint }));
    const child = deps.spawn(request.process!, [], {
      shell: true,
      stdio: ["ignore", "pipe", "inherit"],
      env: deps.env,
      detached: ownGroup,
    });
    let out = "";
    const timer = setTimeout(() => {
      try {
        if (ownGroup && child.pid !== undefined) deps.killGroup(child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // Already gone between the last check and now.
      }
      fail(
        `timed out: no code after ${limitMs / 1000} s, so it was stopped`,
        "check the command prints the code on its own (run it in a shell)",
      );
    }, limitMs);
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", (error) => {
      clearTimeout(timer);
      fail(`could not start (${error.message})`);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.trim());
      else fail(`exited with ${code ?? "a signal"}`);
    });
  });
}
