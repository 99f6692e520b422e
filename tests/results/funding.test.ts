/**
 * Will the money last (results/funding.ts): the plan's sources, uncertain ones times a factor
 * drawn per run, against what each run spent on the plan's lines; carried forward or not.
 */
import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { fundingRisk } from "../../src/results/funding.js";
import { scenarioFromObject } from "../../src/scenario/index.js";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { fundingLine } from "../../src/messages/results.js";
import { fundingSentence } from "../../src/present/resultsText.js";
import { unwrap } from "../../src/util/result.js";
import { makeResults } from "./fixtures.js";

describe("fundingRisk", () => {
  // Every run spends 100 a year on the plan's lines, 30 on floor top-ups (not the plan's money).
  const runs = 10;
  const r = makeResults(runs, [2017, 2018], ["fiscalCost", "floorTopUps", "poolTopUps"], (_, __, m) => (m === "fiscalCost" ? 130 : m === "floorTopUps" ? 30 : 0));
  // Factor of run i: 0.8 + 0.05 i (runs 0–3 below 1).
  const factors = Float64Array.from({ length: runs }, (_, i) => 0.8 + 0.05 * i);

  it("counts the runs whose carried balance goes below zero, year by year", () => {
    const f = fundingRisk(r, [{ id: "fixed", byYear: [50, 50] }, { id: "revenue", byYear: [50, 50], factors }], true);
    // Year 1: 50 + 50 f < 100 ⇔ f < 1: runs 0–3. Year 2 (carried): 2 × (50 + 50 f) < 200 ⇔ the same runs.
    expect(f.byYear.map((x) => x.p)).toEqual([0.4, 0.4]);
    expect(f.any.p).toBe(0.4);
    expect(f.byYear[0]!.se).toBeCloseTo(Math.sqrt(0.24 / 10), 12);
    expect(f.uncertain).toEqual([{ id: "revenue" }]);
  });

  it("a surplus carried forward covers a later shortfall; without carry-forward each year stands alone", () => {
    const early = fundingRisk(r, [{ id: "a", byYear: [140, 70] }], true); // 140 − 100 = 40 carried; 40 + 70 − 100 = 10 ≥ 0
    expect(early.byYear.map((x) => x.p)).toEqual([0, 0]);
    const lapsing = fundingRisk(r, [{ id: "a", byYear: [140, 70] }], false);
    expect(lapsing.byYear.map((x) => x.p)).toEqual([0, 1]);
  });

  it("is said in both languages, with the sources drawn per run by their labels", () => {
    const f = fundingRisk(r, [{ id: "revenue", label: { en: "Revenue share", zh: "收入分成" }, byYear: [100, 100], factors }], true);
    expect(fundingSentence(f, "en").en).toBe(fundingLine("2017 40%, 2018 40%", "40% ± 15.5%", "Revenue share", true).en);
    expect(fundingSentence(f, "zh").zh).toContain("收入分成");
  });
});

describe("uncertain sources in a simulation", () => {
  it("are drawn per run by their path: the same in every variant and on any thread count; the manifest names them", async () => {
    const raw = parseYaml(await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    raw.funding.sources[1].uncertainty = { dist: "lognormal", median: 1, sigma: 0.5, assumption: "test" };
    const loaded = unwrap(scenarioFromObject(raw));
    const a = unwrap(await simulateScenario(loaded, { runs: 16, threads: 1 }));
    const b = unwrap(await simulateScenario(loaded, { runs: 16, threads: 2 }));
    expect(a.funding?.uncertain.map((u) => u.id)).toEqual(["revenue"]);
    expect(b.funding).toEqual(a.funding);
    expect(a.manifest.uncertainty?.funding).toEqual([{ source: "revenue", dist: "lognormal", params: [1, 0.5] }]);
    // A source whose factor can go negative is refused.
    raw.funding.sources[1].uncertainty = { dist: "normal", mean: 1, sd: 0.5, assumption: "test" };
    const bad = scenarioFromObject(raw);
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.error.map((i) => i.code)).toContain("unknownRange");
  });
});
