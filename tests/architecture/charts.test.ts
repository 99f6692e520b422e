/**
 * A chart kind is added once and appears everywhere: the registry (charts/kinds.ts,
 * charts/registry.ts) is what the report, the `chart` command and the docs read.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHART_INFO, CHART_KINDS, type ChartKind } from "../../src/charts/kinds.js";
import { reportInputFor } from "../../src/pipeline/report.js";
import { buildReportPage } from "../../src/report/page.js";
import { loadScenario } from "../../src/scenario/load.js";
import { unwrap } from "../../src/util/result.js";

/** Shipped scenarios, each with a variant, that together give every chart kind data (pool, convergence; per-person target; relocation). */
const SCENARIOS: readonly [string, string][] = [
  ["scenarios/linghai-2017.yaml", "full-capacity"],
  ["scenarios/jiangmen-2016.yaml", ""],
  ["scenarios/zhengzhou-2016.yaml", ""],
];

function firstVariant(file: string): string {
  const m = /^variants:\s*\n\s*- id:\s*([\w-]+)/m.exec(readFileSync(file, "utf8"));
  if (!m?.[1]) throw new Error(`${file} has no variant`);
  return m[1];
}

describe("chart registry", () => {
  it("every chart kind in the registry appears in a full report's chart list and on its page", async () => {
    const seen = new Set<ChartKind>();
    for (const [file, given] of SCENARIOS) {
      const variant = given || firstVariant(file);
      const base = unwrap(await loadScenario(file));
      const v = unwrap(await loadScenario(file, { variant }));
      // Linghai's report runs to a precision, which gives the convergence chart its data.
      const precision = file.includes("linghai") ? { precision: { target: 0.5, maxRuns: 40 } } : {};
      const input = unwrap(await reportInputFor(base, { lang: "en", runs: 20, seed: 7, threads: 1, decompose: false, ...precision }, [{ name: variant, loaded: v }]));
      const page = buildReportPage(input);
      const onPage = new Set(page.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "chart" ? [b.id] : []))));
      for (const kind of CHART_KINDS) {
        if (input.charts[kind] === undefined) continue;
        expect(onPage.has(`chart-${kind}`), `${kind} has data in ${file} but is not on the report page`).toBe(true);
        seen.add(kind);
      }
    }
    expect([...seen].sort()).toEqual([...CHART_KINDS].sort());
  });

  it("the table in docs/charts.md is the registry's", () => {
    const docs = readFileSync("docs/charts.md", "utf8");
    const rows = docs.split("\n").filter((l) => /^\| `[a-z][a-z-]*` \|/.test(l));
    const expected = CHART_KINDS.map((k) => `| \`${k}\` | ${CHART_INFO[k].shows} | ${CHART_INFO[k].from} |`);
    expect(rows).toEqual(expected);
  });
});
