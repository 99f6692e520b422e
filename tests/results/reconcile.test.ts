import { describe, expect, it } from "vitest";
import { buildLedger } from "../../src/ledger/build.js";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { reconcileSpending } from "../../src/results/reconcile.js";
import { loadScenario } from "../../src/scenario/load.js";
import { unwrap } from "../../src/util/result.js";

const MINIMAL = "tests/fixtures/minimal.yaml";

// One population for every run: the fixture's 60 relocated people are about all its remote
// households hold, so a redrawn population can fall a few people short (see the last test).
async function rowsFor(file: string, sets: string[] = [], runs = 20, fixedPopulation = true) {
  const loaded = unwrap(await loadScenario(file, { sets }));
  const set = unwrap(await simulateScenario(loaded, { runs, seed: 3, threads: 1, fixedPopulation }));
  return { rows: set.spending ?? [], ledger: buildLedger(loaded.scenario), set };
}

describe("reconcileSpending", () => {
  it("the pipeline reconciles every programme year with the ledger; the figures are the summary's and the ledger's", async () => {
    const { rows, ledger, set } = await rowsFor(MINIMAL);
    expect(rows).toEqual(reconcileSpending(ledger, set.summary));
    const industry = rows.filter((r) => r.item === "programme" && r.id === "industry");
    expect(industry.map((r) => r.year)).toContain(2017);
    for (const r of industry) {
      const y = ledger.years.indexOf(r.year);
      expect(r.budgeted).toBe(ledger.programmes.find((p) => p.id === "industry")!.byYear[y]!.allocation.toNumber());
      expect(r.mean).toBe(set.summary.metrics["spend:industry"]!.byYear[y]!.mean);
      expect(r.difference).toBeCloseTo(r.mean - r.budgeted, 6);
      expect(r.q05).toBeLessThanOrEqual(r.q95);
    }
  });

  it("classifies lines: follow-up schedules paid as scheduled; an allocation larger than the eligible households can use is under", async () => {
    const { rows, ledger } = await rowsFor(MINIMAL);
    // The relocation programme is given by its schedules alone: its cohorts are relocated and paid.
    const follow = rows.filter((r) => r.item === "followUp");
    expect(follow.map((r) => r.year)).toEqual([...ledger.years]);
    for (const r of follow) {
      expect(r.status).toBe("asBudgeted");
      expect(r.budgeted).toBeGreaterThan(0);
    }
    // 2,000,000 a year buys 400 grants of 5,000, but fewer labour households are poor: the
    // first year spends what they take, later years find almost no one left to serve.
    const industry = rows.filter((r) => r.item === "programme" && r.id === "industry");
    expect(industry.map((r) => r.status)).toEqual(["under", "under", "under"]);
    expect(industry[0]!.mean).toBeGreaterThan(industry[1]!.mean);
    for (const r of rows) {
      if (r.status === "asBudgeted") expect(Math.abs(r.difference)).toBeLessThanOrEqual(Math.max(1, 0.005 * r.budgeted));
      if (r.status === "under") expect(r.difference).toBeLessThan(0);
      if (r.status === "over") expect(r.difference).toBeGreaterThan(0);
    }
    expect(rows.some((r) => r.item === "interestSubsidy")).toBe(true);
  });

  it("recurring costs: each year's allocation pays the earlier units first, at the cost of their year of support", async () => {
    const sets = [
      "programmes.industry.allocation={2017: 500000, 2018: 500000, 2019: 500000}",
      "programmes.industry.unitCost.amount={2017: 5000, 2018: 6000, 2019: 7000}",
      "programmes.industry.unitCost.recurringYears=3",
    ];
    const { rows } = await rowsFor(MINIMAL, sets);
    // 2017 buys 100 units at 5,000, paid 3 years at 5,000: the later allocations are used up by them.
    const industry = rows.filter((r) => r.id === "industry");
    expect(industry.map((r) => [r.year, r.budgeted, r.mean, r.status])).toEqual([
      [2017, 500_000, 500_000, "asBudgeted"],
      [2018, 500_000, 500_000, "asBudgeted"],
      [2019, 500_000, 500_000, "asBudgeted"],
    ]);
  });

  it("with the population redrawn per run, follow-up falls short in the runs whose remote households hold fewer people than the schedule relocates", async () => {
    const { rows } = await rowsFor(MINIMAL, [], 20, false);
    const follow = rows.filter((r) => r.item === "followUp");
    for (const r of follow) {
      expect(r.q95).toBeCloseTo(r.budgeted, 6); // the runs with people enough pay the schedule
      expect(r.q05).toBeLessThan(r.budgeted);
      expect(r.status).toBe("under");
    }
  });
});
