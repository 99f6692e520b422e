/**
 * Mean and standard deviation of log base-year income, per cohort — what the engine needs
 * to split each household's observed income into a level and a transitory shock
 * (EngineModel.cohortLogMean / cohortLogSd; regression to the mean).
 *
 * The log is taken as the engine takes it: ln(max(1, income)).
 * - lognormal law: exactly (ln median, sigma) — the untruncated law (the 1-yuan floor is
 *   ignored: below 1 yuan a lognormal income has no practical weight);
 * - fixed, discrete: exactly, summing over the values (weights normalised);
 * - beta: on [0, 1], so ln(max(1, x)) = 0: mean 0, sd 0;
 * - normal, uniform, triangular: a deterministic quadrature on the quantile function Q,
 *   written over a standard normal score z (X = Q(Φ(z)); for the normal, μ + σz): the
 *   midpoint rule on QUADRATURE_POINTS equal steps of z over ±QUADRATURE_Z, weights φ(z)
 *   normalised to 1. Steps in z rather than in probability resolve the tails, where ln X
 *   of a normal falls steeply towards 0 and carries much of the variance (equal-probability
 *   slices missed 5 % of the sd of N(3000, 800)). A normal's negative draws are incomes of
 *   0 (cohorts.ts), so they count as ln 1 = 0. Checked against 200,000 draws in tests.
 * - a register: the sample mean and sd (divisor n) over the cohort's households.
 *
 * @example
 * distLogMoments({ kind: "lognormal", median: 2600, sigma: 0.4 }) // { mean: 7.863…, sd: 0.4 }
 */
import { normCdf } from "../random/normal.js";
import type { Households } from "../model/households.js";
import type { Dist } from "./sampleDist.js";

export interface LogMoments {
  readonly mean: number;
  readonly sd: number;
}

/** Steps of the quadrature for laws without a closed form, and its range of normal scores. */
export const QUADRATURE_POINTS = 8192;
export const QUADRATURE_Z = 8.5;

const logIncome = (x: number): number => Math.log(Math.max(1, x));

/** Mean and sd of ln(max(1, X)) over points weighted by probability (weights sum to 1). */
function weighted(values: ArrayLike<number>, weight: (i: number) => number): LogMoments {
  let m = 0;
  for (let i = 0; i < values.length; i++) m += weight(i) * logIncome(values[i] as number);
  let v = 0;
  for (let i = 0; i < values.length; i++) {
    const d = logIncome(values[i] as number) - m;
    v += weight(i) * d * d;
  }
  return { mean: m, sd: Math.sqrt(Math.max(0, v)) };
}

/** Midpoint quadrature of ln(max(1, X)) with X = x(z), z a standard normal score. */
function byScores(x: (z: number) => number): LogMoments {
  const K = QUADRATURE_POINTS;
  const h = (2 * QUADRATURE_Z) / K;
  const xs = new Float64Array(K);
  const ws = new Float64Array(K);
  let total = 0;
  for (let k = 0; k < K; k++) {
    const z = -QUADRATURE_Z + (k + 0.5) * h;
    xs[k] = x(z);
    ws[k] = Math.exp(-0.5 * z * z);
    total += ws[k] as number;
  }
  return weighted(xs, (k) => (ws[k] as number) / total);
}

/** The same over the law's quantile function. */
const byQuantiles = (quantile: (u: number) => number): LogMoments => byScores((z) => quantile(normCdf(z)));

/** Mean and sd of the log income of a cohort's law (see the module comment for each law). */
export function distLogMoments(d: Dist): LogMoments {
  switch (d.kind) {
    case "lognormal":
      return { mean: Math.log(d.median), sd: d.sigma };
    case "fixed":
      return { mean: logIncome(d.value), sd: 0 };
    case "beta":
      return { mean: 0, sd: 0 };
    case "discrete": {
      const c = d.cumulative;
      return weighted(d.values, (i) => (c[i] as number) - (i === 0 ? 0 : (c[i - 1] as number)));
    }
    case "normal":
      return d.sd > 0 ? byScores((z) => d.mean + d.sd * z) : { mean: logIncome(d.mean), sd: 0 };
    case "uniform":
      return byQuantiles((u) => d.min + (d.max - d.min) * u);
    case "triangular": {
      const { min: a, mode: m, max: b } = d;
      if (b <= a) return { mean: logIncome(a), sd: 0 };
      const f = (m - a) / (b - a);
      return byQuantiles((u) => (u < f ? a + Math.sqrt(u * (b - a) * (m - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - m))));
    }
    default:
      return d satisfies never;
  }
}

/**
 * Sample mean and sd (divisor n) of ln(max(1, income)) of each cohort's households, for
 * cohort indices 0 … cohorts − 1 (a cohort without households: 0 and 0).
 */
export function householdLogMoments(h: Households, cohorts: number): { readonly mean: Float64Array; readonly sd: Float64Array } {
  const n = new Float64Array(cohorts);
  const sum = new Float64Array(cohorts);
  for (let i = 0; i < h.count; i++) {
    const c = h.cohort[i] as number;
    if (c >= cohorts) continue;
    n[c] = (n[c] as number) + 1;
    sum[c] = (sum[c] as number) + logIncome(h.income[i] as number);
  }
  const mean = Float64Array.from(sum, (s, c) => ((n[c] as number) > 0 ? s / (n[c] as number) : 0));
  const ss = new Float64Array(cohorts);
  for (let i = 0; i < h.count; i++) {
    const c = h.cohort[i] as number;
    if (c >= cohorts) continue;
    const d = logIncome(h.income[i] as number) - (mean[c] as number);
    ss[c] = (ss[c] as number) + d * d;
  }
  const sd = Float64Array.from(ss, (s, c) => ((n[c] as number) > 0 ? Math.sqrt(s / (n[c] as number)) : 0));
  return { mean, sd };
}
