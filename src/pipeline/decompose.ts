/**
 * Where the spread comes from (model.md, "Uncertainty"): the headline outcome — people out
 * of poverty at the final target year (TARGET_MEASURE), or at the horizon — simulated with
 * its sources of uncertainty switched on one after another, on common random numbers:
 *
 *   1. shocks: yearly shocks and per-run household draws, the unknowns at their file values,
 *      one population (the simulation's own);
 *   2. + parameters: the scenario's unknowns drawn once per run;
 *   3. + population: the synthetic population redrawn in every run, as `simulate` does by
 *      default (engine/kernels.ts "modelRedrawn"; absent when a register is the population).
 *
 * Each step's variance includes the ones before, so the increments are a sequential
 * decomposition (shocks first, then parameters, then population): another order would
 * apportion interactions differently. A negative increment (Monte-Carlo noise) counts as
 * zero. The shares carry bootstrap intervals: run indices resampled jointly across the steps
 * (the three steps share their runs' shocks; step 3's run i is on run i's own population).
 *
 * @example
 * const d = await decomposeUncertainty(loaded, { runs: 200, seed: 2017, threads: 2 });
 * d.value.shares.parameters   // share of the variance the unknowns add
 */
import { buildLedger } from "../ledger/build.js";
import { engineModelFromScenario } from "../engine/fromScenario.js";
import type { EngineModel } from "../engine/model.js";
import { simulateModel } from "../engine/simulate.js";
import { defaultThreads } from "../engine/workers.js";
import type { Households } from "../model/households.js";
import { TARGET_MEASURE } from "../model/results.js";
import type { RunResults } from "../model/results.js";
import type { PopulationIssue } from "../population/cohorts.js";
import { buildPopulation, populationSpec } from "../population/synthetic.js";
import { PURPOSE, nextUniform, seedStream } from "../random/rng.js";
import { meanSd, quantileSorted } from "../results/stats.js";
import { yearColumn } from "../results/columns.js";
import { concatRuns } from "../results/precision.js";
import type { LoadedScenario } from "../scenario/types.js";
import { ok, type Result } from "../util/result.js";
import { DECOMPOSITION_CONFIDENCE, DECOMPOSITION_RESAMPLES, UNCERTAINTY_STEPS } from "../results/decomposition.js";
import type { Decomposition, UncertaintyStep, UncertaintyStepId } from "../results/decomposition.js";

export interface DecomposeOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly threads?: number;
  /** A register is the population as given: no population step. */
  readonly register?: { readonly households: Households };
  readonly onProgress?: (done: number, planned: number) => void;
  /**
   * The simulation's own results (same scenario and seed, at least `runs` runs): their first
   * `runs` runs are step 3 when the population was redrawn per run, else step 2 (the seed's
   * population), so they are not simulated again.
   */
  readonly simulated?: { readonly results: RunResults; readonly populationRedrawn: boolean };
}

/** Runs per step of the decomposition that simulate --decompose and the report make (at most their runs). */
export const DECOMPOSE_RUNS = 200;

/** Decompose the spread of the headline outcome. Errors: a population cannot be built. */
export async function decomposeUncertainty(loaded: LoadedScenario, o: DecomposeOptions): Promise<Result<Decomposition, PopulationIssue[]>> {
  const s = loaded.scenario;
  const seed = o.seed ?? s.simulation.seed;
  const threads = Math.max(1, o.threads ?? defaultThreads());
  const runs = Math.max(2, o.runs);
  const ledger = buildLedger(s);
  const own: Result<Households, PopulationIssue[]> = o.register ? ok(o.register.households) : buildPopulation(s, { seed });
  if (!own.ok) return own;
  const full = engineModelFromScenario(s, ledger, own.value);
  const redrawn = !o.register;
  const given = o.simulated !== undefined && o.simulated.results.runs >= runs ? o.simulated : undefined;
  // The simulation's runs stand for the step they are: with the population redrawn (step 3),
  // or on the seed's population (step 2); a register has no step 3.
  const reuse3 = given !== undefined && redrawn && given.populationRedrawn;
  const reuse2 = given !== undefined && !given.populationRedrawn;
  const planned = runs * ((redrawn ? 3 : 2) - (reuse2 || reuse3 ? 1 : 0));
  let done = 0;
  const sim = async (m: EngineModel, h: Households, redraw: boolean): Promise<RunResults> => {
    const base = done;
    const r = await simulateModel(m, h, {
      runs,
      seed,
      threads,
      ...(redraw ? { redraw: populationSpec(s) } : {}),
      ...(o.onProgress ? { onProgress: (d: number) => o.onProgress?.(base + d, planned) } : {}),
    });
    done = base + runs;
    return r;
  };

  // The headline year: the last year with an exit target, else the horizon.
  const Y = full.years.length;
  let yi = Y - 1;
  for (let y = Y - 1; y >= 0; y--) {
    if (!Number.isNaN(full.exitTarget[y] as number)) {
      yi = y;
      break;
    }
  }
  const target = Number.isNaN(full.exitTarget[yi] as number) ? null : (full.exitTarget[yi] as number);
  const stepColumns: Float64Array[] = [];
  const step = (id: UncertaintyStepId, parts: RunResults[]): UncertaintyStep => {
    const r = concatRuns(parts);
    const v = yearColumn(r, TARGET_MEASURE, yi) as Float64Array;
    stepColumns.push(v);
    const { mean, sd } = meanSd(v);
    const met = target === null ? null : meanSd(yearColumn(r, "targetMet", yi) as Float64Array).mean;
    return { id, runs: v.length, mean, sd, pTarget: met };
  };

  const steps: UncertaintyStep[] = [];
  steps.push(step("shocks", [await sim({ ...full, runDraws: [] }, own.value, false)]));
  steps.push(step("parameters", [reuse2 ? firstRuns(given.results, runs) : await sim(full, own.value, false)]));
  if (redrawn) steps.push(step("population", [reuse3 ? firstRuns(given.results, runs) : await sim(full, own.value, true)]));
  const columns = stepColumns;
  const shares = sharesOf(columns, null);
  // Bootstrap: resample run indices (the same for every step).
  const n = columns[0]!.length;
  const state = new Int32Array(4);
  seedStream(state, seed, 0, PURPOSE.sensitivity, BOOTSTRAP_STREAM);
  const idx = new Int32Array(n);
  const boot = UNCERTAINTY_STEPS.map(() => new Float64Array(DECOMPOSITION_RESAMPLES));
  for (let b = 0; b < DECOMPOSITION_RESAMPLES; b++) {
    for (let j = 0; j < n; j++) idx[j] = Math.min(n - 1, Math.floor(nextUniform(state) * n));
    const sh = sharesOf(columns, idx);
    UNCERTAINTY_STEPS.forEach((id, i) => ((boot[i] as Float64Array)[b] = sh[id]));
  }
  const tail = (1 - DECOMPOSITION_CONFIDENCE) / 2;
  const sharesCi = Object.fromEntries(
    UNCERTAINTY_STEPS.map((id, i) => {
      const c = (boot[i] as Float64Array).sort();
      return [id, i < columns.length ? ([quantileSorted(c, tail), quantileSorted(c, 1 - tail)] as const) : ([0, 0] as const)];
    }),
  ) as Record<UncertaintyStepId, readonly [number, number]>;
  return ok({
    metric: TARGET_MEASURE,
    year: full.years[yi] as number,
    target,
    steps,
    shares,
    sharesCi,
    confidence: DECOMPOSITION_CONFIDENCE,
    unknowns: (full.runDraws ?? []).length,
    populations: redrawn ? runs : 0,
    seed,
  });
}

/** The first `n` runs of `r`. */
const firstRuns = (r: RunResults, n: number): RunResults => ({ ...r, runs: n, data: r.data.subarray(0, n * r.years.length * r.metrics.length) });

/** The decomposition's bootstrap stream (PURPOSE.sensitivity; 1–3 are the sensitivity designs'). */
const BOOTSTRAP_STREAM = 4;

/** Sequential variance shares of the steps over the runs listed in `rows` (all runs when null). */
function sharesOf(columns: readonly Float64Array[], rows: Int32Array | null): Record<UncertaintyStepId, number> {
  const v = columns.map((c) => {
    const n = rows ? rows.length : c.length;
    let mean = 0;
    for (let j = 0; j < n; j++) mean += c[rows ? (rows[j] as number) : j] as number;
    mean /= n;
    let ss = 0;
    for (let j = 0; j < n; j++) ss += ((c[rows ? (rows[j] as number) : j] as number) - mean) ** 2;
    return ss / Math.max(1, n - 1);
  });
  const inc = v.map((x, i) => Math.max(0, i === 0 ? x : x - (v[i - 1] as number)));
  const sum = inc.reduce((a, b) => a + b, 0);
  return Object.fromEntries(UNCERTAINTY_STEPS.map((id, i) => [id, sum > 0 && i < inc.length ? (inc[i] as number) / sum : 0])) as Record<UncertaintyStepId, number>;
}
