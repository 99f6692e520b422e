/**
 * The calibration charts (the fit per target; the parameters in their prior ranges) validate against the Vega-Lite JSON Schema in both languages,
 * with one row per target and the observed and simulated intervals where the fit says.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv } from "ajv";
import { calibrationCharts } from "../../src/charts/calibration.js";
import type { Calibration } from "../../src/calibration/types.js";
import { LANGS } from "../../src/messages/lang.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(join(dirname(require.resolve("vega-lite")), "vega-lite-schema.json"), "utf8")) as object;
const validate = new Ajv({ strict: false, allErrors: false, validateFormats: false, logger: false }).compile(schema);

const target = (id: string, year: number, fit: boolean) => ({ id, metric: "belowLinePeople", year, observed: 100, sd: 10, fit, source: "test" });
const fitOf = (observed: number, mean: number, fit: boolean) => ({ id: "x", observed, sd: 10, fit, mean, se: 2, q05: mean - 20, q95: mean + 20, runs: 40, z: (mean - observed) / Math.sqrt(104) });
const calibration = {
  targetsFile: "t.yaml",
  targets: { file: "t.yaml", name: "test", scale: 1, free: [], targets: [target("a", 2017, true), target("b", 2018, false)] },
  fit: {
    parameters: [
      { name: "income.growth", low: 0, high: 0.2, start: 0.05, value: 0.1, se: 0.01, lo: 0.08, hi: 0.12, atBound: false, identified: true },
      { name: "values.share", low: 0, high: 1, start: 0.5, value: 1, se: Infinity, lo: 0, hi: 1, atBound: true, identified: false },
    ],
    targets: [fitOf(100, 104, true), fitOf(100, 130, false)],
    objective: 0.16,
    df: 0,
    objectiveAtStart: 3,
    evaluations: 10,
    converged: true,
    covariance: [],
    level: 0.9,
  },
  fields: [],
  runs: 40,
  seed: 1,
  threads: 1,
  seconds: 1,
  variant: { id: "calibrated", label: { en: "", zh: "" }, description: { en: "", zh: "" }, set: {} },
} as unknown as Calibration;

describe("calibration charts", () => {
  for (const lang of LANGS) {
    it(`validates and draws every target (${lang})`, () => {
      const [c, p, ...rest] = calibrationCharts(calibration, lang);
      expect(rest).toEqual([]);
      expect([c!.name, p!.name]).toEqual(["calibration-fit", "calibration-parameters"]);
      for (const chart of [c!, p!]) {
        validate(JSON.parse(JSON.stringify(chart.spec)));
        expect(validate.errors ?? []).toEqual([]);
      }
      // Parameters as positions in their prior ranges: 0.1 in [0, 0.2] is the middle.
      const pv = (p!.spec as { data: { values: { fitted: number; lo: number; hi: number; start: number }[] } }).data.values;
      expect(pv[0]).toMatchObject({ fitted: 0.5, start: 0.25 });
      expect(pv[0]!.lo).toBeCloseTo(0.4, 12);
      expect(pv[1]).toMatchObject({ fitted: 1, lo: 0, hi: 1 });
      const values = (c!.spec as { data: { values: { row: string; series: string; lo: number; hi: number }[] } }).data.values;
      expect(values).toHaveLength(4);
      expect(new Set(values.map((v) => v.row)).size).toBe(2);
      // Observed ± 1.645 sd; simulated: its 5%–95% of runs.
      expect(values[0]!.lo).toBeCloseTo(100 - 16.449, 3);
      expect([values[3]!.lo, values[3]!.hi]).toEqual([110, 150]);
    });
  }
});
