/**
 * The report as an Excel workbook (`report.xlsx` in every report folder), for readers who
 * work in Excel: the results beside the exact ledger, in the report's language.
 *
 *   Summary    per year, the headline indicators over runs (mean, 5%, median, 95%, Monte-Carlo
 *              se of the mean), the targets with the probability of meeting them, and what
 *              the spread and the probabilities include (shocks, population draw, unknowns);
 *   Spending   each budget line by year: budgeted (the ledger), simulated mean and 90% of runs,
 *              the difference and why (under budget: too few left to serve);
 *   Variants   the paired differences of the compared variants (only with variants);
 *   Ledger, Checks, About   the ledger workbook of `fundsim export-xlsx` (formula totals).
 *
 * Numbers are written as numbers (money in 万元 for Chinese, yuan for English, as the
 * ledger workbook), so they can be summed and charted in the spreadsheet.
 *
 * @example
 * const bytes = await reportWorkbook(input); // input.workbook set by assembleReport
 */
import writeXlsxFile, { type Cell, type Sheet as SheetOf } from "write-excel-file/node";
import { MONEY_FORMAT, bold, ledgerSheets, type XlsxUnit } from "../render/workbook.js";
import { labelText } from "../messages/label.js";
import { say } from "../messages/lang.js";
import * as W from "../messages/workbook.js";
import { spendingStatus } from "../messages/report.js";
import { uncertaintyIncludes } from "../messages/results.js";
import type { ReportInput } from "./types.js";

type Sheet = SheetOf<never>;

const COUNT = "#,##0";
const SHARE = "0.0%";
/** A number cell rounded to `digits` decimals (what the format shows and a little more; no binary noise such as 2282.7999999999993). */
const num = (x: number, format: string, digits = 4): Cell => (Number.isFinite(x) ? { value: Number(x.toFixed(digits)), type: Number, format } : "");

/** The workbook's bytes; undefined when the input carries no workbook data (a report assembled by hand). */
export async function reportWorkbook(input: ReportInput): Promise<Uint8Array | undefined> {
  const w = input.workbook;
  if (w === undefined) return undefined;
  const lang = input.lang;
  const unit: XlsxUnit = lang === "zh" ? "wan" : "yuan";
  // To the fen: 2 decimals in yuan, 6 in 万元.
  const money = (x: number): Cell => (unit === "wan" ? num(x / 10_000, MONEY_FORMAT, 6) : num(x, MONEY_FORMAT, 2));
  const moneyUnit = say(lang, W.moneyUnit(unit));
  const f = input.facts;

  // Summary.
  const summary: Cell[][] = [
    [bold(input.name)],
    [say(lang, W.summaryHeading(f.runs, f.seed))],
    [say(lang, uncertaintyIncludes(f.register === true, f.incomeDraws === true, f.unknowns ?? 0, f.populationRedrawn === true))],
    [],
    [bold(say(lang, W.indicatorHead())), bold(say(lang, W.unitHead())), bold(say(lang, W.yearHead())), bold(say(lang, W.meanHead())), bold(say(lang, W.q05Head())), bold(say(lang, W.medianHead())), bold(say(lang, W.q95Head())), bold(say(lang, W.seHead()))],
  ];
  for (const { metric, label, money: isMoney } of W.SUMMARY_METRICS) {
    const m = w.summary.metrics[metric];
    if (!m) continue;
    m.byYear.forEach((s, y) => {
      const v = (x: number): Cell => (isMoney ? money(x) : num(x, COUNT));
      summary.push([say(lang, label), isMoney ? moneyUnit : say(lang, W.peopleUnit()), input.years[y] ?? "", v(s.mean), v(s.q05), v(s.q50), v(s.q95), isMoney ? money(s.se) : num(s.se, "#,##0.0")]);
    });
  }
  const targets = w.summary.targets;
  if (targets !== null) {
    summary.push([], [bold(say(lang, W.yearHead())), bold(say(lang, W.targetHead())), bold(say(lang, W.probabilityHead())), bold(say(lang, W.seHead()))]);
    for (const t of targets.byYear) {
      if (t.exitsMet === null) continue;
      summary.push([t.year, num(t.exits ?? Number.NaN, COUNT), num(t.exitsMet.p, SHARE, 6), num(t.exitsMet.se, SHARE, 6)]);
    }
    summary.push([say(lang, W.allTargetsRow()), "", num(targets.overall.p, SHARE, 6), num(targets.overall.se, SHARE, 6)]);
  }
  const sheets: Sheet[] = [
    { sheet: say(lang, W.summarySheet()), data: summary, columns: [{ width: 44 }, { width: 10 }, { width: 8 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 22 }], stickyRowsCount: 5 },
  ];

  // Spending against the budget.
  if (input.spending && input.spending.length > 0) {
    const rows: Cell[][] = [
      [say(lang, W.amountsIn(unit))],
      [bold(say(lang, W.itemHead())), bold(say(lang, W.yearHead())), bold(say(lang, W.budgetedHead())), bold(say(lang, W.simulatedHead())), bold(say(lang, W.q05Head())), bold(say(lang, W.q95Head())), bold(say(lang, W.differenceHead())), bold(say(lang, W.statusHead()))],
    ];
    for (const r of input.spending) {
      rows.push([labelText(r.label, lang, r.id), r.year, money(r.budgeted), money(r.mean), money(r.q05), money(r.q95), money(r.difference), say(lang, spendingStatus(r.status))]);
    }
    sheets.push({ sheet: say(lang, W.spendingSheet()), data: rows, columns: [{ width: 40 }, { width: 8 }, ...Array.from({ length: 5 }, () => ({ width: 16 })), { width: 40 }], stickyRowsCount: 2 });
  }

  // Variants: the report's table of paired differences, as text (its cells carry intervals).
  const vt = input.variantTable;
  if (vt) {
    sheets.push({
      sheet: say(lang, W.variantsSheet()),
      data: [[bold(vt.title)], vt.columns.map(bold), ...vt.rows.map((r) => r.map((c): Cell => c)), [], ...(input.variantNotes ?? []).map(([n, note]): Cell[] => [n, note])],
      columns: [{ width: 30 }, ...vt.columns.slice(1).map(() => ({ width: 26 }))],
    });
  }

  const ledger = ledgerSheets(w.ledger, { lang, unit, scenario: w.scenario, version: input.version, command: "report" });
  sheets.push(...ledger.sheets);
  return new Uint8Array(await writeXlsxFile(sheets).toBuffer());
}
