/**
 * The simulated-method-of-moments estimator on a closed form: per-run moments linear in θ
 * with Gaussian noise drawn once (common random numbers). There the estimate is the GLS
 * solution θ̂ = (BᵀWB)⁻¹BᵀW(o − a − ε̄), its covariance H⁻¹ + H⁻¹BᵀWΣ_simWBH⁻¹, and the
 * reported 90% intervals cover the true θ in about 90% of replications.
 */
import { describe, expect, it } from "vitest";
import { inv } from "mathjs";
import { estimateSmm, summariseRuns, type FreeParameter, type MomentTarget } from "../../src/calibration/smm.js";
import { invNormCdf } from "../../src/random/normal.js";
import { nextUniform, seedStream } from "../../src/random/rng.js";

const A = [10, 5, -3];
const B = [
  [2, 1],
  [0.5, -1],
  [1, 3],
];
const TAU = [1, 0.5, 2]; // per-run noise sd of each moment
const SD = [0.2, 0.1, 0.3]; // observed uncertainty
const THETA = [1.5, -0.5];
const PARAMS: FreeParameter[] = [
  { name: "a", low: -5, high: 5, start: 0 },
  { name: "b", low: -5, high: 5, start: 0 },
];

const normals = (seed: number, index: number, n: number): Float64Array => {
  const s = new Int32Array(4);
  seedStream(s, seed, 0, 200, index);
  return Float64Array.from({ length: n }, () => invNormCdf(nextUniform(s)));
};

/** Per-run moments at θ, the noise fixed by the seed. */
const simulator = (seed: number, runs: number) => {
  const eps = A.map((_, k) => normals(seed, k, runs));
  return async (theta: readonly number[]) =>
    A.map((a, k) => Float64Array.from({ length: runs }, (_, r) => a + B[k]![0]! * theta[0]! + B[k]![1]! * theta[1]! + TAU[k]! * eps[k]![r]!));
};

const observedAt = (seed: number): MomentTarget[] => {
  const z = normals(seed, 9, A.length);
  return A.map((a, k) => ({ id: `m${k}`, observed: a + B[k]![0]! * THETA[0]! + B[k]![1]! * THETA[1]! + SD[k]! * z[k]!, sd: SD[k]!, fit: true }));
};

const matMul = (x: number[][], y: number[][]): number[][] => x.map((row) => y[0]!.map((_, j) => row.reduce((s, v, c) => s + v * y[c]![j]!, 0)));
const transpose = (x: number[][]): number[][] => x[0]!.map((_, j) => x.map((row) => row[j]!));

describe("estimateSmm", () => {
  it("finds the GLS solution and reports the delta-method covariance of a linear model", async () => {
    const runs = 400;
    const sim = simulator(7, runs);
    const targets = observedAt(1);
    const r = await estimateSmm(sim, PARAMS, targets, { maxEvaluations: 400 });
    if (!r.ok) throw new Error(r.error.code);
    const fit = r.value;
    // Closed form with the simulated means at θ = 0 (a + ε̄).
    const cols = await sim([0, 0]);
    const base = cols.map((c) => summariseRuns(c).mean);
    const W = SD.map((s, k) => SD.map((_, l) => (k === l ? 1 / s ** 2 : 0)));
    const H = matMul(matMul(transpose(B), W), B);
    const Hi = inv(H) as number[][];
    const rhs = matMul(matMul(transpose(B), W), targets.map((t, k) => [t.observed - base[k]!]));
    const gls = matMul(Hi, rhs).map((x) => x[0]!);
    expect(fit.parameters[0]!.value).toBeCloseTo(gls[0]!, 3);
    expect(fit.parameters[1]!.value).toBeCloseTo(gls[1]!, 3);
    // Σ_sim: covariance of the means, from the runs (the noise is independent across moments but estimated jointly).
    const cov = (a: Float64Array, b: Float64Array): number => {
      const ma = summariseRuns(a).mean;
      const mb = summariseRuns(b).mean;
      let s = 0;
      for (let i = 0; i < runs; i++) s += (a[i]! - ma) * (b[i]! - mb);
      return s / (runs - 1) / runs;
    };
    const simCov = cols.map((a) => cols.map((b) => cov(a, b)));
    const extra = matMul(matMul(matMul(matMul(matMul(Hi, transpose(B)), W), simCov), W), matMul(B, Hi));
    const V = Hi.map((row, a) => row.map((x, b) => x + extra[a]![b]!));
    expect(fit.parameters[0]!.se).toBeCloseTo(Math.sqrt(V[0]![0]!), 6);
    expect(fit.parameters[1]!.se).toBeCloseTo(Math.sqrt(V[1]![1]!), 6);
    expect(fit.covariance[0]![1]).toBeCloseTo(V[0]![1]!, 6);
    expect(fit.df).toBe(1);
    expect(fit.objective).toBeLessThan(fit.objectiveAtStart);
    for (const t of fit.targets) expect(Number.isFinite(t.z)).toBe(true);
    expect(fit.parameters.every((q) => q.identified && !q.atBound)).toBe(true);
  });

  it("its 90% intervals cover the true parameters in about 90% of replications (data and simulation redrawn)", async () => {
    const reps = 120;
    let covered0 = 0;
    let covered1 = 0;
    for (let i = 0; i < reps; i++) {
      const r = await estimateSmm(simulator(1000 + i, 40), PARAMS, observedAt(5000 + i), { maxEvaluations: 300 });
      if (!r.ok) throw new Error(r.error.code);
      const [p0, p1] = r.value.parameters;
      if (p0!.lo <= THETA[0]! && THETA[0]! <= p0!.hi) covered0++;
      if (p1!.lo <= THETA[1]! && THETA[1]! <= p1!.hi) covered1++;
    }
    // Binomial(120, 0.9): sd 3.3 replications; 4 sd either side.
    for (const c of [covered0, covered1]) {
      expect(c).toBeGreaterThanOrEqual(Math.floor(reps * 0.9 - 4 * Math.sqrt(reps * 0.09)));
      expect(c).toBeLessThanOrEqual(Math.ceil(reps * 0.9 + 4 * Math.sqrt(reps * 0.09)));
    }
  });

  it("a parameter the targets do not move is reported unidentified; nothing to fit is refused", async () => {
    const sim = async (theta: readonly number[]) => [Float64Array.from({ length: 20 }, (_, r) => 3 * theta[0]! + 0.01 * r)];
    const r = await estimateSmm(sim, PARAMS, [{ id: "m", observed: 1, sd: 0.1, fit: true }]);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.parameters[0]!.identified).toBe(true);
    expect(r.value.parameters[1]!.identified).toBe(false);
    expect(r.value.parameters[1]!.se).toBe(Infinity);
    expect(r.value.parameters[0]!.value).toBeCloseTo((1 - 0.095) / 3, 3);
    const none = await estimateSmm(sim, PARAMS, [{ id: "m", observed: 1, sd: 0.1, fit: false }]);
    expect(none.ok ? null : none.error.code).toBe("noFittedTargets");
    const bad = await estimateSmm(sim, [{ name: "x", low: 1, high: 1, start: 1 }], [{ id: "m", observed: 1, sd: 0.1, fit: true }]);
    expect(bad.ok ? null : bad.error.code).toBe("badRange");
  });
});
