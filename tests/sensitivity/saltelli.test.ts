import { describe, expect, it } from "vitest";
import type { SobolAnalysis } from "../../src/sensitivity/saltelli.js";
import { sobolAnalysis, sobolDesign, sobolIndices } from "../../src/sensitivity/saltelli.js";
import { unwrap } from "../../src/util/result.js";
import type { AnalyticIndices } from "./testFunctions.js";
import { gFunction, gFunctionIndices, ishigami, ishigamiIndices } from "./testFunctions.js";
import { uniform } from "./uniform.js";

const PI_BOX: readonly (readonly [number, number])[] = [
  [-Math.PI, Math.PI],
  [-Math.PI, Math.PI],
  [-Math.PI, Math.PI],
];

/** Analytic values outside their 95% bootstrap interval (expected: none). */
function misses(result: SobolAnalysis, analytic: AnalyticIndices): string[] {
  const out: string[] = [];
  analytic.first.forEach((s, i) => {
    const [lo, hi] = result.firstCi[i]!;
    if (!(lo <= s && s <= hi)) out.push(`S${i + 1} = ${s} not in [${lo}, ${hi}]`);
  });
  analytic.total.forEach((s, i) => {
    const [lo, hi] = result.totalCi[i]!;
    if (!(lo <= s && s <= hi)) out.push(`ST${i + 1} = ${s} not in [${lo}, ${hi}]`);
  });
  return out;
}

describe("Saltelli design", () => {
  it("lays out A, B, A_B^(i) and B_A^(i) in blocks per base row", () => {
    const k = 3;
    const d = unwrap(sobolDesign(k, 8, { random: uniform(1), withBA: true }));
    expect(d.stride).toBe(2 * k + 2);
    expect(d.rows).toBe(8 * (2 * k + 2));
    const row = (r: number): number[] => Array.from(d.points.subarray(r * k, (r + 1) * k));
    for (let j = 0; j < 8; j++) {
      const block = j * d.stride;
      const a = row(block);
      const b = row(block + 1);
      for (let i = 0; i < k; i++) {
        expect(row(block + 2 + i)).toEqual(a.map((v, c) => (c === i ? b[c] : v)));
        expect(row(block + 2 + k + i)).toEqual(b.map((v, c) => (c === i ? a[c] : v)));
      }
    }
  });

  it("has N·(k + 2) rows by default", () => {
    expect(unwrap(sobolDesign(5, 64, { random: uniform(1) })).rows).toBe(64 * 7);
  });

  it("reports unusable sizes and outputs as issues", () => {
    expect(sobolDesign(3, 1000, { random: uniform(1) })).toEqual({ ok: false, error: { code: "sampleSizeNotPowerOfTwo", found: 1000 } });
    expect(sobolDesign(3, 1000, { random: uniform(1), sampler: "random" }).ok).toBe(true);
    expect(sobolDesign(0, 64, { random: uniform(1) }).ok).toBe(false);
    expect(sobolDesign(513, 64, { random: uniform(1) }).ok).toBe(false);
    const d = unwrap(sobolDesign(2, 16, { random: uniform(1) }));
    expect(sobolIndices(d, new Float64Array(3), { random: uniform(2) })).toEqual({
      ok: false,
      error: { code: "outputsLengthMismatch", expected: 64, found: 3 },
    });
    expect(sobolIndices(d, new Float64Array(64).fill(2), { random: uniform(2) })).toEqual({ ok: false, error: { code: "zeroVariance" } });
    const withNaN = new Float64Array(64).fill(1);
    withNaN[5] = Number.NaN;
    expect(sobolIndices(d, withNaN, { random: uniform(2) }).ok).toBe(false);
    expect(sobolAnalysis(() => 0, [[1, 1]], 16, { random: uniform(3) })).toEqual({
      ok: false,
      error: { code: "boundsInvalid", input: 0, low: 1, high: 1 },
    });
  });
});

describe("Sobol indices of the Ishigami function (a = 7, b = 0.1)", () => {
  const analytic = ishigamiIndices(7, 0.1);
  const f = ishigami(7, 0.1);

  it("has the published analytic values", () => {
    expect(analytic.first.map((s) => +s.toFixed(4))).toEqual([0.3139, 0.4424, 0]);
    expect(analytic.total.map((s) => +s.toFixed(4))).toEqual([0.5576, 0.4424, 0.2437]);
  });

  it("estimates every S_i and S_Ti inside its 95% bootstrap interval at N = 2^12 (scrambled Sobol points)", () => {
    const r = unwrap(sobolAnalysis(f, PI_BOX, 4096, { random: uniform(2024) }));
    expect(r.evaluations).toBe(4096 * 5);
    expect(misses(r, analytic)).toEqual([]);
    for (const [lo, hi] of [...r.firstCi, ...r.totalCi]) expect(hi - lo).toBeLessThan(0.1);
    expect(r.variance).toBeCloseTo(analytic.variance, 0);
  });

  it("with B_A^(i) (N·(2k + 2) runs) and with plain random sampling too", () => {
    const withBA = unwrap(sobolAnalysis(f, PI_BOX, 4096, { random: uniform(7), withBA: true }));
    expect(withBA.evaluations).toBe(4096 * 8);
    expect(misses(withBA, analytic)).toEqual([]);
    const random = unwrap(sobolAnalysis(f, PI_BOX, 4096, { random: uniform(8), sampler: "random" }));
    // i.i.d. sampling: the bootstrap SE is the estimator's SE; allow 3 of them.
    analytic.first.forEach((s, i) => expect(Math.abs(random.first[i]! - s)).toBeLessThan(3 * random.firstSe[i]!));
    analytic.total.forEach((s, i) => expect(Math.abs(random.total[i]! - s)).toBeLessThan(3 * random.totalSe[i]!));
  });

  it("is deterministic for a seed", () => {
    const a = unwrap(sobolAnalysis(f, PI_BOX, 256, { random: uniform(11), resamples: 50 }));
    const b = unwrap(sobolAnalysis(f, PI_BOX, 256, { random: uniform(11), resamples: 50 }));
    expect(Array.from(a.first)).toEqual(Array.from(b.first));
    expect(a.totalCi).toEqual(b.totalCi);
  });
});

describe("Sobol indices of the G-function (a = 0, 1, 4.5, 9, 99, 99, 99, 99)", () => {
  const a = [0, 1, 4.5, 9, 99, 99, 99, 99];
  const analytic = gFunctionIndices(a);
  const box = a.map(() => [0, 1] as const);

  it("estimates every S_i and S_Ti inside its 95% bootstrap interval at N = 2^12", () => {
    const r = unwrap(sobolAnalysis(gFunction(a), box, 4096, { random: uniform(99) }));
    expect(misses(r, analytic)).toEqual([]);
    expect(r.firstCi[0]![1] - r.firstCi[0]![0]).toBeLessThan(0.1);
    // The inputs with a = 99 are recognised as unimportant.
    for (let i = 4; i < 8; i++) expect(r.totalCi[i]![1]).toBeLessThan(0.001);
  });
});
