/**
 * One-at-a-time (tornado) sensitivity: each input set to its low and then its high value,
 * all others at the baseline; bars sorted by swing, each with its Monte-Carlo standard
 * error.
 *
 * The evaluator returns, for each point, either
 * - per-run outputs (`Float64Array`, one value per Monte-Carlo run, runs in the same
 *   order for every point): under common random numbers the effect of an input is the
 *   mean of the paired differences d_r = y_r(point) − y_r(base), with standard error
 *   sd(d) / √runs (n − 1 denominator) — usually far smaller than for independent runs;
 * - or a summary `{ mean, se }` of independent runs: the difference of means, with
 *   standard error √(se_point² + se_base²).
 * All points of one diagram must use the same form (and, for runs, the same count).
 *
 * Swing = high effect − low effect, its standard error likewise paired (runs) or
 * combined in quadrature (summaries); bars are sorted by |swing|, largest first.
 * Evaluations: 2k + 1.
 *
 * @example
 * const r = tornado([1, 1], [{ low: 0, high: 2 }, { low: 0.5, high: 1.5 }], (x) => ({ mean: 3 * x[0]! + x[1]!, se: 0 }));
 * if (r.ok) r.value.bars.map((b) => b.swing); // [6, 1]
 */
import { meanSd } from "../results/stats.js";
import type { SensitivityResult, TornadoSide } from "./issues.js";
import { err, ok } from "./issues.js";

/** What the evaluator returns for one point. */
export type TornadoEvaluation = Float64Array | { readonly mean: number; readonly se: number };

/** Which point is being evaluated: the baseline, or input `input` at its low or high value. */
export interface TornadoPoint {
  readonly side: TornadoSide;
  /** Index of the input moved; -1 for the baseline. */
  readonly input: number;
}

export interface TornadoRange {
  readonly low: number;
  readonly high: number;
}

export interface TornadoBar {
  readonly input: number;
  /** The input's low and high values. */
  readonly low: number;
  readonly high: number;
  /** Mean effect of the low / high value relative to the baseline, and its standard error. */
  readonly lowEffect: number;
  readonly lowSe: number;
  readonly highEffect: number;
  readonly highSe: number;
  /** highEffect − lowEffect and its standard error. */
  readonly swing: number;
  readonly swingSe: number;
}

export interface Tornado {
  /** Baseline mean and its standard error. */
  readonly base: { readonly mean: number; readonly se: number };
  /** Bars sorted by |swing|, largest first (ties keep input order). */
  readonly bars: readonly TornadoBar[];
  /** True when effects are paired differences of per-run outputs. */
  readonly paired: boolean;
  /** Runs per point (paired), or NaN (summaries). */
  readonly runs: number;
  readonly evaluations: number;
}

/** Mean and standard error of a − b, elementwise (paired). */
function pairedDifference(a: Float64Array, b: Float64Array, scratch: Float64Array): { mean: number; se: number } {
  for (let r = 0; r < a.length; r++) scratch[r] = (a[r] as number) - (b[r] as number);
  const { mean, sd } = meanSd(scratch);
  return { mean, se: sd / Math.sqrt(a.length) };
}

/**
 * Tornado bars for `evaluate` around `baseline`, moving each input to `ranges[i].low`
 * and `.high`. `evaluate` receives a fresh vector each call.
 */
export function tornado(
  baseline: ArrayLike<number>,
  ranges: readonly TornadoRange[],
  evaluate: (x: Float64Array, point: TornadoPoint) => TornadoEvaluation,
): SensitivityResult<Tornado> {
  const k = baseline.length;
  if (ranges.length !== k) return err({ code: "inputsLengthMismatch", expected: k, found: ranges.length });
  for (let i = 0; i < k; i++) {
    const { low, high } = ranges[i] as TornadoRange;
    if (!(Number.isFinite(low) && Number.isFinite(high))) return err({ code: "boundsInvalid", input: i, low, high });
  }

  const baseEval = evaluate(Float64Array.from(baseline), { side: "base", input: -1 });
  const paired = baseEval instanceof Float64Array;
  const runs = paired ? baseEval.length : Number.NaN;
  if (paired && runs < 2) return err({ code: "tooFewRuns", found: runs, min: 2 });
  const base = paired ? { mean: meanSd(baseEval).mean, se: meanSd(baseEval).sd / Math.sqrt(runs) } : baseEval;
  const scratch = new Float64Array(paired ? runs : 0);

  const bars: TornadoBar[] = [];
  for (let i = 0; i < k; i++) {
    const { low, high } = ranges[i] as TornadoRange;
    const at = (side: "low" | "high", value: number): SensitivityResult<TornadoEvaluation> => {
      const x = Float64Array.from(baseline);
      x[i] = value;
      const e = evaluate(x, { side, input: i });
      if (e instanceof Float64Array !== paired) return err({ code: "mixedEvaluations", input: i, side });
      if (e instanceof Float64Array && e.length !== runs) return err({ code: "runsMismatch", input: i, side, expected: runs, found: e.length });
      return ok(e);
    };
    const lowEval = at("low", low);
    if (!lowEval.ok) return lowEval;
    const highEval = at("high", high);
    if (!highEval.ok) return highEval;
    const lo = lowEval.value;
    const hi = highEval.value;
    if (lo instanceof Float64Array && hi instanceof Float64Array && baseEval instanceof Float64Array) {
      const l = pairedDifference(lo, baseEval, scratch);
      const h = pairedDifference(hi, baseEval, scratch);
      const s = pairedDifference(hi, lo, scratch);
      bars.push({ input: i, low, high, lowEffect: l.mean, lowSe: l.se, highEffect: h.mean, highSe: h.se, swing: s.mean, swingSe: s.se });
    } else if (!(lo instanceof Float64Array) && !(hi instanceof Float64Array) && !(baseEval instanceof Float64Array)) {
      bars.push({
        input: i,
        low,
        high,
        lowEffect: lo.mean - baseEval.mean,
        lowSe: Math.hypot(lo.se, baseEval.se),
        highEffect: hi.mean - baseEval.mean,
        highSe: Math.hypot(hi.se, baseEval.se),
        swing: hi.mean - lo.mean,
        swingSe: Math.hypot(hi.se, lo.se),
      });
    } else {
      throw new Error("tornado: evaluation forms were checked to agree");
    }
  }
  bars.sort((a, b) => Math.abs(b.swing) - Math.abs(a.swing) || a.input - b.input);
  return ok({ base, bars, paired, runs, evaluations: 2 * k + 1 });
}
