import { describe, expect, it } from "vitest";
import { buildChart, CHART_KINDS, type ChartInputMap } from "../../src/charts/registry.js";
import { LANGS } from "../../src/messages/lang.js";
import { fixtureData } from "./fixtures.js";

/** Round every number to 4 significant digits so snapshots compare structure, not float noise. */
function normalise(x: unknown): unknown {
  if (typeof x === "number") return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(4)) : x;
  if (Array.isArray(x)) return x.map(normalise);
  if (x !== null && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, normalise(v)]));
  return x;
}

describe("chart specs match their normalised snapshots", () => {
  for (const lang of LANGS) {
    for (const kind of CHART_KINDS) {
      it(`${kind} (${lang})`, () => {
        const spec = buildChart(kind, fixtureData[kind] as ChartInputMap[typeof kind], lang);
        expect(normalise(JSON.parse(JSON.stringify(spec)))).toMatchSnapshot();
      });
    }
  }
});
