/**
 * The stand-in as tests use it: the HTTPS server runs in a worker thread (worker.ts), on an event
 * loop of its own, so nothing the test thread does (spawning a hundred processes, a long
 * synchronous step) can delay its answers and turn a slow test into an SDK retry. Its controls
 * stay synchronous: each call waits (answer-flag.ts) for the worker's reply, which takes
 * microseconds while the worker is idle.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { buildSync } from "esbuild";
import { waitForAnswer } from "./answer-flag.js";
import type { FakeAwsControls } from "./controls.js";
import type { LogEntry } from "./log.js";
import type { AccountConfig, RoleConfig } from "./model.js";
import { allHostNames } from "./regions.js";
import type { FakeAwsOptions } from "./server.js";
import type { Call, Ready, Reply, WorkerData } from "./worker.js";

const CALL_TIMEOUT_MS = 15_000;
let bundled: string | undefined;

/** The worker is TypeScript: bundle it once per process (esbuild takes a few tens of ms). */
function workerFile(): string {
  if (bundled) return bundled;
  const dir = mkdtempSync(join(tmpdir(), "regional-sts-fake-aws-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const outfile = join(dir, "worker.cjs");
  buildSync({
    entryPoints: [join(import.meta.dirname, "worker.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile,
    logLevel: "error",
  });
  return (bundled = outfile);
}

type Controls = Omit<Pick<FakeAwsControls, keyof FakeAwsControls>, "log" | "account" | "role">;
// The class below gets every control method forwarded to the worker (see the loop after it).
export interface FakeAws extends Controls {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the methods are forwarded at run time, see below
export class FakeAws {
  private dead: string | undefined;
  private lastId = 0;
  private constructor(
    private readonly worker: Worker,
    private readonly calls: MessagePort,
    private readonly flag: Int32Array,
    readonly caPath: string,
    readonly certDir: string,
    /** e.g. `https://127.0.0.1:443` (undefined without a direct listener). */
    readonly directUrl: string | undefined,
    /** e.g. `http://127.0.0.1:41234` (undefined without proxy). */
    readonly proxyUrl: string | undefined,
  ) {
    worker.on("error", (err) => (this.dead ??= err.message));
    worker.on("exit", (code) => (this.dead ??= `its worker thread exited with code ${code}`));
  }

  static async start(options: FakeAwsOptions): Promise<FakeAws> {
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const data: WorkerData = { options, calls: port2, flag };
    const worker = new Worker(workerFile(), { workerData: data, transferList: [port2] });
    // biome-ignore lint/suspicious/noExplicitAny: listeners of several events, each with its own arguments
    const listeners: [string, (...a: any[]) => void][] = [];
    const ready = await new Promise<Ready>((resolve, reject) => {
      const failed = (why: string) => reject(new Error(`the stand-in (test/support/fake-aws) did not start: ${why}`));
      listeners.push(
        [
          "message",
          (m: { ready?: Ready; failed?: string }) =>
            m.ready ? resolve(m.ready) : failed(m.failed ?? "no reason given"),
        ],
        ["error", (err: Error) => failed(err.message)],
        ["exit", (code: number) => failed(`its worker thread exited with code ${code}`)],
      );
      for (const [event, listener] of listeners) worker.once(event, listener);
    }).catch(async (err: unknown) => {
      await worker.terminate();
      throw err;
    });
    // Only ours: Worker keeps listeners of its own on itself.
    for (const [event, listener] of listeners) worker.off(event, listener);
    return new FakeAws(worker, port1, flag, ready.caPath, ready.certDir, ready.directUrl, ready.proxyUrl);
  }

  /** One control call, answered synchronously. */
  call(method: string, args: unknown[]): unknown {
    if (this.dead) throw new Error(`the stand-in (test/support/fake-aws) is gone: ${this.dead}`);
    const id = ++this.lastId;
    this.calls.postMessage({ id, method, args } satisfies Call);
    if (!waitForAnswer(this.flag, id, CALL_TIMEOUT_MS)) {
      throw new Error(
        `the stand-in (test/support/fake-aws) did not answer ${method} within ${CALL_TIMEOUT_MS / 1000} s`,
      );
    }
    // Skips a late answer to an earlier call that timed out.
    let reply: Reply | undefined;
    do reply = receiveMessageOnPort(this.calls)?.message as Reply | undefined;
    while (reply && reply.id !== id);
    if (!reply) throw new Error(`the stand-in (test/support/fake-aws) sent no answer to ${method}`);
    if ("error" in reply) throw new Error(reply.error);
    return reply.value;
  }

  /** Ordered request log (a copy, taken now). */
  get log(): readonly LogEntry[] {
    return this.call("log", []) as LogEntry[];
  }

  /** A copy: change an account with updateAccount(). */
  account(id: string): Readonly<AccountConfig> | undefined {
    return this.call("account", [id]) as AccountConfig | undefined;
  }

  role(arn: string): Readonly<RoleConfig> | undefined {
    return this.call("role", [arn]) as RoleConfig | undefined;
  }

  /** Every host name served (all are in the certificate). */
  hostNames(): string[] {
    return allHostNames();
  }

  /** /etc/hosts text mapping every served host name to `ip`. */
  hostsFileLines(ip = "127.0.0.1"): string {
    return `127.0.0.1 localhost\n${allHostNames()
      .map((h) => `${ip} ${h}`)
      .join("\n")}\n`;
  }

  async close(): Promise<void> {
    if (!this.dead) {
      const closed = new Promise<void>((resolve) => {
        this.worker.once("message", () => resolve());
        this.worker.once("exit", () => resolve());
      });
      this.worker.postMessage("close");
      await closed;
    }
    this.calls.close();
    await this.worker.terminate();
  }
}

const FORWARDED: (keyof Controls)[] = [
  "counts",
  "assumeRoleCount",
  "retriedAssumeRoles",
  "resetLog",
  "injectFault",
  "faults",
  "clearFaults",
  "setDelayMs",
  "setClockOffsetMs",
  "now",
  "addAccount",
  "updateAccount",
  "addSsoToken",
  "setMfaCode",
  "issuedCredentials",
  "expireCredentials",
  "addRole",
];
for (const method of FORWARDED) {
  Object.defineProperty(FakeAws.prototype, method, {
    value(this: FakeAws, ...args: unknown[]) {
      return this.call(method, args);
    },
  });
}

/** Starts the stand-in in a worker thread: certificates, HTTPS listener and CONNECT proxy, as FakeAwsOptions say. */
export function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  return FakeAws.start(options);
}
