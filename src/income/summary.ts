/**
 * Statistics of the income process over several independent runs, each with its
 * Monte-Carlo standard error.
 *
 * A statistic is a ratio of counts (exits ÷ spells at risk). Households of one run share
 * the year and village shocks, so their outcomes are not independent; the standard error
 * therefore comes from the spread between runs (each run has its own shocks), by the
 * delta method for a ratio estimator:
 *   h = Σ_r num_r / Σ_r den_r,  se² = Σ_r (num_r − h·den_r)² / (R (R − 1) · mean(den)²).
 *
 * @example
 * const s = simulateIncome(params, OFFICIAL_RULES, { households: 50_000, years: 12, villageSize: 50, runs: 8, seed: 1 });
 * s.exitHazard[0]; // { value: 0.37, se: 0.004 } — one-year exit
 */
import type { AccBlock, IncomeParams, IncomeRules, IncomeShape, IncomeWorkspace } from "./process.js";
import { MAX_DURATION, MAX_REENTRY, incomeWorkspace, simulateIncomeRun } from "./process.js";

/** A Monte-Carlo estimate and its standard error. */
export interface Estimate {
  readonly value: number;
  readonly se: number;
}

/** What to simulate: the shape of each run, how many runs, and the seed. */
export interface IncomeSimulation extends IncomeShape {
  readonly runs: number;
  readonly seed: number;
}

/** The statistics of model.md's income process, pooled over runs. */
export interface IncomeStatistics {
  /** [d − 1]: exit hazard after a poverty spell of d years (spells begun in an observed year). */
  readonly exitHazard: readonly Estimate[];
  /** [k − 1]: share of exiters poor again within k years (panel definition, all exits). */
  readonly reentry: readonly Estimate[];
  /** [k − 1]: share of exits (every exit, also after a re-entry) followed by poverty in year t + k — status at a later observation. */
  readonly poorAfterExit: readonly Estimate[];
  /** [t]: share of households below the line. */
  readonly poorShare: readonly Estimate[];
  /** Registered cohort as a share of households, and its share above the line. */
  readonly registeredShare: Estimate;
  readonly inclusionShare: Estimate;
  /** Share of the registered cohort exiting at the first verification (year 1). */
  readonly registeredFirstYearExit: Estimate;
  /** [t]: official exits, relapses, registered poor (end of year) and inflow, per registered household of year 0. */
  readonly adminExits: readonly Estimate[];
  readonly adminRelapses: readonly Estimate[];
  readonly adminPoor: readonly Estimate[];
  readonly inflow: readonly Estimate[];
  /** [k − 1]: share of official exits relapsing within k years (official rule, no margin). */
  readonly adminRelapseWithin: readonly Estimate[];
  readonly runs: number;
  readonly households: number;
}

/** Ratio estimator Σnum / Σden over runs with its between-run (delta-method) standard error. */
export function ratioEstimate(num: Float64Array, den: Float64Array): Estimate {
  const R = num.length;
  let sn = 0;
  let sd = 0;
  for (let r = 0; r < R; r++) {
    sn += num[r] as number;
    sd += den[r] as number;
  }
  if (!(sd > 0)) return { value: Number.NaN, se: Number.NaN };
  const h = sn / sd;
  if (R < 2) return { value: h, se: Number.NaN };
  let ss = 0;
  for (let r = 0; r < R; r++) ss += ((num[r] as number) - h * (den[r] as number)) ** 2;
  const mean = sd / R;
  return { value: h, se: Math.sqrt(ss / (R * (R - 1))) / mean };
}

/**
 * Run the process `runs` times (runs 0 … runs − 1 of `seed`) and pool the statistics.
 * A workspace may be passed to reuse its scratch (its shape must match).
 */
export function simulateIncome(p: IncomeParams, rules: IncomeRules, sim: IncomeSimulation, workspace?: IncomeWorkspace): IncomeStatistics {
  if (!(Number.isInteger(sim.runs) && sim.runs >= 1)) throw new RangeError(`runs must be a positive integer, got ${sim.runs}`);
  const ws = workspace ?? incomeWorkspace(sim);
  const s = ws.shape;
  if (s.households !== sim.households || s.years !== sim.years || s.villageSize !== sim.villageSize) throw new RangeError("workspace shape differs from the simulation's");
  const R = sim.runs;
  const all = new Float64Array(R * ws.layout.size);
  for (let r = 0; r < R; r++) {
    simulateIncomeRun(p, rules, ws, sim.seed, r);
    all.set(ws.acc, r * ws.layout.size);
  }
  const col = (b: AccBlock, j: number): Float64Array => {
    const out = new Float64Array(R);
    const o = ws.layout.offset[b] + j;
    for (let r = 0; r < R; r++) out[r] = all[r * ws.layout.size + o] as number;
    return out;
  };
  const constant = new Float64Array(R).fill(sim.households);
  const registered = col("registered", 0);
  const T = sim.years;
  const range = (k: number): number[] => Array.from({ length: k }, (_, j) => j);
  return {
    exitHazard: range(MAX_DURATION).map((j) => ratioEstimate(col("hazardNum", j), col("hazardDen", j))),
    reentry: range(MAX_REENTRY).map((j) => ratioEstimate(col("reentryNum", j), col("reentryDen", j))),
    poorAfterExit: range(MAX_REENTRY).map((j) => ratioEstimate(col("reentryAtNum", j), col("reentryAtDen", j))),
    poorShare: range(T).map((t) => ratioEstimate(col("poor", t), constant)),
    registeredShare: ratioEstimate(registered, constant),
    inclusionShare: ratioEstimate(col("registered", 1), registered),
    registeredFirstYearExit: ratioEstimate(col("adminExits", 1), registered),
    adminExits: range(T).map((t) => ratioEstimate(col("adminExits", t), registered)),
    adminRelapses: range(T).map((t) => ratioEstimate(col("adminRelapses", t), registered)),
    adminPoor: range(T).map((t) => ratioEstimate(col("adminPoor", t), registered)),
    inflow: range(T).map((t) => ratioEstimate(col("inflow", t), registered)),
    adminRelapseWithin: range(MAX_REENTRY).map((j) => ratioEstimate(col("adminReentryNum", j), col("adminReentryDen", j))),
    runs: R,
    households: sim.households,
  };
}
