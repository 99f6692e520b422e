import { describe, expect, it } from "vitest";
import { engineBytesPerHousehold, modelMetrics, prepareModelKernel } from "../../src/engine/run.js";
import { REFERENCE_MODEL } from "../../src/engine/reference.js";
import { baseEngineModel, blankProgramme, ANY_ELIGIBLE } from "../../src/engine/model.js";
import { CORE_METRICS } from "../../src/model/results.js";
import { SEGMENTS } from "../../src/model/households.js";
import { meanAndSe, referenceExitFraction } from "./referenceAnalytic.js";
import { referenceAsEngineModel, referencePopulation } from "./fixtures.js";

describe("full model kernel", () => {
  it("reproduces the reference model's exit fractions within 4 Monte-Carlo standard errors", () => {
    const h = referencePopulation(20_000, 3);
    const m = referenceAsEngineModel();
    const metrics = modelMetrics(m);
    const RUNS = 40;
    const data = prepareModelKernel({ model: m, households: h })({ seed: 21, runStart: 0, runEnd: RUNS });
    const e = metrics.indexOf("exitRate");
    // The population's labour share is fixed (not redrawn per run): use it in the analytic value.
    let lab = 0;
    for (let i = 0; i < h.count; i++) lab += h.labour[i] as number;
    const ref = { ...REFERENCE_MODEL, labourProbability: lab / h.count };
    const y1 = meanAndSe(data, RUNS, 5, metrics.length, e, [0]);
    const y25 = meanAndSe(data, RUNS, 5, metrics.length, e, [1, 2, 3, 4]);
    expect(Math.abs(y1.mean - referenceExitFraction(ref, 0))).toBeLessThan(4 * y1.se);
    expect(Math.abs(y25.mean - referenceExitFraction(ref, 1))).toBeLessThan(4 * y25.se);
  });

  it("keeps engine state within 64 bytes per household (counted and measured)", () => {
    const m = referenceAsEngineModel();
    expect(engineBytesPerHousehold(m)).toBeLessThanOrEqual(64);
    expect(engineBytesPerHousehold({ ...m, idioPersistence: 0.5 })).toBeLessThanOrEqual(64);
    const n = 200_000;
    const h = referencePopulation(n, 1);
    const before = process.memoryUsage().arrayBuffers;
    const run = prepareModelKernel({ model: { ...m, idioPersistence: 0.5 }, households: h });
    const after = process.memoryUsage().arrayBuffers;
    // Engine state plus the programme's candidate list (4 bytes per eligible household).
    expect((after - before) / n).toBeLessThanOrEqual(64 + 4);
    expect(run).toBeTypeOf("function");
  });

  it("lays out CORE_METRICS then spend:/served: per programme", () => {
    const m = referenceAsEngineModel();
    expect(modelMetrics(m)).toEqual([...CORE_METRICS, "spend:uplift", "served:uplift"]);
  });

  it("a floor programme lifts every eligible household to the exit line and pays exactly the gap", () => {
    const years = [2020];
    const h = referencePopulation(1_000, 2);
    for (let i = 0; i < h.count; i++) h.income[i] = 1000 + i; // all below the 3,300 line
    const floor = { ...blankProgramme("floor", 1, "floor"), eligibility: { ...ANY_ELIGIBLE, segmentMask: 1 << SEGMENTS.indexOf("dibao") } };
    const m = { ...baseEngineModel(years, 3300), programmes: [floor] };
    const metrics = modelMetrics(m);
    const d = prepareModelKernel({ model: m, households: h })({ seed: 1, runStart: 0, runEnd: 1 });
    let gap = 0;
    let dibaoH = 0;
    let dibaoP = 0;
    for (let i = 0; i < h.count; i++) {
      if (h.segment[i] !== 1) continue;
      dibaoH++;
      dibaoP += h.size[i] as number;
      gap += (3300 - (h.income[i] as number)) * (h.size[i] as number);
    }
    const v = (k: string): number => d[metrics.indexOf(k)] as number;
    expect(v("floorTopUps")).toBeCloseTo(gap, 0);
    expect(v("spend:floor")).toBe(v("floorTopUps"));
    expect(v("served:floor")).toBe(dibaoH);
    expect(v("exitedPeople")).toBe(dibaoP);
    expect(v("poorHouseholds")).toBe(h.count - dibaoH);
  });

  it("programmes never serve more than their capacity, poorest first", () => {
    const years = [2020, 2021];
    const h = referencePopulation(5_000, 4);
    for (let i = 0; i < h.count; i++) h.income[i] = 500 + ((i * 7919) % 2000);
    const p = {
      ...blankProgramme("grant", 2),
      unit: "person" as const,
      capacity: Float64Array.of(1000, 500),
      unitCost: Float64Array.of(100, 100),
      recurringYears: 2,
      effect: { successProbability: 1, mode: "additive" as const, uplift: { kind: "fixed" as const, a: 5000, b: 0, c: 0 }, lagYears: 0, decay: 0 },
    };
    const m = { ...baseEngineModel(years, 3300), programmes: [p] };
    const metrics = modelMetrics(m);
    const d = prepareModelKernel({ model: m, households: h })({ seed: 3, runStart: 0, runEnd: 1 });
    const at = (y: number, k: string): number => d[y * metrics.length + metrics.indexOf(k)] as number;
    expect(at(0, "served:grant")).toBeLessThanOrEqual(1000);
    expect(at(0, "served:grant")).toBeGreaterThan(990);
    expect(at(1, "served:grant")).toBeLessThanOrEqual(500);
    // Recurring for two years: the second year pays both cohorts.
    expect(at(1, "spend:grant")).toBeCloseTo((at(0, "served:grant") + at(1, "served:grant")) * 100, 6);
    // Everyone served exits (additive 5,000 lifts anyone above 3,300): exits in people equal people served.
    expect(at(0, "newExits")).toBe(at(0, "served:grant"));
  });
});

describe("year-one selections reused across runs", () => {
  it("a run gives the same numbers whether its kernel computed year one's selection in it or replayed it from an earlier run", () => {
    const years = [2020, 2021, 2022];
    const h = referencePopulation(4_000, 5);
    for (let i = 0; i < h.count; i++) h.income[i] = 500 + ((i * 7919) % 4000);
    const grant = {
      ...blankProgramme("grant", 3),
      capacity: Float64Array.of(900, 300, 0),
      unitCost: Float64Array.of(100, 100, 100),
      effect: { successProbability: 0.6, mode: "multiplicative" as const, uplift: { kind: "lognormal" as const, a: 1.3, b: 0.2, c: 0 }, lagYears: 0, decay: 0.1 },
    };
    const cash = { ...grant, id: "cash", capacity: Float64Array.of(700, 0, 0), effect: { ...grant.effect, mode: "additive" as const, uplift: { kind: "fixed" as const, a: 800, b: 0, c: 0 } } };
    const m = { ...baseEngineModel(years, 3300), idioSigma: 0.2, programmes: [grant, cash] };
    const per = years.length * modelMetrics(m).length;
    const all = prepareModelKernel({ model: m, households: h })({ seed: 8, runStart: 0, runEnd: 4 });
    const alone = prepareModelKernel({ model: m, households: h })({ seed: 8, runStart: 3, runEnd: 4 });
    expect(Array.from(alone)).toEqual(Array.from(all.subarray(3 * per, 4 * per)));
    // With per-run noise on base incomes the year-one selection differs between runs (nothing is reused).
    const noisy = { ...m, baseIncomeSigma: 0.3 };
    const a = prepareModelKernel({ model: noisy, households: h })({ seed: 8, runStart: 0, runEnd: 3 });
    const b = prepareModelKernel({ model: noisy, households: h })({ seed: 8, runStart: 2, runEnd: 3 });
    expect(Array.from(b)).toEqual(Array.from(a.subarray(2 * per, 3 * per)));
  });
});

describe("model checks", () => {
  it("rejects a malformed EngineModel with a message naming the field (a bug in its builder)", () => {
    const h = referencePopulation(10, 1);
    const m = referenceAsEngineModel();
    expect(() => prepareModelKernel({ model: { ...m, growth: new Float64Array(2) }, households: h })).toThrow(/growth must have one value per year/);
    const bad = { ...m.programmes[0]!, capacity: new Float64Array(1) };
    expect(() => prepareModelKernel({ model: { ...m, programmes: [bad] }, households: h })).toThrow(/programme uplift/);
  });
});
