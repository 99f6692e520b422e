import { describe, expect, it } from "vitest";
import { blankProgramme } from "../../src/engine/model.js";
import type { EngineModel } from "../../src/engine/model.js";
import { modelMetrics, prepareModelKernel } from "../../src/engine/run.js";
import { creditPool, referenceAsEngineModel, referencePopulation } from "./fixtures.js";

const h = referencePopulation(3_000, 12);
const Y = 3;
const training = (capacity: number, success: number) => ({
  ...blankProgramme("training", Y),
  capacity: Float64Array.of(capacity, capacity, 0),
  unitCost: Float64Array.of(300, 300, 300),
  effect: { successProbability: success, mode: "multiplicative" as const, uplift: { kind: "lognormal" as const, a: 1.2, b: 0.2, c: 0 }, lagYears: 0, decay: 0.1 },
});
const model = (capacity: number, success = 0.6): EngineModel => {
  const base = referenceAsEngineModel(Y);
  return { ...base, disasterProbability: Float64Array.of(0.5, 0.5, 0.5), disasterVillageShare: 0.3, disasterLoss: 0.2, programmes: [...base.programmes, training(capacity, success)], pools: [creditPool(300, 0.03, 0.1, 0.45, Y)] };
};
const run = (m: EngineModel): Float64Array => prepareModelKernel({ model: m, households: h })({ seed: 4, runStart: 0, runEnd: 6 });
const column = (m: EngineModel, d: Float64Array, k: string): number[] => {
  const nm = modelMetrics(m).length;
  const j = modelMetrics(m).indexOf(k);
  return Array.from({ length: d.length / nm }, (_, i) => d[i * nm + j] as number);
};

describe("common random numbers across variants", () => {
  it("a variant identical to the baseline differs by exactly zero", () => {
    const a = run(model(400));
    const b = run(structuredClone(model(400)));
    for (let i = 0; i < a.length; i++) expect(b[i]! - a[i]!).toBe(Object.is(a[i], Number.NaN) ? Number.NaN : 0);
  });

  it("changing one programme's allocation leaves every shock identical", () => {
    // Without an effect, a bigger allocation changes spending only: incomes, exits, defaults are the same draws.
    const a = model(400, 0);
    const b = model(900, 0);
    const da = run(a);
    const db = run(b);
    for (const k of ["exitRate", "newExits", "relapses", "meanIncome", "defaults", "poolLoss", "interestSubsidy"]) expect(column(b, db, k)).toEqual(column(a, da, k));
    expect(column(b, db, "spend:training")).not.toEqual(column(a, da, "spend:training"));
  });

  it("with an effect, the allocation moves exits but not the credit shocks", () => {
    const a = model(400);
    const b = model(900);
    const da = run(a);
    const db = run(b);
    expect(column(b, db, "defaults")).toEqual(column(a, da, "defaults"));
    const ea = column(a, da, "exitRate");
    const eb = column(b, db, "exitRate");
    // Paired difference: every run-year gains (or ties) from serving more households.
    const gains = eb.map((x, i) => x - (ea[i] as number));
    expect(gains.reduce((s, g) => s + g, 0)).toBeGreaterThan(0);
  });
});

describe("common random numbers with unknown parameters", () => {
  it("variants draw the same unknowns in the same run: a change that moves only the subsidy leaves exits identical, run by run", async () => {
    const { loadScenario } = await import("../../src/scenario/load.js");
    const { compareVariants } = await import("../../src/pipeline/compare.js");
    const file = "scenarios/linghai-2017.yaml";
    const base = (await loadScenario(file));
    const rate = (await loadScenario(file, { sets: ["creditPools.risk-fund.loan.rate=0.06"] }));
    if (!base.ok || !rate.ok) throw new Error("Linghai does not load");
    expect(base.value.scenario.unknowns.length).toBeGreaterThan(0);
    const c = await compareVariants([{ name: "baseline", loaded: base.value }, { name: "rate", loaded: rate.value }], { runs: 6, threads: 1 });
    if (!c.ok) throw new Error("compare failed");
    const [a, b] = c.value.variants.map((v) => v.set.results);
    const col = (r: NonNullable<typeof a>, k: string) => {
      const j = r.metrics.indexOf(k);
      return Array.from({ length: r.runs * r.years.length }, (_, i) => r.data[i * r.metrics.length + j] as number);
    };
    for (const k of ["exitedPeople", "relapses", "meanIncome", "defaults", "poolLoss"]) expect(col(b!, k)).toEqual(col(a!, k));
    expect(col(b!, "interestSubsidy")).not.toEqual(col(a!, "interestSubsidy"));
    // The unknowns do move outcomes between runs (they are drawn, not fixed).
    const exits = col(a!, "exitedPeople");
    expect(new Set(exits).size).toBeGreaterThan(1);
  });
});
