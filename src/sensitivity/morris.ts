/**
 * Morris (1991) elementary effects, with μ* of Campolongo, Cariboni & Saltelli (2007).
 *
 * Pipeline: `morrisDesign` (r trajectories in the unit cube) → the caller evaluates every
 * row → `morrisIndices`; `morrisAnalysis` does all three for a function and bounds.
 *
 * Grid: p levels {0, 1/(p−1), …, 1} (p even), step Δ = p / (2(p − 1)) — half the levels
 * apart, so every level is equally likely to be visited. A trajectory has k + 1 rows: a
 * random base point on the grid with each coordinate at a level l where l and l + Δ are
 * both on the grid, each coordinate starting at l or l + Δ with probability ½, and then,
 * in a random order, each input moved once by ±Δ to the other value. Row t + 1 of a
 * trajectory differs from row t in input `changed[t]` only, by `step[t]` (±Δ).
 *
 * Elementary effect of input i on a trajectory: EE_i = (f(row t+1) − f(row t)) / step,
 * in output units per unit of the input's *normalised* range; so for f linear in an input
 * with coefficient c on [low, high], EE = c·(high − low) on every trajectory.
 * Per input over the r trajectories: μ = mean EE, μ* = mean |EE|, σ = sample SD of EE
 * (r − 1 denominator).
 *
 * @example
 * const r = morrisAnalysis((x) => 3 * x[0]! - x[1]!, [[0, 1], [0, 2]], 10, { random: uniform });
 * if (r.ok) r.value.muStar; // [3, 2]
 */
import type { SensitivityResult } from "./issues.js";
import { err, ok } from "./issues.js";
import { checkBounds } from "./saltelli.js";

/** Default number of grid levels. */
export const DEFAULT_LEVELS = 4;

export interface MorrisDesignOptions {
  /** Uniform source on [0, 1) for base points, directions and orders. */
  readonly random: () => number;
  /** Number of grid levels p, even, at least 2 (default 4, Δ = 2/3). */
  readonly levels?: number;
}

export interface MorrisDesign {
  readonly k: number;
  /** Number of trajectories r. */
  readonly r: number;
  readonly levels: number;
  /** Step Δ = p / (2(p − 1)) in the unit cube. */
  readonly delta: number;
  /** Rows per trajectory, k + 1. */
  readonly stride: number;
  /** Total rows, r · (k + 1). */
  readonly rows: number;
  /** Row-major rows × k grid points in [0, 1]^k. */
  readonly points: Float64Array;
  /** For trajectory m and move t (m·k + t): the input moved from row t to row t + 1. */
  readonly changed: Int32Array;
  /** For trajectory m and move t: the signed step, +Δ or −Δ. */
  readonly step: Float64Array;
}

export interface MorrisIndices {
  /** Mean elementary effect per input. */
  readonly mu: Float64Array;
  /** Mean absolute elementary effect per input (Campolongo et al. 2007). */
  readonly muStar: Float64Array;
  /** Standard deviation of the elementary effects per input (interactions, non-linearity). */
  readonly sigma: Float64Array;
  /** The r elementary effects of each input, row-major k × r. */
  readonly effects: Float64Array;
}

/** r Morris trajectories for k inputs on a p-level grid. */
export function morrisDesign(k: number, r: number, options: MorrisDesignOptions): SensitivityResult<MorrisDesign> {
  const levels = options.levels ?? DEFAULT_LEVELS;
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) return err({ code: "levelsInvalid", found: levels });
  if (!Number.isInteger(k) || k < 1 || k > 1 << 16) return err({ code: "dimensionOutOfRange", found: k, min: 1, max: 1 << 16 });
  if (!Number.isInteger(r) || r < 2 || r > 1 << 20) return err({ code: "sampleSizeOutOfRange", found: r, min: 2, max: 1 << 20 });
  const random = options.random;
  const delta = levels / (2 * (levels - 1));
  const stepLevels = levels / 2;
  const stride = k + 1;
  const rows = r * stride;
  const points = new Float64Array(rows * k);
  const changed = new Int32Array(r * k);
  const step = new Float64Array(r * k);
  const order = new Int32Array(k);
  const draw = (m: number): number => Math.min(m - 1, Math.floor(random() * m));

  for (let m = 0; m < r; m++) {
    const start = m * stride * k;
    // Base point: level l in [0, p/2), start at l or l + p/2.
    for (let i = 0; i < k; i++) {
      const level = draw(stepLevels) + (random() < 0.5 ? 0 : stepLevels);
      points[start + i] = level / (levels - 1);
    }
    // Random order of the inputs (Fisher–Yates).
    for (let i = 0; i < k; i++) order[i] = i;
    for (let i = k - 1; i > 0; i--) {
      const j = draw(i + 1);
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (let t = 0; t < k; t++) {
      const input = order[t] as number;
      const from = start + t * k;
      const to = from + k;
      points.copyWithin(to, from, from + k);
      // Move from level L to L ± p/2 (up from the lower half of the levels, down from the upper).
      const level = Math.round((points[from + input] as number) * (levels - 1));
      const up = level < stepLevels;
      const s = up ? delta : -delta;
      points[to + input] = (up ? level + stepLevels : level - stepLevels) / (levels - 1);
      changed[m * k + t] = input;
      step[m * k + t] = s;
    }
  }
  return ok({ k, r, levels, delta, stride, rows, points, changed, step });
}

/** μ, μ* and σ from the outputs of a Morris design (one per row, same order). */
export function morrisIndices(design: MorrisDesign, outputs: Float64Array): SensitivityResult<MorrisIndices> {
  const { k, r, stride } = design;
  if (outputs.length !== design.rows) return err({ code: "outputsLengthMismatch", expected: design.rows, found: outputs.length });
  for (let row = 0; row < outputs.length; row++) {
    const y = outputs[row] as number;
    if (!Number.isFinite(y)) return err({ code: "outputNotFinite", row, found: y });
  }
  const effects = new Float64Array(k * r);
  for (let m = 0; m < r; m++) {
    for (let t = 0; t < k; t++) {
      const input = design.changed[m * k + t] as number;
      const before = outputs[m * stride + t] as number;
      const after = outputs[m * stride + t + 1] as number;
      effects[input * r + m] = (after - before) / (design.step[m * k + t] as number);
    }
  }
  const mu = new Float64Array(k);
  const muStar = new Float64Array(k);
  const sigma = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = 0;
    let sumAbs = 0;
    for (let m = 0; m < r; m++) {
      const e = effects[i * r + m] as number;
      sum += e;
      sumAbs += Math.abs(e);
    }
    const mean = sum / r;
    let ss = 0;
    for (let m = 0; m < r; m++) ss += ((effects[i * r + m] as number) - mean) ** 2;
    mu[i] = mean;
    muStar[i] = sumAbs / r;
    sigma[i] = Math.sqrt(ss / (r - 1));
  }
  return ok({ mu, muStar, sigma, effects });
}

export interface MorrisAnalysis extends MorrisIndices {
  readonly design: MorrisDesign;
  /** Model evaluations made, r · (k + 1). */
  readonly evaluations: number;
}

/**
 * Elementary effects of `f` over the box `bounds` with r trajectories. The argument of
 * `f` is reused between calls (copy it to keep it).
 */
export function morrisAnalysis(
  f: (x: Float64Array) => number,
  bounds: readonly (readonly [number, number])[],
  r: number,
  options: MorrisDesignOptions,
): SensitivityResult<MorrisAnalysis> {
  const checked = checkBounds(bounds);
  if (!checked.ok) return checked;
  const k = bounds.length;
  const designed = morrisDesign(k, r, options);
  if (!designed.ok) return designed;
  const design = designed.value;
  const x = new Float64Array(k);
  const outputs = new Float64Array(design.rows);
  for (let row = 0; row < design.rows; row++) {
    for (let i = 0; i < k; i++) {
      const [low, high] = bounds[i] as readonly [number, number];
      x[i] = low + (design.points[row * k + i] as number) * (high - low);
    }
    outputs[row] = f(x);
  }
  const indices = morrisIndices(design, outputs);
  if (!indices.ok) return indices;
  return ok({ ...indices.value, design, evaluations: design.rows });
}
