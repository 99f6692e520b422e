/**
 * Simulated method of moments (McFadden 1989; Pakes & Pollard 1989; Gouriéroux & Monfort
 * 1996) with common random numbers, for parameters with a prior range.
 *
 *   1. Moments: for each target k, the mean over runs of a simulated statistic, m_k(θ),
 *      against an observed value o_k with its standard deviation s_k (the data's own
 *      uncertainty, given by the user). Targets marked `fit: false` are only checked.
 *   2. Objective: Q(θ) = Σ_k ((m_k(θ) − o_k) / s_k)², i.e. W = Σ_o⁻¹. The simulator uses the
 *      same seed and runs at every θ (common random numbers), so Q moves only with θ.
 *   3. Search: Nelder–Mead (src/income/nelderMead.ts) on u ∈ ℝᵖ with θ = low + (high − low)·
 *      logistic(u), started at the scenario's values, restarted once from its optimum.
 *   4. Uncertainty (delta method): G = ∂m/∂θ at θ̂ by central differences on common random
 *      numbers (one-sided at a bound), H = GᵀWG, and
 *          Var(θ̂) = H⁻¹ + H⁻¹ GᵀW Σ_sim W G H⁻¹,
 *      the data's uncertainty plus the simulation's (Σ_sim: the covariance of the simulated
 *      means, from the runs). Intervals are θ̂ ± z·se, clipped to the range; a parameter
 *      whose G column is zero is not identified by the targets (se = ∞).
 *   5. Fit per target: simulated mean, its Monte-Carlo se, the 90% interval over runs, and
 *      z = (m − o) / √(s² + se²); J = Q(θ̂) with K − p degrees of freedom (K fitted targets):
 *      large against χ²(K − p) when the model cannot match the targets together.
 *
 * The estimator is a function of a simulator (θ → per-run values of each target), so it is
 * tested on closed forms (tests/calibration/smm.test.ts) and on fundsim's own output
 * (parameter recovery, tests/pipeline/calibrate.test.ts).
 *
 * @example
 * const fit = await estimateSmm(simulate, [{ name: "income.growth", low: 0, high: 0.15, start: 0.08 }],
 *   [{ id: "poor2016", observed: 43.35, sd: 1, fit: true }]);
 * fit.parameters[0].value; fit.parameters[0].se;
 */
import { inv } from "mathjs";
import { nelderMeadAsync } from "../income/nelderMead.js";
import { invNormCdf } from "../random/normal.js";
import { meanSd, quantileSorted } from "../results/stats.js";

/** A parameter to fit: its name (a scenario path), its prior range and its starting value. */
export interface FreeParameter {
  readonly name: string;
  readonly low: number;
  readonly high: number;
  readonly start: number;
}

/** A target: the observed value and its standard deviation; `fit: false` only checks it (out of sample). */
export interface MomentTarget {
  readonly id: string;
  readonly observed: number;
  readonly sd: number;
  readonly fit: boolean;
}

/** The simulator: per target, one value per run (NaN where a run does not define it); null where θ is not a valid point. */
export type MomentSimulator = (theta: readonly number[]) => Promise<readonly Float64Array[] | null>;

export interface SmmOptions {
  /** Nelder–Mead evaluations per start (default 60 + 40·p). */
  readonly maxEvaluations?: number;
  /** Level of the parameters' intervals (default 0.9). */
  readonly level?: number;
  /** Relative step of the finite differences, as a share of each range (default 0.02). */
  readonly step?: number;
  /** After each evaluation: evaluations so far, the best objective so far. */
  readonly onEvaluation?: (evaluations: number, best: number) => void;
}

/** A simulated target at a point. */
export interface SimulatedTarget {
  readonly mean: number;
  /** Monte-Carlo standard error of the mean. */
  readonly se: number;
  /** 5% and 95% quantiles over runs. */
  readonly q05: number;
  readonly q95: number;
  /** Runs that define the value. */
  readonly runs: number;
}

export interface FittedParameter extends FreeParameter {
  readonly value: number;
  readonly se: number;
  readonly lo: number;
  readonly hi: number;
  /** Within 1% of the range from a bound: the targets push it against the prior range. */
  readonly atBound: boolean;
  /** The targets do not move the simulated moments with this parameter. */
  readonly identified: boolean;
}

export interface TargetFit extends MomentTarget, SimulatedTarget {
  /** (mean − observed) / √(sd² + se²). */
  readonly z: number;
}

export interface SmmResult {
  readonly parameters: readonly FittedParameter[];
  readonly targets: readonly TargetFit[];
  /** Q(θ̂) over the fitted targets, and its degrees of freedom (fitted targets − parameters). */
  readonly objective: number;
  readonly df: number;
  /** Q at the starting values. */
  readonly objectiveAtStart: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** Covariance of θ̂ (p × p; Infinity on the diagonal of an unidentified parameter). */
  readonly covariance: readonly (readonly number[])[];
  readonly level: number;
}

/** Why an estimation cannot run. */
export type SmmProblem =
  | { readonly code: "noFittedTargets" }
  | { readonly code: "noParameters" }
  | { readonly code: "startInvalid" }
  | { readonly code: "badRange"; readonly name: string };

/** Mean, Monte-Carlo se, 5% and 95% quantiles of the finite values (results/stats.ts: the project's quantile rule). */
export function summariseRuns(values: Float64Array): SimulatedTarget {
  const xs = Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, se: Number.NaN, q05: Number.NaN, q95: Number.NaN, runs: 0 };
  const { mean, sd } = meanSd(xs);
  return { mean, se: n > 1 ? sd / Math.sqrt(n) : 0, q05: quantileSorted(xs, 0.05), q95: quantileSorted(xs, 0.95), runs: n };
}

/** Covariance of the means of the targets (runs where both are finite). */
function meanCovariance(cols: readonly Float64Array[]): number[][] {
  const K = cols.length;
  const out = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let a = 0; a < K; a++) {
    for (let b = a; b < K; b++) {
      const x = cols[a] as Float64Array;
      const y = cols[b] as Float64Array;
      let n = 0;
      let sx = 0;
      let sy = 0;
      for (let r = 0; r < x.length; r++) {
        if (Number.isFinite(x[r] as number) && Number.isFinite(y[r] as number)) {
          n++;
          sx += x[r] as number;
          sy += y[r] as number;
        }
      }
      let c = 0;
      if (n > 1) {
        const mx = sx / n;
        const my = sy / n;
        for (let r = 0; r < x.length; r++) if (Number.isFinite(x[r] as number) && Number.isFinite(y[r] as number)) c += ((x[r] as number) - mx) * ((y[r] as number) - my);
        c /= (n - 1) * n;
      }
      (out[a] as number[])[b] = c;
      (out[b] as number[])[a] = c;
    }
  }
  return out;
}

const logistic = (u: number): number => 1 / (1 + Math.exp(-u));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Estimate the free parameters. Errors: nothing to fit, a bad range, or the start is not a valid point. */
export async function estimateSmm(
  simulate: MomentSimulator,
  parameters: readonly FreeParameter[],
  targets: readonly MomentTarget[],
  o: SmmOptions = {},
): Promise<{ ok: true; value: SmmResult } | { ok: false; error: SmmProblem }> {
  const p = parameters.length;
  if (p === 0) return { ok: false, error: { code: "noParameters" } };
  for (const q of parameters) if (!(Number.isFinite(q.low) && Number.isFinite(q.high) && q.low < q.high)) return { ok: false, error: { code: "badRange", name: q.name } };
  const fitted = targets.map((t, k) => (t.fit ? k : -1)).filter((k) => k >= 0);
  if (fitted.length === 0) return { ok: false, error: { code: "noFittedTargets" } };
  const level = o.level ?? 0.9;
  const step = o.step ?? 0.02;

  // θ ↔ u: the range's interior, the start moved 0.1% inside a bound.
  const toTheta = (u: readonly number[]): number[] => u.map((x, j) => parameters[j]!.low + (parameters[j]!.high - parameters[j]!.low) * logistic(x));
  const toU = (theta: readonly number[]): number[] =>
    theta.map((t, j) => {
      const { low, high } = parameters[j]!;
      return logit(Math.min(0.999, Math.max(0.001, (t - low) / (high - low))));
    });

  let evaluations = 0;
  let best = Infinity;
  const objectiveOf = (cols: readonly Float64Array[]): number => {
    let q = 0;
    for (const k of fitted) {
      const m = summariseRuns(cols[k] as Float64Array).mean;
      const t = targets[k]!;
      q += ((m - t.observed) / t.sd) ** 2;
    }
    return Number.isFinite(q) ? q : Infinity;
  };
  const at = async (theta: readonly number[]): Promise<readonly Float64Array[] | null> => {
    const cols = await simulate(theta);
    evaluations++;
    return cols;
  };
  const f = async (u: readonly number[]): Promise<number> => {
    const cols = await at(toTheta(u));
    const q = cols === null ? Infinity : objectiveOf(cols);
    best = Math.min(best, q);
    o.onEvaluation?.(evaluations, best);
    return q;
  };

  const start = parameters.map((q) => q.start);
  const startCols = await at(start);
  if (startCols === null) return { ok: false, error: { code: "startInvalid" } };
  const objectiveAtStart = objectiveOf(startCols);
  best = objectiveAtStart;
  const maxEvaluations = o.maxEvaluations ?? 60 + 40 * p;
  const first = await nelderMeadAsync(f, toU(start), { step: new Array<number>(p).fill(0.5), maxEvaluations, fTol: 1e-6, xTol: 1e-4 });
  // One restart from the optimum with a fresh simplex (Nelder–Mead can stall on a collapsed one).
  const second = await nelderMeadAsync(f, first.x, { step: new Array<number>(p).fill(0.25), maxEvaluations: Math.ceil(maxEvaluations / 2), fTol: 1e-6, xTol: 1e-4 });
  const bestU = second.f <= first.f ? second.x : first.x;
  const theta = toTheta(bestU);
  const cols = (await at(theta)) as readonly Float64Array[];
  const objective = objectiveOf(cols);

  // Jacobian of the fitted moments by central differences on common random numbers.
  const K = fitted.length;
  const means = (cs: readonly Float64Array[]): number[] => fitted.map((k) => summariseRuns(cs[k] as Float64Array).mean);
  const m0 = means(cols);
  const G = Array.from({ length: K }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    const { low, high } = parameters[j]!;
    const h = step * (high - low);
    const up = Math.min(high, (theta[j] as number) + h);
    const down = Math.max(low, (theta[j] as number) - h);
    const plus = theta.slice();
    plus[j] = up;
    const minus = theta.slice();
    minus[j] = down;
    const cu = up === theta[j] ? null : await at(plus);
    const cd = down === theta[j] ? null : await at(minus);
    const mu = cu ? means(cu) : m0;
    const md = cd ? means(cd) : m0;
    const width = (cu ? up : (theta[j] as number)) - (cd ? down : (theta[j] as number));
    for (let k = 0; k < K; k++) (G[k] as number[])[j] = width > 0 ? ((mu[k] as number) - (md[k] as number)) / width : 0;
  }
  const w = fitted.map((k) => 1 / targets[k]!.sd ** 2);
  const identified = parameters.map((_, j) => G.some((row) => Math.abs(row[j] as number) > 0));
  const idx = parameters.map((_, j) => j).filter((j) => identified[j]);
  const covariance = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => (a === b && !identified[a] ? Infinity : 0)));
  if (idx.length > 0) {
    // H = GᵀWG over the identified parameters; Var = H⁻¹ + H⁻¹ (GᵀW Σ_sim W G) H⁻¹.
    const simCov = meanCovariance(fitted.map((k) => cols[k] as Float64Array));
    const H = idx.map((a) => idx.map((b) => G.reduce((s, row, k) => s + (row[a] as number) * (w[k] as number) * (row[b] as number), 0)));
    const B = idx.map((a) =>
      idx.map((b) => {
        let s = 0;
        for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) s += (G[k]![a] as number) * (w[k] as number) * (simCov[k]![l] as number) * (w[l] as number) * (G[l]![b] as number);
        return s;
      }),
    );
    let Hi: number[][];
    try {
      Hi = inv(H) as number[][];
    } catch {
      Hi = idx.map((_, a) => idx.map((_, b) => (a === b ? Infinity : 0)));
    }
    const HiB = Hi.map((row) => idx.map((_, b) => row.reduce((s, x, c) => s + x * (B[c]![b] as number), 0)));
    const V = HiB.map((row, a) => idx.map((_, b) => (Hi[a]![b] as number) + row.reduce((s, x, c) => s + x * (Hi[c]![b] as number), 0)));
    idx.forEach((a, ia) => idx.forEach((b, ib) => ((covariance[a] as number[])[b] = V[ia]![ib] as number)));
  }
  const z = invNormCdf(0.5 + level / 2);
  const fittedParameters = parameters.map((q, j): FittedParameter => {
    const value = theta[j] as number;
    const se = Math.sqrt(Math.max(0, (covariance[j] as number[])[j] as number));
    const margin = 0.01 * (q.high - q.low);
    return {
      ...q,
      value,
      se,
      lo: Math.max(q.low, value - z * se),
      hi: Math.min(q.high, value + z * se),
      atBound: value - q.low < margin || q.high - value < margin,
      identified: identified[j] as boolean,
    };
  });
  const targetFits = targets.map((t, k): TargetFit => {
    const s = summariseRuns(cols[k] as Float64Array);
    return { ...t, ...s, z: (s.mean - t.observed) / Math.sqrt(t.sd ** 2 + s.se ** 2) };
  });
  return {
    ok: true,
    value: {
      parameters: fittedParameters,
      targets: targetFits,
      objective,
      df: K - p,
      objectiveAtStart,
      evaluations,
      converged: first.converged || second.converged,
      covariance,
      level,
    },
  };
}
