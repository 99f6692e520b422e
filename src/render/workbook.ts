/**
 * The budget ledger as an Excel workbook (`fundsim export-xlsx`), built with write-excel-file
 * (MIT; its one dependency, fflate, is MIT too). Three sheets, headers in the user's language:
 *
 *   Ledger   sources and uses by year, each with a row total; source, use and row totals and
 *            the balance (opening, net, closing; unspent) are spreadsheet formulas over the
 *            amounts, so a user who edits an amount sees the totals follow;
 *   Checks   the ledger's findings (severity, year, line, message);
 *   About    the scenario, its hash, the fundsim version, the unit, and how to read it.
 *
 * Amounts are in yuan, or in 万元 (yuan ÷ 10,000, exact: a fen is 0.000001 万元), with a
 * thousands-grouped format; the numbers written are the ledger's exact decimals (rounded to a
 * double only where the spreadsheet stores them).
 *
 * @example
 * const bytes = await ledgerWorkbook(buildLedger(s), { lang: "zh", unit: "wan", scenario: { file, id, hash } });
 */
import type { Decimal } from "decimal.js";
import writeXlsxFile, { type Cell, type Sheet as SheetOf } from "write-excel-file/node";

type Sheet = SheetOf<never>;
import type { Ledger } from "../ledger/types.js";
import { labelText } from "../messages/label.js";
import { say, type Lang } from "../messages/lang.js";
import * as W from "../messages/workbook.js";
import { columnName } from "../util/spreadsheet.js";

export const XLSX_UNITS = ["yuan", "wan"] as const;
export type XlsxUnit = (typeof XLSX_UNITS)[number];

export interface WorkbookOptions {
  readonly lang: Lang;
  readonly unit: XlsxUnit;
  readonly scenario: { readonly file: string; readonly id: string; readonly hash: string };
  readonly version: string;
  /** The fundsim command that wrote the workbook, named on the About sheet (default "export-xlsx"). */
  readonly command?: string;
}

/** Number format of amounts (yuan or 万元), thousands grouped. */
export const MONEY_FORMAT = "#,##0.00";
const amount = (x: Decimal, unit: XlsxUnit): Cell => ({ value: (unit === "wan" ? x.div(10_000) : x).toNumber(), type: Number, format: MONEY_FORMAT });
const formula = (f: string, bold = false): Cell => ({ value: f, type: "Formula", format: MONEY_FORMAT, ...(bold ? { fontWeight: "bold" as const } : {}) });
/** A bold text cell (headings, totals). */
export const bold = (s: string): Cell => ({ value: s, type: String, fontWeight: "bold" });

/** The workbook's sheets as data (rows of cells), and the rows where each part sits (1-based). */
export function ledgerSheets(l: Ledger, o: WorkbookOptions): { sheets: Sheet[]; rows: { sourcesTotal: number; usesTotal: number; closing: number; unspent: number } } {
  const { lang, unit } = o;
  const Y = l.years.length;
  const first = 2; // column C: the first year
  const yearCol = (k: number): string => columnName(first + k);
  const lastCol = yearCol(Y - 1);
  const totalCol = columnName(first + Y);
  const rows: Cell[][] = [];
  const push = (r: Cell[]): number => rows.push(r); // 1-based row number
  push([bold(labelText(l.name, lang))]);
  push([say(lang, W.unitLine(unit))]);
  push([bold(say(lang, W.itemHead())), bold(say(lang, W.kindHead())), ...l.years.map((y) => bold(String(y))), bold(say(lang, W.totalHead()))]);
  const rowTotal = (r: number): Cell => formula(`SUM(${yearCol(0)}${r}:${lastCol}${r})`);
  // Sources.
  const sourcesFrom = rows.length + 1;
  for (const s of l.sources) {
    const r = rows.length + 1;
    push([labelText(s.label, lang, s.id), say(lang, W.sourceKind()), ...s.byYear.map((x) => amount(x, unit)), rowTotal(r)]);
  }
  const sourcesTo = rows.length;
  const sumRows = (from: number, to: number, c: string): Cell => (to >= from ? formula(`SUM(${c}${from}:${c}${to})`, true) : formula("0", true));
  const sourcesTotal = push([bold(say(lang, W.sourcesTotal())), "", ...l.years.map((_, k) => sumRows(sourcesFrom, sourcesTo, yearCol(k))), sumRows(sourcesFrom, sourcesTo, totalCol)]);
  push([]);
  // Uses.
  const usesFrom = rows.length + 1;
  for (const u of l.uses) {
    const r = rows.length + 1;
    push([labelText(u.label, lang, u.key), say(lang, W.useKind(u.kind)), ...u.byYear.map((x) => amount(x, unit)), rowTotal(r)]);
  }
  const usesTo = rows.length;
  const usesTotal = push([bold(say(lang, W.usesTotal())), "", ...l.years.map((_, k) => sumRows(usesFrom, usesTo, yearCol(k))), sumRows(usesFrom, usesTo, totalCol)]);
  push([]);
  // Balance: opening + sources − uses = closing; with carry forward the opening is last year's closing.
  const opening = rows.length + 1;
  const net = opening + 1;
  const closing = opening + 2;
  push([say(lang, W.openingRow()), "", ...l.years.map((_, k) => (k > 0 && l.carryForward ? formula(`${yearCol(k - 1)}${closing}`) : formula("0")))]);
  push([say(lang, W.netRow()), "", ...l.years.map((_, k) => formula(`${yearCol(k)}${sourcesTotal}-${yearCol(k)}${usesTotal}`))]);
  push([bold(say(lang, W.closingRow())), "", ...l.years.map((_, k) => formula(`${yearCol(k)}${opening}+${yearCol(k)}${net}`, true))]);
  const unspent = push([
    bold(say(lang, W.unspentRow(l.carryForward))),
    "",
    l.carryForward ? formula(`${lastCol}${closing}`, true) : formula(`SUM(${yearCol(0)}${closing}:${lastCol}${closing})`, true),
  ]);
  const ledgerSheet: Sheet = {
    sheet: say(lang, W.ledgerSheet()),
    data: rows,
    columns: [{ width: 44 }, { width: 14 }, ...l.years.map(() => ({ width: 16 })), { width: 18 }],
    stickyRowsCount: 3,
  };
  const checks: Sheet = {
    sheet: say(lang, W.checksSheet()),
    data: [
      [bold(say(lang, W.severityHead())), bold(say(lang, W.yearHead())), bold(say(lang, W.lineHead())), bold(say(lang, W.messageHead()))],
      ...l.checks.map((c): Cell[] => [say(lang, W.severity(c.severity)), c.year ?? "", c.programme ?? c.source ?? c.pool ?? "", say(lang, c.message)]),
    ],
    columns: [{ width: 10 }, { width: 8 }, { width: 20 }, { width: 120 }],
  };
  const about: Sheet = {
    sheet: say(lang, W.aboutSheet()),
    data: W.aboutRows(o.scenario.file, o.scenario.id, o.scenario.hash, o.version, unit, o.command).map((r) => [bold(say(lang, r[0])), say(lang, r[1])]),
    columns: [{ width: 22 }, { width: 110 }],
  };
  return { sheets: [ledgerSheet, checks, about], rows: { sourcesTotal, usesTotal, closing, unspent } };
}

/** The workbook's bytes. */
export async function ledgerWorkbook(l: Ledger, o: WorkbookOptions): Promise<Uint8Array> {
  const { sheets } = ledgerSheets(l, o);
  const b = await writeXlsxFile(sheets).toBuffer();
  return new Uint8Array(b);
}

/**
 * An allocation template: the first sheet lists each programme with an allocation (its id,
 * its name, its allocation in yuan by year from the ledger, a formula total); a second sheet
 * says how to fill it in and use it (`--variant FILE.xlsx`, scenario/workbookVariant.ts
 * reads it back). Filled in unchanged, it gives the scenario's own allocations.
 */
export async function allocationTemplate(l: Ledger, ids: readonly string[], o: WorkbookOptions & { readonly scenarioArg: string }): Promise<Uint8Array> {
  const { lang } = o;
  const Y = l.years.length;
  const lastCol = columnName(2 + Y - 1);
  const rows: Cell[][] = [[bold("id"), bold(say(lang, W.itemHead())), ...l.years.map((y) => bold(String(y))), bold(say(lang, W.totalHead()))]];
  for (const id of ids) {
    const p = l.programmes.find((x) => x.id === id);
    if (!p) continue;
    const r = rows.length + 1;
    rows.push([id, labelText(p.label, lang, id), ...p.byYear.map((y) => amount(y.allocation, "yuan")), formula(`SUM(C${r}:${lastCol}${r})`)]);
  }
  const sheets: Sheet[] = [
    { sheet: say(lang, W.allocationsSheet()), data: rows, columns: [{ width: 18 }, { width: 44 }, ...l.years.map(() => ({ width: 16 })), { width: 18 }], stickyRowsCount: 1 },
    { sheet: say(lang, W.howToSheet()), data: W.howToRows(o.scenarioArg).map((t) => [say(lang, t)]), columns: [{ width: 120 }] },
  ];
  return new Uint8Array(await writeXlsxFile(sheets).toBuffer());
}
