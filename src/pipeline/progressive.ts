/**
 * A simulation refined in stages, for the workbench (`fundsim serve`): runs [0, n₁) first,
 * then [n₁, n₂), … — each batch addressed by (seed, run), so the runs of a stage are the
 * first runs of every later one, run k is the same in every request with the same seed
 * (common random numbers), and the last stage equals one simulation of all its runs bit
 * for bit. After each stage the runs so far are summarised as `simulate` summarises them
 * (the summary only: no manifest, spending reconciliation or funding risk, which cost more
 * than the summary on a first estimate of 10 runs).
 * An abort signal stops it between batches (a stage's runs are simulated in slices of
 * `slice` runs, so a cancel waits at most one slice). With a persistent pool of worker threads
 * (engine/pool.ts) the runs are computed there, in chunks of at most `slice` runs, and this
 * thread stays free for other requests; a cancel then stops the job at once (a worker finishes
 * the chunk it is on, whose results are dropped).
 * The seed's population (which the model is checked on) is built once per population and seed
 * when a PopulationCache is given: an allocation edit reuses it.
 *
 * @example
 * await simulateInStages(loaded, { stages: [10, 50, 200], seed: 2017, onStage: (s) => send(s.summary) });
 */
import { buildLedger } from "../ledger/build.js";
import { engineModelFromScenario } from "../engine/fromScenario.js";
import { simulateModel } from "../engine/simulate.js";
import type { RunResults } from "../model/results.js";
import type { PopulationIssue } from "../population/cohorts.js";
import { buildPopulation, populationSpec, type PopulationSpec } from "../population/synthetic.js";
import type { WorkerPool } from "../engine/pool.js";
import type { Households } from "../model/households.js";
import type { Scenario } from "../scenario/types.js";
import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import { concatRuns } from "../results/precision.js";
import { summarize, type Summary } from "../results/summarize.js";
import { pairedDifferences, type PairedDifferences } from "../results/paired.js";
import { targetsFromScenario } from "../results/targets.js";
import type { LoadedScenario } from "../scenario/types.js";
import { err, ok, type Result } from "../util/result.js";

/** The persistent pool of engine worker threads (engine/pool.ts), for the server to start and close. */
export { WorkerPool } from "../engine/pool.js";


export interface StagedOptions {
  /** Cumulative run counts, increasing (e.g. 10, 50, 200). */
  readonly stages: readonly number[];
  /** Default: the scenario's seed. */
  readonly seed?: number;
  /** Worker threads per batch (default 1: this thread, no start-up cost); not used with `pool`. */
  readonly threads?: number;
  /** A persistent pool of worker threads to compute the runs on (this thread then only summarises). */
  readonly pool?: WorkerPool;
  /** The seeds' populations, kept between calls. */
  readonly populations?: PopulationCache;
  /** Runs simulated between checks of the signal (default 25). */
  readonly slice?: number;
  readonly signal?: AbortSignal;
  /** After each stage: the runs so far, summarised. */
  readonly onStage?: (s: StageEstimate, stage: number) => void | Promise<void>;
}

/** The runs of the stages so far and their summary. */
export interface StageEstimate {
  readonly results: RunResults;
  readonly summary: Summary;
  readonly seed: number;
}

/** Simulate in stages. Resolves to the last stage's simulation, or undefined when aborted first. */
export async function simulateInStages(loaded: LoadedScenario, o: StagedOptions): Promise<Result<StageEstimate | undefined, PopulationIssue[]>> {
  const seed = o.seed ?? loaded.scenario.simulation.seed;
  const threads = Math.max(1, o.threads ?? 1);
  const slice = Math.max(1, o.slice ?? 25);
  // The model simulateScenario builds, built once: the population redrawn per run (as simulate does).
  const s0 = loaded.scenario;
  const redraw = populationSpec(s0);
  const pop = o.populations ? o.populations.get(s0, redraw, seed) : buildPopulation(s0, { seed });
  if (!pop.ok) return err(pop.error);
  const model = engineModelFromScenario(s0, buildLedger(s0), pop.value);
  const parts: RunResults[] = [];
  let done = 0;
  let last: StageEstimate | undefined;
  const targets = targetsFromScenario(s0, loaded.years);
  for (const [i, target] of o.stages.entries()) {
    if (o.pool && done < target) {
      if (o.signal?.aborted) return ok(last);
      const count = target - done;
      const chunkSize = Math.min(slice, Math.ceil(count / o.pool.size));
      try {
        parts.push(await simulateModel(model, pop.value, { runs: count, firstRun: done, seed, redraw, pool: o.pool, chunkSize, ...(o.signal ? { signal: o.signal } : {}) }));
      } catch (e) {
        if (o.signal?.aborted) return ok(last);
        throw e;
      }
      done = target;
    }
    while (done < target) {
      if (o.signal?.aborted) return ok(last);
      const count = Math.min(slice, target - done);
      parts.push(await simulateModel(model, pop.value, { runs: count, firstRun: done, seed, threads, redraw }));
      done += count;
      // Let other requests (a cancel, the ledger of the next edit) in between slices.
      await new Promise<void>((res) => setImmediate(res));
    }
    if (o.signal?.aborted) return ok(last);
    const all = concatRuns(parts);
    parts.splice(0, parts.length, all);
    last = { results: all, summary: summarize(all, { targets }), seed };
    await o.onStage?.(last, i);
  }
  return ok(last);
}

/** b − a run by run (both simulated with the same seed and runs), against `first`'s targets: what `compare` computes. */
export function pairedAgainst(first: LoadedScenario, a: StageEstimate, b: StageEstimate): PairedDifferences {
  return pairedDifferences(a.results, b.results, { targets: targetsFromScenario(first.scenario, first.years) });
}

/**
 * The populations of the seed (the households a model is checked and scaled on) by the hash of
 * their population spec and seed, the CAPACITY most recently used kept: an edit that leaves the
 * population alone (an allocation) reuses it; one that changes it builds another.
 * Build failures are kept too (the same spec fails the same way).
 */
export class PopulationCache {
  static readonly CAPACITY = 8;
  private readonly entries = new Map<string, Result<Households, PopulationIssue[]>>();
  /** Builds done (misses), for tests and measurements. */
  builds = 0;

  get(s: Scenario, spec: PopulationSpec, seed: number): Result<Households, PopulationIssue[]> {
    const key = createHash("sha256").update(serialize(spec)).update(`\0${seed}`).digest("hex");
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const built = buildPopulation(s, { seed });
    this.builds++;
    this.entries.set(key, built);
    if (this.entries.size > PopulationCache.CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
    return built;
  }

  get size(): number {
    return this.entries.size;
  }
}
