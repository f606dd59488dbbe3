import { spawn } from "node:child_process";
import { homedir } from "node:os";
import { isSea } from "node:sea";
import envPaths from "env-paths";
import { run } from "./cli/run";
import { makeMfaReader } from "./credentials/mfa";
import type { Runtime } from "./runtime";

/** The only module that touches `process`: it builds the runtime and sets the exit code. */
const env = process.env;
const runtime: Runtime = {
  argv: process.argv.slice(2),
  env,
  homeDir: env.HOME || env.USERPROFILE || homedir(),
  cacheDir: envPaths("regional-sts", { suffix: "" }).cache,
  now: () => Date.now(),
  stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
  stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
  spawn,
  // The standalone binary is itself the command; the npm entry is node plus its script.
  selfCommand: isSea() || !process.argv[1] ? quote(process.execPath) : `${quote(process.execPath)} ${quote(process.argv[1])}`,
  pid: process.pid,
  stdinIsTTY: process.stdin.isTTY === true,
  uid: process.getuid?.(),
  platform: process.platform,
  processAlive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "EPERM";
    }
  },
  connectSts: async (options) => {
    // The SDK warns on Node < 22 at every client start; a credential_process's stderr is
    // shown to users and logged by callers, so that notice belongs in our README instead.
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    return (await import("./credentials/connect")).connectSts(options);
  },
  connectDoctor: async (options) => {
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    return (await import("./doctor/aws-calls")).connectDoctor(options);
  },
  readMfaCode: (request) => makeMfaReader({ platform: process.platform, spawn, env })(request),
  onSignal: (signal, handler) => {
    process.on(signal, handler);
    return () => void process.off(signal, handler);
  },
};

function quote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `"${path.replace(/(["\\$`])/g, "\\$1")}"`;
}

run(runtime).then((code) => {
  process.exitCode = code;
});
