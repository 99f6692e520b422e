import { describe, expect, it } from "vitest";
import { normCdf } from "../../src/random/normal.js";
import { TARGET_EXIT_1, calibrateIncome, levelSigmaForHeadcount } from "../../src/income/calibrate.js";
import { DEFAULT_INCOME_VALUES } from "../../src/income/defaults.js";
import { nelderMead } from "../../src/income/nelderMead.js";
import type { IncomeParams } from "../../src/income/process.js";
import { OFFICIAL_RULES } from "../../src/income/process.js";
import { simulateIncome } from "../../src/income/summary.js";

const rosenbrock = (x: readonly number[]): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;

describe("Nelder–Mead", () => {
  it("finds the Rosenbrock minimum (1, 1) from (−1.2, 1)", () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 2000, fTol: 1e-14, xTol: 1e-9 });
    expect(r.converged).toBe(true);
    expect(r.f).toBeLessThan(1e-10);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-4);
  });

  it("finds the minimum of the 4-D Rosenbrock function (1, 1, 1, 1) with adaptive coefficients", () => {
    const rosen4 = (x: readonly number[]): number => {
      let f = 0;
      for (let i = 0; i < 3; i++) f += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
      return f;
    };
    const r = nelderMead(rosen4, [-1, 1.5, -0.5, 0.8], { maxEvaluations: 20_000, fTol: 1e-14, xTol: 1e-9, adaptive: true });
    expect(r.f).toBeLessThan(1e-8);
    for (const xi of r.x) expect(Math.abs(xi - 1)).toBeLessThan(1e-3);
  });

  it("treats non-finite values as +Infinity and stops at the evaluation budget", () => {
    const r = nelderMead((x) => (x[0]! < 0 ? Number.NaN : (x[0]! - 2) ** 2), [1], { maxEvaluations: 500 });
    expect(Math.abs(r.x[0]! - 2)).toBeLessThan(1e-3);
    const capped = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 10 });
    expect(capped.evaluations).toBeLessThanOrEqual(11);
    expect(capped.converged).toBe(false);
  });
});

describe("income calibration", () => {
  it("the headcount anchor gives the declared year-0 share below the line", () => {
    const p: IncomeParams = { ...DEFAULT_INCOME_VALUES, sigmaLevel: levelSigmaForHeadcount(0.1, DEFAULT_INCOME_VALUES) };
    const s = simulateIncome(p, OFFICIAL_RULES, { households: 50_000, years: 2, villageSize: 50, runs: 8, seed: 4 });
    expect(Math.abs(s.poorShare[0]!.value - 0.1)).toBeLessThan(4 * s.poorShare[0]!.se);
    expect(levelSigmaForHeadcount(0.6, DEFAULT_INCOME_VALUES)).toBeNaN(); // a median above the line leaves fewer than half poor
    expect(levelSigmaForHeadcount(0.01, { ...DEFAULT_INCOME_VALUES, sigmaTransitory: 1 })).toBeNaN(); // the shocks alone spread more
  });

  it("recovers a known transitory σ from its closed-form one-year exit rate (common random numbers)", () => {
    const truth = 0.35;
    const start: IncomeParams = {
      sigmaLevel: 0, medianToLine: Math.exp(0.2), sigmaTrend: 0, growth: 0, rho: 0,
      sigmaPersistent: 0, villageShare: 0, sigmaTransitory: 0.6, sigmaCommon: 0,
    };
    const target = { ...TARGET_EXIT_1, observed: normCdf(Math.log(start.medianToLine) / truth) };
    const fit = calibrateIncome({
      start, free: ["sigmaTransitory"], targets: [target],
      simulation: { households: 20_000, years: 6, villageSize: 50, runs: 2, seed: 8 }, maxEvaluations: 40,
    });
    expect(Math.abs(fit.params.sigmaTransitory - truth)).toBeLessThan(0.02);
    expect(Math.abs(fit.fit[0]!.simulated.value - target.observed)).toBeLessThan(0.01);
  });
});
