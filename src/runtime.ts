import type { ChildProcess, SpawnOptions } from "node:child_process";
import type { ParsedCommand } from "./cli/command-line";
import type { SelfCommand } from "./config/self-command";
import type { FederationAnswer } from "./console/federation";
import type { HttpOptions } from "./credentials/http";
import type { ConnectSessionToken, ConnectSts } from "./credentials/types";
import type { ConnectDoctor } from "./doctor/port";
import type { NodeFacts } from "./version";

/** A writable text sink: the entry file wires these to process.stdout / process.stderr. */
export interface TextSink {
  write(text: string): void;
  /** True when the sink is an interactive terminal (hints go to stderr only then). */
  readonly isTTY?: boolean;
}

/**
 * Everything the core receives from the outside world. Only `src/main.ts` builds one from
 * `process`; tests build their own, so nothing below the CLI reads globals.
 */
export interface Runtime {
  argv: readonly string[];
  /** Environment seen by this process and inherited by the children it starts (SDK processes). */
  env: Record<string, string | undefined>;
  homeDir: string;
  /** Per-user cache folder (honours XDG_CACHE_HOME; see src/cache/default-folder.ts). */
  cacheDir: string;
  now(): number;
  stdout: TextSink;
  stderr: TextSink;
  /** Starts a child process (exec command, MFA process). */
  spawn(command: string, args: readonly string[], options: SpawnOptions): ChildProcess;
  /** How this program was started, for the credential_process line configure writes. */
  selfCommand: SelfCommand;
  pid: number;
  /**
   * Whether this process is in its terminal's foreground process group: then a Ctrl-C typed
   * there reaches a child in our group on its own, whatever stdin is (`echo | regional-sts exec`).
   * Absent (test runtimes) means no.
   */
  inTerminalForeground?(): boolean;
  /** Unused since exec asks inTerminalForeground; kept optional so older test runtimes still compile. */
  stdinIsTTY?: boolean;
  /** Effective user id (undefined on Windows): cache files owned by anyone else are refused. */
  uid: number | undefined;
  /** Whether a process with this id is still running (stale lock detection). */
  processAlive(pid: number): boolean;
  platform: NodeJS.Platform;
  /** The Node we run on, for `version` (optional: test runtimes leave it out). */
  about?: NodeFacts;
  /** Builds the STS caller; the real one loads the AWS SDK lazily, on a cache miss only. */
  connectSts: ConnectSts;
  /** Builds the GetSessionToken caller of MFA sessions (loads the SDK lazily); without it, MFA is asked per role. */
  connectSessionToken?: ConnectSessionToken;
  /** Builds the AWS caller of `doctor` (loads the SDK lazily); optional so other runtimes need not stub it. */
  connectDoctor?: ConnectDoctor;
  /** One GET to the console sign-in federation endpoint (loads the SDK's HTTP handler lazily); `console` needs it. */
  fetchFederation?(url: string, options: HttpOptions): Promise<FederationAnswer>;
  /** Asks for an MFA code (terminal or regional_sts_mfa_process). */
  readMfaCode(request: MfaRequest): Promise<string>;
  /** Told the command line once parsed (src/main.ts passes on to src/boot.ts whether to save code caches). */
  onParsed?(command: ParsedCommand): void;
  /** Registers a signal forwarder; returns a function that removes it. */
  onSignal(signal: NodeJS.Signals, handler: () => void): () => void;
}

export interface MfaRequest {
  profile: string;
  serial: string;
  /** regional_sts_mfa_process, if set: a command whose stdout is the code. */
  process: string | undefined;
}
