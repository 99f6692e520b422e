import { describe, expect, it } from "vitest";
import { concatRuns, headlineSe, pTargetSe, precisionEstimate, quantileSe, runToPrecision } from "../../src/results/precision.js";
import { lcg, makeResults } from "./fixtures.js";

/** A "simulation" whose exit rate in run r is a fixed function of r (addressed, like the engine). */
const exitRateOf = (run: number): number => 0.5 + 0.2 * Math.sin(run * 12.9898);
const batch = async (first: number, runs: number) => makeResults(runs, [1, 2], ["exitRate"], (r, y) => (y === 1 ? exitRateOf(first + r) : 0));

describe("runToPrecision", () => {
  it("adds batches until the headline SE is below the target, and equals one big run", async () => {
    const calls: [number, number][] = [];
    const { results, record } = await runToPrecision(
      async (first, n) => {
        calls.push([first, n]);
        return batch(first, n);
      },
      { target: 0.005, initialRuns: 50, maxRuns: 100_000 },
    );
    expect(record.converged).toBe(true);
    expect(record.achieved).toBeLessThanOrEqual(0.005);
    expect(record.batches).toBe(calls.length);
    expect(calls[0]).toEqual([0, 50]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBe(calls[i - 1]![0] + calls[i - 1]![1]);
    const whole = await batch(0, results.runs);
    expect(Array.from(results.data)).toEqual(Array.from(whole.data));
    expect(headlineSe(results)).toBe(record.achieved);
    // The SE of an sd ≈ 0.14 outcome reaches 0.005 near 800 runs; not wildly more.
    expect(results.runs).toBeLessThan(3000);
  });

  it("stops at the cap and records that it did not converge", async () => {
    const { results, record } = await runToPrecision(batch, { target: 1e-6, initialRuns: 20, maxRuns: 300 });
    expect(results.runs).toBe(300);
    expect(record).toMatchObject({ converged: false, maxRuns: 300 });
    expect(record.achieved).toBeGreaterThan(1e-6);
  });

  it("concatRuns refuses mismatched parts", () => {
    expect(() => concatRuns([makeResults(1, [1], ["a"], () => 0), makeResults(1, [1], ["b"], () => 0)])).toThrow();
  });

  it("controls P(every target met): a run counts when each year with a target is met; the history is kept", async () => {
    // Year 1 has no target (NaN); year 2's is met in runs where the addressed value exceeds 0.3.
    const metAt = (run: number): number => (0.5 + 0.5 * Math.sin(run * 7.123) > 0.3 ? 1 : 0);
    const b = async (first: number, runs: number) => makeResults(runs, [1, 2], ["exitRate", "targetMet"], (r, y, m) => (m === "targetMet" ? (y === 0 ? Number.NaN : metAt(first + r)) : 0.5));
    const { results, record } = await runToPrecision(b, { target: 0.01, initialRuns: 100, maxRuns: 50_000, metric: "pTarget" });
    expect(record.metric).toBe("pTarget");
    expect(record.converged).toBe(true);
    const p = precisionEstimate(results, "pTarget");
    let hits = 0;
    for (let r = 0; r < results.runs; r++) hits += metAt(r);
    expect(p.estimate).toBe(hits / results.runs);
    expect(p.se).toBeCloseTo(Math.sqrt((p.estimate * (1 - p.estimate)) / results.runs), 12);
    const runs = record.history?.map((h) => h.runs) ?? [];
    expect(runs.length).toBe(record.batches);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!).toBeGreaterThan(runs[i - 1]!);
    expect(runs[runs.length - 1]).toBe(results.runs);
    expect(record.history?.[record.history.length - 1]?.se).toBe(record.achieved);
  });

  it("a probability of 0 or 1 still carries an error: one run in n", () => {
    expect(pTargetSe(0, 100)).toBeCloseTo(Math.sqrt((0.01 * 0.99) / 100), 15);
    expect(pTargetSe(1, 100)).toBeCloseTo(pTargetSe(0, 100), 15);
    expect(pTargetSe(0.5, 100)).toBeCloseTo(0.05, 15);
  });

  it("the 99% quantile's error from order statistics matches √(q(1−q)/n)/f for a uniform sample (f = 1)", () => {
    const u = lcg(11);
    for (const n of [2_000, 20_000]) {
      const x = Float64Array.from({ length: n }, () => u()).sort();
      const se = quantileSe(x, 0.99);
      const exact = Math.sqrt((0.99 * 0.01) / n);
      expect(Math.abs(se / exact - 1)).toBeLessThan(n < 10_000 ? 0.35 : 0.15);
    }
    // Fewer than 5 runs beyond the quantile: no error can be read.
    expect(quantileSe(Float64Array.from({ length: 400 }, (_, i) => i), 0.99)).toBe(Infinity);
  });
});
