import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv } from "ajv";
import { buildChart, CHART_KINDS, type ChartInputMap } from "../../src/charts/registry.js";
import { LANGS } from "../../src/messages/lang.js";
import { fixtureData } from "./fixtures.js";

const require = createRequire(import.meta.url);
const schemaPath = join(dirname(require.resolve("vega-lite")), "vega-lite-schema.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, logger: false });
const validate = ajv.compile(schema);

describe("every chart spec validates against the Vega-Lite JSON Schema", () => {
  for (const lang of LANGS) {
    for (const kind of CHART_KINDS) {
      it(`${kind} (${lang})`, () => {
        const spec = buildChart(kind, fixtureData[kind] as ChartInputMap[typeof kind], lang);
        const valid = validate(JSON.parse(JSON.stringify(spec)));
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      });
    }
  }

  it("the schema rejects a broken spec (the check can fail)", () => {
    expect(validate({ mark: "no-such-mark", data: { values: [] } })).toBe(false);
  });
});
