import { describe, expect, it } from "vitest";
import { concatRuns, headlineSe, runToPrecision } from "../../src/results/precision.js";
import { makeResults } from "./fixtures.js";

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
});
