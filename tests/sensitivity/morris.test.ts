import { describe, expect, it } from "vitest";
import { morrisAnalysis, morrisDesign, morrisIndices } from "../../src/sensitivity/morris.js";
import { unwrap } from "../../src/util/result.js";
import { ishigami } from "./testFunctions.js";
import { uniform } from "./uniform.js";

describe("Morris design", () => {
  it("builds r trajectories of k + 1 grid points, each move changing one input by ±Δ", () => {
    const k = 5;
    const levels = 6;
    const d = unwrap(morrisDesign(k, 20, { random: uniform(1), levels }));
    expect(d.delta).toBeCloseTo(levels / (2 * (levels - 1)), 15);
    expect(d.rows).toBe(20 * (k + 1));
    const onGrid = Array.from(d.points).every((x) => Math.abs(x * (levels - 1) - Math.round(x * (levels - 1))) < 1e-12 && x >= 0 && x <= 1);
    expect(onGrid).toBe(true);
    for (let m = 0; m < d.r; m++) {
      const moved = new Set<number>();
      for (let t = 0; t < k; t++) {
        const from = (m * d.stride + t) * k;
        const input = d.changed[m * k + t]!;
        moved.add(input);
        for (let i = 0; i < k; i++) {
          const change = d.points[from + k + i]! - d.points[from + i]!;
          expect(change).toBeCloseTo(i === input ? d.step[m * k + t]! : 0, 12);
        }
      }
      expect(moved.size).toBe(k);
    }
  });

  it("visits every level about equally often", () => {
    const d = unwrap(morrisDesign(4, 2000, { random: uniform(2), levels: 4 }));
    const counts = [0, 0, 0, 0];
    for (const x of d.points) counts[Math.round(x * 3)]! += 1;
    const n = d.points.length;
    for (const c of counts) expect(Math.abs(c / n - 0.25)).toBeLessThan(0.02);
  });

  it("reports bad levels, sizes and outputs as issues", () => {
    expect(morrisDesign(3, 10, { random: uniform(1), levels: 5 })).toEqual({ ok: false, error: { code: "levelsInvalid", found: 5 } });
    expect(morrisDesign(3, 1, { random: uniform(1) }).ok).toBe(false);
    const d = unwrap(morrisDesign(3, 10, { random: uniform(1) }));
    expect(morrisIndices(d, new Float64Array(5))).toEqual({ ok: false, error: { code: "outputsLengthMismatch", expected: 40, found: 5 } });
  });
});

describe("Morris elementary effects", () => {
  it("gives μ* = |coefficient| · range and σ = 0 for a linear function, and 0, 0 for an inert input", () => {
    const coefficients = [2, -3, 0.5, 0];
    const bounds = [
      [0, 1],
      [10, 12],
      [-4, 4],
      [0, 100],
    ] as const;
    const f = (x: Float64Array): number => coefficients.reduce((s, c, i) => s + c * x[i]!, 1);
    const r = unwrap(morrisAnalysis(f, bounds, 12, { random: uniform(3) }));
    expect(r.evaluations).toBe(12 * 5);
    coefficients.forEach((c, i) => {
      const range = bounds[i]![1] - bounds[i]![0];
      expect(r.muStar[i]).toBeCloseTo(Math.abs(c) * range, 10);
      expect(r.mu[i]).toBeCloseTo(c * range, 10);
      expect(r.sigma[i]).toBeLessThan(1e-10);
    });
    expect(r.muStar[3]).toBe(0);
    expect(r.sigma[3]).toBe(0);
  });

  it("ranks the Ishigami inputs: x1 and x2 large μ*, x3 interacting (σ > 0) with μ ≈ 0", () => {
    const pi = Math.PI;
    const r = unwrap(
      morrisAnalysis(
        ishigami(7, 0.1),
        [
          [-pi, pi],
          [-pi, pi],
          [-pi, pi],
        ],
        200,
        { random: uniform(4), levels: 4 },
      ),
    );
    expect(r.muStar[0]).toBeGreaterThan(r.muStar[2]!);
    expect(r.muStar[1]).toBeGreaterThan(r.muStar[2]!);
    expect(r.sigma[2]).toBeGreaterThan(1);
    // x3 enters only through x3⁴ sin x1, odd in x1: its mean effect is zero up to MC error.
    expect(Math.abs(r.mu[2]!)).toBeLessThan((3 * r.sigma[2]!) / Math.sqrt(200));
  });

  it("is deterministic for a seed", () => {
    const f = ishigami(7, 0.1);
    const box = [
      [0, 1],
      [0, 1],
      [0, 1],
    ] as const;
    const a = unwrap(morrisAnalysis(f, box, 30, { random: uniform(5) }));
    const b = unwrap(morrisAnalysis(f, box, 30, { random: uniform(5) }));
    expect(Array.from(a.effects)).toEqual(Array.from(b.effects));
  });
});
