/**
 * Drawing from an EngineDist with a xoshiro128** stream (and its ziggurat tail stream).
 * Used outside the hot loops (programme effects are drawn once per served household).
 *
 * @example
 * const s = new Int32Array(4), t = new Int32Array(4);
 * seedStream(s, 1, 0, PURPOSE.programmeEffect, 12); seedTailStream(t, 1, 0, PURPOSE.programmeEffect, 12);
 * sampleDist({ kind: "lognormal", a: 1.25, b: 0.3, c: 0 }, s, t); // ~ 1.25
 */
import type { EngineDist } from "./model.js";
import { addressedNormal, nextNormal } from "../random/normal.js";
import { addressedUniform, nextUniform } from "../random/rng.js";

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via the u^(1/shape) boost. */
export function sampleGamma(shape: number, s: Int32Array, tail: Int32Array): number {
  if (shape < 1) return sampleGamma(shape + 1, s, tail) * Math.pow(nextUniform(s), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = nextNormal(s, tail);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = nextUniform(s);
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One draw from `d`. */
export function sampleDist(d: EngineDist, s: Int32Array, tail: Int32Array): number {
  switch (d.kind) {
    case "fixed":
      return d.a;
    case "normal":
      return d.a + d.b * nextNormal(s, tail);
    case "lognormal":
      return d.a * Math.exp(d.b * nextNormal(s, tail));
    case "beta": {
      const x = sampleGamma(d.a, s, tail);
      const y = sampleGamma(d.b, s, tail);
      return x / (x + y);
    }
    case "uniform":
      return d.a + (d.b - d.a) * nextUniform(s);
    case "triangular": {
      const lo = d.a;
      const mode = d.b;
      const hi = d.c;
      if (!(hi > lo)) return lo;
      const u = nextUniform(s);
      const f = (mode - lo) / (hi - lo);
      return u < f ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case "discrete": {
      const vals = d.values ?? new Float64Array(0);
      const w = d.weights ?? new Float64Array(0);
      let total = 0;
      for (let i = 0; i < w.length; i++) total += w[i] as number;
      let u = nextUniform(s) * total;
      for (let i = 0; i < vals.length; i++) {
        u -= w[i] ?? 0;
        if (u < 0) return vals[i] as number;
      }
      return vals[vals.length - 1] ?? Number.NaN;
    }
    default:
      return d.kind satisfies never;
  }
}

/**
 * One draw from `d` for household i from the addressed words (key, 2i) and (key, 2i + 1):
 * by inversion of the addressed uniform, normals by `addressedNormal` — no stream to
 * seed, so it is cheap per served household. The beta
 * distribution has no closed-form inverse: it returns NaN, and callers use `sampleDist`
 * on a stream addressed by the household instead.
 */
export function sampleDistAddressed(d: EngineDist, key: number, i: number): number {
  switch (d.kind) {
    case "fixed":
      return d.a;
    case "normal":
      return d.a + d.b * addressedNormal(key, i);
    case "lognormal":
      return d.a * Math.exp(d.b * addressedNormal(key, i));
    case "uniform":
      return d.a + (d.b - d.a) * addressedUniform(key, 2 * i);
    case "triangular": {
      const lo = d.a;
      const mode = d.b;
      const hi = d.c;
      if (!(hi > lo)) return lo;
      const u = addressedUniform(key, 2 * i);
      const f = (mode - lo) / (hi - lo);
      return u < f ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case "discrete": {
      const vals = d.values ?? new Float64Array(0);
      const w = d.weights ?? new Float64Array(0);
      let total = 0;
      for (let k = 0; k < w.length; k++) total += w[k] as number;
      let u = addressedUniform(key, 2 * i) * total;
      for (let k = 0; k < vals.length; k++) {
        u -= w[k] ?? 0;
        if (u < 0) return vals[k] as number;
      }
      return vals[vals.length - 1] ?? Number.NaN;
    }
    case "beta":
      return Number.NaN;
    default:
      return d.kind satisfies never;
  }
}

/** Mean of `d` (for the ledger-side expected values and tests). */
export function distMean(d: EngineDist): number {
  switch (d.kind) {
    case "fixed":
      return d.a;
    case "normal":
      return d.a;
    case "lognormal":
      return d.a * Math.exp(0.5 * d.b * d.b);
    case "beta":
      return d.a / (d.a + d.b);
    case "uniform":
      return 0.5 * (d.a + d.b);
    case "triangular":
      return (d.a + d.b + d.c) / 3;
    case "discrete": {
      const vals = d.values ?? new Float64Array(0);
      const w = d.weights ?? new Float64Array(0);
      let s = 0;
      let t = 0;
      for (let i = 0; i < vals.length; i++) {
        s += (vals[i] as number) * (w[i] ?? 0);
        t += w[i] ?? 0;
      }
      return t > 0 ? s / t : Number.NaN;
    }
    default:
      return d.kind satisfies never;
  }
}
