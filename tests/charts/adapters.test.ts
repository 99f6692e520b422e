import { describe, expect, it } from "vitest";
import { CORE_METRICS, type RunResults } from "../../src/model/results.js";
import { summarize } from "../../src/results/summarize.js";
import { pairedDifferences } from "../../src/results/paired.js";
import {
  cumulativeDepletion,
  exitTargetProbabilityInput,
  exitsFanInput,
  exitsVsCostInput,
  lendingInput,
  poolLossInput,
  subsidyInput,
  resultsChartData,
  targetProbabilityInput,
  variantDifferencesInput,
} from "../../src/charts/adapters.js";
import { buildCharts } from "../../src/charts/registry.js";

const years = [2017, 2018, 2019];

/** Deterministic results: run r has cumulative exits 1000·(y+1) + 10·r (900·(y+1) + 10·r out of poverty), pool losses in a few runs. */
function results(runs: number, exitShift = 0): RunResults {
  const metrics = [...CORE_METRICS];
  const nm = metrics.length;
  const data = new Float64Array(runs * years.length * nm);
  const set = (run: number, y: number, name: string, v: number): void => {
    data[(run * years.length + y) * nm + metrics.indexOf(name as (typeof CORE_METRICS)[number])] = v;
  };
  for (let r = 0; r < runs; r++) {
    for (let y = 0; y < years.length; y++) {
      set(r, y, "cumulativeExits", 1000 * (y + 1) + 10 * r + exitShift);
      // People out of poverty at year end: the stock (below the cumulative count by the re-exits after relapse).
      set(r, y, "exitedPeople", 900 * (y + 1) + 10 * r + exitShift);
      set(r, y, "fiscalCost", 1_000_000 + 1000 * r);
      set(r, y, "poolLoss", r % 10 === 0 ? 50_000 * (y + 1) : 0);
      set(r, y, "poolBalance", 9_900_000 - (r % 10 === 0 ? 50_000 * (y + 1) : 0));
      set(r, y, "poolDepleted", r === 0 && y === 1 ? 1 : 0);
      set(r, y, "loansOutstanding", 50_000_000);
      set(r, y, "interestSubsidy", 1_250_000);
    }
  }
  return { runs, years, metrics, data };
}

describe("results → chart inputs", () => {
  const r = results(100);
  const s = summarize(r, { targets: { exits: [1400, null, 3500] } });

  it("fan bands are the summary's quantiles and targets the plan's", () => {
    const fan = exitsFanInput(s)!;
    expect(fan.bands).toHaveLength(3);
    // The fan shows the target's measure, people out of poverty at year end, not the cumulative count.
    expect(fan.bands[0]!.median).toBeCloseTo(s.metrics["exitedPeople"]!.byYear[0]!.q50, 9);
    expect(fan.bands[0]!.median).toBeLessThan(s.metrics["cumulativeExits"]!.byYear[0]!.q50);
    expect(fan.bands[2]!.q05).toBeLessThan(fan.bands[2]!.q95);
    expect(fan.targets).toEqual([
      { year: 2017, value: 1400 },
      { year: 2019, value: 3500 },
    ]);
  });

  it("target probabilities match the share of runs over the target", () => {
    const tp = targetProbabilityInput(s)!;
    // Out of poverty (exitedPeople), year 1: 900 + 10r ≥ 1400 ⇔ r ≥ 50 → 50 of 100 runs; year 3:
    // 2700 + 10r ≥ 3500 ⇔ r ≥ 80 → 20. (The cumulative count would have said 60 and 50.)
    expect(tp.points.map((p) => p.probability)).toEqual([0.5, 0.2]);
    expect(tp.overall).toBe(0.2);
  });

  it("exit-target probabilities count people only, per year and all years in one run", () => {
    const tp = exitTargetProbabilityInput(r, [
      { year: 2017, value: 1400 },
      { year: 2019, value: 3500 },
    ])!;
    expect(tp.points.map((p) => p.probability)).toEqual([0.5, 0.2]);
    expect(tp.points[0]!.se).toBeCloseTo(Math.sqrt(0.25 / 100), 12);
    expect(tp.overall).toBe(0.2);
    expect(exitTargetProbabilityInput(r, [{ year: 2030, value: 1 }])).toBeUndefined();
  });

  it("depletion is cumulative over years", () => {
    expect(cumulativeDepletion(r)).toEqual([
      { year: 2017, value: 0 },
      { year: 2018, value: 0.01 },
      { year: 2019, value: 0.01 },
    ]);
  });

  it("pool losses are summed per run over the horizon", () => {
    const loss = poolLossInput(s, r)!;
    expect(loss.losses).toHaveLength(100);
    expect(loss.losses[0]).toBe(300_000);
    expect(loss.losses[1]).toBe(0);
    expect(loss.mean).toBeCloseTo(30_000, 6);
  });

  it("results alone give the exits, target and pool charts", () => {
    const kinds = buildCharts(resultsChartData(s, r), "zh").map((c) => c.kind);
    expect(kinds).toEqual(["exits-fan", "target-probability", "pool-fan", "pool-loss", "interest-subsidy"]);
    expect(resultsChartData(s, r, { pool: false })["pool-fan"]).toBeUndefined();
  });

  it("variants: differences and the exits/cost trade-off", () => {
    const b = results(100, 50);
    const sb = summarize(b, { targets: { exits: [1400, null, 3500] } });
    const paired = pairedDifferences(r, b, { targets: { exits: [1400, null, 3500] } });
    const d = variantDifferencesInput("baseline", [{ variant: "more", paired }]);
    const exits = d.rows.find((x) => x.metric === "exits")!;
    expect(exits.mean).toBeCloseTo(50, 9);
    expect(exits.lo).toBeCloseTo(50, 9);
    expect(d.rows.find((x) => x.metric === "targetProbability")!.mean).toBeCloseTo(0.05, 9);
    const t = exitsVsCostInput([
      { name: "baseline", summary: s },
      { name: "more", summary: sb },
    ]);
    expect(t.points[1]!.exits.median - t.points[0]!.exits.median).toBeCloseTo(50, 9);
    // Variants are compared on people out of poverty at the end, not on the cumulative count.
    expect(t.points[0]!.exits.median).toBeCloseTo(s.metrics["exitedPeople"]!.horizon.q50, 9);
    expect(t.points[0]!.exits.median).not.toBeCloseTo(s.metrics["cumulativeExits"]!.horizon.q50, 0);
    expect(t.points[0]!.cost.median).toBeCloseTo(3 * (1_000_000 + 1000 * 49.5), 0);
  });
});

describe("charts with nothing to show are left out", () => {
  it("no subsidy, no lending and no losses give no subsidy, lending or loss chart", () => {
    const metrics = [...CORE_METRICS];
    const r: RunResults = { runs: 10, years, metrics, data: new Float64Array(10 * years.length * metrics.length) };
    const s = summarize(r);
    const zero = years.map((year) => ({ year, value: 0 }));
    expect(subsidyInput(s, zero)).toBeUndefined();
    expect(lendingInput(s, zero, zero)).toBeUndefined();
    expect(poolLossInput(s, r)).toBeUndefined();
    expect(subsidyInput(s, [{ year: 2017, value: 5 }])).toBeDefined();
  });
});

describe("lending chart: suspension", () => {
  it("carries the share of runs suspended at each year's end and writes it above the bars", async () => {
    const metrics = [...CORE_METRICS];
    const runs = 10;
    const data = new Float64Array(runs * years.length * metrics.length);
    const k = (m: string) => metrics.indexOf(m as (typeof CORE_METRICS)[number]);
    for (let r = 0; r < runs; r++)
      for (let y = 0; y < years.length; y++) {
        const o = (r * years.length + y) * metrics.length;
        data[o + k("loansOutstanding")] = 1e6;
        data[o + k("suspended")] = y === 1 && r < 5 ? 1 : 0; // half the runs suspended at the end of 2018
      }
    const s = summarize({ runs, years, metrics, data });
    const input = lendingInput(s, years.map((year) => ({ year, value: 5e6 })));
    expect(input?.suspended).toEqual([{ year: 2017, value: 0 }, { year: 2018, value: 0.5 }, { year: 2019, value: 0 }]);
    const { lendingChart } = await import("../../src/charts/lending.js");
    const spec = JSON.stringify(lendingChart(input!, "en"));
    expect(spec).toContain("suspended 50%");
    expect(JSON.stringify(lendingChart(input!, "zh"))).toContain("暂停 50%");
    // Never suspended: no labels.
    const none = lendingInput(summarize({ runs, years, metrics, data: data.map((v, i) => (i % metrics.length === k("suspended") ? 0 : v)) }), years.map((year) => ({ year, value: 5e6 })));
    expect(none?.suspended).toBeUndefined();
  });
});
