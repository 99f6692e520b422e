import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv } from "ajv";
import { sensitivityCharts } from "../../src/charts/sensitivity.js";
import { LANGS } from "../../src/messages/lang.js";
import type { Study } from "../../src/sensitivity/study.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(join(dirname(require.resolve("vega-lite")), "vega-lite-schema.json"), "utf8")) as object;
const validate = new Ajv({ strict: false, allErrors: false, validateFormats: false, logger: false }).compile(schema);

const inputs = [
  { name: "programmes.industry.allocation", low: 1, high: 3, base: 2, isDefault: false },
  { name: "creditPools.pool.pd", low: 0.01, high: 0.03, base: 0.02, isDefault: true },
];
const common = { inputs, output: { metric: "exitedPeople", year: 2019 }, runs: 10, seed: 1, evaluations: 5, seconds: 1 } as const;
const bar = (input: number, swing: number) => ({ input, low: 1, high: 3, lowEffect: -swing / 2, lowSe: 0.5, highEffect: swing / 2, highSe: 0.5, swing, swingSe: 0.7 });
const studies: Study[] = [
  { ...common, result: { method: "tornado", tornado: { base: { mean: 100, se: 1 }, bars: [bar(0, 10), bar(1, 0)], paired: true, runs: 10, evaluations: 5 } } },
  {
    ...common,
    result: {
      method: "sobol",
      samples: 8,
      indices: {
        first: Float64Array.of(0.7, 0),
        total: Float64Array.of(0.9, 0.1),
        firstCi: [[0.5, 0.9], [-0.1, 0.1]],
        totalCi: [[0.8, 1], [0, 0.2]],
        firstSe: Float64Array.of(0.1, 0.05),
        totalSe: Float64Array.of(0.05, 0.05),
        variance: 4,
        confidence: 0.95,
        resamples: 100,
      },
    },
  },
];

describe("sensitivity charts validate against the Vega-Lite JSON Schema", () => {
  for (const lang of LANGS) {
    for (const study of studies) {
      it(`${study.result.method} (${lang})`, () => {
        const charts = sensitivityCharts(study, lang);
        expect(charts.map((c) => c.name)).toEqual([study.result.method]);
        for (const c of charts) {
          validate(JSON.parse(JSON.stringify(c.spec)));
          expect(validate.errors ?? []).toEqual([]);
        }
      });
    }
  }
});
