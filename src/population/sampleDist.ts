/**
 * Drawing from a scenario distribution (fixed, normal, lognormal, beta, uniform,
 * triangular, discrete) with an addressed xoshiro128** stream (src/random/rng.ts).
 * Normals by inversion (Φ⁻¹ of one uniform), gammas for the beta by Marsaglia & Tsang.
 *
 * @example
 * const s = new Int32Array(4); seedStream(s, seed, POPULATION_RUN, popPurpose("income"), cohort);
 * const income = sampleDist(prepareDist(cohort.income), s);
 */
import { nextUniform } from "../random/rng.js";
import { invNormCdf } from "../random/normal.js";
import { scalarNumber } from "../scenario/param.js";
import type { Scenario } from "../scenario/types.js";

/** A resolved distribution as it appears in a scenario (e.g. a cohort's income). */
export type ScenarioDist = Scenario["population"]["cohorts"][number]["income"];

/** A distribution with plain-number parameters, ready to sample. */
export type Dist =
  | { readonly kind: "fixed"; readonly value: number }
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number }
  | { readonly kind: "lognormal"; readonly median: number; readonly sigma: number }
  | { readonly kind: "beta"; readonly alpha: number; readonly beta: number }
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | { readonly kind: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly kind: "discrete"; readonly values: Float64Array; readonly cumulative: Float64Array };

/** Convert a scenario distribution (decimal Params) to sampling form. */
export function prepareDist(d: ScenarioDist): Dist {
  switch (d.dist) {
    case "fixed":
      return { kind: "fixed", value: scalarNumber(d.value) };
    case "normal":
      return { kind: "normal", mean: scalarNumber(d.mean), sd: scalarNumber(d.sd) };
    case "lognormal":
      return { kind: "lognormal", median: scalarNumber(d.median), sigma: scalarNumber(d.sigma) };
    case "beta":
      return { kind: "beta", alpha: scalarNumber(d.alpha), beta: scalarNumber(d.beta) };
    case "uniform":
      return { kind: "uniform", min: scalarNumber(d.min), max: scalarNumber(d.max) };
    case "triangular":
      return { kind: "triangular", min: scalarNumber(d.min), mode: scalarNumber(d.mode), max: scalarNumber(d.max) };
    case "discrete": {
      const w = d.weights.map(scalarNumber);
      const total = w.reduce((a, b) => a + b, 0);
      const cumulative = new Float64Array(w.length);
      let c = 0;
      w.forEach((x, i) => {
        c += x / total;
        cumulative[i] = c;
      });
      cumulative[w.length - 1] = 1;
      return { kind: "discrete", values: Float64Array.from(d.values.map(scalarNumber)), cumulative };
    }
    default:
      return d satisfies never;
  }
}

/** Mean of a distribution (for documentation and tests). */
export function distMean(d: Dist): number {
  switch (d.kind) {
    case "fixed":
      return d.value;
    case "normal":
      return d.mean;
    case "lognormal":
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case "beta":
      return d.alpha / (d.alpha + d.beta);
    case "uniform":
      return (d.min + d.max) / 2;
    case "triangular":
      return (d.min + d.mode + d.max) / 3;
    case "discrete": {
      let m = 0;
      let prev = 0;
      d.values.forEach((v, i) => {
        const c = d.cumulative[i] as number;
        m += v * (c - prev);
        prev = c;
      });
      return m;
    }
    default:
      return d satisfies never;
  }
}

const normal = (s: Int32Array): number => invNormCdf(nextUniform(s));

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via the u^(1/shape) boost. */
function gamma(shape: number, s: Int32Array): number {
  if (shape < 1) return gamma(shape + 1, s) * Math.pow(nextUniform(s), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(s);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = nextUniform(s);
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One draw from `d` using stream `s`. */
export function sampleDist(d: Dist, s: Int32Array): number {
  switch (d.kind) {
    case "fixed":
      return d.value;
    case "normal":
      return d.mean + d.sd * normal(s);
    case "lognormal":
      return d.median * Math.exp(d.sigma * normal(s));
    case "beta": {
      const x = gamma(d.alpha, s);
      const y = gamma(d.beta, s);
      return x / (x + y);
    }
    case "uniform":
      return d.min + (d.max - d.min) * nextUniform(s);
    case "triangular": {
      const u = nextUniform(s);
      const { min: a, mode: m, max: b } = d;
      if (b <= a) return a;
      const f = (m - a) / (b - a);
      return u < f ? a + Math.sqrt(u * (b - a) * (m - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - m));
    }
    case "discrete": {
      const u = nextUniform(s);
      let lo = 0;
      let hi = d.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((d.cumulative[mid] as number) < u) lo = mid + 1;
        else hi = mid;
      }
      return d.values[lo] as number;
    }
    default:
      return d satisfies never;
  }
}
