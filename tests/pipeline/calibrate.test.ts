/**
 * `fundsim calibrate` on fundsim's own output: targets simulated at known parameter values
 * (many runs, another seed) plus observation noise of the stated sd are fitted back, and the
 * reported 90% intervals cover the known values about as often as they claim. The result
 * does not depend on the thread count; the calibrated variant file applies; bad targets
 * files are refused with located messages in both languages.
 */
import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { calibrateScenario, writeCalibration, CALIBRATED_VARIANT } from "../../src/pipeline/calibrate.js";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { loadScenario } from "../../src/scenario/load.js";
import { loadTargets, targetsFromObject, type CalibrationTargets } from "../../src/scenario/targets.js";
import { renderIssues } from "../../src/messages/scenario.js";
import { invNormCdf } from "../../src/random/normal.js";
import { nextUniform, seedStream } from "../../src/random/rng.js";
import { unwrap } from "../../src/util/result.js";
import { scalarNumber } from "../../src/scenario/param.js";

const MINIMAL = "tests/fixtures/minimal.yaml";
const TRUE = { growth: 0.08, median: 2800 };
const FREE = [
  { parameter: "income.growth", min: 0, max: 0.2, assumption: "test" },
  { parameter: "population.cohorts.general.income.median", min: 2000, max: 3500, assumption: "test" },
];
const MOMENTS = [
  ["belowLinePeople", 2018],
  ["belowLinePeople", 2019],
  ["exitedPeople", 2018],
  ["exitedPeople", 2019],
] as const;

/** The moments at the true values: means over many runs with another seed than the fit's. */
async function truth(): Promise<number[]> {
  const loaded = unwrap(await loadScenario(MINIMAL, { sets: [`income.growth=${TRUE.growth}`, `population.cohorts.general.income.median=${TRUE.median}`] }));
  const sim = unwrap(await simulateScenario(loaded, { runs: 2000, seed: 424242, threads: 2 }));
  return MOMENTS.map(([m, year]) => sim.summary.metrics[m]!.byYear[sim.results.years.indexOf(year)]!.mean);
}

/** Observed = truth + sd × z (z seeded by `rep`), sd = 1.5% of the truth. */
function targetsFor(loadedTruth: number[], rep: number, loaded: Parameters<typeof targetsFromObject>[1]): CalibrationTargets {
  const s = new Int32Array(4);
  seedStream(s, 99, rep, 201, 0);
  const raw = {
    "fundsim-targets": 1,
    name: "recovery",
    free: FREE,
    targets: MOMENTS.map(([metric, year], k) => {
      const sd = 0.015 * loadedTruth[k]!;
      return { id: `m${k}`, metric, year, observed: loadedTruth[k]! + sd * invNormCdf(nextUniform(s)), sd, source: "simulated by fundsim at known values" };
    }),
  };
  return unwrap(targetsFromObject(raw, loaded));
}

describe("calibrateScenario", () => {
  // Each replication draws new observation noise and fits with its own seed (new simulation noise).
  it("recovers known parameters from fundsim's own output: 90% intervals cover them in most replications", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const t = await truth();
    const reps = 6;
    const covered = [0, 0];
    for (let rep = 0; rep < reps; rep++) {
      const c = unwrap(await calibrateScenario(loaded, targetsFor(t, rep, loaded), { runs: 40, seed: 1000 + rep, threads: 1 }));
      const [g, p] = c.fit.parameters;
      expect(g!.identified && p!.identified).toBe(true);
      if (g!.lo <= TRUE.growth && TRUE.growth <= g!.hi) covered[0]!++;
      if (p!.lo <= TRUE.median && TRUE.median <= p!.hi) covered[1]!++;
      // The estimates are informative: the intervals are narrower than the prior ranges.
      expect(g!.hi - g!.lo).toBeLessThan(0.8 * (0.2 - 0));
      expect(p!.hi - p!.lo).toBeLessThan(0.8 * (3500 - 2000));
    }
    // With 90% coverage, 4 or more of 6 cover with probability 98.4%.
    expect(covered[0]).toBeGreaterThanOrEqual(4);
    expect(covered[1]).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it("gives the same fit on one thread and on two; the variant file applies the fitted values", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const targets = unwrap(await loadTargets("tests/fixtures/targets.yaml", loaded));
    const a = unwrap(await calibrateScenario(loaded, targets, { runs: 12, threads: 1, maxEvaluations: 12 }));
    const b = unwrap(await calibrateScenario(loaded, targets, { runs: 12, threads: 2, maxEvaluations: 12 }));
    expect(b.fit.parameters.map((q) => [q.value, q.se])).toEqual(a.fit.parameters.map((q) => [q.value, q.se]));
    expect(b.fit.targets.map((f) => f.mean)).toEqual(a.fit.targets.map((f) => f.mean));
    const dir = await mkdtemp(join(tmpdir(), "fundsim-cal-"));
    try {
      const out = join(dir, "cal");
      unwrap(await writeCalibration(out, loaded, a));
      const variantFile = join(out, CALIBRATED_VARIANT);
      const text = await readFile(variantFile, "utf8");
      expect(text).toContain("source: \"calibrated to tests/fixtures/targets.yaml");
      const applied = unwrap(await loadScenario(MINIMAL, { variant: variantFile }));
      expect(applied.variant).toBe("calibrated");
      expect(scalarNumber(applied.scenario.income.growth)).toBe(Number(a.fit.parameters[0]!.value.toPrecision(6)));
      expect(applied.scenario.income.growth.source).toContain("calibrated to");
      const fitCsv = await readFile(join(out, "fit.csv"), "utf8");
      expect(fitCsv.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("target,metric,year,use,observed,sd,simulated,se,q05,q95,z,source");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("takes the scenario's calibration.free; a targets file's entry for the same path overrides it; none at all is refused", async () => {
    const raw = structuredClone(unwrap(await loadScenario(MINIMAL)).raw) as Record<string, unknown>;
    raw["calibration"] = { free: [{ parameter: "income.growth", min: 0, max: 0.2, assumption: "scenario range" }] };
    const { scenarioFromObject } = await import("../../src/scenario/index.js");
    const loaded = unwrap(scenarioFromObject(raw));
    const targets = [{ id: "a", metric: "exitedPeople", year: 2018, observed: 400, sd: 20, source: "x" }];
    const fromScenario = unwrap(targetsFromObject({ "fundsim-targets": 1, name: "t", targets }, loaded));
    expect(fromScenario.free).toEqual([{ parameter: "income.growth", min: 0, max: 0.2, why: "scenario range" }]);
    const overridden = unwrap(
      targetsFromObject({ "fundsim-targets": 1, name: "t", free: [{ parameter: "income.growth", min: 0.01, max: 0.1, assumption: "narrower" }], targets }, loaded),
    );
    expect(overridden.free).toEqual([{ parameter: "income.growth", min: 0.01, max: 0.1, why: "narrower" }]);
    const plain = unwrap(await loadScenario(MINIMAL));
    const none = targetsFromObject({ "fundsim-targets": 1, name: "t", targets }, plain);
    expect(none.ok ? [] : none.error.map((i) => i.code)).toEqual(["noFreeParameter"]);
    if (!none.ok) expect(renderIssues("zh", none.error)).toContain("calibration.free");
  });

  it("refuses a bad targets file with located messages and a fix, in both languages", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const dir = await mkdtemp(join(tmpdir(), "fundsim-targets-"));
    try {
      const file = join(dir, "t.yaml");
      const bad = {
        "fundsim-targets": 1,
        name: "bad",
        free: [{ parameter: "income.growth", min: 0.2, max: 0.1, assumption: "x" }],
        targets: [
          { id: "a", metric: "belowLinePeopel", year: 2018, observed: 10, sd: 1, source: "x" },
          { id: "b", metric: "exitedPeople", year: 2031, observed: 10, sd: 1, source: "x" },
          { id: "c", metric: "exitedPeople", year: 2018, observed: 10, source: "x" },
        ],
      };
      await writeFile(file, stringify(bad));
      const r = await loadTargets(file, loaded);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const en = renderIssues("en", r.error, Infinity);
      expect(en).toContain("one of sd or sdShare"); // target c gives neither
      expect(renderIssues("zh", r.error, Infinity)).toContain("sd 或 sdShare 二者之一");
      const zh = renderIssues("zh", r.error, Infinity);
      expect(en).toMatch(/t\.yaml:\d+/);
      // The schema's refinements come first; the checks against the scenario after a clean schema.
      await writeFile(file, stringify({ ...bad, targets: bad.targets.slice(0, 2) }));
      const r2 = await loadTargets(file, loaded);
      if (r2.ok) throw new Error("accepted");
      const en2 = renderIssues("en", r2.error, Infinity);
      const zh2 = renderIssues("zh", r2.error, Infinity);
      expect(en2).toContain("belowLinePeopel");
      expect(en2).toContain("belowLinePeople"); // the suggestion
      expect(en2).toContain("2031");
      expect(en2).toContain("2017–2019");
      expect(en2).toMatch(/min \(0\.2\)/);
      expect(zh2).toContain("大于 min（0.2）的数值");
      expect(zh2).toContain("情景的模拟结果中没有指标");
      expect(zh2).toContain("不在情景的模拟期");
      expect(en.length).toBeGreaterThan(0);
      expect(zh.length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
