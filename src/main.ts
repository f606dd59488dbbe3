import { readFileSync, writeSync } from "node:fs";
import { defaultCacheDir, homeFrom } from "./cache/default-folder";
import { run } from "./cli/run";
import { makeMfaReader } from "./credentials/mfa";
import { loadPart } from "./load-part";
import { selfCommand } from "./platform";
import type { Runtime } from "./runtime";

/** With src/boot.ts, the only module that touches `process`: it builds the runtime and exits with run's code. */
const env = process.env;
// The account's home (passwd), not os.homedir(): that returns HOME, which homeFrom may have refused.
const homeDir = homeFrom(env, () => lazy<typeof import("node:os")>("node:os").userInfo().homedir);
const runtime: Runtime = {
  argv: process.argv.slice(2),
  env,
  homeDir,
  cacheDir: defaultCacheDir(process.platform, env, homeDir),
  now: () => Date.now(),
  stdout: sink(1),
  stderr: sink(2),
  spawn: (command, args, options) =>
    lazy<typeof import("node:child_process")>("node:child_process").spawn(command, [...args], options),
  // The standalone binary is itself the command (src/platform.ts). Paths as invoked, not resolved
  // through links: process.argv[1] is only made absolute; the binary's own path is process.argv0
  // (execPath is resolved), a bare name when the shell found it on PATH.
  get selfCommand() {
    const binary = isBinary();
    const argv0 = process.argv0;
    const self =
      !binary || !argv0
        ? process.execPath
        : argv0.includes("/")
          ? lazy<typeof import("node:path")>("node:path").resolve(argv0)
          : argv0;
    const [program, script] = selfCommand({
      platform: process.platform,
      binary,
      execPath: self,
      script: process.argv[1],
    });
    return script === undefined ? { program: program! } : { program: program!, script };
  },
  pid: process.pid,
  inTerminalForeground,
  uid: process.getuid?.(),
  platform: process.platform,
  get about() {
    return { version: process.version, platform: process.platform, arch: process.arch, binary: isBinary() };
  },
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
    return (await loadPart("sdk.js")).connectSts(options);
  },
  connectSessionToken: async (options) => {
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    return (await loadPart("sdk.js")).connectSessionToken(options);
  },
  fetchFederation: async (url, options) => (await loadPart("sdk.js")).fetchFederation(url, options),
  connectDoctor: async (options) => {
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    return (await loadPart("doctor-sdk.js")).connectDoctor(options);
  },
  readMfaCode: (request) =>
    makeMfaReader({
      platform: process.platform,
      spawn: runtime.spawn,
      env,
      killGroup: (pgid, signal) => process.kill(-pgid, signal),
    })(request),
  // src/boot.ts saves V8 code caches after a run that worked, of the commands that run all day.
  onParsed: (command) => {
    (globalThis as Record<symbol, unknown>)[Symbol.for("regional-sts.warm")] =
      command.spec.warmsCodeCache === true && !command.noCache;
  },
  onSignal: (signal, handler) => {
    process.on(signal, handler);
    return () => void process.off(signal, handler);
  },
};

/*
 * A cache hit must start about as fast as Node itself, so nothing it does not use is loaded:
 * no stream objects for stdout/stderr (plain writes to the descriptors), and child_process,
 * tty and sea only when a command asks for them.
 */
function sink(fd: number): Runtime["stdout"] {
  return {
    write: (text) => writeAll(fd, text),
    get isTTY() {
      return isatty(fd);
    },
  };
}

/** Descriptors whose reader has gone (`regional-sts list | head`): what is left for them is dropped. */
const closed = new Set<number>();

function writeAll(fd: number, text: string): void {
  if (closed.has(fd)) return;
  try {
    writeAllOrThrow(fd, text);
  } catch (error) {
    // As a command killed by SIGPIPE would: no error for a reader that stopped reading (Node
    // ignores SIGPIPE, so the write fails with EPIPE instead).
    if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
    closed.add(fd);
  }
}

function writeAllOrThrow(fd: number, text: string): void {
  // A string goes to the descriptor in one native call; a Buffer only after a short write.
  const written = unlessFull(() => writeSync(fd, text));
  if (written === Buffer.byteLength(text)) return;
  let rest = Buffer.from(text, "utf8").subarray(written);
  while (rest.length > 0) {
    const chunk = rest;
    rest = rest.subarray(unlessFull(() => writeSync(fd, chunk)));
  }
}

/**
 * Bytes written, or 0 where a non-blocking pipe whose reader is slow is full: we wait for it rather
 * than drop output.
 */
function unlessFull(write: () => number): number {
  try {
    return write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    return 0;
  }
}

/**
 * tcgetpgrp(controlling terminal) === getpgrp(), which Node does not expose: Linux gives both in
 * /proc/self/stat (pgrp and tpgid, -1 without a terminal); elsewhere ps does. Asked only when a
 * SIGINT or SIGQUIT reaches exec.
 */
function inTerminalForeground(): boolean {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const [, , pgrp, , , tpgid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(tpgid) > 0 && tpgid === pgrp;
  } catch {
    const ps = lazy<typeof import("node:child_process")>("node:child_process").spawnSync(
      "ps",
      ["-o", "tpgid=", "-o", "pgid=", "-p", String(process.pid)],
      { encoding: "utf8" },
    );
    const [tpgid, pgid] = (ps.stdout ?? "").trim().split(/\s+/);
    return ps.status === 0 && Number(tpgid) > 0 ? tpgid === pgid : isatty(0);
  }
}

function isatty(fd: number): boolean {
  return lazy<typeof import("node:tty")>("node:tty").isatty(fd);
}

function isBinary(): boolean {
  return lazy<typeof import("node:sea")>("node:sea").isSea();
}

function lazy<T>(id: string): T {
  return require(id) as T;
}

run(runtime).then((code) => {
  // At once: Node's own teardown of the environment and heap is a measurable part of a cache hit
  // (docs/performance.md), and nothing is left for it to finish. Every command
  // awaits its work before run() returns, and all output is written synchronously.
  process.exit(code);
});
