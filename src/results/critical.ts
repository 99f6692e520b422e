/**
 * Critical values for confidence intervals: the Student t quantile (for paired
 * differences over a modest number of runs). The normal quantile is `invNormCdf` in
 * `random/normal.ts`, written once.
 *
 * @example
 * tQuantile(0.975, 9)        // ≈ 2.262
 */
import { invNormCdf } from "../random/normal.js";

/**
 * Student t CDF for integer df via the finite series of Abramowitz & Stegun 26.7.3–4.
 */
function tCdf(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  let a: number;
  if (df % 2 === 1) {
    let term = 1;
    let sum = df > 1 ? 1 : 0;
    for (let k = 3; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    a = (2 / Math.PI) * (theta + s * Math.cos(theta) * sum);
  } else {
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    a = s * sum;
  }
  return 0.5 + a / 2;
}

/** Cornish–Fisher expansion of the t quantile (Abramowitz & Stegun 26.7.5, four terms). */
function tCornishFisher(p: number, df: number): number {
  const z = invNormCdf(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/**
 * Student t quantile with `df` degrees of freedom: for integer df ≤ 30 the exact CDF is
 * inverted by bisection (to 1e-10); beyond, the Cornish–Fisher expansion (error < 1e-6);
 * the normal quantile for df = ∞.
 */
export function tQuantile(p: number, df: number): number {
  if (!(df > 0) || !(p > 0 && p < 1)) return Number.NaN;
  if (!Number.isFinite(df)) return invNormCdf(p);
  if (df > 30 || !Number.isInteger(df)) return tCornishFisher(p, df);
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0;
  let hi = Math.max(1, 2 * tCornishFisher(p, df));
  while (tCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-10 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
