/**
 * The population redrawn in every run (engine/kernels.ts "modelRedrawn", the default of
 * `simulate`): run r is exactly the model kernel on run r's own population, whatever the
 * threads and chunks; rewriting a population in place gives the households a fresh build
 * gives; and the spread across runs carries the population draw — checked against the
 * binomial closed form where the draw is the only source of variance.
 */
import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { buildLedger } from "../../src/ledger/build.js";
import { engineModelFromScenario } from "../../src/engine/fromScenario.js";
import { simulateModel } from "../../src/engine/simulate.js";
import { buildCohorts } from "../../src/population/cohorts.js";
import { buildPopulation, populationSpec } from "../../src/population/synthetic.js";
import { normCdf } from "../../src/random/normal.js";
import { yearColumn } from "../../src/results/columns.js";
import { meanSd } from "../../src/results/stats.js";
import { scenarioFromObject } from "../../src/scenario/index.js";
import { unwrap } from "../../src/util/result.js";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const minimal = async (): Promise<Raw> => parseYaml(await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as Raw;

const prepared = (raw: Raw) => {
  const s = unwrap(scenarioFromObject(raw)).scenario;
  const households = unwrap(buildPopulation(s, { seed: 11 }));
  return { s, households, model: engineModelFromScenario(s, buildLedger(s), households), spec: populationSpec(s) };
};

const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("population redrawn per run", () => {
  it("run r is the model kernel on run r's population; the same on 1 or 2 threads and any chunk size", async () => {
    const { s, households, model, spec } = prepared(await minimal());
    const redrawn = await simulateModel(model, households, { runs: 6, seed: 11, threads: 1, redraw: spec });
    const per = model.years.length * redrawn.metrics.length;
    for (let r = 0; r < 6; r++) {
      const own = unwrap(buildPopulation(s, { seed: 11, run: r }));
      const one = await simulateModel(model, own, { runs: 1, firstRun: r, seed: 11, threads: 1 });
      expect(bytes(one.data).equals(bytes(redrawn.data.subarray(r * per, (r + 1) * per)))).toBe(true);
    }
    for (const [threads, chunkSize] of [[2, 1], [2, 4], [1, 5]] as const) {
      const other = await simulateModel(model, households, { runs: 6, seed: 11, threads, chunkSize, redraw: spec });
      expect(bytes(other.data).equals(bytes(redrawn.data))).toBe(true);
    }
  });

  it("each run draws its own households, none of them the seed's population", async () => {
    const { s } = prepared(await minimal());
    const seedPop = unwrap(buildPopulation(s, { seed: 11 }));
    const a = unwrap(buildPopulation(s, { seed: 11, run: 0 }));
    const b = unwrap(buildPopulation(s, { seed: 11, run: 1 }));
    expect(Array.from(a.income)).not.toEqual(Array.from(b.income));
    expect(Array.from(a.income)).not.toEqual(Array.from(seedPop.income));
    expect(Array.from(a.size).reduce((x, y) => x + y, 0)).toBe(1080); // people are exact in every draw
  });

  it("rewriting a population in place gives exactly a fresh build", async () => {
    const { spec } = prepared(await minimal());
    const into = unwrap(buildCohorts(spec.cohorts, { seed: 5, villages: spec.villages, run: 0 }));
    for (const run of [3, 4]) {
      const fresh = unwrap(buildCohorts(spec.cohorts, { seed: 5, villages: spec.villages, run }));
      const again = unwrap(buildCohorts(spec.cohorts, { seed: 5, villages: spec.villages, run, into }));
      for (const k of ["size", "income", "labour", "segment", "cause", "flags", "village", "cohort"] as const) expect(Array.from(again[k])).toEqual(Array.from(fresh[k]));
      expect(again.registered === undefined).toBe(fresh.registered === undefined);
    }
  });

  it("with no shocks the spread is the population draw's: people below the line in year one are Binomial(H, Φ((ln line − ln median)/σ))", async () => {
    const raw = await minimal();
    const H = 1000;
    raw.population = { villages: { count: 4 }, cohorts: [{ id: "all", segment: "general", households: H, people: H, labourShare: 0.5, income: { dist: "lognormal", median: 3000, sigma: 0.5 } }] };
    raw.income = { growth: 0, commonShock: { sigma: 0 }, idiosyncratic: { sigma: 0 } };
    delete raw.unknowns;
    const { households, model, spec } = prepared(raw);
    const runs = 400;
    const line = 3200; // 2017
    const p = normCdf((Math.log(line) - Math.log(3000)) / 0.5);
    const column = async (redraw: boolean) => yearColumn(await simulateModel(model, households, { runs, seed: 3, threads: 2, ...(redraw ? { redraw: spec } : {}) }), "belowLinePeople", 0) as Float64Array;
    const fixed = meanSd(await column(false));
    expect(fixed.sd).toBe(0); // nothing else varies
    const { mean, sd } = meanSd(await column(true));
    const variance = H * p * (1 - p);
    expect(Math.abs(mean - H * p)).toBeLessThan(4 * Math.sqrt(variance / runs));
    // The sample variance's standard error for a near-normal count: σ²·√(2 / (R − 1)).
    expect(Math.abs(sd * sd - variance)).toBeLessThan(4 * variance * Math.sqrt(2 / (runs - 1)));
  });
});
