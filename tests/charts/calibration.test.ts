/**
 * The calibration fit chart validates against the Vega-Lite JSON Schema in both languages,
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
    parameters: [],
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

describe("calibration chart", () => {
  for (const lang of LANGS) {
    it(`validates and draws every target (${lang})`, () => {
      const [c, ...rest] = calibrationCharts(calibration, lang);
      expect(rest).toEqual([]);
      expect(c!.name).toBe("calibration-fit");
      validate(JSON.parse(JSON.stringify(c!.spec)));
      expect(validate.errors ?? []).toEqual([]);
      const values = (c!.spec as { data: { values: { row: string; series: string; lo: number; hi: number }[] } }).data.values;
      expect(values).toHaveLength(4);
      expect(new Set(values.map((v) => v.row)).size).toBe(2);
      // Observed ± 1.645 sd; simulated: its 5%–95% of runs.
      expect(values[0]!.lo).toBeCloseTo(100 - 16.449, 3);
      expect([values[3]!.lo, values[3]!.hi]).toEqual([110, 150]);
    });
  }
});
