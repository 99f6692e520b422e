import { describe, expect, it } from "vitest";
import { tornado } from "../../src/sensitivity/tornado.js";
import { unwrap } from "../../src/util/result.js";
import { uniform } from "./uniform.js";

describe("tornado on a linear function", () => {
  it("gives the exact low/high effects and sorts by swing", () => {
    // f = 2 x0 − 5 x1 + 0.1 x2 + 0 x3
    const f = (x: Float64Array): number => 2 * x[0]! - 5 * x[1]! + 0.1 * x[2]!;
    const baseline = [1, 1, 10, 3];
    const ranges = [
      { low: 0, high: 3 },
      { low: 0.5, high: 1.2 },
      { low: 0, high: 40 },
      { low: 0, high: 9 },
    ];
    const r = unwrap(tornado(baseline, ranges, (x) => ({ mean: f(x), se: 0 })));
    expect(r.evaluations).toBe(9);
    expect(r.paired).toBe(false);
    expect(r.base.mean).toBeCloseTo(2 - 5 + 1, 12);
    expect(r.bars.map((b) => b.input)).toEqual([0, 2, 1, 3]);
    const byInput = new Map(r.bars.map((b) => [b.input, b]));
    expect(byInput.get(0)!.lowEffect).toBeCloseTo(-2, 12);
    expect(byInput.get(0)!.highEffect).toBeCloseTo(4, 12);
    expect(byInput.get(1)!.lowEffect).toBeCloseTo(2.5, 12);
    expect(byInput.get(1)!.highEffect).toBeCloseTo(-1, 12);
    expect(byInput.get(1)!.swing).toBeCloseTo(-3.5, 12);
    expect(byInput.get(2)!.swing).toBeCloseTo(4, 12);
    expect(byInput.get(3)!.swing).toBe(0);
  });

  it("combines independent standard errors in quadrature", () => {
    const r = unwrap(tornado([0], [{ low: -1, high: 1 }], (x) => ({ mean: x[0]!, se: x[0] === 0 ? 0.3 : 0.4 })));
    expect(r.bars[0]!.lowSe).toBeCloseTo(0.5, 12);
    expect(r.bars[0]!.swingSe).toBeCloseTo(Math.hypot(0.4, 0.4), 12);
  });
});

describe("tornado with per-run outputs under common random numbers", () => {
  /** y_r(x) = x0 · (1 + z_r) + 100 w_r with z, w uniform of variance 1 shared by all points (CRN). */
  function model(runs: number, seed: number): (x: Float64Array) => Float64Array {
    const random = uniform(seed);
    const z = Float64Array.from({ length: runs }, () => (2 * random() - 1) * Math.sqrt(3));
    const w = Float64Array.from({ length: runs }, () => (2 * random() - 1) * Math.sqrt(3));
    return (x) => z.map((zr, r) => x[0]! * (1 + zr) + 100 * w[r]!);
  }

  it("gives SE = sd(d)/√runs: |Δx0|/√runs here, with the common noise cancelled", () => {
    const runs = 20_000;
    const r = unwrap(tornado([1], [{ low: 0.5, high: 3 }], model(runs, 1)));
    expect(r.paired).toBe(true);
    expect(r.runs).toBe(runs);
    const bar = r.bars[0]!;
    // Var(d) = Δ² Var(z) = Δ²; the sample SD's relative error is about 1/√(2·runs) · √(kurtosis excess + 2) < 1%.
    expect(Math.abs(bar.lowSe * Math.sqrt(runs) - 0.5) / 0.5).toBeLessThan(0.03);
    expect(Math.abs(bar.highSe * Math.sqrt(runs) - 2) / 2).toBeLessThan(0.03);
    expect(Math.abs(bar.swingSe * Math.sqrt(runs) - 2.5) / 2.5).toBeLessThan(0.03);
    expect(Math.abs(bar.highEffect - 2)).toBeLessThan(4 * bar.highSe);
    // The baseline itself carries the common noise (SD ≈ 100): pairing is what removes it.
    expect(r.base.se * Math.sqrt(runs)).toBeGreaterThan(90);
  });

  it("reports SEs that match the spread of the effect over replications", () => {
    const replications = 200;
    const runs = 200;
    const effects: number[] = [];
    const ses: number[] = [];
    for (let rep = 0; rep < replications; rep++) {
      const bar = unwrap(tornado([1], [{ low: 0, high: 2 }], model(runs, 100 + rep))).bars[0]!;
      effects.push(bar.highEffect);
      ses.push(bar.highSe);
    }
    const mean = effects.reduce((s, e) => s + e, 0) / replications;
    const sd = Math.sqrt(effects.reduce((s, e) => s + (e - mean) ** 2, 0) / (replications - 1));
    const meanSe = ses.reduce((s, e) => s + e, 0) / replications;
    // SD over 200 replications has ~5% relative error; allow 20%.
    expect(Math.abs(sd / meanSe - 1)).toBeLessThan(0.2);
    expect(Math.abs(mean - 1)).toBeLessThan((4 * sd) / Math.sqrt(replications));
  });

  it("reports mixed forms, run-count mismatches and wrong lengths as issues", () => {
    const mixed = tornado([0], [{ low: -1, high: 1 }], (_x, p) => (p.side === "base" ? new Float64Array(4) : { mean: 0, se: 0 }));
    expect(mixed).toEqual({ ok: false, error: { code: "mixedEvaluations", input: 0, side: "low" } });
    const short = tornado([0], [{ low: -1, high: 1 }], (_x, p) => new Float64Array(p.side === "high" ? 3 : 4));
    expect(short).toEqual({ ok: false, error: { code: "runsMismatch", input: 0, side: "high", expected: 4, found: 3 } });
    expect(tornado([0, 1], [{ low: 0, high: 1 }], () => ({ mean: 0, se: 0 }))).toEqual({
      ok: false,
      error: { code: "inputsLengthMismatch", expected: 2, found: 1 },
    });
    expect(tornado([0], [{ low: 0, high: 1 }], () => new Float64Array(1)).ok).toBe(false);
  });
});
