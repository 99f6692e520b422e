/**
 * Standard normal variates and the normal CDF / inverse CDF.
 *
 * - Ziggurat (Marsaglia & Tsang 2000, 128 layers) on 32-bit integers: one int32 draw `u`
 *   from the main stream gives the layer (`u & 127`) and a signed 25-bit abscissa
 *   (`u >> 7`), so layer and value use disjoint bits. About 98.8% of draws finish in the
 *   fast path: `hz = u >> 7; iz = u & 127; if ((hz ^ (hz >> 31)) < ZK[iz]) x = (hz + 0.5) * ZW[iz]`.
 *   The rare slow path (`zigguratSlow`) draws only from its own tail stream, so every
 *   normal consumes exactly one word of the main stream — kernels can count draws.
 * - `addressedNormal(key, i)`: the same ziggurat on a stateless addressed word, for draws
 *   that belong to a household rather than to a position in a stream (programme effects).
 * - `normCdf` Φ (Hart 1968 / West 2005, double precision) and `invNormCdf` Φ⁻¹
 *   (Acklam's rational approximation refined by one Halley step, ~1e-15 relative).
 *
 * @example
 * const s = new Int32Array(4), tail = new Int32Array(4);
 * seedStream(s, 1, 0, PURPOSE.idioShock, 0); seedTailStream(tail, 1, 0, PURPOSE.idioShock, 0);
 * const z = nextNormal(s, tail);
 * invNormCdf(0.975); // 1.959963984540054
 */
import { addressedU32, nextInt32 } from "./rng.js";

const LAYERS = 128;
const R = 3.442619855899; // start of the tail
const V = 9.91256303526217e-3; // area of each layer
const SCALE = 16777216; // 2^24: |hz| < 2^24

/** Fast-path acceptance bounds (compare with |hz| as hz ^ (hz >> 31)). */
export const ZK = new Int32Array(LAYERS);
/** Layer widths scaled so that x = (hz + 0.5) * ZW[iz]. */
export const ZW = new Float64Array(LAYERS);
/** exp(-x²/2) at layer edges. */
export const ZF = new Float64Array(LAYERS);
/**
 * Squeeze of the wedge test, per layer i ≥ 1 (the wedge spans t = x²/2 from ZT[i − 1] to
 * ZT[i], where ZF[i − 1] and ZF[i] are e^(−t)). e^(−t) is convex in t, so the tangent at the wedge's middle t_m is below it
 * everywhere — e^(−t) ≥ ZE[i]·(1 − (t − t_m)), ZE[i] = e^(−t_m) — and the chord between
 * the wedge's ends is above it inside the wedge. Only a draw between the two pays for Math.exp.
 */
const ZT = new Float64Array(LAYERS);
const ZE = new Float64Array(LAYERS);
const ZM = new Float64Array(LAYERS);
/** Margin that keeps each squeeze decision the one Math.exp would give (rounding of the bounds, ≈1e-16, and of Math.exp, 1 ulp). */
const SQUEEZE_MARGIN = 1e-12;

(function buildTables(): void {
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  ZK[0] = Math.floor((dn / q) * SCALE);
  ZK[1] = 0;
  ZW[0] = q / SCALE;
  ZW[LAYERS - 1] = dn / SCALE;
  ZF[0] = 1;
  ZF[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    ZK[i + 1] = Math.floor((dn / tn) * SCALE);
    tn = dn;
    ZF[i] = Math.exp(-0.5 * dn * dn);
    ZW[i] = dn / SCALE;
  }
  // Layer i ≥ 1 has its right edge at x_i = ZW[i]·2^24; the top layer's wedge starts at x = 0 (ZT[0] = 0).
  for (let i = 1; i < LAYERS; i++) ZT[i] = 0.5 * ((ZW[i] as number) * SCALE) * ((ZW[i] as number) * SCALE);
  for (let i = 1; i < LAYERS; i++) {
    ZM[i] = 0.5 * ((ZT[i - 1] as number) + (ZT[i] as number));
    ZE[i] = Math.exp(-(ZM[i] as number));
  }
})();

/**
 * Ziggurat slow path for a main-stream word that missed the fast path.
 * Draws only from `tail` (a xoshiro128** state), never from the main stream.
 * Made by a closure that holds the tables, so optimised code embeds them (module constants
 * are reloaded from their cells and checked on every call), with the tail stream's step
 * written out (the same words as nextInt32).
 */
export const zigguratSlow: (u: number, tail: Int32Array) => number = (() => {
  const zw = ZW, zk = ZK, zf = ZF, zt = ZT, ze = ZE, zm = ZM;
  const r = R;
  const margin = SQUEEZE_MARGIN;
  /** The next word of xoshiro128** state s (nextInt32, inline). */
  const next = (s: Int32Array): number => {
    const s0 = s[0] as number, s1 = s[1] as number, s2 = s[2] as number, s3 = s[3] as number;
    let w = Math.imul(s1, 5);
    w = Math.imul((w << 7) | (w >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = (n3 << 11) | (n3 >>> 21);
    return w;
  };
  const uniform = (w: number): number => ((w >>> 0) + 0.5) * 2.3283064365386963e-10;
  return (u: number, tail: Int32Array): number => {
    let hz = u >> 7;
    let iz = u & 127;
    for (;;) {
      const x = (hz + 0.5) * (zw[iz] as number);
      if (iz === 0) {
        // Marsaglia's tail method beyond R.
        let t: number;
        let y: number;
        do {
          t = -Math.log(uniform(next(tail))) / r;
          y = -Math.log(uniform(next(tail)));
        } while (y + y < t * t);
        return hz >= 0 ? r + t : -r - t;
      }
      const f0 = zf[iz] as number;
      const f1 = zf[iz - 1] as number;
      const v = f0 + uniform(next(tail)) * (f1 - f0);
      // v < e^(−t)? Decided by the squeeze where it can be (the same answer as Math.exp, by the margin).
      const t = 0.5 * x * x;
      const ta = zt[iz - 1] as number;
      const tb = zt[iz] as number;
      if (v < (ze[iz] as number) * (1 - (t - (zm[iz] as number))) - margin) return x;
      const inWedge = t >= ta && t <= tb;
      if (!(inWedge && v > f1 + (f0 - f1) * ((t - ta) / (tb - ta)) + margin) && v < Math.exp(-t)) return x;
      const w = next(tail);
      hz = w >> 7;
      iz = w & 127;
      if ((hz ^ (hz >> 31)) < (zk[iz] as number)) return (hz + 0.5) * (zw[iz] as number);
    }
  };
})();

/** Standard normal from a main stream `s` (one word) and its tail stream. Not for hot loops. */
export function nextNormal(s: Int32Array, tail: Int32Array): number {
  const u = nextInt32(s);
  const hz = u >> 7;
  const iz = u & 127;
  if ((hz ^ (hz >> 31)) < (ZK[iz] as number)) return (hz + 0.5) * (ZW[iz] as number);
  return zigguratSlow(u, tail);
}

/**
 * Fill `out` with scale × standard normals from stream `s` (one word each) and its tail
 * stream: the same numbers, in order, as `scale * nextNormal(s, tail)` n times, with the
 * xoshiro128** step and the ziggurat fast path inline (for per-run draws over households).
 */
export function fillNormals(out: Float64Array, scale: number, s: Int32Array, tail: Int32Array): void {
  const n = out.length;
  const zk = ZK;
  const zw = ZW;
  let a0 = s[0] as number, a1 = s[1] as number, a2 = s[2] as number, a3 = s[3] as number;
  let i = 0;
  while (i < n) {
    let r = 0;
    for (; i < n; i++) {
      r = Math.imul(a1, 5);
      r = Math.imul((r << 7) | (r >>> 25), 9);
      const t = a1 << 9;
      a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
      const hz = r >> 7;
      const iz = r & 127;
      if ((hz ^ (hz >> 31)) >= (zk[iz] as number)) break;
      out[i] = scale * ((hz + 0.5) * (zw[iz] as number));
    }
    if (i >= n) break;
    out[i] = scale * zigguratSlow(r, tail);
    i++;
  }
  s[0] = a0; s[1] = a1; s[2] = a2; s[3] = a3;
}

/** Tail-stream scratch of `addressedNormal` (seeded afresh for each slow-path draw). */
const ADDR_TAIL = new Int32Array(4);

/**
 * Stateless standard normal for (key, i): the ziggurat on the addressed word
 * (key, 2i); the rare slow path (about 1.2%) draws from a tail stream seeded by hashing
 * (key, 2i + 1). Exact, and about 1.5× cheaper than Φ⁻¹ of an addressed uniform.
 *
 * @example
 * const z = addressedNormal(streamKey(seed, run, PURPOSE.programmeEffect, src), household);
 */
export function addressedNormal(key: number, i: number): number {
  const u = addressedU32(key, 2 * i);
  const hz = u >> 7;
  const iz = u & 127;
  if ((hz ^ (hz >> 31)) < (ZK[iz] as number)) return (hz + 0.5) * (ZW[iz] as number);
  return addressedNormalSlow(u, key, i);
}

function addressedNormalSlow(u: number, key: number, i: number): number {
  const c = 2 * i + 1;
  ADDR_TAIL[0] = addressedU32(key, c);
  ADDR_TAIL[1] = addressedU32(key ^ 0x3c6ef372, c);
  ADDR_TAIL[2] = addressedU32(key ^ 0x5be0cd19, c);
  ADDR_TAIL[3] = addressedU32(key ^ 0x1f83d9ab, c) | 1; // never the all-zero state
  return zigguratSlow(u, ADDR_TAIL);
}

/**
 * Standard normal CDF Φ(x), double precision (Hart's algorithm 5666 as given by West 2005;
 * beyond 5σ the continued fraction, so the tails are precise relative to their size).
 *
 * @example normCdf(1.959963984540054) // 0.975
 */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const a = Math.abs(x);
  let c: number;
  if (a > 37) c = 0;
  else if (a >= 5) {
    // The Mills-ratio continued fraction: 40 terms reach double precision (relative) here,
    // where Hart's rational form keeps only its absolute accuracy.
    let f = a;
    for (let n = 40; n >= 1; n--) f = a + n / f;
    c = Math.exp(-0.5 * a * a) / (2.5066282746310002 * f);
  } else {
    const e = Math.exp(-0.5 * a * a);
    if (a < 7.07106781186547) {
      let n = 3.52624965998911e-2 * a + 0.700383064443688;
      n = n * a + 6.37396220353165;
      n = n * a + 33.912866078383;
      n = n * a + 112.079291497871;
      n = n * a + 221.213596169931;
      n = n * a + 220.206867912376;
      let d = 8.83883476483184e-2 * a + 1.75566716318264;
      d = d * a + 16.064177579207;
      d = d * a + 86.7807322029461;
      d = d * a + 296.564248779674;
      d = d * a + 637.333633378831;
      d = d * a + 793.826512519948;
      d = d * a + 440.413735824752;
      c = (e * n) / d;
    } else {
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
const P_LOW = 0.02425;

/**
 * Inverse standard normal CDF Φ⁻¹(p) for p in (0, 1); −Infinity at 0, +Infinity at 1, NaN outside.
 *
 * @example invNormCdf(0.05) // -1.6448536269514729
 */
export function invNormCdf(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  // One Halley step on Φ(x) − p (use the smaller tail for accuracy).
  const e = p < 0.5 ? normCdf(x) - p : 1 - p - normCdf(-x);
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}
