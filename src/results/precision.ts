/**
 * Run until precise enough: keep adding batches of runs until the Monte-Carlo standard
 * error of the headline exit rate (final year) is at or below a target, or a cap on runs
 * is reached — the convergence control of commercial Monte-Carlo tools.
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
import { yearColumn, assertLayout } from "./columns.js";
import type { PrecisionRecord } from "./manifest.js";
import { meanSd } from "./stats.js";
import type { RunResults } from "../model/results.js";

export interface PrecisionOptions {
  /** Target standard error of the final-year exit rate (e.g. 0.002 = 0.2 percentage points). */
  readonly target: number;
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
  const col = yearColumn(r, "exitRate", r.years.length - 1);
  if (!col) throw new Error("results have no exitRate metric");
  const { sd } = meanSd(col);
  return r.runs > 0 ? sd / Math.sqrt(r.runs) : Number.POSITIVE_INFINITY;
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
  let se = Number.POSITIVE_INFINITY;
  let results: RunResults | undefined;
  while (next > 0) {
    parts.push(await simulateBatch(n, next));
    n += next;
    results = concatRuns(parts);
    se = headlineSe(results);
    o.onBatch?.(n, se);
    if (se <= o.target || n >= maxRuns) break;
    // Grow towards the estimate, at least by half of what we have (the SE estimate is itself noisy).
    const want = runsNeeded(se, n, o.target);
    next = Math.min(Math.max(want - n, Math.ceil(n / 2)), maxRuns - n);
  }
  if (!results) throw new Error("no batch was run");
  return { results, record: { target: o.target, achieved: se, converged: se <= o.target, maxRuns, batches: parts.length } };
}
