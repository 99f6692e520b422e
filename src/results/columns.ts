/**
 * Reading RunResults column-wise: one metric in one year over all runs, or one metric's
 * horizon value (see metricKinds.ts) over all runs.
 *
 * @example
 * const exits2020 = yearColumn(results, "cumulativeExits", results.years.indexOf(2020));
 * const totalLoss = horizonColumn(results, "poolLoss"); // per run, summed over years
 */
import { horizonValue, metricKind } from "./metricKinds.js";
import type { RunResults } from "../model/results.js";

/** Values of `metric` in year index `y`, one per run; undefined when the metric is absent. */
export function yearColumn(r: RunResults, metric: string, y: number): Float64Array | undefined {
  const m = r.metrics.indexOf(metric);
  if (m < 0 || y < 0 || y >= r.years.length) return undefined;
  const nm = r.metrics.length;
  const ny = r.years.length;
  const out = new Float64Array(r.runs);
  for (let run = 0; run < r.runs; run++) out[run] = r.data[(run * ny + y) * nm + m] as number;
  return out;
}

/** One run's values of `metric` over the years. */
export function runSeries(r: RunResults, m: number, run: number): Float64Array {
  const nm = r.metrics.length;
  const ny = r.years.length;
  const out = new Float64Array(ny);
  for (let y = 0; y < ny; y++) out[y] = r.data[(run * ny + y) * nm + m] as number;
  return out;
}

/**
 * Horizon value of `metric` for each run (sum of flows, final stock, any/all flag).
 *
 * A stock's horizon value is the same year's in every run: the last year in which any run
 * has a value (NaN where a run has none that year, so it is left out). A rate undefined in
 * one run's final year (e.g. `exitHazard` with no registered poor left, `relapseWithin3`
 * with nobody exited three years earlier) is not replaced by an earlier year's rate, which
 * would mix years across runs and variants. Where the undefined years are the same in every
 * run (`targetGap` outside target years, `relapseWithin5` in the first five years) this is
 * the run's last defined value, as `horizonValue` gives.
 */
export function horizonColumn(r: RunResults, metric: string): Float64Array | undefined {
  const m = r.metrics.indexOf(metric);
  if (m < 0) return undefined;
  const kind = metricKind(metric);
  if (kind === "stock") {
    for (let y = r.years.length - 1; y >= 0; y--) {
      const col = yearColumn(r, metric, y) as Float64Array;
      if (col.some((v) => !Number.isNaN(v))) return col;
    }
    return new Float64Array(r.runs).fill(Number.NaN);
  }
  const out = new Float64Array(r.runs);
  for (let run = 0; run < r.runs; run++) out[run] = horizonValue(kind, runSeries(r, m, run));
  return out;
}

/** Check the layout invariant: data.length = runs × years × metrics. Throws on a malformed value (a bug). */
export function assertLayout(r: RunResults): void {
  const expected = r.runs * r.years.length * r.metrics.length;
  if (r.data.length !== expected) {
    throw new Error(`RunResults data has ${r.data.length} values, expected runs × years × metrics = ${expected}`);
  }
}
