/**
 * Simulation jobs refined in stages (10 runs, then 50, then 200 …: pipeline/progressive.ts),
 * for the workbench: started by POST /api/jobs, followed as Server-Sent Events, cancelled by
 * DELETE /api/jobs/:id or by closing the stream. A finished job is kept for a minute; at most
 * MAX_RUNNING run at once (starting another cancels the oldest), and a client's newer job
 * cancels its older running ones (the page also cancels a stale job itself on every edit).
 * With a pool of worker threads (`fundsim serve` starts one) the runs are computed there and
 * the server's thread stays free for the next edit's requests.
 */
import { randomUUID } from "node:crypto";
import { simulateInStages, type PopulationCache } from "../pipeline/progressive.js";
import type { WorkerPool } from "../engine/pool.js";
import type { LoadedScenario } from "../scenario/types.js";
import type { Lang } from "../messages/lang.js";
import { populationIssue } from "../messages/population.js";
import { apiError } from "../messages/server.js";
import { errorBody, type ApiFailure } from "./errors.js";
import { simulationView } from "./views.js";

export const MAX_RUNNING = 4;
export const KEEP_FINISHED_MS = 60_000;

export type JobStatus = "running" | "done" | "cancelled" | "failed";

/** One event of a job's stream. */
export type JobEvent =
  | { readonly type: "estimate"; readonly data: Record<string, unknown> }
  | { readonly type: "done" | "cancelled"; readonly data: { readonly id: string; readonly status: JobStatus } }
  | { readonly type: "error"; readonly data: ReturnType<typeof errorBody> };

export interface Job {
  readonly id: string;
  readonly started: number;
  readonly stages: readonly number[];
  readonly seed: number;
  readonly client: { readonly id: string; readonly seq: number } | undefined;
  status: JobStatus;
  finishedAt?: number;
  readonly events: JobEvent[];
  readonly listeners: Set<(e: JobEvent) => void>;
  readonly controller: AbortController;
}

/** Where jobs compute: a persistent pool of worker threads (else this thread), and the seeds' populations kept between jobs. */
export interface JobEngine {
  readonly pool?: WorkerPool | undefined;
  readonly populations?: PopulationCache | undefined;
}

/** Runs per chunk a pool worker computes: a cancelled job keeps a worker at most this long. */
export const POOL_SLICE = 5;

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  /** `log` is set by tests: logs internal errors (default: stderr). */
  constructor(
    private readonly log: (e: unknown) => void = (e) => process.stderr.write(`fundsim serve: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
    private readonly engine: JobEngine = {},
  ) {}

  /** The highest `seq` each client has started a job with. */
  private readonly latest = new Map<string, number>();

  start(loaded: LoadedScenario, o: { readonly stages: readonly number[]; readonly seed?: number | undefined; readonly lang: Lang; readonly client?: { readonly id: string; readonly seq: number } | undefined }): Job {
    this.sweep();
    const client = o.client;
    if (client !== undefined) {
      // A request that arrives after a later one of the same client is stale: recorded as cancelled, not run.
      if (client.seq < (this.latest.get(client.id) ?? -1)) {
        const stale: Job = { id: randomUUID(), started: performance.now(), stages: o.stages, seed: o.seed ?? loaded.scenario.simulation.seed, client, status: "cancelled", finishedAt: performance.now(), events: [], listeners: new Set(), controller: new AbortController() };
        stale.events.push({ type: "cancelled", data: { id: stale.id, status: "cancelled" } });
        this.jobs.set(stale.id, stale);
        return stale;
      }
      this.latest.set(client.id, client.seq);
      if (this.latest.size > 1000) this.latest.delete(this.latest.keys().next().value as string);
      for (const j of this.jobs.values()) if (j.client?.id === client.id && j.client.seq < client.seq && j.status === "running") this.cancel(j.id);
    }
    const running = [...this.jobs.values()].filter((j) => j.status === "running").sort((a, b) => a.started - b.started);
    for (const old of running.slice(0, Math.max(0, running.length - MAX_RUNNING + 1))) this.cancel(old.id);
    const seed = o.seed ?? loaded.scenario.simulation.seed;
    const job: Job = { id: randomUUID(), started: performance.now(), stages: o.stages, seed, client, status: "running", events: [], listeners: new Set(), controller: new AbortController() };
    this.jobs.set(job.id, job);
    const emit = (e: JobEvent): void => {
      job.events.push(e);
      for (const l of job.listeners) l(e);
    };
    const finish = (status: JobStatus, e: JobEvent): void => {
      if (job.status !== "running") return;
      job.status = status;
      job.finishedAt = performance.now();
      emit(e);
    };
    // Start on the next turn, so the caller has the id before the first estimate.
    setImmediate(() => {
      simulateInStages(loaded, {
        stages: o.stages,
        seed,
        // Small slices: a cancelled job gives way within a few runs (on the pool: at once, its workers within one chunk).
        slice: this.engine.pool ? POOL_SLICE : 10,
        ...(this.engine.pool ? { pool: this.engine.pool } : {}),
        ...(this.engine.populations ? { populations: this.engine.populations } : {}),
        signal: job.controller.signal,
        onStage: (sim, stage) => {
          if (job.controller.signal.aborted) return;
          emit({ type: "estimate", data: { id: job.id, stage, stages: o.stages, final: stage === o.stages.length - 1, elapsedMs: Math.round(performance.now() - job.started), ...simulationView(sim, o.lang, false) } });
        },
      }).then(
        (r) => {
          if (!r.ok) {
            const f: ApiFailure = { status: 422, code: "population", message: apiError.population(), issues: r.error.map((i) => ({ path: "population", message: populationIssue(i) })) };
            finish("failed", { type: "error", data: errorBody(f, o.lang) });
          } else if (job.controller.signal.aborted) finish("cancelled", { type: "cancelled", data: { id: job.id, status: "cancelled" } });
          else finish("done", { type: "done", data: { id: job.id, status: "done" } });
        },
        (e: unknown) => {
          this.log(e);
          finish("failed", { type: "error", data: errorBody({ status: 500, code: "internal", message: apiError.internal() }, o.lang) });
        },
      );
    });
    return job;
  }

  get(id: string): Job | undefined {
    this.sweep();
    return this.jobs.get(id);
  }

  /** Cancel a job (a finished one stays as it ended). True when the job exists. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    if (job.status === "running") {
      job.controller.abort();
      job.status = "cancelled";
      job.finishedAt = performance.now();
      const e: JobEvent = { type: "cancelled", data: { id, status: "cancelled" } };
      job.events.push(e);
      for (const l of job.listeners) l(e);
    }
    return true;
  }

  /** Cancel every job (the server is closing). */
  cancelAll(): void {
    for (const id of this.jobs.keys()) this.cancel(id);
  }

  private sweep(): void {
    const now = performance.now();
    for (const [id, j] of this.jobs) if (j.finishedAt !== undefined && now - j.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}

/** Whether an event ends the stream. */
export const isFinal = (e: JobEvent): boolean => e.type !== "estimate";
