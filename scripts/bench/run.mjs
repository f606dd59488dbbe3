// Running one measured command: wall time, peak memory, many at once.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A command to measure: argv[0] is the executable; `check` validates stdout (throws if wrong). */
export function command(label, argv, env, check = undefined) {
  return { label, argv, env, check };
}

/** Throws unless stdout is one credential_process JSON document. */
export function checkProcessJson(stdout) {
  const value = JSON.parse(stdout);
  if (value.Version !== 1 || !value.AccessKeyId || !value.SessionToken)
    throw new Error(`not credential_process JSON: ${stdout.slice(0, 80)}`);
}

function verify(cmd, result) {
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${cmd.label}: exit ${result.status ?? result.signal}: ${String(result.stderr).trim().split("\n").pop()}`,
    );
  }
  try {
    cmd.check?.(String(result.stdout));
  } catch (error) {
    throw new Error(`${cmd.label}: ${error.message}`);
  }
}

/** Runs the command once and returns its wall time in ms (spawn to exit, as a caller sees it). */
export function timeOnce(cmd) {
  const [file, ...args] = cmd.argv;
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, { env: cmd.env, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 24 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  verify(cmd, result);
  return ms;
}

export const TIME_BIN = "/usr/bin/time";
export const canMeasureMemory = () => existsSync(TIME_BIN);

/**
 * Peak resident memory in MB: GNU time's %M is the child's ru_maxrss from wait4(), i.e. its
 * VmHWM at exit (our commands start no children, so nothing else is folded in).
 */
export function peakMb(cmd) {
  const out = join(tmpdir(), `regional-sts-bench-time-${process.pid}`);
  const result = spawnSync(TIME_BIN, ["-f", "%M", "-o", out, ...cmd.argv], {
    env: cmd.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  verify(cmd, result);
  const kb = Number(readFileSync(out, "utf8").trim().split("\n").pop());
  rmSync(out, { force: true });
  return kb / 1024;
}

/** Starts `count` copies at once; resolves with the ms until the last one has exited (and passed its check). */
export function timeTogether(cmd, count) {
  const [file, ...args] = cmd.argv;
  const started = process.hrtime.bigint();
  const one = () =>
    new Promise((resolve, reject) => {
      const child = spawn(file, args, { env: cmd.env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (status, signal) => {
        try {
          verify(cmd, { status, signal, stdout, stderr });
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
  return Promise.all(Array.from({ length: count }, one)).then(() => Number(process.hrtime.bigint() - started) / 1e6);
}
