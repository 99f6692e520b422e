import { describe, expect, it } from "vitest";
import { normCdf } from "../../src/random/normal.js";
import { DEFAULT_INCOME_PARAMETERS, DEFAULT_INCOME_VALUES, HEADCOUNT_2015 } from "../../src/income/defaults.js";
import type { IncomeParams } from "../../src/income/process.js";
import { OFFICIAL_RULES, incomeWorkspace, simulateIncomeRun } from "../../src/income/process.js";
import type { Estimate } from "../../src/income/summary.js";
import { simulateIncome } from "../../src/income/summary.js";

/** Only transitory noise around one level: every year is an independent coin with P(poor) = Φ(−ln m / σ_e). */
const IID: IncomeParams = {
  sigmaLevel: 0, medianToLine: Math.exp(0.25), sigmaTrend: 0, growth: 0, rho: 0,
  sigmaPersistent: 0, villageShare: 0, sigmaTransitory: 0.5, sigmaCommon: 0,
};

const within = (e: Estimate, expected: number, k = 4): void => {
  expect(e.se).toBeGreaterThan(0);
  expect(Math.abs(e.value - expected)).toBeLessThan(k * e.se);
};

/** E[f(q(a))] for a ~ N(μ, σ²) by the trapezoid rule on ±8σ (error far below MC error). */
function expectOverLevels(mu: number, sigma: number, f: (a: number) => number): number {
  const m = 4000;
  let s = 0;
  for (let j = 0; j <= m; j++) {
    const z = -8 + (16 * j) / m;
    const w = (j === 0 || j === m ? 0.5 : 1) * Math.exp(-0.5 * z * z);
    s += w * f(mu + sigma * z);
  }
  return (s * (16 / m)) / Math.sqrt(2 * Math.PI);
}

describe("income process kernel", () => {
  it("iid transitory noise around a known level: exit, re-entry and registration match their closed forms", () => {
    const s = simulateIncome(IID, OFFICIAL_RULES, { households: 40_000, years: 8, villageSize: 50, runs: 6, seed: 11 });
    const stay = normCdf(Math.log(IID.medianToLine) / IID.sigmaTransitory); // P(non-poor in a year)
    within(s.exitHazard[0]!, stay); // Φ((a − ln line)/σ_e)
    within(s.exitHazard[4]!, stay);
    within(s.reentry[0]!, 1 - stay);
    within(s.reentry[2]!, 1 - stay ** 3);
    within(s.poorAfterExit[3]!, 1 - stay);
    within(s.registeredShare, 1 - stay);
    within(s.registeredFirstYearExit, stay);
  });

  it("heterogeneous levels give duration dependence: exit hazards after 1 and 5 years match the mixture integrals", () => {
    const p: IncomeParams = { ...IID, sigmaLevel: 0.4, medianToLine: Math.exp(0.3), sigmaTransitory: 0.3 };
    const s = simulateIncome(p, OFFICIAL_RULES, { households: 40_000, years: 8, villageSize: 50, runs: 6, seed: 12 });
    const q = (a: number): number => normCdf(-a / p.sigmaTransitory); // P(poor | level a)
    const mu = Math.log(p.medianToLine);
    // Spell of d years begun in an observed year, then exit: (1 − q) q^d (1 − q) over (1 − q) q^d.
    const hazard = (d: number): number => expectOverLevels(mu, p.sigmaLevel, (a) => (1 - q(a)) * q(a) ** d * (1 - q(a))) / expectOverLevels(mu, p.sigmaLevel, (a) => (1 - q(a)) * q(a) ** d);
    within(s.exitHazard[0]!, hazard(1));
    within(s.exitHazard[4]!, hazard(5));
    expect(hazard(1) - hazard(5)).toBeGreaterThan(0.2);
  });

  it("the shipped defaults reproduce the CFPS exit and relapse figures within the acceptance bounds", () => {
    const s = simulateIncome(DEFAULT_INCOME_VALUES, OFFICIAL_RULES, { households: 100_000, years: 12, villageSize: 50, runs: 3, seed: 2017 });
    const exit1 = s.exitHazard[0]!;
    expect(exit1.se).toBeLessThan(0.01);
    expect(Math.abs(exit1.value - 0.372)).toBeLessThan(0.03);
    // The official rule: an exiter relapses when found below the line at any yearly check.
    for (const k of [3, 4, 5]) {
      const relapse = s.reentry[k - 1]!;
      expect(relapse.se).toBeLessThan(0.01);
      expect(Math.abs(relapse.value - 0.15)).toBeLessThan(0.05);
    }
    // Registered cohort: observed income below the line in year 0, as many as the anchored headcount.
    expect(Math.abs(s.registeredShare.value - HEADCOUNT_2015)).toBeLessThan(4 * s.registeredShare.se + 0.004);
  });

  it("every default value carries a source or an assumption", () => {
    for (const v of Object.values(DEFAULT_INCOME_PARAMETERS)) {
      const text = "source" in v ? v.source : v.assumption;
      expect(text.length).toBeGreaterThan(20);
    }
    expect(Object.isFrozen(DEFAULT_INCOME_PARAMETERS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_INCOME_VALUES)).toBe(true);
  });

  it("same seed and run give bit-identical counters; another run differs", () => {
    const shape = { households: 5_000, years: 10, villageSize: 40 };
    const a = incomeWorkspace(shape);
    const b = incomeWorkspace(shape);
    simulateIncomeRun(DEFAULT_INCOME_VALUES, OFFICIAL_RULES, a, 5, 3);
    simulateIncomeRun({ ...DEFAULT_INCOME_VALUES, sigmaTransitory: 0.3 }, OFFICIAL_RULES, b, 5, 3); // dirty the scratch
    simulateIncomeRun(DEFAULT_INCOME_VALUES, OFFICIAL_RULES, b, 5, 3);
    expect(Array.from(b.acc)).toEqual(Array.from(a.acc));
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    const s1 = simulateIncome(DEFAULT_INCOME_VALUES, OFFICIAL_RULES, { ...shape, runs: 2, seed: 9 });
    const s2 = simulateIncome(DEFAULT_INCOME_VALUES, OFFICIAL_RULES, { ...shape, runs: 2, seed: 9 });
    expect(s2).toEqual(s1);
    simulateIncomeRun(DEFAULT_INCOME_VALUES, OFFICIAL_RULES, b, 5, 4);
    expect(Array.from(b.acc)).not.toEqual(Array.from(a.acc));
  });

  it("inclusion errors make up the declared share of the registered cohort; a two-year exit rule slows exits", () => {
    const sim = { households: 40_000, years: 6, villageSize: 50, runs: 4, seed: 3 };
    const s = simulateIncome(DEFAULT_INCOME_VALUES, { ...OFFICIAL_RULES, inclusionError: 0.2 }, sim);
    within(s.inclusionShare, 0.2);
    const one = simulateIncome(DEFAULT_INCOME_VALUES, OFFICIAL_RULES, sim);
    const two = simulateIncome(DEFAULT_INCOME_VALUES, { ...OFFICIAL_RULES, twoYearExit: true }, sim);
    expect(two.registeredFirstYearExit.value).toBeLessThan(one.registeredFirstYearExit.value);
    expect(two.adminRelapseWithin[2]!.value).toBeLessThan(one.adminRelapseWithin[2]!.value);
  });

  it("rejects malformed parameters", () => {
    const ws = incomeWorkspace({ households: 10, years: 3, villageSize: 5 });
    expect(() => simulateIncomeRun({ ...IID, rho: 1.2 }, OFFICIAL_RULES, ws, 1, 0)).toThrow(RangeError);
    expect(() => simulateIncomeRun({ ...IID, sigmaTransitory: -1 }, OFFICIAL_RULES, ws, 1, 0)).toThrow(RangeError);
    expect(() => simulateIncomeRun(IID, { ...OFFICIAL_RULES, inclusionError: 1 }, ws, 1, 0)).toThrow(RangeError);
    expect(() => incomeWorkspace({ households: 10, years: 1, villageSize: 5 })).toThrow(RangeError);
  });
});
