import type { RunResults } from "../../src/model/results.js";

/** Build RunResults from a value function (run, year index, metric name). */
export function makeResults(
  runs: number,
  years: readonly number[],
  metrics: readonly string[],
  value: (run: number, y: number, metric: string) => number,
): RunResults {
  const data = new Float64Array(runs * years.length * metrics.length);
  for (let r = 0; r < runs; r++)
    for (let y = 0; y < years.length; y++)
      metrics.forEach((m, k) => {
        data[(r * years.length + y) * metrics.length + k] = value(r, y, m);
      });
  return { runs, years, metrics, data };
}

/** A small deterministic pseudo-random generator for test data (not used by fundsim itself). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}
