/*
 * What differs between operating systems, as pure functions of the platform (the cache folder
 * is src/cache/default-folder.ts). Only Linux runs here; Windows and macOS follow their documented
 * conventions and are held to them by unit tests with the platform given.
 */

export interface SelfFacts {
  platform: NodeJS.Platform;
  /** True in the standalone binary (node:sea). */
  binary: boolean;
  /** process.execPath: the binary itself, or the Node running npm's entry. */
  execPath: string;
  /** process.argv[1]: npm's bin file (or dist/cli.cjs) when run through Node. */
  script: string | undefined;
}

/**
 * The words of the command that runs this program again (configure's credential_process line).
 * The binary is itself the command. npm's bin is a `#!/usr/bin/env node` file that Unix runs
 * directly, which keeps `node` and its start-up out of the line; Windows cannot run it (npm
 * makes a .cmd shim beside it, which would need cmd.exe), so there it is node plus the script.
 */
export function selfCommand(self: SelfFacts): string[] {
  if (self.binary || !self.script) return [self.execPath];
  return self.platform === "win32" ? [self.execPath, self.script] : [self.script];
}

/**
 * Where the MFA prompt reads and writes: the terminal itself, as the AWS CLI captures our stderr
 * and the JS SDK gives us no terminal stdin. Windows names its console's input and output
 * https://learn.microsoft.com/en-us/windows/console/console-handles
 */
export function terminalDevices(platform: NodeJS.Platform): { input: string; output: string } {
  return platform === "win32"
    ? { input: "\\\\.\\CONIN$", output: "\\\\.\\CONOUT$" }
    : { input: "/dev/tty", output: "/dev/tty" };
}

/**
 * The shell `exec` starts when given no command: the user's login shell (SHELL) on Unix; on
 * Windows the command interpreter COMSPEC names (cmd.exe), as `cmd /c start` and Git would.
 * https://learn.microsoft.com/en-us/windows/win32/procthread/environment-variables
 */
export function interactiveShell(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (platform === "win32") return env.COMSPEC || "cmd.exe";
  return env.SHELL || "/bin/sh";
}
