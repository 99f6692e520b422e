/**
 * A persistent pool of engine worker threads (the workbench server's: started once, so a
 * simulation does not pay a thread's start-up and cold code on every request).
 *
 * `run` computes runs [firstRun, firstRun + runs) of a kernel as runParallel does — cut into
 * chunks handed to whichever worker is free, each run's values depending only on (seed, run),
 * so the output is bit-identical to one thread for any pool size and chunk size. A kernel is
 * prepared in a worker the first time one of its chunks goes there and kept under a key (the
 * hash of the kernel's name and its input), so the stages of one job, or a job repeated with
 * the same input, prepare it once per worker; each worker keeps the MAX_PREPARED latest.
 * Several runs may be in progress at once: their chunks are handed out in turn.
 *
 * An abort signal stops a run at once: its chunks not yet handed out are dropped, the promise
 * rejects with the signal's reason, and a worker busy on one of its chunks finishes that chunk
 * (its results are dropped) before it takes the next — so a cancelled run costs at most one
 * chunk per worker. `close` rejects what is still running and ends the threads.
 *
 * The workers run the compiled dist/src/engine/worker.js (see workers.ts: build first).
 *
 * @example
 * const pool = new WorkerPool(2);
 * const data = await pool.run("modelRedrawn", { model, population }, { runs: 40, firstRun: 10, seed: 7, valuesPerRun: 24, signal });
 * await pool.close();
 */
import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import { Worker } from "node:worker_threads";
import type { KernelInputs, KernelName } from "./kernels.js";
import type { PoolReply, PoolRequest } from "./worker.js";
import { chunkRuns, workerFile } from "./workers.js";

/** Kernels each worker keeps prepared (the older ones are dropped, and prepared again if asked for). */
export const MAX_PREPARED = 4;
/** Workers lost in a row (none answering in between) after which the pool stops replacing them and fails. */
const MAX_LOSSES = 8;

export interface PoolRunOptions {
  readonly runs: number;
  /** Index of the first run (default 0). */
  readonly firstRun?: number;
  readonly seed: number;
  /** Values each run produces (years × metrics). */
  readonly valuesPerRun: number;
  /** Runs per chunk. Default: two chunks per worker, at most 10 runs. */
  readonly chunkSize?: number;
  /** Called after each chunk with the number of runs done so far. */
  readonly onProgress?: (runsDone: number, runs: number) => void;
  /** Stops the run: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

interface Task {
  readonly key: number;
  readonly kernel: KernelName;
  readonly input: KernelInputs[KernelName];
  readonly seed: number;
  readonly first: number;
  readonly runs: number;
  readonly valuesPerRun: number;
  readonly out: Float64Array;
  readonly chunks: Array<[number, number]>;
  readonly onProgress: ((runsDone: number, runs: number) => void) | undefined;
  done: number;
  finished: boolean;
  resolve(data: Float64Array): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  /** The chunk this worker is computing. */
  busy: { readonly task: Task; readonly a: number; readonly b: number } | undefined;
  /** Keys prepared in this worker, least recently used first. */
  readonly prepared: number[];
}

/** How long `close` waits for a thread to end itself before terminating it. */
export const EXIT_WAIT_MS = 3000;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly tasks: Task[] = [];
  /** Input keys by the hash of their kernel and input. */
  private readonly keys = new Map<string, number>();
  private nextKey = 1;
  private turn = 0;
  private closed = false;
  /** Workers lost since a chunk was last answered: past MAX_LOSSES the pool gives up (a worker that cannot start). */
  private losses = 0;

  /** Start `size` worker threads (at least 1). */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`an engine pool needs at least one thread, got ${size}`);
    const url = workerFile();
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(url));
  }

  /** Runs in progress (not finished, failed or aborted). */
  get pending(): number {
    return this.tasks.length;
  }

  private spawn(url: URL): Slot {
    const slot: Slot = { worker: new Worker(url, { workerData: { pool: true } }), busy: undefined, prepared: [] };
    slot.worker.on("message", (m: PoolReply) => this.answered(slot, m));
    slot.worker.on("error", (e) => this.lost(slot, e));
    slot.worker.on("exit", (code) => this.lost(slot, new Error(`engine worker exited with code ${code}`)));
    return slot;
  }

  /** A worker failed or exited: its chunk's run fails, and a new worker takes its place. */
  private lost(slot: Slot, e: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0 || this.closed) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    const task = slot.busy?.task;
    if (++this.losses > MAX_LOSSES) {
      // Threads that cannot start or keep dying: fail everything rather than start them forever.
      void this.close(e);
      return;
    }
    this.slots[i] = this.spawn(workerFile());
    if (task) this.fail(task, e);
    this.dispatch();
  }

  /** The key of a kernel's input: equal inputs share a key (and a prepared kernel). */
  private keyOf(kernel: KernelName, input: KernelInputs[KernelName]): number {
    let h: string;
    try {
      h = createHash("sha256").update(kernel).update("\0").update(serialize(input)).digest("hex");
    } catch {
      // Not serialisable here (shared memory): a key of its own.
      return this.nextKey++;
    }
    let k = this.keys.get(h);
    if (k === undefined) {
      k = this.nextKey++;
      this.keys.set(h, k);
      if (this.keys.size > 256) this.keys.delete(this.keys.keys().next().value as string);
    }
    return k;
  }

  /** Compute runs [firstRun, firstRun + runs) of kernel `name` on `input`: runs × valuesPerRun values. */
  run<K extends KernelName>(name: K, input: KernelInputs[K], o: PoolRunOptions): Promise<Float64Array> {
    const runs = o.runs;
    if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive integer, got ${runs}`);
    const first = o.firstRun ?? 0;
    if (!Number.isInteger(first) || first < 0) throw new RangeError(`firstRun must be a non-negative integer, got ${first}`);
    if (this.closed) return Promise.reject(new Error("the engine pool is closed"));
    if (o.signal?.aborted) return Promise.reject(o.signal.reason);
    const size = Math.max(1, Math.floor(o.chunkSize ?? Math.min(10, Math.ceil(runs / (this.size * 2)))));
    return new Promise<Float64Array>((resolve, reject) => {
      const signal = o.signal;
      const onAbort = (): void => this.fail(task, signal?.reason);
      const task: Task = {
        key: this.keyOf(name, input),
        kernel: name,
        input,
        seed: o.seed,
        first,
        runs,
        valuesPerRun: o.valuesPerRun,
        out: new Float64Array(runs * o.valuesPerRun),
        chunks: chunkRuns(runs, size, first),
        onProgress: o.onProgress,
        done: 0,
        finished: false,
        resolve: (d) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(d);
        },
        reject: (e) => {
          signal?.removeEventListener("abort", onAbort);
          reject(e);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.tasks.push(task);
      this.dispatch();
    });
  }

  /** End a run with an error (its chunks not yet handed out are dropped). */
  private fail(task: Task, e: unknown): void {
    if (task.finished) return;
    task.finished = true;
    this.tasks.splice(this.tasks.indexOf(task), 1);
    task.reject(e);
  }

  /** Hand the next chunks to the free workers, the runs in progress taking turns. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy !== undefined) continue;
      const task = this.nextTask();
      if (task === undefined) return;
      const [a, b] = task.chunks.shift()!;
      slot.busy = { task, a, b };
      const at = slot.prepared.indexOf(task.key);
      if (at >= 0) slot.prepared.splice(at, 1);
      else {
        this.post(slot, { type: "prepare", key: task.key, kernel: task.kernel, input: task.input });
        if (slot.prepared.length >= MAX_PREPARED) this.post(slot, { type: "forget", key: slot.prepared.shift()! });
      }
      slot.prepared.push(task.key);
      this.post(slot, { type: "run", key: task.key, seed: task.seed, runStart: a, runEnd: b });
    }
  }

  private post(slot: Slot, m: PoolRequest): void {
    slot.worker.postMessage(m);
  }

  /** The next run in turn with chunks left to hand out. */
  private nextTask(): Task | undefined {
    for (let i = 0; i < this.tasks.length; i++) {
      const t = this.tasks[(this.turn + i) % this.tasks.length]!;
      if (t.chunks.length > 0) {
        this.turn = (this.turn + i + 1) % Math.max(1, this.tasks.length);
        return t;
      }
    }
    return undefined;
  }

  private answered(slot: Slot, m: PoolReply): void {
    const busy = slot.busy;
    slot.busy = undefined;
    const task = busy?.task;
    this.losses = 0;
    if (task && !task.finished && busy.a === m.runStart && task.key === m.key) {
      if ("error" in m) this.fail(task, new Error(`engine worker: ${m.error}`));
      else if (m.data.length !== (m.runEnd - m.runStart) * task.valuesPerRun) this.fail(task, new Error(`kernel returned ${m.data.length} values for ${m.runEnd - m.runStart} runs of ${task.valuesPerRun}`));
      else {
        task.out.set(m.data, (m.runStart - task.first) * task.valuesPerRun);
        task.done += m.runEnd - m.runStart;
        task.onProgress?.(task.done, task.runs);
        if (task.done === task.runs) {
          task.finished = true;
          this.tasks.splice(this.tasks.indexOf(task), 1);
          task.resolve(task.out);
        }
      }
    }
    this.dispatch();
  }

  /**
   * Reject the runs in progress (with `reason`, default "closed") and end the threads. Each
   * thread is asked to end itself once its current chunk is done ({type: "exit"}: it lets V8's
   * background compilations finish first) and is terminated only if it has not ended within
   * EXIT_WAIT_MS. Terminating a thread while V8 is still optimising its code on a background
   * thread can abort the whole process in Node 20 ("NodePlatform::ForIsolate … Assertion
   * failed"), as the test suite showed.
   */
  async close(reason?: Error): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of [...this.tasks]) this.fail(t, reason ?? new Error("the engine pool is closed"));
    await Promise.all(
      this.slots.map(
        (s) =>
          new Promise<void>((done) => {
            s.worker.removeAllListeners();
            s.worker.on("error", () => undefined);
            const timer = setTimeout(() => void s.worker.terminate().then(() => done()), EXIT_WAIT_MS);
            s.worker.once("exit", () => {
              clearTimeout(timer);
              done();
            });
            s.worker.postMessage({ type: "exit" } satisfies PoolRequest);
          }),
      ),
    );
  }
}
