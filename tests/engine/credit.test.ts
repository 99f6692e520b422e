import { describe, expect, it } from "vitest";
import { baseEngineModel } from "../../src/engine/model.js";
import { invNormCdf, normCdf } from "../../src/random/normal.js";
import { modelMetrics, prepareModelKernel } from "../../src/engine/run.js";
import { creditPool, referencePopulation } from "./fixtures.js";

/** Vasicek large-pool loss fraction at quantile q. */
const vasicek = (q: number, pd: number, rho: number, lgd: number): number => lgd * normCdf((invNormCdf(pd) + Math.sqrt(rho) * invNormCdf(q)) / Math.sqrt(1 - rho));

describe("credit pool", () => {
  it("reproduces the Vasicek large-pool loss quantiles within Monte-Carlo error", () => {
    const L = 20_000;
    const [pd, rho, lgd] = [0.02, 0.12, 0.45];
    const RUNS = 400;
    const h = referencePopulation(L, 6);
    const pool = creditPool(L, pd, rho, lgd, 1);
    const m = { ...baseEngineModel([2020]), pools: [pool] };
    const metrics = modelMetrics(m);
    const d = prepareModelKernel({ model: m, households: h })({ seed: 17, runStart: 0, runEnd: RUNS });
    const at = (r: number, k: string): number => d[r * metrics.length + metrics.indexOf(k)] as number;
    const losses: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      expect(at(r, "newLending")).toBe(L * pool.loanSize);
      losses.push((at(r, "poolLoss") + at(r, "bankLoss")) / (L * pool.loanSize));
      // The pool pays its whole share while it has money (it holds 100% of the lending here).
      expect(at(r, "bankLoss")).toBe(0);
    }
    for (const q of [0.1, 0.5, 0.9, 0.99]) {
      const x = vasicek(q, pd, rho, lgd);
      const cdf = losses.filter((l) => l <= x).length / RUNS;
      // Binomial SE of an empirical CDF, plus a small allowance for the finite pool's granularity.
      expect(Math.abs(cdf - q)).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / RUNS) + 0.02);
    }
    // Mean loss fraction is PD × LGD.
    const mean = losses.reduce((a, b) => a + b, 0) / RUNS;
    const sd = Math.sqrt(losses.reduce((a, b) => a + (b - mean) ** 2, 0) / (RUNS - 1));
    expect(Math.abs(mean - pd * lgd)).toBeLessThan(4 * (sd / Math.sqrt(RUNS)));
  });

  it("splits losses pool : bank, pays the interest subsidy on performing balances and suspends on NPL", () => {
    const L = 2_000;
    const h = referencePopulation(L, 7);
    const pool = creditPool(L, 0.05, 0, 1, 2, { poolLossShare: 0.7, leverage: 10, nplThreshold: 0.03, termYears: 3 });
    const m = { ...baseEngineModel([2020, 2021]), pools: [{ ...pool, plannedLending: Float64Array.of(L * 10_000, L * 10_000) }] };
    const metrics = modelMetrics(m);
    const d = prepareModelKernel({ model: m, households: h })({ seed: 2, runStart: 0, runEnd: 1 });
    const at = (y: number, k: string): number => d[y * metrics.length + metrics.indexOf(k)] as number;
    const loss0 = at(0, "poolLoss") + at(0, "bankLoss");
    expect(at(0, "poolLoss")).toBeCloseTo(0.7 * loss0, 6);
    const defaults = at(0, "defaults");
    expect(loss0).toBeCloseTo(defaults * 10_000, 6);
    expect(at(0, "interestSubsidy")).toBeCloseTo((L - defaults) * 10_000 * 0.0435, 4);
    // ρ = 0, PD 5%: the NPL ratio is ≈ 5% > 3%, so lending stops in the second year.
    expect(at(0, "suspended")).toBe(1);
    expect(at(1, "newLending")).toBe(0);
    expect(at(0, "loansOutstanding")).toBeCloseTo((L - defaults) * 10_000, 6);
  });

  it("carries the loan book at the start: outstanding, subsidised and defaulting like new loans, counted against capacity, run off after its remaining years", () => {
    const Y = 3;
    const h = referencePopulation(2_000, 3);
    // 100 existing loans of 10,000 with 2 of their 3 years left; 1,000,000 of fund at leverage 1.5.
    const pool = {
      ...creditPool(0, 0, 0.1, 0.45, Y, { termYears: 3, deposits: Float64Array.of(1_000_000, 0, 0), leverage: 1.5, plannedLending: Float64Array.of(1_000_000, 0, 0) }),
      existing: { loans: 100, start: -1 },
    };
    const m = { ...baseEngineModel([2017, 2018, 2019]), pools: [pool] };
    const metrics = modelMetrics(m);
    const d = prepareModelKernel({ model: m, households: h })({ seed: 2, runStart: 0, runEnd: 1 });
    const at = (y: number, k: string): number => d[y * metrics.length + metrics.indexOf(k)] as number;
    // Capacity 1.5 M less the 1 M already out: 50 new loans, not the 100 planned.
    expect(at(0, "newLending")).toBe(500_000);
    // Subsidy on 1.5 M in 2017 and 2018, on the new loans alone in 2019 (the book has run off).
    expect(at(0, "interestSubsidy")).toBeCloseTo(1_500_000 * 0.0435, 6);
    expect(at(1, "interestSubsidy")).toBeCloseTo(1_500_000 * 0.0435, 6);
    expect(at(2, "interestSubsidy")).toBeCloseTo(500_000 * 0.0435, 6);
    expect(at(0, "loansOutstanding")).toBe(1_500_000);
    expect(at(1, "loansOutstanding")).toBe(500_000);
    // With a PD the book's loans default too (PD 1: all of them, in its first year).
    const all = { ...m, pools: [{ ...pool, pd: new Float64Array(Y).fill(1), plannedLending: new Float64Array(Y) }] };
    const e = prepareModelKernel({ model: all, households: h })({ seed: 2, runStart: 0, runEnd: 1 });
    expect(e[metrics.indexOf("defaults")]).toBe(100);
  });

  it("runs the pool off after the horizon: loans still outstanding draw subsidy and default until their term ends, totals in the final year's row", () => {
    const h = referencePopulation(2_000, 3);
    // One horizon year; 100 bullet loans of 10,000 for 3 years: two years of run-off.
    const pool = creditPool(100, 0, 0.1, 0.45, 1, { termYears: 3 });
    const m = { ...baseEngineModel([2017]), pools: [pool] };
    const metrics = modelMetrics(m);
    const d = prepareModelKernel({ model: m, households: h })({ seed: 2, runStart: 0, runEnd: 1 });
    const at = (k: string): number => d[metrics.indexOf(k)] as number;
    expect(at("interestSubsidy")).toBeCloseTo(1_000_000 * 0.0435, 6);
    expect(at("subsidyAfter")).toBeCloseTo(2 * 1_000_000 * 0.0435, 6);
    expect(at("poolLossAfter")).toBe(0);
    // With a certain default after issue… the loans default in their first year: nothing is left to run off.
    const all = { ...m, pools: [{ ...pool, pd: Float64Array.of(1) }] };
    const e = prepareModelKernel({ model: all, households: h })({ seed: 2, runStart: 0, runEnd: 1 });
    expect(e[metrics.indexOf("subsidyAfter")]).toBe(0);
    // A 10% PD: losses after the horizon, LGD × balance × defaults, paid by the pool while it has money.
    const some = { ...m, pools: [{ ...pool, pd: Float64Array.of(0.1) }] };
    const runs = 200;
    const f = prepareModelKernel({ model: some, households: h })({ seed: 5, runStart: 0, runEnd: runs });
    let after = 0;
    for (let r = 0; r < runs; r++) after += (f[r * metrics.length + metrics.indexOf("poolLossAfter")] as number) + (f[r * metrics.length + metrics.indexOf("bankLossAfter")] as number);
    // Survivors of year 1 (90 expected) default at 10% in each of two more years: 0.45 × 10,000 × (9 + 8.1) expected.
    const expected = 0.45 * 10_000 * (100 * 0.9 * 0.1 + 100 * 0.9 * 0.9 * 0.1);
    expect(Math.abs(after / runs - expected) / expected).toBeLessThan(0.15);
  });

  describe("defaults linked to the borrowers' own shocks (ownShockRisk)", () => {
    const Y = 3;
    const h = referencePopulation(4_000, 9);
    const years = [2017, 2018, 2019];
    // 2,000 loans made in 2017, running three years; no systematic factor (ρ = 0).
    const pool = (rr?: number) => ({ ...creditPool(2_000, 0.05, 0, 0.45, Y, { termYears: 3 }), ...(rr !== undefined ? { ownShockRisk: rr } : {}) });
    const model = (rr: number | undefined, over: Record<string, unknown> = {}) => ({ ...baseEngineModel(years), pools: [pool(rr)], ...over });
    const simulate = (m: ReturnType<typeof model>, runs: number) => {
      const metrics = modelMetrics(m);
      const d = prepareModelKernel({ model: m, households: h })({ seed: 21, runStart: 0, runEnd: runs });
      return (r: number, y: number, k: string): number => d[(r * Y + y) * metrics.length + metrics.indexOf(k)] as number;
    };

    it("a relative risk of 1 is the unlinked pool, bit for bit", () => {
      const a = prepareModelKernel({ model: model(undefined, { illnessProbability: new Float64Array(Y).fill(0.2) }), households: h })({ seed: 3, runStart: 0, runEnd: 4 });
      const b = prepareModelKernel({ model: model(1, { illnessProbability: new Float64Array(Y).fill(0.2) }), households: h })({ seed: 3, runStart: 0, runEnd: 4 });
      expect(Array.from(b)).toEqual(Array.from(a));
    });

    it("counts every borrower, whether or not the pool's own effect worked for it (the effect changes incomes, not illness or disasters)", () => {
      const shocks = { illnessProbability: new Float64Array(Y).fill(0.3), disasterProbability: new Float64Array(Y).fill(0.4), disasterVillageShare: 0.5, disasterLoss: 0.3 };
      const effect = { successProbability: 0.5, mode: "multiplicative" as const, uplift: { kind: "fixed" as const, a: 1.2, b: 0, c: 0 }, lagYears: 0, decay: 0 };
      const withEffect = { ...model(3, shocks), pools: [{ ...pool(3), effect }] };
      const a = simulate(withEffect, 8);
      const b = simulate(model(3, shocks), 8);
      for (let r = 0; r < 8; r++) for (let y = 0; y < Y; y++) expect(a(r, y, "defaults")).toBe(b(r, y, "defaults"));
    });

    it("keeps the pool's PD as the average, and puts the defaults where the disasters fall", () => {
      // Disasters in half the run-years, hitting every village: all borrowers hit or none.
      // RR 3, q = 0.5: PD₀ = 0.05 / (1 + 0.5 × 2) = 0.025, PD₁ = 0.075.
      const RUNS = 60;
      const at = simulate(model(3, { disasterProbability: new Float64Array(Y).fill(0.5), disasterVillageShare: 1, disasterLoss: 0.3 }), RUNS);
      // Mean income without disasters (incomes are fixed here): a disaster year shows 30% below it.
      const calm = simulate(model(3), 1);
      let hitLoans = 0, hitDefaults = 0, calmLoans = 0, calmDefaults = 0;
      for (let r = 0; r < RUNS; r++) {
        let live = 2_000;
        for (let y = 0; y < Y; y++) {
          const defaults = at(r, y, "defaults");
          if (at(r, y, "meanIncome") < 0.85 * calm(0, y, "meanIncome")) {
            hitLoans += live;
            hitDefaults += defaults;
          } else {
            calmLoans += live;
            calmDefaults += defaults;
          }
          live -= defaults;
        }
      }
      const hitRate = hitDefaults / hitLoans;
      const calmRate = calmDefaults / calmLoans;
      expect(Math.abs(hitRate - 0.075)).toBeLessThan(4 * Math.sqrt((0.075 * 0.925) / hitLoans));
      expect(Math.abs(calmRate - 0.025)).toBeLessThan(4 * Math.sqrt((0.025 * 0.975) / calmLoans));
      // Over all run-years the rate is the pool's PD.
      const all = (hitDefaults + calmDefaults) / (hitLoans + calmLoans);
      expect(Math.abs(all - 0.05)).toBeLessThan(0.01);
    });
  });
});
