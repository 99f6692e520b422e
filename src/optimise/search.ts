/**
 * Searching over budget splits: shares of a yearly total, each within its own bounds and
 * summing to one. CMA-ES (cmaes.ts) searches n − 1 unconstrained log-ratios; softmax above
 * the lower bounds maps each point to a split with Σ = 1 (no flat region at a bound for the
 * search to be lost on), and an upper bound is met by Euclidean projection onto the bounded
 * simplex, its distance added as a tiny penalty (the "repair with penalty" handling of
 * box constraints, Hansen 2016, appendix).
 *
 * Everything here is a function of numbers: the caller (pipeline/optimise.ts) turns a split
 * into a scenario and simulates it.
 *
 * @example
 * projectBounded([0.9, 0.3], [0, 0], [1, 0.5]) // → [0.8, 0.2]: Σ = 1, each within bounds
 */
import { nextNormal } from "../random/normal.js";
import { cmaesAsync } from "./cmaes.js";
import { PURPOSE, seedStream, seedTailStream } from "../random/rng.js";

/** Standard normals from the addressed stream (seed, run 0, purpose `optimise`, index). */
export function gaussianStream(seed: number, index: number): () => number {
  const s = new Int32Array(4);
  const tail = new Int32Array(4);
  seedStream(s, seed, 0, PURPOSE.optimise, index);
  seedTailStream(tail, seed, 0, PURPOSE.optimise, index);
  return () => nextNormal(s, tail);
}

/**
 * The point of {w : lo ≤ w ≤ hi, Σw = 1} nearest to v (Euclidean): w_i = clip(v_i − τ, lo_i, hi_i)
 * with τ found by bisection (Σ clip is non-increasing in τ). Needs Σlo ≤ 1 ≤ Σhi.
 */
export function projectBounded(v: readonly number[], lo: readonly number[], hi: readonly number[]): number[] {
  const n = v.length;
  const total = (t: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.min(hi[i] as number, Math.max(lo[i] as number, (v[i] as number) - t));
    return s;
  };
  let a = Math.min(...v.map((x, i) => x - (hi[i] as number))) - 1;
  let b = Math.max(...v.map((x, i) => x - (lo[i] as number))) + 1;
  for (let k = 0; k < 200 && b - a > 1e-15 * (1 + Math.abs(a) + Math.abs(b)); k++) {
    const t = (a + b) / 2;
    if (total(t) > 1) a = t;
    else b = t;
  }
  const t = (a + b) / 2;
  const w = v.map((x, i) => Math.min(hi[i] as number, Math.max(lo[i] as number, x - t)));
  // Put the rounding residue where there is room, so Σw = 1 to the last bit that matters.
  const residue = 1 - w.reduce((s, x) => s + x, 0);
  for (let i = 0; i < n && residue !== 0; i++) {
    const room = residue > 0 ? (hi[i] as number) - (w[i] as number) : (w[i] as number) - (lo[i] as number);
    if (room >= Math.abs(residue)) {
      w[i] = (w[i] as number) + residue;
      break;
    }
  }
  return w;
}

export interface SplitSearchOptions {
  /** Lower and upper bound of each share. */
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  /** Starting split (the plan's). */
  readonly start: readonly number[];
  readonly seed: number;
  /** Evaluations in all (default 30 per share, at least 60). */
  readonly maxEvaluations?: number;
  /** Called after each evaluation with the count and the best value so far (maximised). */
  readonly onEvaluation?: (done: number, best: number) => void;
}

export interface SplitSearchResult {
  /** Every distinct split evaluated with its value, best first (maximised). */
  readonly evaluated: readonly { readonly shares: readonly number[]; readonly value: number }[];
  readonly evaluations: number;
  readonly stop: string;
}

/**
 * Maximise an (asynchronous) objective over bounded splits with CMA-ES from the start
 * split, σ₀ a quarter of the widest range. Every evaluation is remembered, so the caller can
 * re-test the best few on fresh runs (ranking and selection) rather than trust the search's
 * own maximum, which is biased upwards by the noise it selected on.
 */
export async function searchSplits(value: (shares: readonly number[]) => Promise<number>, o: SplitSearchOptions): Promise<SplitSearchResult> {
  const { lo, hi } = o;
  const n = lo.length;
  const key = (w: readonly number[]): string => w.map((x) => x.toFixed(12)).join(",");
  const seen = new Map<string, { shares: number[]; value: number }>();
  let best = -Infinity;
  let done = 0;
  const evaluate = async (w: number[]): Promise<number> => {
    const k = key(w);
    const hit = seen.get(k);
    if (hit) return hit.value;
    const v = await value(w);
    seen.set(k, { shares: w, value: v });
    done++;
    if (v > best) best = v;
    o.onEvaluation?.(done, best);
    return v;
  };
  const start = projectBounded(o.start, lo, hi);
  await evaluate(start);
  const maxEvaluations = o.maxEvaluations ?? Math.max(60, 30 * n);
  if (n < 2 || maxEvaluations <= 1) return { evaluated: [...seen.values()], evaluations: done, stop: "nothing to search" };
  // Search n − 1 log-ratios: x = lo + (1 − Σlo)·softmax(z, 0) meets Σ = 1 and the lower
  // bounds everywhere, with no flat region at a bound for the search to be lost on (a lower
  // bound is approached, not reached); an upper bound is met by projection.
  const free = 1 - lo.reduce((a, b) => a + b, 0);
  const floor = 1e-6;
  const rel = start.map((w, i) => Math.max(floor, (w - (lo[i] as number)) / Math.max(free, 1e-12)));
  const z0 = rel.slice(0, n - 1).map((q) => Math.log(q / (rel[n - 1] as number)));
  const r = await cmaesAsync(
    async (z) => {
      const x = softSplit(z, lo, free);
      const w = projectBounded(x, lo, hi);
      const dist = Math.hypot(...x.map((v, i) => v - (w[i] as number)));
      // Minimised: the negative objective plus a penalty that only separates points with the same split.
      return -(await evaluate(w)) + 1e-9 * dist;
    },
    z0,
    { sigma: 1, normal: gaussianStream(o.seed, 0), maxEvaluations: maxEvaluations - 1, xTol: 1e-3, fTol: 0 },
  );
  const evaluated = [...seen.values()].sort((a, b) => b.value - a.value);
  return { evaluated, evaluations: done, stop: r.stop };
}

/** lo + free·softmax(z, 0): a split with Σ = 1 and every share above its lower bound. */
export function softSplit(z: readonly number[], lo: readonly number[], free: number): number[] {
  const m = Math.max(0, ...z);
  const e = [...z.map((v) => Math.exp(v - m)), Math.exp(-m)];
  const t = e.reduce((a, b) => a + b, 0);
  return e.map((v, i) => (lo[i] as number) + (free * v) / t);
}
