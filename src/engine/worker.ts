/**
 * Worker-thread entry. Two ways to use it:
 *
 * - One kernel (runParallel, workers.ts): workerData `{kernel, input}`; the kernel is prepared
 *   once, then each `{seed, runStart, runEnd}` message is answered with that slice's results;
 *   `{exit: true}` ends the thread.
 * - A persistent pool (pool.ts): workerData `{pool: true}`; messages
 *   `{type: "prepare", key, kernel, input}` prepare a kernel under a key, `{type: "run", key,
 *   seed, runStart, runEnd}` answer `{key, runStart, runEnd, data}` (or `{…, error}` when the
 *   kernel throws: the thread stays up for the next job), `{type: "forget", key}` drops one,
 *   `{type: "exit"}` ends the thread (its port closed once background compilations settle).
 *   A pool worker keeps the populations it redraws (kernels.ts RedrawnPopulations, at most
 *   POOL_POPULATION_BYTES), so the next kernel on the same population, seed and runs copies
 *   them instead of drawing them again.
 *
 * The results are copied, not transferred: transferring detaches the buffer, and the
 * first detached ArrayBuffer in a thread makes V8 add detach checks to every typed-array
 * access in optimised code from then on — measured here as 15–20% off the kernels'
 * throughput for every later chunk. A slice's results are a few kilobytes.
 * Started by src/engine/workers.ts and src/engine/pool.ts from the compiled file dist/src/engine/worker.js.
 *
 * @example
 * new Worker(new URL("./worker.js", import.meta.url), { workerData: { kernel: "reference", input: REFERENCE_MODEL } });
 */
import { parentPort, workerData } from "node:worker_threads";
import { prepareKernel, RedrawnPopulations } from "./kernels.js";
import type { KernelInputs, KernelName, SliceRunner } from "./kernels.js";
import type { RunSlice } from "./reference.js";

/** A message to a pool worker. */
export type PoolRequest =
  | { readonly type: "prepare"; readonly key: number; readonly kernel: KernelName; readonly input: KernelInputs[KernelName] }
  | ({ readonly type: "run"; readonly key: number } & RunSlice)
  | { readonly type: "forget"; readonly key: number }
  | { readonly type: "exit" };

/** A pool worker's answer to a "run" message. */
export type PoolReply = { readonly key: number; readonly runStart: number; readonly runEnd: number } & ({ readonly data: Float64Array } | { readonly error: string });

const port = parentPort;
if (port === null) throw new Error("src/engine/worker.ts must run in a worker thread");
const data = workerData as { kernel: KernelName; input: KernelInputs[KernelName] } | { pool: true };

/** How long a pool worker asked to end waits before closing its port (V8's background compilations take milliseconds). */
const EXIT_SETTLE_MS = 50;

/** Bytes of redrawn populations a pool worker keeps between kernels (Jiangmen: about 250 runs). */
export const POOL_POPULATION_BYTES = 64 * 1024 * 1024;

if ("pool" in data) {
  const kept = new RedrawnPopulations(POOL_POPULATION_BYTES);
  const kernels = new Map<number, SliceRunner>();
  const failed = new Map<number, string>();
  port.on("message", (m: PoolRequest) => {
    if (m.type === "prepare") {
      try {
        kernels.set(m.key, prepareKernel(m.kernel, m.input as never, kept));
      } catch (e) {
        failed.set(m.key, e instanceof Error ? (e.stack ?? e.message) : String(e));
      }
    } else if (m.type === "forget") {
      kernels.delete(m.key);
      failed.delete(m.key);
    } else if (m.type === "exit") {
      // End the thread by letting its event loop run out, after V8's background compilations
      // of this thread's code have had time to finish (see WorkerPool.close).
      kernels.clear();
      setTimeout(() => port.close(), EXIT_SETTLE_MS);
    } else {
      const slice = { seed: m.seed, runStart: m.runStart, runEnd: m.runEnd };
      const run = kernels.get(m.key);
      try {
        if (run === undefined) throw new Error(failed.get(m.key) ?? `no kernel prepared under key ${m.key}`);
        port.postMessage({ key: m.key, runStart: m.runStart, runEnd: m.runEnd, data: run(slice) } satisfies PoolReply);
      } catch (e) {
        port.postMessage({ key: m.key, runStart: m.runStart, runEnd: m.runEnd, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies PoolReply);
      }
    }
  });
} else {
  const run = prepareKernel(data.kernel, data.input as never);
  port.on("message", (slice: RunSlice | { readonly exit: true }) => {
    if ("exit" in slice) {
      // Every chunk answered: end once background compilations settle (workers.ts endWorker).
      setTimeout(() => port.close(), EXIT_SETTLE_MS);
      return;
    }
    const out = run(slice);
    port.postMessage({ runStart: slice.runStart, runEnd: slice.runEnd, data: out });
  });
}
