import { describe, expect, it } from "vitest";
import { buildChart, buildCharts, CHART_KINDS, isChartKind } from "../../src/charts/registry.js";
import { histogram } from "../../src/charts/poolLoss.js";
import { placeNames } from "../../src/charts/exitsVsCost.js";
import { chartTable, tableToCsv } from "../../src/charts/table.js";
import { LABELS } from "../../src/charts/labels.js";
import { fixtureData } from "./fixtures.js";

/** All inline data values of a spec (top level and layers). */
function values(spec: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === "object") {
      const o = x as Record<string, unknown>;
      const d = o["data"] as { values?: Record<string, unknown>[] } | undefined;
      if (d?.values) out.push(...d.values);
      for (const [k, v] of Object.entries(o)) if (k !== "data") walk(v);
    }
  };
  walk(spec);
  return out;
}

describe("chart contents", () => {
  it("every kind is built from the fixture data, in the canonical order", () => {
    expect(buildCharts(fixtureData, "en").map((c) => c.kind)).toEqual([...CHART_KINDS]);
    expect(isChartKind("exits-fan")).toBe(true);
    expect(isChartKind("pie")).toBe(false);
  });

  it("the exits fan carries quantiles and the plan's targets", () => {
    const v = values(buildChart("exits-fan", fixtureData["exits-fan"]!, "en"));
    expect(v.find((r) => r["year"] === 2017 && "median" in r)).toMatchObject({ q05: 1890, median: 2420, q95: 2910 });
    expect(v.filter((r) => "target" in r).map((r) => r["target"])).toEqual([2400, 3600, 4800]);
  });

  it("money axes are in million yuan (en) and 万元 (zh)", () => {
    const en = values(buildChart("pool-fan", fixtureData["pool-fan"]!, "en"));
    const zh = values(buildChart("pool-fan", fixtureData["pool-fan"]!, "zh"));
    expect(en.find((r) => "fund" in r)?.["fund"]).toBe(9.9);
    expect(zh.find((r) => "fund" in r)?.["fund"]).toBe(990);
    expect(JSON.stringify(buildChart("pool-fan", fixtureData["pool-fan"]!, "zh"))).toContain("万元");
  });

  it("the pool fan follows staged deposits year by year when they are given", () => {
    const staged = { ...fixtureData["pool-fan"]!, deposited: [{ year: 2017, value: 3_300_000 }, { year: 2018, value: 6_600_000 }, { year: 2019, value: 9_900_000 }] };
    const spec = buildChart("pool-fan", staged, "zh");
    expect(values(spec).filter((r) => "fund" in r).map((r) => r["fund"])).toEqual([330, 660, 990]);
    expect(JSON.stringify(spec)).toContain(LABELS.fund.zh);
  });

  it("a ledger that balances exactly gets a note instead of an empty axis of fractions", () => {
    const zero = { points: [2017, 2018].map((year) => ({ year, balance: 0, carried: 0 })) };
    expect(values(buildChart("balance", zero, "en")).some((r) => r["text"] === LABELS.balancedNote.en)).toBe(true);
    expect(values(buildChart("balance", fixtureData.balance!, "en")).some((r) => r["text"] === LABELS.balancedNote.en)).toBe(false);
  });

  it("legends with long labels get fewer columns and are never cut", () => {
    const long = "Linghai poverty risk-compensation fund: expected interest subsidy";
    const rows = [{ year: 2017, category: long, amount: 1 }, { year: 2017, category: "Industry", amount: 1 }];
    const legend = JSON.stringify(buildChart("budget-uses", { rows }, "en"));
    expect(legend).toContain('"columns":1');
    const limit = Number(/"labelLimit":(\d+)/.exec(legend)?.[1]);
    expect(limit).toBeGreaterThan(long.length * 6);
  });

  it("Chinese charts use Chinese labels, English charts English ones", () => {
    for (const kind of CHART_KINDS) {
      const zh = JSON.stringify(buildChart(kind, fixtureData[kind] as never, "zh"));
      const en = JSON.stringify(buildChart(kind, fixtureData[kind] as never, "en"));
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toContain('"text":"');
      expect(en).not.toContain(LABELS.year.zh);
    }
  });

  it("the loss histogram's shares sum to one and its bins cover every loss", () => {
    const losses = fixtureData["pool-loss"]!.losses;
    const h = histogram(losses);
    expect(h.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 12);
    expect(h[h.length - 1]!.end).toBeGreaterThan(Math.max(...losses));
    expect(histogram([])).toEqual([]);
    expect(histogram([0, 0])).toEqual([{ start: 0, end: 1, share: 1 }]);
  });

  it("VaR 95 and 99 are marked on the loss chart", () => {
    const v = values(buildChart("pool-loss", fixtureData["pool-loss"]!, "en"));
    expect([...new Set(v.filter((r) => "key" in r).map((r) => r["key"]))]).toEqual(["mean", "var95", "var99"]);
    expect(v.find((r) => r["key"] === "var99")?.["x"]).toBe(1.56);
  });

  it("variant differences get one panel per measure present", () => {
    const spec = buildChart("variant-differences", fixtureData["variant-differences"]!, "en") as { concat: unknown[] };
    expect(spec.concat).toHaveLength(4);
    const one = buildChart("variant-differences", { baseline: "b", level: 0.9, rows: [{ variant: "v", metric: "exits", mean: 1, lo: 0, hi: 2 }] }, "zh") as { concat: unknown[] };
    expect(one.concat).toHaveLength(1);
  });

  it("variants are shown by their labels, by their ids when they have none", () => {
    const diff = buildChart("variant-differences", fixtureData["variant-differences"]!, "zh");
    expect([...new Set(values(diff).map((r) => r["variant"]))]).toEqual(["Double the pool 资金池翻倍", "more-training"]);
    const trade = buildChart("exits-vs-cost", fixtureData["exits-vs-cost"]!, "zh");
    expect([...new Set(values(trade).map((r) => r["variant"]))]).toEqual(["baseline", "Double the pool 资金池翻倍", "more-training"]);
    // Two variants with the same label are told apart by their ids.
    const same = buildChart(
      "exits-vs-cost",
      { points: ["a", "b"].map((variant) => ({ variant, label: "同名", exits: { median: 1, q05: 0, q95: 2 }, cost: { median: 1, q05: 0, q95: 2 } })) },
      "zh",
    );
    expect(values(same).map((r) => r["variant"])).toEqual(["同名 (a)", "同名 (b)"]);
  });

  it("the baseline is named in the subtitle only when it is itself a variant", () => {
    const subtitle = (baseline?: string): string => {
      const input = { ...fixtureData["variant-differences"]!, ...(baseline !== undefined ? { baseline } : {}) };
      return (buildChart("variant-differences", input, "en") as { title: { subtitle: string } }).title.subtitle;
    };
    expect(subtitle()).not.toContain(`${LABELS.baselineIs.en}:`);
    expect(subtitle("Slower relocation")).toContain(`${LABELS.baselineIs.en}: Slower relocation`);
  });

  it("variant-difference panels share the variants' axis and pad their x scale so no mark sits on an edge", () => {
    type Enc = { field?: string; scale?: { domain?: unknown; padding?: number }; axis?: { labels?: boolean; labelLimit?: number } };
    const spec = buildChart("variant-differences", fixtureData["variant-differences"]!, "en") as unknown as { concat: { layer: { encoding: { x: Enc; y?: Enc } }[] }[] };
    const names = ["Double the pool 资金池翻倍", "more-training"];
    spec.concat.forEach((panel, i) => {
      for (const { encoding } of panel.layer) {
        expect(encoding.x.scale?.padding).toBeGreaterThanOrEqual(10);
        if (!encoding.y) continue;
        expect(encoding.y.scale?.domain).toEqual(names);
        // Names on the left-hand panels only; the right-hand ones line up with them.
        if (i % 2 === 0) expect(encoding.y.axis?.labelLimit).toBeGreaterThan(0);
        else expect(encoding.y.axis?.labels).toBe(false);
      }
    });
  });

  it("exits-vs-cost names go where there is room: inside the plot, clear of each other", () => {
    const v = values(buildChart("exits-vs-cost", fixtureData["exits-vs-cost"]!, "en"));
    const place = (name: string): unknown => v.find((r) => r["variant"] === name)?.["place"];
    // The cheapest variant's name goes right of it, the costliest's left of it (it sits by the right edge).
    expect(String(place("baseline"))).toMatch(/^right/);
    expect(String(place("Double the pool 资金池翻倍"))).toMatch(/^left/);
    // Three variants at one spot get three different places; a lone point in the middle gets the first choice.
    const three = placeNames(["a", "b", "c"].map((name) => ({ x: 100, y: 150, name: `${name} variant` })), 520, 300);
    expect(new Set(three).size).toBe(3);
    expect(placeNames([{ x: 260, y: 150, name: "x" }], 520, 300)).toEqual(["rightAbove"]);
  });

  it("variant chart tables keep the ids and add the labels", () => {
    const d = chartTable("variant-differences", fixtureData["variant-differences"]!);
    expect(d.columns.slice(0, 3)).toEqual(["variant", "label", "metric"]);
    expect(d.rows[0]!.slice(0, 3)).toEqual(["double-pool", "Double the pool 资金池翻倍", "exits"]);
    expect(d.rows[4]!.slice(0, 3)).toEqual(["more-training", "", "exits"]);
    const t = chartTable("exits-vs-cost", fixtureData["exits-vs-cost"]!);
    expect(t.columns.slice(0, 2)).toEqual(["variant", "label"]);
    expect(t.rows.map((r) => r[0])).toEqual(["baseline", "double-pool", "more-training"]);
  });

  it("chart tables keep raw units and CSV has a BOM and quoting", () => {
    const t = chartTable("budget-sources", fixtureData["budget-sources"]!);
    expect(t.columns).toEqual(["year", "category", "amount"]);
    expect(t.rows[0]).toEqual([2017, "Central and provincial funds 中央和省级资金", 6_467_000]);
    const csv = tableToCsv({ columns: ["a", "b"], rows: [["x,y", 'say "hi"']] });
    expect(csv).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n');
    const fan = chartTable("exits-fan", fixtureData["exits-fan"]!);
    expect(fan.columns).toEqual(["year", "q05", "q25", "median", "q75", "q95", "target"]);
    expect(fan.rows[2]).toEqual([2019, 3600, 4100, 4450, 4780, 5200, 4800]);
  });
});
