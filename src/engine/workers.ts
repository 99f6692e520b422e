/**
 * Run a kernel over many runs on worker threads (or in this thread when threads = 1).
 *
 * Runs are cut into chunks and handed to whichever worker is free; each run's values
 * depend only on (seed, run), so the output is bit-identical for any thread count and
 * any chunk size. Workers start from the compiled file dist/src/engine/worker.js (a
 * TypeScript worker cannot start under vitest); when this module runs from its
 * TypeScript source, the compiled copy under the package's dist/ is used, so build first.
 *
 * @example
 * const data = await runParallel("reference", REFERENCE_MODEL, { runs: 1000, seed: 1, threads: 2, valuesPerRun: 5 * 2 });
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { prepareKernel } from "./kernels.js";
import type { KernelInputs, KernelName } from "./kernels.js";

export interface ParallelOptions {
  readonly runs: number;
  /** Index of the first run (default 0): runs [firstRun, firstRun + runs) are computed. */
  readonly firstRun?: number;
  readonly seed: number;
  /** Worker threads; 1 runs in this thread. Default: available cores. */
  readonly threads?: number;
  /** Runs per chunk. Default: about four chunks per thread, at most 25 runs. */
  readonly chunkSize?: number;
  /** Values each run produces (years × metrics). */
  readonly valuesPerRun: number;
  /** Called after each chunk with the number of runs done so far. */
  readonly onProgress?: (runsDone: number, runs: number) => void;
}

/** Default thread count: the machine's available cores. */
export const defaultThreads = (): number => Math.max(1, availableParallelism());

/** Location of the compiled worker entry. */
export function workerFile(): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) {
    const sibling = join(dirname(here), "worker.js");
    if (existsSync(sibling)) return pathToFileURL(sibling);
  }
  // Running from the TypeScript source (vitest, tsx): use the build output.
  const compiled = resolve(dirname(here), "../../dist/src/engine/worker.js");
  if (!existsSync(compiled)) throw new Error(`worker threads need the compiled engine: ${compiled} is missing; run \`npm run build\` first`);
  return pathToFileURL(compiled);
}

/** Split [first, first + runs) into chunks of `size`. */
export function chunkRuns(runs: number, size: number, first = 0): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = first; a < first + runs; a += size) out.push([a, Math.min(first + runs, a + size)]);
  return out;
}

/** Run kernel `name` on `input` for runs [firstRun, firstRun + runs); returns runs × valuesPerRun values. */
export async function runParallel<K extends KernelName>(name: K, input: KernelInputs[K], o: ParallelOptions): Promise<Float64Array> {
  const runs = o.runs;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive integer, got ${runs}`);
  const threads = Math.max(1, Math.min(o.threads ?? defaultThreads(), runs));
  const size = Math.max(1, Math.floor(o.chunkSize ?? Math.min(25, Math.ceil(runs / (threads * 4)))));
  const first = o.firstRun ?? 0;
  if (!Number.isInteger(first) || first < 0) throw new RangeError(`firstRun must be a non-negative integer, got ${first}`);
  const chunks = chunkRuns(runs, size, first);
  const out = new Float64Array(runs * o.valuesPerRun);
  const place = (runStart: number, data: Float64Array): void => {
    if (data.length !== 0 && data.length % o.valuesPerRun !== 0) throw new Error(`kernel returned ${data.length} values, not a multiple of ${o.valuesPerRun}`);
    out.set(data, (runStart - first) * o.valuesPerRun);
  };

  if (threads === 1) {
    const run = prepareKernel(name, input);
    let done = 0;
    for (const [a, b] of chunks) {
      place(a, run({ seed: o.seed, runStart: a, runEnd: b }));
      done += b - a;
      o.onProgress?.(done, runs);
      // Let the event loop run between chunks (a queue worker renews its job's lock there).
      if (done < runs) await new Promise((r) => setImmediate(r));
    }
    return out;
  }

  const url = workerFile();
  const workers: Worker[] = [];
  let ok = false;
  try {
    await new Promise<void>((resolvePromise, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const give = (w: Worker): void => {
        const c = chunks[next++];
        if (c !== undefined) w.postMessage({ seed: o.seed, runStart: c[0], runEnd: c[1] });
      };
      for (let t = 0; t < threads; t++) {
        const w = new Worker(url, { workerData: { kernel: name, input } });
        workers.push(w);
        w.on("message", (msg: { runStart: number; runEnd: number; data: Float64Array }) => {
          if (failed) return;
          try {
            place(msg.runStart, msg.data);
          } catch (e) {
            failed = true;
            reject(e as Error);
            return;
          }
          done += msg.runEnd - msg.runStart;
          o.onProgress?.(done, runs);
          if (done === runs) resolvePromise();
          else give(w);
        });
        w.on("error", (e) => {
          failed = true;
          reject(e);
        });
        w.on("exit", (code) => {
          if (done < runs && !failed) {
            failed = true;
            reject(new Error(`engine worker exited with code ${code} before finishing`));
          }
        });
        give(w);
      }
    });
    ok = true;
  } finally {
    if (ok) for (const w of workers) endWorker(w);
    else await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}

/**
 * End a worker that has answered every chunk: ask it to close its port once V8's background
 * compilations of its code have settled (it exits by itself), and terminate it only if it is
 * still there after 3 s. Terminating a thread while V8 still optimises its code on a
 * background thread can abort the whole process in Node 20 (see WorkerPool.close).
 */
function endWorker(w: Worker): void {
  w.removeAllListeners();
  w.on("error", () => undefined);
  const timer = setTimeout(() => void w.terminate(), 3000);
  timer.unref();
  w.once("exit", () => clearTimeout(timer));
  w.postMessage({ exit: true });
}
