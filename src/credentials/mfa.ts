import { openSync, readSync, writeSync, closeSync } from "node:fs";
import type { ChildProcess, SpawnOptions } from "node:child_process";
import { UserError } from "../errors";
import type { MfaRequest } from "../runtime";

const CODE = /^\d{6}$/;

export interface MfaDeps {
  platform: NodeJS.Platform;
  spawn(command: string, args: readonly string[], options: SpawnOptions): ChildProcess;
  env: Record<string, string | undefined>;
}

/**
 * Reads an MFA code from regional_sts_mfa_process or from the terminal itself: the AWS CLI
 * captures our stderr and the JS SDK gives us no terminal stdin, so the prompt opens /dev/tty
 * (CONIN$/CONOUT$ on Windows). Without either, fail at once rather than hang.
 */
export function makeMfaReader(deps: MfaDeps): (request: MfaRequest) => Promise<string> {
  return async (request) => {
    const code = request.process ? await runMfaProcess(request, deps) : promptTerminal(request, deps.platform);
    if (!CODE.test(code)) {
      throw new UserError(`profile ${request.profile}: the MFA code for ${request.serial} must be 6 digits`, 1, "BadMfaCode");
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
  return new UserError(`profile ${profile}: the MFA code for ${serial} was not accepted (${detail}); run again with the current code from the device`, 1, "MfaRejected", { cause: error });
}

function promptTerminal(request: MfaRequest, platform: NodeJS.Platform): string {
  const [input, output] = platform === "win32" ? ["\\\\.\\CONIN$", "\\\\.\\CONOUT$"] : ["/dev/tty", "/dev/tty"];
  let inFd: number;
  let outFd: number;
  try {
    inFd = openSync(input, "r");
    outFd = openSync(output, "w");
  } catch {
    throw new UserError(
      `profile ${request.profile}: an MFA code for ${request.serial} is needed and there is no terminal; set regional_sts_mfa_process to a command that prints the code, or run "regional-sts credential-process --profile ${request.profile}" once in a terminal to fill the cache`,
      1,
      "NoTerminal",
    );
  }
  try {
    writeSync(outFd, `Enter MFA code for ${request.serial} (profile ${request.profile}): `);
    return readLine(inFd).trim();
  } finally {
    closeSync(inFd);
    closeSync(outFd);
  }
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

function runMfaProcess(request: MfaRequest, deps: MfaDeps): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = deps.spawn(request.process!, [], { shell: true, stdio: ["ignore", "pipe", "inherit"], env: deps.env });
    let out = "";
    const timer = setTimeout(() => child.kill("SIGTERM"), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", (error) => reject(new UserError(`profile ${request.profile}: regional_sts_mfa_process could not start (${error.message}); fix the command`, 1, "MfaProcess")));
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.trim());
      else reject(new UserError(`profile ${request.profile}: regional_sts_mfa_process exited with ${code ?? "a signal"}; fix the command`, 1, "MfaProcess"));
    });
  });
}
