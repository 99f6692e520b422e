/**
 * Unknown parameters drawn once per run (model.md "Uncertainty", source 2): the draws follow
 * their laws, are addressed by path (order and company do not matter), act on every household
 * of the run at once (so they do not average out), and are the same whatever the threads.
 */
import { describe, expect, it } from "vitest";
import { ANY_ELIGIBLE, baseEngineModel, blankProgramme } from "../../src/engine/model.js";
import type { EngineModel, EngineRunDraw } from "../../src/engine/model.js";
import { modelMetrics, prepareModelKernel } from "../../src/engine/run.js";
import { drawRunParameters } from "../../src/engine/runDraws.js";
import { simulateModel } from "../../src/engine/simulate.js";
import { allocateHouseholds } from "../../src/model/households.js";
import type { Households } from "../../src/model/households.js";
import { creditPool } from "./fixtures.js";

const draw = (path: string, dist: EngineRunDraw["dist"], over: Partial<EngineRunDraw> = {}): EngineRunDraw => ({ target: "success", source: 0, path, dist, min: 0, max: 1, ...over });
const beta = (a: number, b: number): EngineRunDraw["dist"] => ({ kind: "beta", a, b, c: 0 });

describe("drawRunParameters", () => {
  it("draws each unknown from its law: a Beta(12, 8) mean and variance within Monte-Carlo error", () => {
    const d = [draw("programmes.a.effect.successProbability", beta(12, 8))];
    const R = 4000;
    const xs = Array.from({ length: R }, (_, r) => drawRunParameters(d, 7, r)[0] as number);
    const mean = xs.reduce((a, b) => a + b, 0) / R;
    const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1);
    // Beta(12, 8): mean 0.6, variance αβ / ((α+β)²(α+β+1)) = 96 / 8400.
    const v0 = 96 / 8400;
    expect(Math.abs(mean - 0.6)).toBeLessThan(4 * Math.sqrt(v0 / R));
    // sd of a sample variance ≈ v √(2 / (R − 1)) (near-normal law).
    expect(Math.abs(v - v0)).toBeLessThan(4 * v0 * Math.sqrt(2 / (R - 1)) * 1.5);
  });

  it("addresses a draw by its path: the list's order and the other unknowns do not change it", () => {
    const a = draw("programmes.a.effect.successProbability", beta(2, 2));
    const b = draw("creditPools.pool.pd", { kind: "uniform", a: 0.01, b: 0.05, c: 0 }, { target: "pd" });
    for (let run = 0; run < 20; run++) {
      const [x1, y1] = drawRunParameters([a, b], 3, run);
      const [y2, x2] = drawRunParameters([b, a], 3, run);
      expect(x1).toBe(x2);
      expect(y1).toBe(y2);
      expect(drawRunParameters([a], 3, run)[0]).toBe(x1);
    }
    // Different runs, different draws.
    expect(drawRunParameters([a], 3, 0)[0]).not.toBe(drawRunParameters([a], 3, 1)[0]);
  });

  it("clamps a draw to its range", () => {
    const d = [draw("income.growth", { kind: "normal", a: 0, b: 10, c: 0 }, { target: "growth", source: -1, min: -0.5, max: 1 })];
    for (let r = 0; r < 50; r++) {
      const v = drawRunParameters(d, 1, r)[0] as number;
      expect(v).toBeGreaterThanOrEqual(-0.5);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});

/** n one-person households just below the line, all with labour, `villages` villages. */
function poor(n: number): Households {
  const h = allocateHouseholds(n, 10);
  for (let i = 0; i < n; i++) {
    h.size[i] = 1;
    h.income[i] = 3000;
    h.labour[i] = 1;
    h.village[i] = i % 10;
  }
  return h;
}

/** A programme serving everyone in year 1 with a sure 1.5× income effect from year 2, unless its success is drawn. */
function modelWith(draws: EngineRunDraw[], success = 0.5): EngineModel {
  const base = baseEngineModel([2017, 2018, 2019], 3300);
  const p = {
    ...blankProgramme("industry", 3),
    capacity: Float64Array.of(Infinity, 0, 0),
    eligibility: ANY_ELIGIBLE,
    effect: { successProbability: success, mode: "multiplicative" as const, uplift: { kind: "fixed" as const, a: 1.5, b: 0, c: 0 }, lagYears: 1, decay: 0 },
  };
  return { ...base, programmes: [p], runDraws: draws };
}

function exitsByRun(m: EngineModel, h: Households, runs: number): number[] {
  const metrics = modelMetrics(m);
  const Y = m.years.length;
  const d = prepareModelKernel({ model: m, households: h })({ seed: 11, runStart: 0, runEnd: runs });
  const k = metrics.indexOf("exitedPeople");
  return Array.from({ length: runs }, (_, r) => d[(r * Y + Y - 1) * metrics.length + k] as number);
}

describe("unknown parameters in the kernel", () => {
  const h = poor(2000);

  it("a drawn success probability moves every household of a run together (it does not average out)", () => {
    const runs = 200;
    // Fixed at 0.5: exits per run are Binomial(2000, 0.5), sd ≈ 22.
    const fixed = exitsByRun(modelWith([]), h, runs);
    // Drawn per run from {0.2, 0.8}: each run sits near 400 or near 1600.
    const m = modelWith([draw("programmes.industry.effect.successProbability", { kind: "discrete", a: 0, b: 0, c: 0, values: Float64Array.of(0.2, 0.8), weights: Float64Array.of(1, 1) })]);
    const drawn = exitsByRun(m, h, runs);
    const sd = (xs: number[]): number => {
      const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - mu) ** 2, 0) / (xs.length - 1));
    };
    expect(sd(fixed)).toBeLessThan(40);
    expect(sd(drawn)).toBeGreaterThan(500);
    for (const x of drawn) expect(Math.abs(x - 400) < 150 || Math.abs(x - 1600) < 150).toBe(true);
    // Half the runs draw 0.8: Binomial(200, 0.5), 4 sd = 28 runs.
    const high = drawn.filter((x) => x > 1000).length;
    expect(Math.abs(high - 100)).toBeLessThan(29);
  });

  it("a draw that always gives the scenario's value leaves results bit-identical", () => {
    const fixed = exitsByRun(modelWith([]), h, 20);
    const same = exitsByRun(modelWith([draw("programmes.industry.effect.successProbability", { kind: "fixed", a: 0.5, b: 0, c: 0 })]), h, 20);
    expect(same).toEqual(fixed);
  });

  it("a drawn uplift centre and a drawn growth change incomes in every household of the run", () => {
    // Uplift 1.0 (no effect) in every run: nobody crosses the line by the programme.
    const none = exitsByRun(modelWith([draw("programmes.industry.effect.uplift.value", { kind: "fixed", a: 1, b: 0, c: 0 }, { target: "upliftCentre", max: Infinity })], 1), h, 5);
    expect(none.every((x) => x === 0)).toBe(true);
    // Growth drawn at 20% a year: 3000 × 1.2² > 3300, everyone out by the last year.
    const growth = exitsByRun({ ...modelWith([draw("income.growth", { kind: "fixed", a: 0.2, b: 0, c: 0 }, { target: "growth", source: -1, min: -0.5, max: 1 })], 0) }, h, 3);
    expect(growth.every((x) => x === 2000)).toBe(true);
  });

  it("a drawn PD replaces the pool's default rate in every year", () => {
    const Y = 3;
    const base = { ...baseEngineModel([2017, 2018, 2019], 3300), pools: [creditPool(2000, 0.02, 0, 1, Y)] };
    const metrics = modelMetrics(base);
    const k = metrics.indexOf("defaults");
    const defaults = (m: EngineModel): number => {
      const d = prepareModelKernel({ model: m, households: h })({ seed: 5, runStart: 0, runEnd: 20 });
      let s = 0;
      for (let r = 0; r < 20; r++) for (let y = 0; y < Y; y++) s += d[(r * Y + y) * metrics.length + k] as number;
      return s;
    };
    const low = defaults(base);
    const high = defaults({ ...base, runDraws: [draw("creditPools.pool.pd", { kind: "fixed", a: 0.2, b: 0, c: 0 }, { target: "pd" })] });
    // 2000 loans × 20 runs: expected defaults over 3 years ≈ 2000·20·(1 − 0.98³) ≈ 2353 vs ≈ 19,520 at PD 0.2.
    expect(low).toBeLessThan(3500);
    expect(high).toBeGreaterThan(15000);
  });

  it("gives the same results on one and two threads", async () => {
    const m = modelWith([draw("programmes.industry.effect.successProbability", beta(3, 2))]);
    const one = await simulateModel(m, h, { runs: 12, seed: 4, threads: 1 });
    const two = await simulateModel(m, h, { runs: 12, seed: 4, threads: 2, chunkSize: 3 });
    expect(Array.from(two.data)).toEqual(Array.from(one.data));
  });
});
