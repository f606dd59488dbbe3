/**
 * The handshake between the test thread and the stand-in's worker (in-worker.ts, worker.ts): the
 * worker stores the id of the call it answered and notifies; the test thread waits for *its* id.
 * Waiting for "some answer" is not enough: the worker can be preempted between its store and its
 * notify, so the notify for call N can arrive while the test thread already waits for call N + 1
 * (this failed CI once: "sent no answer to clearFaults").
 */

/** The worker side: the answer to call `id` is posted; wake the waiting thread. */
export function announceAnswer(flag: Int32Array, id: number): void {
  Atomics.store(flag, 0, id);
  Atomics.notify(flag, 0);
}

/** The test-thread side: whether the answer to call `id` was announced within `timeoutMs`. */
export function waitForAnswer(flag: Int32Array, id: number, timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  for (let seen = Atomics.load(flag, 0); seen !== id; seen = Atomics.load(flag, 0)) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.wait(flag, 0, seen, left) === "timed-out") return Atomics.load(flag, 0) === id;
  }
  return true;
}
