/**
 * Variance-based (Sobol) sensitivity indices by the Saltelli design.
 *
 * Pipeline: `sobolDesign` (unit-cube points) → the caller evaluates the model on every
 * row → `sobolIndices` (estimates and bootstrap intervals); `sobolAnalysis` does all
 * three for a function and per-input bounds.
 *
 * Design: base matrices A and B (n rows × k inputs) are the two halves of a 2k-dimensional
 * (scrambled) Sobol or plain random sample; A_B^(i) is A with column i taken from B, and,
 * with `withBA`, B_A^(i) is B with column i from A. Rows come in blocks of `stride`, one
 * block per base row j:
 *   [A_j, B_j, A_B^(1)_j … A_B^(k)_j, (B_A^(1)_j … B_A^(k)_j)]
 * so the design has n·(k + 2) rows, or n·(2k + 2) with `withBA`.
 *
 * Estimators (V = variance of the 2n outputs f(A), f(B)):
 *   first order  S_i  = mean_j f(B)·(f(A_B^i) − f(A)) / V            (Saltelli et al. 2010)
 *   total        S_Ti = mean_j (f(A) − f(A_B^i))² / 2 / V             (Jansen 1999)
 * With `withBA` each is averaged with its mirror, with the roles of A and B swapped:
 *   mean f(A)·(f(B_A^i) − f(B)) / V and mean (f(B) − f(B_A^i))² / 2 / V.
 * Outputs are centred on the mean of f(A), f(B) first (the estimators are unchanged in
 * expectation; rounding and noise are smaller).
 *
 * Intervals: the n base rows are resampled with replacement (a seeded bootstrap, whole
 * blocks so the pairing is kept), every estimate — V included — is recomputed, and the
 * percentile interval (type-7 quantiles) and the bootstrap standard error are reported.
 *
 * @example
 * const ishigami = (x: Float64Array) => Math.sin(x[0]!) + 7 * Math.sin(x[1]!) ** 2 + 0.1 * x[2]! ** 4 * Math.sin(x[0]!);
 * const pi = Math.PI;
 * const r = sobolAnalysis(ishigami, [[-pi, pi], [-pi, pi], [-pi, pi]], 4096, { random: uniform });
 * if (r.ok) r.value.first; // ≈ [0.314, 0.442, 0.000]
 */
import { meanSd, quantileSorted } from "../results/stats.js";
import type { SensitivityIssue, SensitivityResult } from "./issues.js";
import { err, ok } from "./issues.js";
import type { Scramble } from "./sobolSequence.js";
import { SOBOL_MAX_DIMENSION, sobolPoints } from "./sobolSequence.js";

/** Closed list of base-sample generators. */
export const SAMPLERS = ["sobol", "random"] as const;
export type Sampler = (typeof SAMPLERS)[number];

/** Default number of bootstrap resamples. */
export const DEFAULT_RESAMPLES = 1000;
/** Default confidence level of the intervals. */
export const DEFAULT_CONFIDENCE = 0.95;

export interface SobolDesignOptions {
  /** Uniform source on [0, 1): scrambles the Sobol points or draws the random sample. */
  readonly random: () => number;
  /** `"sobol"` (default): scrambled Sobol points, n must be a power of two; `"random"`: i.i.d. uniform. */
  readonly sampler?: Sampler;
  /** Randomisation of Sobol points (default `"owen"`). */
  readonly scramble?: Scramble;
  /** Also build B_A^(i), doubling the information per base row (default false). */
  readonly withBA?: boolean;
}

export interface SobolDesign {
  /** Number of inputs. */
  readonly k: number;
  /** Number of base rows (rows of A and of B). */
  readonly n: number;
  /** Rows per base row: k + 2, or 2k + 2 with B_A^(i). */
  readonly stride: number;
  readonly withBA: boolean;
  /** Total rows, n · stride. */
  readonly rows: number;
  /** Row-major rows × k points in [0, 1)^k, in the block layout of the file comment. */
  readonly points: Float64Array;
}

/** A [low, high] interval. */
export type Interval = readonly [low: number, high: number];

export interface SobolIndices {
  /** First-order indices S_i. */
  readonly first: Float64Array;
  /** Total-effect indices S_Ti. */
  readonly total: Float64Array;
  /** Bootstrap percentile intervals of S_i and S_Ti at `confidence`. */
  readonly firstCi: readonly Interval[];
  readonly totalCi: readonly Interval[];
  /** Bootstrap standard errors of S_i and S_Ti. */
  readonly firstSe: Float64Array;
  readonly totalSe: Float64Array;
  /** Output variance V (from f(A) and f(B), n − 1 denominator over the 2n values). */
  readonly variance: number;
  readonly confidence: number;
  readonly resamples: number;
}

export interface SobolIndicesOptions {
  /** Uniform source on [0, 1) for the bootstrap. */
  readonly random: () => number;
  /** Bootstrap resamples (default 1,000; 0 gives no intervals: NaN bounds and SEs). */
  readonly resamples?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
}

const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0 && n <= 2 ** 30;

/**
 * The Saltelli design for k inputs and n base rows, in the unit cube.
 *
 * @example
 * const d = sobolDesign(3, 1024, { random: uniform });
 * if (d.ok) d.value.rows; // 5120 = 1024 · (3 + 2)
 */
export function sobolDesign(k: number, n: number, options: SobolDesignOptions): SensitivityResult<SobolDesign> {
  const sampler = options.sampler ?? "sobol";
  const maxK = sampler === "sobol" ? Math.floor(SOBOL_MAX_DIMENSION / 2) : 1 << 20;
  if (!Number.isInteger(k) || k < 1 || k > maxK) return err({ code: "dimensionOutOfRange", found: k, min: 1, max: maxK });
  if (!Number.isInteger(n) || n < 2 || n > 2 ** 30) return err({ code: "sampleSizeOutOfRange", found: n, min: 2, max: 2 ** 30 });
  if (sampler === "sobol" && !isPowerOfTwo(n)) return err({ code: "sampleSizeNotPowerOfTwo", found: n });

  let base: Float64Array;
  switch (sampler) {
    case "sobol": {
      const r = sobolPoints(2 * k, n, { scramble: options.scramble ?? "owen", random: options.random });
      if (!r.ok) return r;
      base = r.value;
      break;
    }
    case "random":
      base = new Float64Array(n * 2 * k);
      for (let i = 0; i < base.length; i++) base[i] = options.random();
      break;
    default:
      return sampler satisfies never;
  }

  const withBA = options.withBA ?? false;
  const stride = withBA ? 2 * k + 2 : k + 2;
  const rows = n * stride;
  const points = new Float64Array(rows * k);
  for (let j = 0; j < n; j++) {
    const a = base.subarray(j * 2 * k, j * 2 * k + k);
    const b = base.subarray(j * 2 * k + k, (j + 1) * 2 * k);
    const block = j * stride * k;
    points.set(a, block);
    points.set(b, block + k);
    for (let i = 0; i < k; i++) {
      const ab = block + (2 + i) * k;
      points.set(a, ab);
      points[ab + i] = b[i] as number;
      if (withBA) {
        const ba = block + (2 + k + i) * k;
        points.set(b, ba);
        points[ba + i] = a[i] as number;
      }
    }
  }
  return ok({ k, n, stride, withBA, rows, points });
}

/**
 * First-order and total indices with bootstrap intervals from the outputs of a design
 * (one output per design row, same order).
 */
export function sobolIndices(design: SobolDesign, outputs: Float64Array, options: SobolIndicesOptions): SensitivityResult<SobolIndices> {
  const { k, n, stride, withBA } = design;
  if (outputs.length !== design.rows) return err({ code: "outputsLengthMismatch", expected: design.rows, found: outputs.length });
  for (let r = 0; r < outputs.length; r++) {
    const y = outputs[r] as number;
    if (!Number.isFinite(y)) return err({ code: "outputNotFinite", row: r, found: y });
  }
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  if (!(confidence > 0 && confidence < 1) || !Number.isInteger(resamples) || resamples < 0 || (resamples > 0 && resamples < 10)) {
    return err({ code: "bootstrapInvalid", confidence, resamples, min: 10 });
  }

  // Centre on the mean of f(A) and f(B).
  let centre = 0;
  for (let j = 0; j < n; j++) centre += (outputs[j * stride] as number) + (outputs[j * stride + 1] as number);
  centre /= 2 * n;
  const y = new Float64Array(outputs.length);
  for (let r = 0; r < y.length; r++) y[r] = (outputs[r] as number) - centre;

  const identity = new Int32Array(n);
  for (let j = 0; j < n; j++) identity[j] = j;
  const first = new Float64Array(k);
  const total = new Float64Array(k);
  const scratch = new Float64Array(4 * k);
  const variance = estimate(y, k, stride, withBA, identity, scratch, first, total);
  if (!(variance > 0)) return err({ code: "zeroVariance" } satisfies SensitivityIssue);

  const firstSe = new Float64Array(k).fill(Number.NaN);
  const totalSe = new Float64Array(k).fill(Number.NaN);
  const firstCi: Interval[] = Array.from({ length: k }, () => [Number.NaN, Number.NaN] as const);
  const totalCi: Interval[] = Array.from({ length: k }, () => [Number.NaN, Number.NaN] as const);
  if (resamples > 0) {
    const bootFirst = new Float64Array(resamples * k);
    const bootTotal = new Float64Array(resamples * k);
    const idx = new Int32Array(n);
    for (let b = 0; b < resamples; b++) {
      for (let j = 0; j < n; j++) idx[j] = Math.min(n - 1, Math.floor(options.random() * n));
      estimate(y, k, stride, withBA, idx, scratch, bootFirst.subarray(b * k, (b + 1) * k), bootTotal.subarray(b * k, (b + 1) * k));
    }
    const tail = (1 - confidence) / 2;
    const column = new Float64Array(resamples);
    for (const [boot, ci, se] of [
      [bootFirst, firstCi, firstSe],
      [bootTotal, totalCi, totalSe],
    ] as const) {
      for (let i = 0; i < k; i++) {
        for (let b = 0; b < resamples; b++) column[b] = boot[b * k + i] as number;
        se[i] = meanSd(column).sd;
        column.sort();
        ci[i] = [quantileSorted(column, tail), quantileSorted(column, 1 - tail)];
      }
    }
  }
  return ok({ first, total, firstCi, totalCi, firstSe, totalSe, variance, confidence, resamples });
}

/**
 * The estimators over the base rows listed in `rows` (the identity, or a bootstrap
 * resample); writes S_i and S_Ti and returns V. `scratch` holds 4k sums.
 */
function estimate(
  y: Float64Array,
  k: number,
  stride: number,
  withBA: boolean,
  rows: Int32Array,
  scratch: Float64Array,
  first: Float64Array,
  total: Float64Array,
): number {
  const n = rows.length;
  scratch.fill(0);
  let sum = 0;
  let sumSq = 0;
  for (let t = 0; t < n; t++) {
    const block = (rows[t] as number) * stride;
    const fA = y[block] as number;
    const fB = y[block + 1] as number;
    sum += fA + fB;
    sumSq += fA * fA + fB * fB;
    for (let i = 0; i < k; i++) {
      const fAB = y[block + 2 + i] as number;
      scratch[i] = (scratch[i] as number) + fB * (fAB - fA);
      scratch[k + i] = (scratch[k + i] as number) + (fA - fAB) * (fA - fAB);
      if (withBA) {
        const fBA = y[block + 2 + k + i] as number;
        scratch[2 * k + i] = (scratch[2 * k + i] as number) + fA * (fBA - fB);
        scratch[3 * k + i] = (scratch[3 * k + i] as number) + (fB - fBA) * (fB - fBA);
      }
    }
  }
  const variance = (sumSq - (sum * sum) / (2 * n)) / (2 * n - 1);
  for (let i = 0; i < k; i++) {
    let s = (scratch[i] as number) / n;
    let st = (scratch[k + i] as number) / (2 * n);
    if (withBA) {
      s = (s + (scratch[2 * k + i] as number) / n) / 2;
      st = (st + (scratch[3 * k + i] as number) / (2 * n)) / 2;
    }
    first[i] = s / variance;
    total[i] = st / variance;
  }
  return variance;
}

export interface SobolAnalysisOptions extends SobolDesignOptions, Omit<SobolIndicesOptions, "random"> {}

export interface SobolAnalysis extends SobolIndices {
  readonly design: SobolDesign;
  /** Model evaluations made, n · stride. */
  readonly evaluations: number;
}

/** Check per-input [low, high] bounds. */
export function checkBounds(bounds: readonly (readonly [number, number])[]): SensitivityResult<void> {
  for (let i = 0; i < bounds.length; i++) {
    const [low, high] = bounds[i] as readonly [number, number];
    if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) return err({ code: "boundsInvalid", input: i, low, high });
  }
  return ok(undefined);
}

/**
 * Sobol indices of `f` over the box `bounds` (inputs independent and uniform on their
 * ranges): design, evaluation of every row (the argument is reused between calls — copy
 * it to keep it), estimates and intervals. Randomness comes from `options.random` only.
 */
export function sobolAnalysis(
  f: (x: Float64Array) => number,
  bounds: readonly (readonly [number, number])[],
  n: number,
  options: SobolAnalysisOptions,
): SensitivityResult<SobolAnalysis> {
  const checked = checkBounds(bounds);
  if (!checked.ok) return checked;
  const k = bounds.length;
  const designed = sobolDesign(k, n, options);
  if (!designed.ok) return designed;
  const design = designed.value;
  const low = Float64Array.from(bounds, (b) => b[0]);
  const width = Float64Array.from(bounds, (b) => b[1] - b[0]);
  const x = new Float64Array(k);
  const outputs = new Float64Array(design.rows);
  const points = design.points;
  for (let r = 0; r < design.rows; r++) {
    for (let i = 0; i < k; i++) x[i] = (low[i] as number) + (points[r * k + i] as number) * (width[i] as number);
    outputs[r] = f(x);
  }
  const indices = sobolIndices(design, outputs, {
    random: options.random,
    ...(options.resamples !== undefined && { resamples: options.resamples }),
    ...(options.confidence !== undefined && { confidence: options.confidence }),
  });
  if (!indices.ok) return indices;
  return ok({ ...indices.value, design, evaluations: design.rows });
}
