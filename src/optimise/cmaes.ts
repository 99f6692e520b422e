/**
 * CMA-ES, the covariance matrix adaptation evolution strategy ((μ/μ_w, λ) with cumulative
 * step-size adaptation, rank-one and rank-μ updates), with the default strategy parameters
 * of Hansen, "The CMA Evolution Strategy: A Tutorial" (arXiv:1604.00772, 2016, Table 1).
 * A derivative-free search that ranks candidates rather than reading their values, so it
 * suits objectives that are flat in places or measured by simulation. No maintained npm
 * package provides one; the symmetric eigendecomposition is mathjs's `eigs`.
 *
 * Written once as a generator that yields the points it needs evaluated, like
 * income/nelderMead.ts: `cmaes` drives it with a function, `cmaesAsync` with an asynchronous
 * one (a simulation), so both take exactly the same steps. Randomness comes from the
 * caller's standard-normal source, so a run is reproducible from its seed.
 *
 * Stops after `maxEvaluations`, when σ·(largest axis) falls below `xTol`, or when the best
 * values of the last 10 + ⌈30n/λ⌉ generations span less than `fTol` (TolFun/TolHistFun).
 *
 * @example
 * const normal = gaussianFrom(seedStream…);
 * cmaes((x) => x.reduce((a, v) => a + v * v, 0), [1, 1, 1], { sigma: 0.5, normal }).x; // ≈ [0, 0, 0]
 */
import { eigs, matrix, type Matrix } from "mathjs";

export interface CmaesOptions {
  /** Initial step size σ₀ (in the units of x; about a quarter to a third of the search range). */
  readonly sigma: number;
  /** Standard-normal draws (seeded by the caller). */
  readonly normal: () => number;
  /** Population size λ (default 4 + ⌊3 ln n⌋). */
  readonly lambda?: number;
  readonly maxEvaluations?: number;
  readonly fTol?: number;
  readonly xTol?: number;
}

export interface CmaesResult {
  /** The best point evaluated, and its value. */
  readonly x: readonly number[];
  readonly f: number;
  /** The distribution mean at the end (often better than any point evaluated on noisy problems). */
  readonly mean: readonly number[];
  readonly evaluations: number;
  readonly generations: number;
  /** Why it stopped. */
  readonly stop: "maxEvaluations" | "xTol" | "fTol";
}

/** The default strategy parameters for dimension n and population λ (Hansen 2016, Table 1). */
export function cmaesParameters(n: number, lambda = 4 + Math.floor(3 * Math.log(n))) {
  const mu = Math.floor(lambda / 2);
  const raw = Array.from({ length: mu }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  const sum = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / sum);
  const muEff = 1 / weights.reduce((a, w) => a + w * w, 0);
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const cs = (muEff + 2) / (n + muEff + 5);
  const c1 = 2 / ((n + 1.3) ** 2 + muEff);
  const cmu = Math.min(1 - c1, (2 * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + muEff));
  const damps = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cs;
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return { lambda, mu, weights, muEff, cc, cs, c1, cmu, damps, chiN };
}

/** Minimise f from x0. A non-finite value ranks last. */
export function cmaes(f: (x: readonly number[]) => number, x0: readonly number[], options: CmaesOptions): CmaesResult {
  const g = cmaesSteps(x0, options);
  let r = g.next([]);
  while (!r.done) r = g.next(r.value.map(f));
  return r.value;
}

/** Minimise an asynchronous f from x0 (the same steps as cmaes); a generation's points are evaluated one after another. */
export async function cmaesAsync(f: (x: readonly number[]) => Promise<number>, x0: readonly number[], options: CmaesOptions): Promise<CmaesResult> {
  const g = cmaesSteps(x0, options);
  let r = g.next([]);
  while (!r.done) {
    const values: number[] = [];
    for (const x of r.value) values.push(await f(x));
    r = g.next(values);
  }
  return r.value;
}

/** The algorithm: yields each generation's points and receives their values. */
function* cmaesSteps(x0: readonly number[], o: CmaesOptions): Generator<readonly (readonly number[])[], CmaesResult, readonly number[]> {
  const n = x0.length;
  if (n < 1) throw new RangeError("cmaes needs at least one coordinate");
  if (!(o.sigma > 0)) throw new RangeError("cmaes needs a positive initial step");
  const P = cmaesParameters(n, o.lambda);
  const { lambda, mu, weights, muEff, cc, cs, c1, cmu, damps, chiN } = P;
  const maxEval = o.maxEvaluations ?? 100 * n * lambda;
  const fTol = o.fTol ?? 1e-12;
  const xTol = o.xTol ?? 1e-11;
  const history = 10 + Math.ceil((30 * n) / lambda);

  const m = Float64Array.from(x0);
  let sigma = o.sigma;
  const pc = new Float64Array(n);
  const ps = new Float64Array(n);
  // C = B·diag(D²)·Bᵀ; start from the identity.
  let C = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let B = C.map((row) => Float64Array.from(row));
  let D = new Float64Array(n).fill(1);
  let best: { x: number[]; f: number } = { x: Array.from(m), f: Infinity };
  const bests: number[] = [];
  let evaluations = 0;
  let generation = 0;
  let stop: CmaesResult["stop"] = "maxEvaluations";

  while (evaluations + lambda <= maxEval) {
    // Sample: y_k = B·D·z_k, x_k = m + σ·y_k.
    const ys: Float64Array[] = [];
    const xs: number[][] = [];
    for (let k = 0; k < lambda; k++) {
      const z = Float64Array.from({ length: n }, () => o.normal());
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += (B[i]![j] as number) * (D[j] as number) * (z[j] as number);
        y[i] = s;
      }
      ys.push(y);
      xs.push(Array.from(y, (v, i) => (m[i] as number) + sigma * v));
    }
    const values = yield xs;
    evaluations += lambda;
    generation++;
    const order = Array.from({ length: lambda }, (_, k) => k).sort((a, b) => rankValue(values[a]) - rankValue(values[b]) || a - b);
    const first = order[0] as number;
    if (rankValue(values[first]) < best.f) best = { x: xs[first] as number[], f: rankValue(values[first]) };
    bests.push(rankValue(values[first]));

    // Recombination: y_w = Σ w_i y_{i:λ}; m ← m + σ·y_w.
    const yw = new Float64Array(n);
    for (let i = 0; i < mu; i++) {
      const y = ys[order[i] as number] as Float64Array;
      const w = weights[i] as number;
      for (let j = 0; j < n; j++) yw[j] = (yw[j] as number) + w * (y[j] as number);
    }
    for (let j = 0; j < n; j++) m[j] = (m[j] as number) + sigma * (yw[j] as number);

    // Step-size path: p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ)μ_eff) · C^(−1/2) y_w, with C^(−1/2) = B·D⁻¹·Bᵀ.
    const bty = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (B[j]![i] as number) * (yw[j] as number);
      bty[i] = s / (D[i] as number);
    }
    const csn = Math.sqrt(cs * (2 - cs) * muEff);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (B[i]![j] as number) * (bty[j] as number);
      ps[i] = (1 - cs) * (ps[i] as number) + csn * s;
    }
    const psNorm = Math.hypot(...ps);
    const hsig = psNorm / Math.sqrt(1 - (1 - cs) ** (2 * generation)) / chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    const ccn = Math.sqrt(cc * (2 - cc) * muEff);
    for (let i = 0; i < n; i++) pc[i] = (1 - cc) * (pc[i] as number) + hsig * ccn * (yw[i] as number);

    // Covariance: rank-one and rank-μ updates.
    const dh = (1 - hsig) * cc * (2 - cc);
    const next = C.map((row) => new Float64Array(row.length));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let rankMu = 0;
        for (let k = 0; k < mu; k++) {
          const y = ys[order[k] as number] as Float64Array;
          rankMu += (weights[k] as number) * (y[i] as number) * (y[j] as number);
        }
        const v = (1 - c1 - cmu) * (C[i]![j] as number) + c1 * ((pc[i] as number) * (pc[j] as number) + dh * (C[i]![j] as number)) + cmu * rankMu;
        next[i]![j] = v;
        next[j]![i] = v;
      }
    }
    C = next;
    sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));

    // Eigendecomposition C = B·diag(D²)·Bᵀ.
    const e = eigs(matrix(C.map((row) => Array.from(row))), { eigenvectors: true } as never) as unknown as { eigenvectors: { value: number; vector: Matrix | number[] }[] };
    const pairs = e.eigenvectors.map((p) => ({ value: Math.max(p.value, 1e-300), vector: Array.isArray(p.vector) ? p.vector : (p.vector.toArray() as number[]) }));
    B = Array.from({ length: n }, (_, i) => Float64Array.from(pairs, (p) => p.vector[i] as number));
    D = Float64Array.from(pairs, (p) => Math.sqrt(p.value));

    if (sigma * Math.max(...D) < xTol) {
      stop = "xTol";
      break;
    }
    if (bests.length >= history) {
      const recent = bests.slice(-history);
      if (Math.max(...recent) - Math.min(...recent) < fTol && Math.max(...values.map(rankValue)) - Math.min(...values.map(rankValue)) < fTol) {
        stop = "fTol";
        break;
      }
    }
  }
  return { x: best.x, f: best.f, mean: Array.from(m), evaluations, generations: generation, stop };
}

const rankValue = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) ? v : Infinity);
