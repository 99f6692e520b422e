/**
 * Worker-thread entry: prepares the kernel named in workerData once, then answers each
 * `{seed, runStart, runEnd}` message with that slice's results.
 *
 * The results are copied, not transferred: transferring detaches the buffer, and the
 * first detached ArrayBuffer in a thread makes V8 add detach checks to every typed-array
 * access in optimised code from then on — measured here as 15–20% off the kernels'
 * throughput for every later chunk. A slice's results are a few kilobytes.
 * Started by src/engine/workers.ts from the compiled file dist/src/engine/worker.js.
 *
 * @example
 * new Worker(new URL("./worker.js", import.meta.url), { workerData: { kernel: "reference", input: REFERENCE_MODEL } });
 */
import { parentPort, workerData } from "node:worker_threads";
import { prepareKernel } from "./kernels.js";
import type { KernelInputs, KernelName } from "./kernels.js";
import type { RunSlice } from "./reference.js";

const port = parentPort;
if (port === null) throw new Error("src/engine/worker.ts must run in a worker thread");
const data = workerData as { kernel: KernelName; input: KernelInputs[KernelName] };
const run = prepareKernel(data.kernel, data.input as never);
port.on("message", (slice: RunSlice) => {
  const out = run(slice);
  port.postMessage({ runStart: slice.runStart, runEnd: slice.runEnd, data: out });
});
