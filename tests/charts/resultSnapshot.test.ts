/**
 * Snapshots of every simulation chart on a fixed-seed result: deterministic RunResults
 * (a seeded generator written out here, so engine changes do not move them) go through
 * the real summaries, paired differences and adapters. Numbers are rounded before
 * comparing, so the snapshots pin structure, labels and values to 4 significant digits.
 */
import { describe, expect, it } from "vitest";
import { CORE_METRICS, type RunResults } from "../../src/model/results.js";
import { summarize } from "../../src/results/summarize.js";
import { pairedDifferences } from "../../src/results/paired.js";
import { exitsVsCostInput, lendingInput, poolFanInput, resultsChartData, subsidyInput, variantDifferencesInput } from "../../src/charts/adapters.js";
import { buildCharts, type ChartData } from "../../src/charts/registry.js";
import { LANGS } from "../../src/messages/lang.js";

/** xorshift32 from a fixed seed: uniform in (0, 1). */
function generator(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
}

const years = [2017, 2018, 2019];
function fixedSeedResults(seed: number, uplift: number): RunResults {
  const u = generator(seed);
  const metrics = [...CORE_METRICS];
  const nm = metrics.length;
  const runs = 200;
  const data = new Float64Array(runs * years.length * nm);
  const at = (name: string): number => metrics.indexOf(name as (typeof CORE_METRICS)[number]);
  for (let r = 0; r < runs; r++) {
    let exits = 0;
    let pool = 9_900_000;
    for (let y = 0; y < years.length; y++) {
      const base = (r * years.length + y) * nm;
      exits += 1800 + 1200 * u() + uplift;
      const loss = u() < 0.3 ? 2_000_000 * u() * u() : 0;
      pool = Math.max(0, pool - loss);
      data[base + at("cumulativeExits")] = Math.round(exits);
      data[base + at("exitedPeople")] = Math.round(0.95 * exits); // the stock: re-exits after relapse count once
      data[base + at("poolLoss")] = loss;
      data[base + at("poolBalance")] = pool;
      data[base + at("poolDepleted")] = pool === 0 ? 1 : 0;
      data[base + at("loansOutstanding")] = 50_000_000 * (0.9 + 0.1 * u());
      data[base + at("interestSubsidy")] = 2_375_000 * (0.9 + 0.1 * u());
      data[base + at("fiscalCost")] = 12_000_000 + 1_000_000 * u() + 3000 * uplift;
    }
  }
  return { runs, years, metrics, data };
}

describe("charts on a fixed-seed result match their normalised snapshots", () => {
  const targets = { exits: [2400, 4800, 7200] };
  const a = fixedSeedResults(2017, 0);
  const b = fixedSeedResults(2017, 40);
  const sa = summarize(a, { targets });
  const sb = summarize(b, { targets });
  const years3 = (v: number) => years.map((year) => ({ year, value: v }));
  const data: ChartData = {
    ...resultsChartData(sa, a),
    "pool-fan": poolFanInput(sa, a, 9_900_000)!,
    lending: lendingInput(sa, years3(99_000_000), years3(50_000_000))!,
    "interest-subsidy": subsidyInput(sa, years3(2_375_000))!,
    "variant-differences": variantDifferencesInput("baseline", [{ variant: "more-exits", paired: pairedDifferences(a, b, { targets }) }]),
    "exits-vs-cost": exitsVsCostInput([
      { name: "baseline", summary: sa },
      { name: "more-exits", summary: sb },
    ]),
  };
  const round = (x: unknown): unknown =>
    typeof x === "number" ? (Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(4)) : x) : Array.isArray(x) ? x.map(round) : x !== null && typeof x === "object" ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)])) : x;
  for (const lang of LANGS) {
    for (const { kind, spec } of buildCharts(data, lang)) {
      it(`${kind} (${lang})`, () => {
        expect(round(JSON.parse(JSON.stringify(spec)))).toMatchSnapshot();
      });
    }
  }
});
