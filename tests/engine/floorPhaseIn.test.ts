/**
 * A floor reaching its standard village by village (programmes[].phaseIn): before a
 * village's year its floor pays `before` × the standard. Share 1 is the floor without a
 * phase-in, run for run; share 0 pays nothing until the village's year; in between, the
 * year's top-ups grow as the villages join (4 villages over 2017–2019: 2, 1, 1).
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
});

async function topUps(phaseIn: Record<string, unknown> | undefined): Promise<{ data: Float64Array; byYear: number[] }> {
  const raw = structuredClone(base);
  raw.programmes.push({ id: "floor", kind: "floor", eligibility: { segments: ["dibao"] }, standard: 3600, ...(phaseIn ? { phaseIn: { assumption: "test", ...phaseIn } } : {}) });
  const loaded = unwrap(scenarioFromObject(raw));
  const r = unwrap(await simulateScenario(loaded, { runs: 20, seed: 5, threads: 1, fixedPopulation: true }));
  const byYear = r.results.years.map((_, y) => {
    const c = yearColumn(r.results, "floorTopUps", y) as Float64Array;
    return c.reduce((a, b) => a + b, 0) / c.length;
  });
  return { data: r.results.data, byYear };
}

describe("floor phase-in", () => {
  it("before = 1 is the floor without a phase-in, run for run", async () => {
    const plain = await topUps(undefined);
    const full = await topUps({ from: 2017, to: 2019, before: 1 });
    expect(Array.from(full.data)).toEqual(Array.from(plain.data));
  });

  it("before = 0 pays nothing until the villages' year; villages join in equal shares", async () => {
    const plain = await topUps(undefined);
    const late = await topUps({ from: 2018, to: 2018, before: 0 });
    expect(late.byYear[0]).toBe(0);
    expect(late.byYear[1]).toBeGreaterThan(0);
    const spread = await topUps({ from: 2017, to: 2019, before: 0 });
    // 2017: villages 0 and 1 of 4; 2018: villages 0–2; 2019: all.
    expect(spread.byYear[0]).toBeGreaterThan(0.3 * plain.byYear[0]!);
    expect(spread.byYear[0]).toBeLessThan(0.7 * plain.byYear[0]!);
    expect(spread.byYear[1]).toBeGreaterThan(spread.byYear[0]!);
    expect(spread.byYear[1]).toBeLessThan(plain.byYear[1]!);
  });
});
