/**
 * A floor that reaches everyone (programmes[].reach: everyone) and a floor that covers a
 * share of villages by year (programmes[].coverage): the monitoring floor of the national
 * back-test (防返贫 monitoring supports households found below the line in the year it finds
 * them, registered or not). With a floor at the line for every segment that reaches
 * everyone, nobody is below the line and nobody is newly registered; reaching registered
 * households only, the near-poor who fall below it are; coverage 0 pays nothing, and a
 * coverage that rises moves the top-ups with it.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { scenarioFromObject } from "../../src/scenario/index.js";
import { yearColumn } from "../../src/results/columns.js";
import { unwrap } from "../../src/util/result.js";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let base: Raw;
beforeAll(async () => {
  base = parseYaml(await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as Raw;
  base.population.cohorts.push({ id: "near", segment: "general", registered: false, households: 300, people: 900, labourShare: 1, income: { dist: "uniform", min: 3200, max: 4200 } });
  base.poverty.verification = { inflow: true };
});

type Means = Record<"topUps" | "below" | "newReg", number[]>;
async function run(floor: Record<string, unknown>): Promise<Means> {
  const raw = structuredClone(base);
  raw.programmes.push({ id: "floor", kind: "floor", ...floor });
  const loaded = unwrap(scenarioFromObject(raw));
  const r = unwrap(await simulateScenario(loaded, { runs: 20, seed: 5, threads: 1 }));
  const mean = (metric: string): number[] =>
    r.results.years.map((_, y) => {
      const c = yearColumn(r.results, metric, y) as Float64Array;
      return c.reduce((a, b) => a + b, 0) / c.length;
    });
  return { topUps: mean("floorTopUps"), below: mean("belowLinePeople"), newReg: mean("newlyRegistered") };
}

describe("floor reach and village coverage", () => {
  it("a floor at the line that reaches everyone leaves nobody below it and registers nobody", async () => {
    const all = await run({ reach: "everyone" });
    expect(all.below).toEqual([0, 0, 0]);
    expect(all.newReg).toEqual([0, 0, 0]);
    const registered = await run({});
    // The near-poor fall below the line and are registered; the floor lifts them from the next year.
    expect(registered.below[0]).toBeGreaterThan(50);
    expect(registered.newReg[0]).toBeGreaterThan(10);
    expect(all.topUps[0]).toBeGreaterThan(registered.topUps[0]!);
  });

  it("coverage 0 pays nothing; rising coverage pays more each year, and full coverage is the floor without it", async () => {
    const none = await run({ reach: "everyone", coverage: 0 });
    expect(none.topUps).toEqual([0, 0, 0]);
    const full = await run({ reach: "everyone" });
    const fullByCoverage = await run({ reach: "everyone", coverage: 1 });
    expect(fullByCoverage).toEqual(full);
    // 4 villages: none in 2017, villages 0–1 in 2018, all in 2019.
    const rising = await run({ reach: "everyone", coverage: { 2017: 0, 2018: 0.5, 2019: 1 } });
    expect(rising.topUps[0]).toBe(0);
    expect(rising.topUps[1]).toBeGreaterThan(0);
    expect(rising.below[1]).toBeGreaterThan(0);
    expect(rising.below[2]).toBe(0);
  });
});
