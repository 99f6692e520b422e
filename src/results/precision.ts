/**
 * Run until precise enough: keep adding batches of runs until the Monte-Carlo standard
 * error of a headline (PRECISION_METRICS: the final-year exit rate by default, people out
 * of poverty at the last target year, P(every target met), or the pool-loss 99% quantile)
 * is at or below a target, or a cap on runs is reached — the convergence control of
 * commercial Monte-Carlo tools. Each batch's estimate and error are kept (`history`).
 *
 * Runs are addressed by index (run r always draws the same random numbers), so the
 * batches together are exactly the runs 0 … n−1 one simulation of n runs would give.
 *
 * @example
 * const { results, record } = await runToPrecision(
 *   (first, count) => simulate(model, { firstRun: first, runs: count, seed }),
 *   { target: 0.002, initialRuns: 200, maxRuns: 20000 });
 * record.converged // false if 20,000 runs were not enough
 */
import { horizonColumn, yearColumn, assertLayout } from "./columns.js";
import type { PrecisionRecord } from "./manifest.js";
import { meanSd, quantileSorted } from "./stats.js";
import type { RunResults } from "../model/results.js";

/**
 * What --precision controls, with its Monte-Carlo standard error:
 * - exitRate: mean final-year exit rate, sd/√n (a share);
 * - exitedPeople: mean people out of poverty at the last year with an exit target (else the horizon), sd/√n (people);
 * - pTarget: share of runs meeting every year's exit target, √(p(1−p)/n), never 0 (see pTargetSe);
 * - poolLoss99: 99% quantile of the pool losses over the horizon, from the order statistics (see quantileSe) (yuan).
 */
export const PRECISION_METRICS = ["exitRate", "exitedPeople", "pTarget", "poolLoss99"] as const;
export type PrecisionMetric = (typeof PRECISION_METRICS)[number];
export const isPrecisionMetric = (x: unknown): x is PrecisionMetric => typeof x === "string" && (PRECISION_METRICS as readonly string[]).includes(x);

export interface PrecisionOptions {
  /** Target standard error of the metric (e.g. 0.002 = 0.2 percentage points for a share; people or yuan otherwise). */
  readonly target: number;
  /** The headline controlled (default exitRate). */
  readonly metric?: PrecisionMetric;
  /** Runs in the first batch (at least 2). */
  readonly initialRuns: number;
  /** Cap on the total number of runs. */
  readonly maxRuns: number;
  /** Called after each batch (for progress). */
  readonly onBatch?: (runsSoFar: number, se: number) => void;
}

/** Join results of consecutive run ranges (same years and metrics). */
export function concatRuns(parts: readonly RunResults[]): RunResults {
  const first = parts[0];
  if (!first) throw new Error("concatRuns needs at least one part");
  for (const p of parts) {
    assertLayout(p);
    if (p.metrics.join("\u0000") !== first.metrics.join("\u0000") || p.years.join(",") !== first.years.join(",")) {
      throw new Error("concatRuns: parts differ in years or metrics");
    }
  }
  const runs = parts.reduce((s, p) => s + p.runs, 0);
  const data = new Float64Array(runs * first.years.length * first.metrics.length);
  let offset = 0;
  for (const p of parts) {
    data.set(p.data, offset);
    offset += p.data.length;
  }
  return { runs, years: first.years, metrics: first.metrics, data };
}

/** Standard error of the mean exit rate in the final year. */
export function headlineSe(r: RunResults): number {
  return precisionEstimate(r, "exitRate").se;
}

/**
 * Standard error of a proportion p from n runs, never 0: with p = 0 or 1 the binomial
 * formula gives 0 however few the runs; the error is then taken as that of one run in n
 * ((1/n)(1 − 1/n)/n), so "no run met the target" needs enough runs to mean something.
 */
export function pTargetSe(p: number, n: number): number {
  if (!(n > 0)) return Number.POSITIVE_INFINITY;
  const q = Math.min(Math.max(p, 1 / n), 1 - 1 / n);
  return Math.sqrt(Math.max(0, q * (1 - q)) / n);
}

/**
 * Standard error of the q-quantile of `sorted` (ascending) by order statistics: half the
 * distance between the values at ranks n·q ∓ √(n·q(1−q)) — the distribution-free 68%
 * interval of the quantile (binomial method), so about one standard error each side.
 */
export function quantileSe(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  // Fewer than 5 runs beyond the quantile (either side): its error cannot be read from them.
  if (n < 2 || n * Math.min(q, 1 - q) < QUANTILE_TAIL_RUNS) return Number.POSITIVE_INFINITY;
  const h = Math.sqrt(n * q * (1 - q));
  const lo = Math.max(0, Math.floor(n * q - h));
  const hi = Math.min(n - 1, Math.ceil(n * q + h));
  return ((sorted[hi] as number) - (sorted[lo] as number)) / 2;
}

/** Runs needed beyond a quantile before its standard error is estimated (500 runs for the 99% quantile). */
export const QUANTILE_TAIL_RUNS = 5;

/** The metric's estimate and standard error over the runs of `r`. */
export function precisionEstimate(r: RunResults, metric: PrecisionMetric): { estimate: number; se: number } {
  const n = r.runs;
  if (!(n > 0)) return { estimate: Number.NaN, se: Number.POSITIVE_INFINITY };
  const Y = r.years.length;
  const col = (name: string, y: number): Float64Array => {
    const c = yearColumn(r, name, y);
    if (!c) throw new Error(`results have no ${name} metric`);
    return c;
  };
  switch (metric) {
    case "exitRate":
    case "exitedPeople": {
      const y = metric === "exitRate" ? Y - 1 : lastTargetYear(r);
      const { mean, sd } = meanSd(col(metric, y));
      return { estimate: mean, se: sd / Math.sqrt(n) };
    }
    case "pTarget": {
      // Every year's target met: targetMet is NaN in years without a target.
      const met = new Float64Array(n).fill(1);
      let any = false;
      for (let y = 0; y < Y; y++) {
        const c = col("targetMet", y);
        for (let i = 0; i < n; i++) {
          const v = c[i] as number;
          if (Number.isNaN(v)) continue;
          any = true;
          if (v < 1) met[i] = 0;
        }
      }
      if (!any) return { estimate: Number.NaN, se: Number.NaN };
      const p = met.reduce((a, b) => a + b, 0) / n;
      return { estimate: p, se: pTargetSe(p, n) };
    }
    case "poolLoss99": {
      const loss = horizonColumn(r, "poolLoss");
      if (!loss) throw new Error("results have no poolLoss metric");
      loss.sort();
      return { estimate: quantileSorted(loss, 0.99), se: quantileSe(loss, 0.99) };
    }
    default:
      return metric satisfies never;
  }
}

/** Index of the last year with an exit target (targetMet defined), else the horizon. */
function lastTargetYear(r: RunResults): number {
  for (let y = r.years.length - 1; y >= 0; y--) {
    const c = yearColumn(r, "targetMet", y);
    if (c && c.length > 0 && !Number.isNaN(c[0] as number)) return y;
  }
  return r.years.length - 1;
}

/**
 * Runs needed for standard error `target` given the standard error `se` after `n` runs
 * (SE ∝ 1/√n), with 10% margin.
 */
export const runsNeeded = (se: number, n: number, target: number): number =>
  se <= target ? n : Math.ceil(1.1 * n * (se / target) ** 2);

/** Simulate batches until the headline SE ≤ target or maxRuns is reached. */
export async function runToPrecision(
  simulateBatch: (firstRun: number, runs: number) => Promise<RunResults>,
  o: PrecisionOptions,
): Promise<{ results: RunResults; record: PrecisionRecord }> {
  if (!(o.target > 0)) throw new RangeError("precision target must be > 0");
  const maxRuns = Math.max(2, Math.floor(o.maxRuns));
  const parts: RunResults[] = [];
  let n = 0;
  let next = Math.min(Math.max(2, Math.floor(o.initialRuns)), maxRuns);
  const metric = o.metric ?? "exitRate";
  let se = Number.POSITIVE_INFINITY;
  let results: RunResults | undefined;
  const history: { runs: number; estimate: number; se: number }[] = [];
  while (next > 0) {
    parts.push(await simulateBatch(n, next));
    n += next;
    results = concatRuns(parts);
    const e = precisionEstimate(results, metric);
    se = e.se;
    history.push({ runs: n, estimate: e.estimate, se });
    o.onBatch?.(n, se);
    // A metric the scenario cannot give (no target, no pool): nothing to converge.
    if (Number.isNaN(se)) break;
    if (se <= o.target || n >= maxRuns) break;
    // Grow towards the estimate, at least by half of what we have (the SE estimate is itself noisy).
    const want = runsNeeded(se, n, o.target);
    next = Math.min(Math.max(want - n, Math.ceil(n / 2)), maxRuns - n);
  }
  if (!results) throw new Error("no batch was run");
  return { results, record: { target: o.target, metric, achieved: se, converged: se <= o.target, maxRuns, batches: parts.length, history } };
}
