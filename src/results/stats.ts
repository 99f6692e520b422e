/**
 * Descriptive statistics over Monte-Carlo runs.
 *
 * Quantile definition (one, used everywhere in fundsim): linear interpolation between
 * order statistics, Hyndman & Fan (1996) type 7 — the default of R, NumPy and
 * spreadsheet PERCENTILE.INC. For sorted x₀ ≤ … ≤ xₙ₋₁ and probability p:
 * h = (n − 1)·p, Q(p) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).
 *
 * Standard errors are Monte-Carlo standard errors of the mean: sample standard
 * deviation (n − 1 denominator) ÷ √n.
 *
 * NaN marks a value that is not defined in a run (e.g. a target gap in a year without a
 * target): `describe` and `probability` skip it, and `n` counts the values used.
 *
 * @example
 * describe(Float64Array.of(1, 2, 3, 4)) // { mean: 2.5, sd: 1.29…, se: 0.645…, q50: 2.5, … }
 */

/** Quantile probabilities reported for every metric. */
export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/**
 * One-sided 95% upper bound on a probability when none of n runs showed the event:
 * 1 − 0.05^(1/n) (≈ 3/n, the "rule of three"); by symmetry 1 minus it bounds an event seen in all n runs.
 *
 * @example noneSeenUpper95(1000) // 0.002991…
 */
export const noneSeenUpper95 = (n: number): number => 1 - Math.pow(0.05, 1 / n);

export const QUANTILE_DEFINITION =
  "Hyndman–Fan type 7: linear interpolation between order statistics, h = (n − 1)p (as R, NumPy and PERCENTILE.INC)";

export interface Stats {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator; 0 for one run). */
  readonly sd: number;
  /** Monte-Carlo standard error of the mean, sd / √n. */
  readonly se: number;
  readonly min: number;
  readonly q05: number;
  readonly q25: number;
  readonly q50: number;
  readonly q75: number;
  readonly q95: number;
  readonly max: number;
}

/** Type-7 quantile of an ascending-sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (p <= 0) return sorted[0] as number;
  if (p >= 1) return sorted[n - 1] as number;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  return a === b ? a : a + (h - lo) * (b - a);
}

/** Mean and sample standard deviation (Welford, numerically stable). */
export function meanSd(xs: ArrayLike<number>): { mean: number; sd: number } {
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN };
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  }
  // All-equal samples give exactly 0 (no rounding residue).
  let same = true;
  const first = xs[0] as number;
  for (let i = 1; i < n && same; i++) same = xs[i] === first;
  if (same) return { mean: first, sd: 0 };
  return { mean, sd: n > 1 ? Math.sqrt(Math.max(0, m2 / (n - 1))) : 0 };
}

/** The values that are not NaN. */
export function defined(xs: ArrayLike<number>): Float64Array {
  let k = 0;
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i] as number)) k++;
  if (k === xs.length) return Float64Array.from(xs);
  const out = new Float64Array(k);
  k = 0;
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i] as number)) out[k++] = xs[i] as number;
  return out;
}

/** Mean, sd, SE, min, max and the QUANTILES of a sample (NaN values skipped). */
export function describe(sample: ArrayLike<number>): Stats {
  const xs = defined(sample);
  const n = xs.length;
  const { mean, sd } = meanSd(xs);
  const sorted = xs.sort();
  return {
    n,
    mean,
    sd,
    se: n > 0 ? sd / Math.sqrt(n) : Number.NaN,
    min: n > 0 ? (sorted[0] as number) : Number.NaN,
    q05: quantileSorted(sorted, 0.05),
    q25: quantileSorted(sorted, 0.25),
    q50: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    q95: quantileSorted(sorted, 0.95),
    max: n > 0 ? (sorted[n - 1] as number) : Number.NaN,
  };
}

/** A probability estimated from n runs, with its binomial standard error. */
export interface Probability {
  readonly p: number;
  readonly se: number;
  readonly n: number;
}

/** Share of runs where `hit[i]` is true (non-zero); NaN entries are skipped. */
export function probability(sample: ArrayLike<number>): Probability {
  const hit = defined(sample);
  const n = hit.length;
  let k = 0;
  for (let i = 0; i < n; i++) k += hit[i] ? 1 : 0;
  const p = n > 0 ? k / n : Number.NaN;
  return { p, se: n > 0 ? Math.sqrt((p * (1 - p)) / n) : Number.NaN, n };
}

/**
 * Wilson score interval of a proportion: `hits` of `n` runs, z the normal quantile of the
 * level (1.645 for 90%, 1.96 for 95%). Unlike p ± z·se it stays inside [0, 1] and is not
 * empty at 0 or n hits (Wilson 1927; Newcombe 1998, method 3).
 */
export function wilsonInterval(hits: number, n: number, z: number): { lo: number; hi: number } {
  if (n === 0) return { lo: 0, hi: 1 };
  const p = hits / n;
  const z2 = z * z;
  const d = 1 + z2 / n;
  const c = (p + z2 / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / d;
  return { lo: Math.max(0, c - h), hi: Math.min(1, c + h) };
}

/** Normal quantile of a two-sided 90% interval, Φ⁻¹(0.95). */
export const Z90 = 1.6448536269514722;

/** Sample covariance (n − 1 denominator). */
export function covariance(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = meanSd(xs).mean;
  const my = meanSd(ys).mean;
  let s = 0;
  for (let i = 0; i < n; i++) s += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
  return s / (n - 1);
}

/**
 * Ratio of means R = mean(num) / mean(den) with its delta-method standard error:
 * Var(R) ≈ [Var(num) − 2R·Cov(num, den) + R²·Var(den)] / (n · mean(den)²).
 */
export function ratioOfMeans(num: ArrayLike<number>, den: ArrayLike<number>): { value: number; se: number } {
  const n = num.length;
  const a = meanSd(num);
  const b = meanSd(den);
  if (n === 0 || b.mean === 0) return { value: Number.NaN, se: Number.NaN };
  const r = a.mean / b.mean;
  const v = (a.sd * a.sd - 2 * r * covariance(num, den) + r * r * b.sd * b.sd) / (n * b.mean * b.mean);
  return { value: r, se: Math.sqrt(Math.max(0, v)) };
}
