import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { checkParams, defaultParams, mergeDesignShards, parseParamArg, pointEvaluator, runSensitivity, sensitivityDesignShard } from "../../src/pipeline/sensitivity.js";
import { unwrap } from "../../src/util/result.js";

const MINIMAL = "tests/fixtures/minimal.yaml";
const RATE = "creditPools.pool.loan.rate";
const ALLOCATION = "programmes.industry.allocation";

describe("runSensitivity: tornado", () => {
  it("an inert parameter swings by exactly zero with zero SE; an industry allocation raises exits", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const r = unwrap(await runSensitivity(loaded, { method: "tornado", params: [`${RATE}=0.03:0.06`, `${ALLOCATION}=200000:4000000`], runs: 12, threads: 1 }));
    expect(r.result.method).toBe("tornado");
    if (r.result.method !== "tornado") return;
    const bar = (name: string) => r.result.method === "tornado" && r.result.tornado.bars.find((b) => r.inputs[b.input]?.name === name);
    // The loan rate moves only the interest subsidy: exits are identical run by run.
    const rate = bar(RATE);
    expect(rate && [rate.lowEffect, rate.lowSe, rate.highEffect, rate.highSe, rate.swing, rate.swingSe]).toEqual([0, 0, 0, 0, 0, 0]);
    const alloc = bar(ALLOCATION);
    expect(alloc && alloc.swing).toBeGreaterThan(0);
    expect(alloc && alloc.lowEffect).toBeLessThan(0);
    expect(alloc && alloc.highEffect).toBeGreaterThanOrEqual(0);
    expect(r.evaluations).toBe(5);
    expect(r.rebuiltPopulation).toBe(false);
  });

  it("the loan rate is not dead: it moves the interest subsidy", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const r = unwrap(await runSensitivity(loaded, { method: "tornado", params: [`${RATE}=0.03:0.06`], metric: "interestSubsidy", year: "horizon", runs: 4, threads: 1 }));
    expect(r.result.method === "tornado" && r.result.tornado.bars[0]!.swing).toBeGreaterThan(0);
  });

  it("without --param varies every allocation ±20% and the pools' pd and lgd ±50%", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    expect(defaultParams(loaded.raw)).toEqual([
      { path: ALLOCATION, low: 1_600_000, high: 2_400_000 },
      { path: "creditPools.pool.pd", low: 0.01, high: 0.03 },
      { path: "creditPools.pool.lgd", low: 0.225, high: 0.675 },
    ]);
    const r = unwrap(await runSensitivity(loaded, { method: "tornado", runs: 3, threads: 1 }));
    expect(r.inputs.every((i) => i.isDefault)).toBe(true);
    expect(r.evaluations).toBe(7);
  });
});

describe("pointEvaluator: common random numbers", () => {
  it("the same design point twice gives identical per-run arrays; another point differs", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const ev = pointEvaluator(loaded, [ALLOCATION, "income.growth"], { metric: "exitedPeople", year: 2019, runs: 6, seed: 11, threads: 1 });
    const a = unwrap(await ev.evaluate([2_500_000, 0.05]));
    const b = unwrap(await ev.evaluate([2_500_000, 0.05]));
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(a.length).toBe(6);
    const c = unwrap(await ev.evaluate([2_500_000, 0.12]));
    expect(Array.from(c)).not.toEqual(Array.from(a));
    expect(ev.count()).toBe(3);
  });

  it("rebuilds the population only when a varied path is under population", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const opts = { metric: "exitedPeople", year: 2019 as const, runs: 2, seed: 1, threads: 1 };
    expect(pointEvaluator(loaded, ["population.cohorts.general.households"], opts).rebuildsPopulation).toBe(true);
    expect(pointEvaluator(loaded, [ALLOCATION], opts).rebuildsPopulation).toBe(false);
  });
});

describe("checkParams", () => {
  it("locates every bad --param: syntax, path, not a number, empty range, invalid at an end, fixed sections", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    expect(parseParamArg("programmes.industry.allocation")).toEqual({ ok: false, error: { code: "paramSyntax", arg: "programmes.industry.allocation" } });
    const specs = [
      { path: "programmes.nosuch.allocation", low: 1, high: 2 },
      { path: "poverty.line", low: 1, high: 2 },
      { path: "creditPools.pool.pd", low: 0.05, high: 0.01 },
      { path: "creditPools.pool.pd", low: 0.01, high: 1.5 },
      { path: "simulation.runs", low: 1, high: 2 },
    ];
    const r = checkParams(loaded, specs.slice(0, 3), false);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => i.code)).toEqual(["paramPath", "paramNotNumber", "paramRange"]);
    expect(r.error[0]).toMatchObject({ at: "programmes", missing: "nosuch" });
    const invalid = checkParams(loaded, [specs[3]!], false);
    expect(!invalid.ok && invalid.error[0]).toMatchObject({ code: "paramInvalid", side: "high", value: 1.5 });
    const fixed = checkParams(loaded, [specs[4]!], false);
    expect(!fixed.ok && fixed.error[0]?.code).toBe("paramFixed");
  });

  it("refuses an unknown metric (listing valid names), a year outside the horizon and bad sample sizes", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const r = await runSensitivity(loaded, { method: "sobol", params: [`${RATE}=0.03:0.06`], metric: "exits", year: "2030", samples: 48, runs: 2 });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== "setup") return;
    expect(r.error.issues.map((i) => i.code)).toEqual(["unknownMetric", "yearOutsideHorizon", "samplesInvalid"]);
    const unknown = r.error.issues[0];
    expect(unknown?.code === "unknownMetric" && unknown.valid).toContain("exitedPeople");
  });
});

describe("runSensitivity: Morris and Sobol", () => {
  it("Morris gives μ* ≥ |μ| per parameter and zero for the inert one; Sobol gives indices with intervals", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const params = [`${RATE}=0.03:0.06`, `${ALLOCATION}=200000:4000000`];
    const m = unwrap(await runSensitivity(loaded, { method: "morris", params, runs: 4, samples: 3, threads: 1 }));
    expect(m.evaluations).toBe(3 * 3);
    if (m.result.method !== "morris") throw new Error("morris");
    expect(m.result.indices.muStar[0]).toBe(0);
    expect(m.result.indices.muStar[1]).toBeGreaterThan(0);
    const s = unwrap(await runSensitivity(loaded, { method: "sobol", params, runs: 3, samples: 8, threads: 1 }));
    expect(s.evaluations).toBe(8 * 4);
    if (s.result.method !== "sobol") throw new Error("sobol");
    expect(s.result.indices.total[0]).toBe(0);
    expect(s.result.indices.totalCi[1]![0]).toBeLessThanOrEqual(s.result.indices.total[1]!);
  });
});

describe("sensitivityDesignShard and mergeDesignShards: a study's design rows on several machines", () => {
  it("Morris and Sobol rows computed in shards (any order) give the single-machine study exactly; gaps and other studies refused", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const params = [`${RATE}=0.03:0.06`, `${ALLOCATION}=200000:4000000`];
    for (const [method, samples, runs] of [["morris", 3, 4], ["sobol", 4, 3]] as const) {
      const o = { method, params, runs, samples, threads: 1 };
      const whole = unwrap(await runSensitivity(loaded, o));
      const parts = [];
      for (const index of [2, 0, 1]) parts.push(unwrap(await sensitivityDesignShard(loaded, { ...o, index, of: 3 })));
      const rows = unwrap(mergeDesignShards(parts));
      expect(rows.length).toBe(whole.evaluations);
      const joined = unwrap(await runSensitivity(loaded, { ...o, rowOutputs: rows }));
      expect(joined.result).toEqual(whole.result);
      expect(joined.evaluations).toBe(whole.evaluations);
      const gap = mergeDesignShards([parts[0]!, parts[2]!]);
      expect(!gap.ok && gap.error.code).toBe("missingRows");
      const other = unwrap(await sensitivityDesignShard(loaded, { ...o, seed: 99, index: 1, of: 3 }));
      const mixed = mergeDesignShards([parts[0]!, parts[1]!, other]);
      expect(!mixed.ok && mixed.error).toEqual({ code: "differentStudy", field: "seed" });
    }
  });
});
