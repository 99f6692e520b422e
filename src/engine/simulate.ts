/**
 * Entry point of the Monte-Carlo engine: an EngineModel and a population in, RunResults
 * (runs × years × metrics) out, on one or more threads with bit-identical results.
 *
 * @example
 * const res = await simulateModel(model, households, { runs: 1000, seed: 7, threads: 2, onProgress: (d, n) => bar.update(d) });
 * valueAt(res, 0, 0, metricIndex(res, "exitRate"));
 */
import type { Households } from "../model/households.js";
import type { RunResults } from "../model/results.js";
import type { EngineModel } from "./model.js";
import { withoutOsr } from "./osr.js";
import { checkModel, logIncomes, modelMetrics } from "./run.js";
import { defaultThreads, runParallel } from "./workers.js";
import type { WorkerPool } from "./pool.js";
import type { PopulationSpec } from "../population/synthetic.js";

export interface SimulateOptions {
  readonly runs: number;
  /** Index of the first run (default 0). Runs are addressed by index, so batches
   * [0, a) and [a, a + b) concatenate to exactly the runs [0, a + b). */
  readonly firstRun?: number;
  readonly seed: number;
  /** Worker threads (default: available cores); 1 runs in this thread. */
  readonly threads?: number;
  /** Runs per chunk handed to a worker (does not change results). */
  readonly chunkSize?: number;
  /** Called after each chunk with the runs done so far. */
  readonly onProgress?: (runsDone: number, runs: number) => void;
  /**
   * Redraw the synthetic population in every run from this spec (kernels.ts "modelRedrawn"):
   * `households` is then the population of the seed, used for the model's checks only.
   * The spec must build populations of households.count households.
   */
  readonly redraw?: PopulationSpec;
  /**
   * Run on this persistent pool of worker threads instead (`threads` is then not used): same
   * results. `signal` stops it at once (the promise rejects with the signal's reason).
   */
  readonly pool?: WorkerPool;
  readonly signal?: AbortSignal;
}

/** Copy a typed array into shared memory (no copy when it already is). */
function shared<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: T, make: (b: SharedArrayBuffer) => T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = make(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/** The same population with its arrays in SharedArrayBuffers, so worker threads read it without copies. */
export function shareHouseholds(h: Households): Households {
  const n = h.count;
  return {
    count: n,
    villages: h.villages,
    size: shared(h.size, (b) => new Uint8Array(b, 0, n)),
    income: shared(h.income, (b) => new Float64Array(b, 0, n)),
    labour: shared(h.labour, (b) => new Uint8Array(b, 0, n)),
    segment: shared(h.segment, (b) => new Uint8Array(b, 0, n)),
    cause: shared(h.cause, (b) => new Uint8Array(b, 0, n)),
    flags: shared(h.flags, (b) => new Uint8Array(b, 0, n)),
    village: shared(h.village, (b) => new Uint32Array(b, 0, n)),
    cohort: shared(h.cohort, (b) => new Uint16Array(b, 0, n)),
    ...(h.registered ? { registered: shared(h.registered, (b) => new Uint8Array(b, 0, n)) } : {}),
  };
}

/** Simulate `runs` runs of the model over the population. */
export async function simulateModel(model: EngineModel, households: Households, o: SimulateOptions): Promise<RunResults> {
  checkModel(model, households);
  const metrics = modelMetrics(model);
  const threads = Math.max(1, Math.min(o.threads ?? defaultThreads(), o.runs));
  const otherThreads = o.pool !== undefined || threads > 1;
  const parallel = {
    runs: o.runs,
    ...(o.firstRun !== undefined ? { firstRun: o.firstRun } : {}),
    seed: o.seed,
    threads,
    valuesPerRun: model.years.length * metrics.length,
    ...(o.chunkSize !== undefined ? { chunkSize: o.chunkSize } : {}),
    ...(o.onProgress !== undefined ? { onProgress: o.onProgress } : {}),
  };
  if (o.redraw) {
    const total = o.redraw.cohorts.reduce((a, c) => a + c.households, 0);
    if (total !== households.count) throw new Error(`redraw: the population spec builds ${total} households, the model was checked on ${households.count}`);
    const input = { model, population: o.redraw };
    const data = await withoutOsr(() => (o.pool ? o.pool.run("modelRedrawn", input, { ...parallel, ...(o.signal ? { signal: o.signal } : {}) }) : runParallel("modelRedrawn", input, parallel)));
    return { runs: o.runs, years: [...model.years], metrics, data };
  }
  const pop = otherThreads ? shareHouseholds(households) : households;
  // Run-invariant log incomes: one shared copy for all worker threads.
  const logIncome = otherThreads && !(model.baseIncomeSigma > 0) ? logIncomes(pop, true) : undefined;
  const input = { model, households: pop, ...(logIncome ? { logIncome } : {}) };
  const data = await withoutOsr(() => (o.pool ? o.pool.run("model", input, { ...parallel, ...(o.signal ? { signal: o.signal } : {}) }) : runParallel("model", input, parallel)));
  return { runs: o.runs, years: [...model.years], metrics, data };
}
