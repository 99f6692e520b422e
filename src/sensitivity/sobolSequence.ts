/**
 * Sobol low-discrepancy points in up to 1,024 dimensions, with Joe & Kuo (2008)
 * direction numbers, generated in Gray-code order (Antonov & Saleev 1979) on 32-bit
 * integers, optionally randomised by
 * - `"shift"`: a random digital shift (each coordinate's bits XOR-ed with a random word
 *   per dimension), or
 * - `"owen"`: a nested uniform (Owen-type) scramble, in the hash-based form of Burley
 *   (2020, "Practical hash-based Owen scrambling", JCGT 9(4)) with the Laine–Karras
 *   style hash improved by N. Vegdahl (2021): each bit is flipped by a pseudo-random
 *   function of the bits above it, seeded per dimension.
 *
 * Both randomisations keep the digital-net structure: among the first 2^m points each
 * coordinate has exactly one point in every interval [j/2^m, (j+1)/2^m), and each point,
 * over the random seeds, is uniform on [0, 1)^d. The unscrambled sequence starts at the
 * origin; `skip: 1` drops that point.
 *
 * Point i, coordinate j is `out[i * dims + j]`, in [0, 1) with 2^-32 resolution.
 *
 * @example
 * const r = sobolPoints(2, 4, { skip: 1 });
 * if (r.ok) Array.from(r.value); // [0.5, 0.5, 0.75, 0.25, 0.25, 0.75, 0.375, 0.375]
 * const s = sobolPoints(8, 1024, { scramble: "owen", random: uniform }); // uniform: a seeded () => number in [0, 1)
 */
import type { SensitivityResult } from "./issues.js";
import { err, ok } from "./issues.js";
import { JOE_KUO_ENTRIES, JOE_KUO_MAX_DIMENSION } from "./joeKuo.js";

/** Highest number of dimensions supported (the embedded Joe–Kuo table's). */
export const SOBOL_MAX_DIMENSION = JOE_KUO_MAX_DIMENSION;

/** Bits of each coordinate; also log2 of the longest sequence. */
const BITS = 32;
const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;

/** Closed list of randomisations. */
export const SCRAMBLES = ["none", "shift", "owen"] as const;
export type Scramble = (typeof SCRAMBLES)[number];

export interface SobolOptions {
  /** Randomisation (default `"none"`, or `"owen"` when `random` is given). */
  readonly scramble?: Scramble;
  /** Uniform source on [0, 1) that seeds the scramble; required unless `scramble` is `"none"`. */
  readonly random?: () => number;
  /** Index of the first point returned (default 0, the origin when unscrambled). */
  readonly skip?: number;
}

/** Direction integers, `BITS` per dimension, grown on demand and shared (they never change). */
let directions = new Uint32Array(0);
let directionDims = 0;

/** The direction integers v_1 … v_32 of dimensions 1 … dims (bit k of index ↔ v_{k+1}). */
export function sobolDirections(dims: number): Uint32Array {
  if (dims <= directionDims) return directions;
  const v = new Uint32Array(dims * BITS);
  v.set(directions);
  const entries = JOE_KUO_ENTRIES.split(";");
  for (let j = directionDims; j < dims; j++) {
    const base = j * BITS;
    if (j === 0) {
      for (let k = 0; k < BITS; k++) v[base + k] = 2 ** (BITS - 1 - k);
      continue;
    }
    const cells = (entries[j - 1] as string).split(" ").map(Number);
    const s = cells[0] as number;
    const a = cells[1] as number;
    for (let k = 0; k < s && k < BITS; k++) v[base + k] = (cells[2 + k] as number) * 2 ** (BITS - 1 - k);
    for (let k = s; k < BITS; k++) {
      // v_k = v_{k-s} ^ (v_{k-s} >> s) ^ XOR_{i=1}^{s-1} a_i v_{k-i}, a_1 the top bit of a
      const old = v[base + k - s] as number;
      let x = old ^ (old >>> s);
      for (let i = 1; i < s; i++) if ((a >>> (s - 1 - i)) & 1) x ^= v[base + k - i] as number;
      v[base + k] = x;
    }
  }
  directions = v;
  directionDims = dims;
  return v;
}

/** Reverse the 32 bits of x (result as uint32). */
function reverseBits(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) >>> 0;
}

/**
 * Owen-type scramble of a 32-bit coordinate: in bit-reversed order, every step flips a
 * bit only as a function of less significant bits (odd multipliers, additions, and XOR
 * with multiples by even constants), which is a nested scramble of the original bits.
 */
export function owenScramble(x: number, seed: number): number {
  let y = reverseBits(x);
  y ^= Math.imul(y, 0x3d20adea);
  y = (y + seed) | 0;
  y = Math.imul(y, (seed >>> 16) | 1);
  y ^= Math.imul(y, 0x05526c56);
  y ^= Math.imul(y, 0x53a22864);
  return reverseBits(y);
}

/** A uniform 32-bit word from a [0, 1) source. */
function randomWord(random: () => number): number {
  return Math.floor(random() * TWO_POW_32) >>> 0;
}

/**
 * `n` Sobol points in `dims` dimensions as a row-major Float64Array (n × dims).
 *
 * @throws never for bad sizes: they are returned as `dimensionOutOfRange` /
 *   `sampleSizeOutOfRange` issues.
 */
export function sobolPoints(dims: number, n: number, options: SobolOptions = {}): SensitivityResult<Float64Array> {
  if (!Number.isInteger(dims) || dims < 1 || dims > SOBOL_MAX_DIMENSION) {
    return err({ code: "dimensionOutOfRange", found: dims, min: 1, max: SOBOL_MAX_DIMENSION });
  }
  const skip = options.skip ?? 0;
  if (!Number.isInteger(skip) || skip < 0 || skip >= TWO_POW_32) {
    return err({ code: "sampleSizeOutOfRange", found: skip, min: 0, max: TWO_POW_32 - 1 });
  }
  if (!Number.isInteger(n) || n < 0 || skip + n > TWO_POW_32) {
    return err({ code: "sampleSizeOutOfRange", found: n, min: 0, max: TWO_POW_32 - skip });
  }
  const random = options.random;
  const scramble: Scramble = options.scramble ?? (random ? "owen" : "none");
  if (scramble !== "none" && !random) throw new TypeError(`sobolPoints: scramble "${scramble}" needs a random source`);

  const v = sobolDirections(dims);
  const state = new Uint32Array(dims);
  const key = new Uint32Array(dims);
  if (random && scramble !== "none") for (let j = 0; j < dims; j++) key[j] = randomWord(random);

  // State of point `skip`: XOR of the directions of the set bits of its Gray code.
  const gray = (skip ^ Math.floor(skip / 2)) >>> 0;
  for (let j = 0; j < dims; j++) {
    let x = 0;
    for (let b = 0; b < BITS; b++) if ((gray >>> b) & 1) x ^= v[j * BITS + b] as number;
    state[j] = x;
  }

  const out = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    const row = i * dims;
    switch (scramble) {
      case "none":
        for (let j = 0; j < dims; j++) out[row + j] = (state[j] as number) * INV_TWO_POW_32;
        break;
      case "shift":
        for (let j = 0; j < dims; j++) out[row + j] = (((state[j] as number) ^ (key[j] as number)) >>> 0) * INV_TWO_POW_32;
        break;
      case "owen":
        for (let j = 0; j < dims; j++) out[row + j] = owenScramble(state[j] as number, key[j] as number) * INV_TWO_POW_32;
        break;
      default:
        return scramble satisfies never;
    }
    // Gray-code step to point skip + i + 1: flip the direction of its lowest set bit.
    const next = skip + i + 1;
    if (next >= TWO_POW_32) break;
    const low = next & -next;
    const c = 31 - Math.clz32(low);
    for (let j = 0; j < dims; j++) state[j] = (state[j] as number) ^ (v[j * BITS + c] as number);
  }
  return ok(out);
}
