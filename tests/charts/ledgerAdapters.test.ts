import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { loadScenario } from "../../src/scenario/index.js";
import { buildLedger } from "../../src/ledger/build.js";
import { unwrap } from "../../src/util/result.js";
import { ledgerChartData, poolReferences } from "../../src/charts/ledgerAdapters.js";
import { ledgerDisplayTables, tableMoney } from "../../src/report/ledgerTables.js";
import { buildCharts } from "../../src/charts/registry.js";

describe("ledger → chart inputs and tables (Linghai)", async () => {
  const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
  const ledger = buildLedger(loaded.scenario);

  it("sources and uses per year add up to the ledger's totals", () => {
    const data = ledgerChartData(ledger, "zh");
    const total = (rows: readonly { amount: number }[]): number => rows.reduce((a, r) => a + r.amount, 0);
    expect(total(data["budget-sources"]!.rows)).toBeCloseTo(ledger.totals.sources.toNumber(), 2);
    expect(total(data["budget-uses"]!.rows)).toBeCloseTo(ledger.totals.uses.toNumber(), 2);
    expect(data.balance!.points.map((p) => p.year)).toEqual([...ledger.years]);
    expect(buildCharts(data, "en").length).toBeGreaterThanOrEqual(3);
  });

  it("the pool references give the plan's 99,000,000 capacity on a 9,900,000 fund", () => {
    const refs = poolReferences(ledger)!;
    expect(refs.fund).toBe(9_900_000);
    expect(refs.capacity[0]).toEqual({ year: ledger.years[0], value: 99_000_000 });
    expect(refs.planned[0]!.value).toBe(56_350_000); // 50 M planned + 6.35 M already lent
  });

  it("tables show yuan to the fen (en) and 万元 (zh), with a totals row", () => {
    const en = ledgerDisplayTables(ledger, "en");
    const zh = ledgerDisplayTables(ledger, "zh");
    expect(en[0]!.title).toContain("yuan");
    expect(zh[0]!.title).toContain("万元");
    const last = en[0]!.rows[en[0]!.rows.length - 1]!;
    expect(last[last.length - 1]).toBe(tableMoney(ledger.totals.sources, "en"));
    expect(en.some((t) => t.rows.some((r) => r.includes("99,000,000.00")))).toBe(true);
    expect(zh.some((t) => t.rows.some((r) => r.includes("9,900.00")))).toBe(true);
  });
});

describe("tableMoney", () => {
  it("formats exact decimals", () => {
    expect(tableMoney(new Decimal("6467000"), "en")).toBe("6,467,000.00");
    expect(tableMoney(new Decimal("6467000"), "zh")).toBe("646.70");
    expect(tableMoney(new Decimal("-1100000.005"), "en")).toBe("−1,100,000.01");
    expect(tableMoney(new Decimal("0.004"), "en")).toBe("0.00");
    expect(tableMoney(new Decimal("-0.001"), "en")).toBe("0.00");
  });
});
