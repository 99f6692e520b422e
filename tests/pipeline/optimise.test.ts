/**
 * `fundsim optimise` against a case solved by hand, and its refusals.
 *
 * Two lines serve disjoint groups: A the 100 general households (5,000 a household), B the
 * 200 dibao households (10,000 a household), 1.5 M a year between them. Every household
 * served (one person each) is lifted from 1,000 to 5,000 (line 3,200) and exits; nothing else
 * moves incomes. People out = min(100, a/5,000) + min(200, b/10,000) with a + b = 1.5 M: A is
 * twice as cheap, so it gets exactly what serves all of it (0.5 M, a third), B the rest
 * (100 households): 200 people. The plan's 50 : 50 serves 100 + 75 = 175.
 */
import { describe, expect, it } from "vitest";
import { optimiseAllocation, splitTotals } from "../../src/pipeline/optimise.js";
import { scenarioFromObject } from "../../src/scenario/index.js";
import { unwrap } from "../../src/util/result.js";
import { yuan, sumOf } from "../../src/model/money.js";

const cohort = (id: string, segment: string, households: number) => ({
  id,
  segment,
  households,
  people: households,
  labourShare: 1,
  income: { dist: "uniform", min: 1000, max: 1000.5 },
});
const line = (id: string, kind: string, segment: string, cost: number) => ({
  id,
  kind,
  allocation: 750_000,
  unitCost: { amount: cost, per: "household" },
  eligibility: { segments: [segment] },
  effect: { successProbability: 1, uplift: { dist: "fixed", value: 5 } },
});
const raw = {
  fundsim: 1,
  meta: { id: "two-lines", name: { en: "Two lines", zh: "两个项目" }, jurisdiction: "Test", years: { start: 2017, end: 2017 }, language: "en" },
  population: { villages: { count: 4, poor: 2 }, cohorts: [cohort("a", "general", 100), cohort("b", "dibao", 200)] },
  poverty: { line: 3200 },
  income: { growth: 0, commonShock: { sigma: 0 }, idiosyncratic: { sigma: 0 } },
  funding: { sources: [{ id: "county", rule: { kind: "fixed", amount: 1_500_000 } }] },
  programmes: [line("cheap", "industry", "general", 5000), line("dear", "employment", "dibao", 10_000)],
  targets: { exits: { 2017: 190 } },
  simulation: { runs: 8, seed: 3 },
};

describe("fundsim optimise", () => {
  it("splits each year's total exactly to the fen", () => {
    const parts = splitTotals([yuan("1000000.01"), yuan(0)], [1 / 3, 2 / 3]);
    expect(sumOf([parts[0]![0]!, parts[1]![0]!]).toString()).toBe("1000000.01");
    expect(parts.map((p) => p[1]!.toString())).toEqual(["0", "0"]);
  });

  it.each([1, 2, 3])("finds the split solved by hand (a third to the cheaper line) and says what it gains on fresh runs (seed %i)", async (seed) => {
    const loaded = unwrap(scenarioFromObject(raw));
    const r = unwrap(await optimiseAllocation(loaded, { objective: "people-out", runs: 4, threads: 1, maxEvaluations: 60, seed }));
    const cheap = r.lines.find((l) => l.id === "cheap")!;
    expect(cheap.planShare).toBeCloseTo(0.5, 12);
    expect(Math.abs(cheap.share - 1 / 3)).toBeLessThan(0.01);
    // Whole households: within a household of the optimum on either side.
    expect(r.confirm.optimised.peopleOut.mean).toBeGreaterThanOrEqual(199);
    expect(r.confirm.plan.peopleOut.mean).toBe(175);
    expect(r.confirm.difference.mean).toBeGreaterThanOrEqual(24);
    expect(r.confirm.difference.better).toBe(4);
    // Money: the yearly total is kept to the fen.
    expect(sumOf(r.lines.map((l) => l.optimised[0]!)).toString()).toBe("1500000");
    expect(r.variant.set["programmes.cheap.allocation"]).toMatchObject({ value: { 2017: cheap.optimised[0]!.toNumber() } });
  });

  it("for the probability of the target, meets it in every run where the plan never does", async () => {
    const loaded = unwrap(scenarioFromObject(raw));
    const r = unwrap(await optimiseAllocation(loaded, { runs: 4, threads: 1, maxEvaluations: 40 }));
    expect(r.objective).toBe("p-all-targets");
    expect(r.confirm.plan.pAll?.p).toBe(0);
    expect(r.confirm.optimised.pAll?.p).toBe(1);
  });

  it("draws the budget frontier and finds the least money for the probability (min-cost), as solved by hand", async () => {
    const loaded = unwrap(scenarioFromObject(raw));
    const r = unwrap(await optimiseAllocation(loaded, { objective: "min-cost", probability: 0.8, frontier: [0.5, 1, 1.5], runs: 4, threads: 1, maxEvaluations: 40 }));
    const at = (scale: number, split: "plan" | "optimised") => r.frontier.find((f) => f.scale === scale && f.split === split)?.score?.peopleOut.mean;
    // Plan's shares: min(100, 150·k) + min(200, ⌊75·k⌋) at k × the money; a split s to the cheap line:
    // min(100, 300·s·k) + min(200, 150·(1 − s)·k). Any s in [0.267, 0.4] meets 190 at the plan's money.
    expect(at(0.5, "plan")).toBe(75 + 37);
    expect(at(1.5, "plan")).toBe(100 + 112);
    const s = r.lines.find((l) => l.id === "cheap")!.share;
    expect(s).toBeGreaterThanOrEqual(0.26);
    expect(s).toBeLessThanOrEqual(0.41);
    const people = (k: number): number => Math.min(100, 300 * s * k) + Math.min(200, 150 * (1 - s) * k);
    expect(Math.abs(at(0.5, "optimised")! - people(0.5))).toBeLessThanOrEqual(2);
    expect(Math.abs(at(1.5, "optimised")! - people(1.5))).toBeLessThanOrEqual(2);
    // Above the plan's money the extra comes from an added source: the ledger balances, the point is feasible.
    expect(r.frontier.every((f) => f.feasible)).toBe(true);
    // 190 people out: no split does it below 0.95 × the money (a third), the split found needs at most
    // the plan's money, the plan's shares 1.2 ×; bisection to 1/128 of the bracket.
    expect(r.minCost?.optimised?.scale).toBeGreaterThanOrEqual(0.94);
    expect(r.minCost?.optimised?.scale).toBeLessThanOrEqual(1);
    expect(r.minCost?.plan?.scale).toBeGreaterThanOrEqual(1.2);
    expect(r.minCost?.plan?.scale).toBeLessThan(1.2 + 1 / 128 + 1e-9);
    expect(r.minCost?.plan?.score.pAll?.p).toBe(1);
  });

  it("refuses what it cannot do, saying why", async () => {
    const loaded = unwrap(scenarioFromObject(raw));
    const refused = async (o: Parameters<typeof optimiseAllocation>[1]) => {
      const r = await optimiseAllocation(loaded, { runs: 2, threads: 1, maxEvaluations: 4, ...o });
      if (r.ok || r.error.kind !== "setup") expect.fail("expected a setup refusal");
      return r.error.issues.map((i) => i.code);
    };
    expect(await refused({ lines: ["cheap", "nowhere"] })).toEqual(["unknownLine"]);
    expect(await refused({ lines: ["cheap"] })).toEqual(["tooFewLines"]);
    expect(await refused({ bounds: [{ id: "cheap", min: 0.7, max: 0.9 }, { id: "dear", min: 0.5, max: 1 }] })).toEqual(["boundsInfeasible"]);
    expect(await refused({ bounds: [{ id: "cheap", min: 0.5, max: 0.2 }] })).toEqual(["badBound"]);
    expect(await refused({ objective: "min-cost", probability: 1 })).toEqual(["badProbability"]);
    expect(await refused({ frontier: [0.5, 9] })).toEqual(["badScale"]);
    const noTargets = unwrap(scenarioFromObject({ ...raw, targets: undefined }));
    const r = await optimiseAllocation(noTargets, { objective: "p-all-targets", runs: 2, threads: 1 });
    expect(!r.ok && r.error.kind === "setup" && r.error.issues[0]?.code).toBe("noTargets");
  });

  it("moves a line of one-off unit costs × planned units as an allocation; not one paid every year", async () => {
    const { allocation: _planned, ...rest } = line("dear", "employment", "dibao", 10_000);
    const dear: Record<string, unknown> = { ...rest, units: 75 }; // 75 × 10,000 = the plan's 750,000
    const units = { ...raw, programmes: [raw.programmes[0]!, dear] };
    const r = unwrap(await optimiseAllocation(unwrap(scenarioFromObject(units)), { objective: "people-out", runs: 2, threads: 1, maxEvaluations: 40 }));
    expect(r.lines.map((l) => l.id)).toEqual(["cheap", "dear"]);
    expect(Math.abs(r.lines[0]!.share - 1 / 3)).toBeLessThan(0.01);
    expect(r.confirm.optimised.peopleOut.mean).toBeGreaterThanOrEqual(199);
    dear["enrolment"] = "yearly";
    const yearly = await optimiseAllocation(unwrap(scenarioFromObject(units)), { objective: "people-out", runs: 2, threads: 1, maxEvaluations: 4 });
    expect(!yearly.ok && yearly.error.kind === "setup" && yearly.error.issues.map((i) => i.code)).toEqual(["tooFewLines"]);
  });

  it("keeps a line within its bounds", async () => {
    const loaded = unwrap(scenarioFromObject(raw));
    const r = unwrap(await optimiseAllocation(loaded, { objective: "people-out", runs: 2, threads: 1, maxEvaluations: 40, bounds: [{ id: "cheap", min: 0.5, max: 0.8 }] }));
    const cheap = r.lines.find((l) => l.id === "cheap")!;
    expect(cheap.share).toBeGreaterThanOrEqual(0.5);
    // At 0.5 or more the cheap line is full; the best is the least it may get.
    expect(cheap.share).toBeLessThan(0.51);
  });
});
