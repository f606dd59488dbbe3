/**
 * Worker-thread entry of the stand-in (bundled and started by in-worker.ts). The stand-in answers
 * on this thread's own event loop, so a test thread blocked in spawning a hundred processes cannot
 * stall it. Control calls arrive on `calls`; each reply is posted back and announced
 * on `flag` (answer-flag.ts), which wakes the test thread waiting for it.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { announceAnswer } from "./answer-flag.js";
import { FakeAwsControls } from "./controls.js";
import { type FakeAwsOptions, type FakeAwsServer, startFakeAwsServer } from "./server.js";

export interface WorkerData {
  options: FakeAwsOptions;
  calls: MessagePort;
  flag: Int32Array;
}
export interface Ready {
  caPath: string;
  certDir: string;
  directUrl: string | undefined;
  proxyUrl: string | undefined;
}
export type Call = { id: number; method: string; args: unknown[] };
export type Reply = { id: number } & ({ value: unknown } | { error: string });

/** What a test may call: the controls' methods, and `log` (answered as a copy). */
const METHODS = new Set(Object.getOwnPropertyNames(FakeAwsControls.prototype).filter((m) => m !== "constructor"));

function answer(fake: FakeAwsServer, { id, method, args }: Call): Reply {
  try {
    if (!METHODS.has(method)) throw new Error(`fake-aws: no control ${method}`);
    if (method === "log") return { id, value: fake.log.map((e) => ({ ...e })) };
    const fn = (fake as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!;
    return { id, value: fn.apply(fake, args) };
  } catch (err) {
    return { id, error: err instanceof Error ? err.message : String(err) };
  }
}

const { options, calls, flag } = workerData as WorkerData;
const port = parentPort!;
startFakeAwsServer(options).then(
  (fake) => {
    calls.on("message", (call: Call) => {
      try {
        calls.postMessage(answer(fake, call));
      } catch (err) {
        calls.postMessage({
          id: call.id,
          error: `fake-aws: ${call.method} answered something that cannot be sent: ${String(err)}`,
        });
      }
      announceAnswer(flag, call.id);
    });
    port.on("message", (message: unknown) => {
      if (message === "close") void fake.close().then(() => port.postMessage("closed"));
    });
    const ready: Ready = {
      caPath: fake.caPath,
      certDir: fake.certDir,
      directUrl: fake.directUrl,
      proxyUrl: fake.proxyUrl,
    };
    port.postMessage({ ready });
  },
  (err: unknown) => {
    port.postMessage({ failed: err instanceof Error ? err.message : String(err) });
  },
);
