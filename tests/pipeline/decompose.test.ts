/**
 * The variance decomposition (fundsim simulate --decompose): sources switched on one after
 * another on common random numbers. Without unknowns the parameter step is the shock step run
 * for run (its share exactly 0); an unknown with a wide law takes a share; with a register
 * there is no population step; the result does not depend on the thread count; the bootstrap
 * intervals contain the estimates.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { decomposeUncertainty } from "../../src/pipeline/decompose.js";
import { scenarioFromObject } from "../../src/scenario/index.js";
import { buildPopulation } from "../../src/population/synthetic.js";
import { decompositionRows, decompositionText } from "../../src/present/uncertaintyText.js";
import { UNCERTAINTY_STEPS } from "../../src/results/decomposition.js";
import { unwrap } from "../../src/util/result.js";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let base: Raw;
beforeAll(async () => {
  base = parseYaml(await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as Raw;
});

const loadWith = (unknowns: unknown[] | undefined) => {
  const raw = structuredClone(base);
  if (unknowns) raw.unknowns = unknowns;
  return unwrap(scenarioFromObject(raw));
};

const SUCCESS = {
  parameter: "programmes.industry.effect.successProbability",
  draw: { dist: "uniform", min: 0.05, max: 0.95 },
  label: { en: "industry success", zh: "产业成功率" },
  assumption: "test: wide on purpose",
};

describe("decomposeUncertainty", () => {
  it("without unknowns the parameter step repeats the shock step run for run: its share is exactly 0", async () => {
    const d = unwrap(await decomposeUncertainty(loadWith(undefined), { runs: 24, threads: 1 }));
    expect(d.steps.map((s) => s.id)).toEqual(["shocks", "parameters", "population"]);
    expect(d.unknowns).toBe(0);
    expect(d.steps[1]!.mean).toBe(d.steps[0]!.mean);
    expect(d.steps[1]!.sd).toBe(d.steps[0]!.sd);
    expect(d.shares.parameters).toBe(0);
    expect(d.sharesCi.parameters).toEqual([0, 0]);
    expect(d.year).toBe(2019);
    expect(d.target).toBe(800); // cumulative: 300 + 300 + 200
  });

  it("a wide unknown on the industry programme's success takes a share; shares sum to 1 and sit in their intervals", async () => {
    const d = unwrap(await decomposeUncertainty(loadWith([SUCCESS]), { runs: 40, threads: 1 }));
    expect(d.unknowns).toBe(1);
    expect(d.steps[1]!.sd).toBeGreaterThan(d.steps[0]!.sd);
    expect(d.shares.parameters).toBeGreaterThan(0.1);
    const sum = UNCERTAINTY_STEPS.reduce((a, id) => a + d.shares[id], 0);
    expect(sum).toBeCloseTo(1, 12);
    for (const id of UNCERTAINTY_STEPS) {
      const [lo, hi] = d.sharesCi[id];
      expect(lo).toBeLessThanOrEqual(d.shares[id] + 1e-12);
      expect(hi).toBeGreaterThanOrEqual(d.shares[id] - 1e-12);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
    }
    for (const s of d.steps) expect(s.runs).toBe(40);
  });

  it("reusing the simulation's own runs (step 3 when it redrew the population, step 2 when not) gives the same decomposition as simulating them again", async () => {
    const loaded = loadWith([SUCCESS]);
    const { simulateScenario } = await import("../../src/pipeline/simulate.js");
    const sim = unwrap(await simulateScenario(loaded, { runs: 30, threads: 1 }));
    expect(sim.manifest.uncertainty?.populationRedrawn).toBe(true);
    const fixed = unwrap(await simulateScenario(loaded, { runs: 30, threads: 1, fixedPopulation: true }));
    expect(fixed.manifest.uncertainty?.populationRedrawn).toBe(false);
    const again = unwrap(await decomposeUncertainty(loaded, { runs: 20, threads: 1 }));
    const reused = unwrap(await decomposeUncertainty(loaded, { runs: 20, threads: 1, simulated: { results: sim.results, populationRedrawn: true } }));
    expect(reused).toEqual(again);
    const reused2 = unwrap(await decomposeUncertainty(loaded, { runs: 20, threads: 1, simulated: { results: fixed.results, populationRedrawn: false } }));
    expect(reused2).toEqual(again);
  });

  it("is the same on one thread and on two", async () => {
    const loaded = loadWith([SUCCESS]);
    const a = unwrap(await decomposeUncertainty(loaded, { runs: 16, threads: 1 }));
    const b = unwrap(await decomposeUncertainty(loaded, { runs: 16, threads: 2 }));
    expect(b).toEqual(a);
  });

  it("with a register as the population there is no population step", async () => {
    const loaded = loadWith([SUCCESS]);
    const households = unwrap(buildPopulation(loaded.scenario, { seed: 99 }));
    const d = unwrap(await decomposeUncertainty(loaded, { runs: 12, threads: 1, register: { households } }));
    expect(d.steps.map((s) => s.id)).toEqual(["shocks", "parameters"]);
    expect(d.populations).toBe(0);
    expect(d.shares.population).toBe(0);
    expect(d.shares.shocks + d.shares.parameters).toBeCloseTo(1, 12);
  });

  it("is told in both languages, with an interval per share", async () => {
    const d = unwrap(await decomposeUncertainty(loadWith([SUCCESS]), { runs: 12, threads: 1 }));
    const rows = decompositionRows(d, "en");
    expect(rows).toHaveLength(4);
    expect(rows[1]![5]).toMatch(/^\d+% \(\d+%–\d+%\)$/);
    const en = decompositionText(d, "en");
    expect(en).toContain("Where the uncertainty comes from");
    expect(en).toContain("1 unknown parameter drawn per run");
    const zh = decompositionText(d, "zh");
    expect(zh).toContain("不确定性来自哪里");
    expect(zh).toContain("再加入每次模拟重抽的合成人口");
    expect(en).toContain("then the synthetic population redrawn in every run");
  });
});
