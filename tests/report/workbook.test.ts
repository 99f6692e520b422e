/**
 * report.xlsx: the results, spending against the budget, variants and the ledger, read back
 * with read-excel-file — the numbers are the report's (summary, spending rows, ledger),
 * sheet names and headers in the report's language, money in 万元 (zh) or yuan (en).
 */
import { describe, expect, it } from "vitest";
import readExcelFile from "read-excel-file/node";
import { loadScenario } from "../../src/scenario/index.js";
import { reportInputFor } from "../../src/pipeline/report.js";
import { reportWorkbook } from "../../src/report/workbook.js";
import { unwrap } from "../../src/util/result.js";
import type { Lang } from "../../src/messages/lang.js";
import { fixtureReport } from "./fixtures.js";

type Sheets = { sheet: string; data: unknown[][] }[];

async function workbookOf(lang: Lang, variant?: string): Promise<{ sheets: Sheets; input: Awaited<ReturnType<typeof reportInputFor>> }> {
  const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
  const variants = variant ? [{ name: variant, loaded: unwrap(await loadScenario("scenarios/linghai-2017.yaml", { variant })) }] : [];
  const input = await reportInputFor(loaded, { lang, runs: 12, threads: 1, decompose: false }, variants);
  if (!input.ok) expect.fail(input.error.en);
  const bytes = await reportWorkbook(input.value);
  if (!bytes) expect.fail("no workbook");
  return { sheets: (await readExcelFile(Buffer.from(bytes))) as Sheets, input };
}

describe("report.xlsx", () => {
  it("holds the summary, spending and ledger in English and yuan, equal to the report's numbers", async () => {
    const { sheets, input } = await workbookOf("en");
    if (!input.ok) return;
    expect(sheets.map((s) => s.sheet)).toEqual(["Summary", "Spending", "Ledger", "Checks", "About"]);
    const summary = sheets[0]!.data;
    const w = input.value.workbook!;
    const out = w.summary.metrics["exitedPeople"]!.byYear;
    const rows = summary.filter((r) => r[0] === "People out of poverty (exited, not relapsed)");
    expect(rows.map((r) => r[2])).toEqual([2017, 2018, 2019]);
    rows.forEach((r, y) => {
      expect(r[3]).toBeCloseTo(out[y]!.mean, 3);
      expect(r[4]).toBeCloseTo(out[y]!.q05, 3);
      expect(r[6]).toBeCloseTo(out[y]!.q95, 3);
    });
    // What the probabilities include is said, and the targets carry their probability.
    expect(String(summary[2]![0])).toContain("shocks");
    const all = summary.find((r) => r[0] === "Every year's target met in the same run");
    expect(all?.[2]).toBeCloseTo(w.summary.targets!.overall.p, 6);
    // Spending: one row per ledger row, in yuan to the fen.
    const spending = sheets[1]!.data.slice(2);
    expect(spending).toHaveLength(input.value.spending!.length);
    input.value.spending!.forEach((s, k) => {
      expect(spending[k]![1]).toBe(s.year);
      expect(spending[k]![2]).toBeCloseTo(s.budgeted, 2);
      expect(spending[k]![3]).toBeCloseTo(s.mean, 2);
    });
    expect(sheets[4]!.data.some((r) => String(r[1]).includes("fundsim report"))).toBe(true);
  });

  it("in Chinese: sheet names and headers, money in 万元, and the variants' paired differences", async () => {
    const { sheets, input } = await workbookOf("zh", "housing-stretch");
    if (!input.ok) return;
    expect(sheets.map((s) => s.sheet)).toEqual(["结果概要", "预算执行", "方案比较", "台账", "核查", "说明"]);
    const cost = sheets[0]!.data.find((r) => r[0] === "财政支出" && r[2] === 2017);
    expect(cost?.[1]).toBe("万元");
    expect(cost?.[3]).toBeCloseTo(input.value.workbook!.summary.metrics["fiscalCost"]!.byYear[0]!.mean / 10_000, 4);
    const variants = sheets[2]!.data;
    expect(variants[1]).toEqual(input.value.variantTable!.columns);
    expect(variants[2]![0]).toBe(input.value.variantTable!.rows[0]![0]);
  });

  it("is not written for a report assembled by hand without the ledger and summary", async () => {
    expect(await reportWorkbook(fixtureReport("en"))).toBeUndefined();
  });
});
