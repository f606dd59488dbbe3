import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/run";
import type { ConnectSts } from "../../src/credentials/types";
import type { Runtime } from "../../src/runtime";
import { recordStderr } from "./stderr-capture";

/**
 * The one in-process harness: the real CLI (src/cli/run.ts) with real files in a temp folder, and
 * the clock, STS and streams passed in as values. runCli() runs it in a TempHome with any STS;
 * test/integration/harness.ts's makeWorld() adds a fake STS and a fixed clock.
 */

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessRun {
  argv: string[];
  /** Exactly the environment the CLI sees. */
  env: Runtime["env"];
  homeDir: string;
  cacheDir: string;
  now: number | undefined;
  uid: number | undefined;
  connectSts: ConnectSts;
}

/** Runs the CLI in this process, capturing both streams; stderr also goes to the suite-wide secret scan. */
export async function runInProcess(options: InProcessRun): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const refuse = (what: string) => () => {
    throw new Error(`test runtime: unexpected ${what}`);
  };
  const runtime: Runtime = {
    argv: options.argv,
    env: options.env,
    homeDir: options.homeDir,
    cacheDir: options.cacheDir,
    now: () => options.now ?? Date.now(),
    stdout: { write: (text) => void (stdout += text) },
    stderr: { write: (text) => void (stderr += text) },
    spawn: refuse("spawn"),
    selfCommand: { program: "regional-sts" }, // a bare name not on PATH: written as it is
    pid: process.pid,
    stdinIsTTY: false,
    uid: options.uid,
    processAlive: () => true,
    platform: process.platform,
    connectSts: options.connectSts,
    readMfaCode: refuse("MFA prompt"),
    onSignal: () => () => {},
  };
  const code = await run(runtime);
  recordStderr(stderr);
  return { code, stdout, stderr };
}

/** A private temp home (never the real $HOME) with .aws/config and .aws/credentials. */
export class TempHome {
  readonly root = mkdtempSync(join(tmpdir(), "regional-sts-home-"));
  readonly configFile = join(this.root, ".aws", "config");
  readonly credentialsFile = join(this.root, ".aws", "credentials");
  readonly cacheDir = join(this.root, ".cache", "regional-sts");

  write(config: string | undefined, credentials: string | undefined = undefined): void {
    mkdirSync(join(this.root, ".aws"), { recursive: true });
    rmSync(this.configFile, { force: true, recursive: true });
    rmSync(this.credentialsFile, { force: true, recursive: true });
    if (config !== undefined) writeFileSync(this.configFile, config);
    if (credentials !== undefined) writeFileSync(this.credentialsFile, credentials);
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface RunOptions {
  argv: string[];
  home: TempHome;
  /** Added to USER=tester and AWS_EC2_METADATA_DISABLED=true. */
  env?: Record<string, string | undefined>;
  connectSts: ConnectSts;
  cacheDir?: string;
  /** The clock (default: the real one). */
  now?: number;
  uid?: number | undefined;
}

/** Runs the CLI in a TempHome with any STS connection. */
export function runCli(options: RunOptions): Promise<RunResult> {
  return runInProcess({
    argv: options.argv,
    env: { USER: "tester", AWS_EC2_METADATA_DISABLED: "true", ...options.env },
    homeDir: options.home.root,
    cacheDir: options.cacheDir ?? options.home.cacheDir,
    now: options.now,
    uid: "uid" in options ? options.uid : process.getuid?.(),
    connectSts: options.connectSts,
  });
}
