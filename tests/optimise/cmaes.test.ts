/**
 * CMA-ES against its reference: the default strategy parameters of Hansen's tutorial
 * (arXiv:1604.00772, Table 1) for n = 10 — the values purecma.py and cma (pycma) print —
 * and convergence on the standard test functions (sphere, ellipsoid, Rosenbrock) from
 * several seeds, with the same steps whether driven synchronously or asynchronously.
 */
import { describe, expect, it } from "vitest";
import { cmaes, cmaesAsync, cmaesParameters } from "../../src/optimise/cmaes.js";
import { gaussianStream } from "../../src/optimise/search.js";

const sphere = (x: readonly number[]) => x.reduce((a, v) => a + v * v, 0);
const ellipsoid = (x: readonly number[]) => x.reduce((a, v, i) => a + 10 ** ((6 * i) / Math.max(1, x.length - 1)) * v * v, 0);
const rosenbrock = (x: readonly number[]) => x.slice(0, -1).reduce((a, v, i) => a + 100 * ((x[i + 1] as number) - v * v) ** 2 + (1 - v) ** 2, 0);

describe("CMA-ES", () => {
  it("has the tutorial's default strategy parameters", () => {
    const p = cmaesParameters(10);
    expect(p.lambda).toBe(10);
    expect(p.mu).toBe(5);
    // μ_eff for λ = 10, μ = 5 with w_i ∝ ln((λ+1)/2) − ln i.
    expect(p.muEff).toBeCloseTo(3.1673, 4);
    expect(p.cs).toBeCloseTo((3.1672 + 2) / (10 + 3.1672 + 5), 4);
    expect(p.c1).toBeCloseTo(2 / (11.3 ** 2 + 3.1672), 5);
    expect(p.chiN).toBeCloseTo(3.0843, 3); // E‖N(0, I₁₀)‖ = √2·Γ(5.5)/Γ(5) = 3.0843 (the tutorial's approximation: 3.0847)
    expect(p.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  for (const seed of [1, 2, 3]) {
    it(`minimises the sphere, a 10⁶-conditioned ellipsoid and Rosenbrock (seed ${seed})`, () => {
      const normal = gaussianStream(seed, 0);
      const s = cmaes(sphere, Array(8).fill(3), { sigma: 1, normal });
      expect(s.f).toBeLessThan(1e-10);
      const e = cmaes(ellipsoid, Array(6).fill(1), { sigma: 0.5, normal });
      expect(e.f).toBeLessThan(1e-8);
      const r = cmaes(rosenbrock, Array(4).fill(0), { sigma: 0.5, normal, maxEvaluations: 20000 });
      expect(r.f).toBeLessThan(1e-8);
      for (const v of r.x) expect(v).toBeCloseTo(1, 3);
    });
  }

  it("takes the same steps synchronously and asynchronously", async () => {
    const a = cmaes(rosenbrock, [0, 0, 0], { sigma: 0.3, normal: gaussianStream(7, 0), maxEvaluations: 600 });
    const b = await cmaesAsync(async (x) => rosenbrock(x), [0, 0, 0], { sigma: 0.3, normal: gaussianStream(7, 0), maxEvaluations: 600 });
    expect(b).toEqual(a);
  });
});

describe("bounded splits", () => {
  it("projects onto the bounded simplex (the nearest point, with Σ = 1 and every share within bounds)", async () => {
    const { projectBounded } = await import("../../src/optimise/search.js");
    expect(projectBounded([0.9, 0.3], [0, 0], [1, 0.5]).map((x) => +x.toFixed(12))).toEqual([0.8, 0.2]);
    expect(projectBounded([2, 2, 2], [0, 0, 0], [1, 1, 1]).map((x) => +x.toFixed(12))).toEqual([1 / 3, 1 / 3, 1 / 3].map((x) => +x.toFixed(12)));
    const w = projectBounded([5, -3, 0.2, 0.1], [0.1, 0.1, 0, 0], [0.5, 0.6, 1, 1]);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(w[0]).toBeCloseTo(0.5, 12);
    expect(w[1]).toBeCloseTo(0.1, 12);
    // KKT: the free shares are v_i − τ with one τ.
    expect((0.2 - (w[2] as number))).toBeCloseTo(0.1 - (w[3] as number), 12);
  });

  it("finds the maximum of a concave separable response over bounded splits from several seeds", async () => {
    const { searchSplits } = await import("../../src/optimise/search.js");
    // Σ a_i √w_i is maximised at w_i ∝ a_i² (Lagrange), here [1, 4, 9, 16] / 30.
    const a = [1, 2, 3, 4];
    const f = async (w: readonly number[]) => w.reduce((s, x, i) => s + (a[i] as number) * Math.sqrt(Math.max(0, x)), 0);
    for (const seed of [1, 2, 3]) {
      const r = await searchSplits(f, { lo: [0, 0, 0, 0], hi: [1, 1, 1, 1], start: [0.25, 0.25, 0.25, 0.25], seed, maxEvaluations: 400 });
      const best = r.evaluated[0]!.shares;
      [1, 4, 9, 16].forEach((k, i) => expect(best[i]).toBeCloseTo(k / 30, 2));
    }
  });
});
