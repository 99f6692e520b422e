/**
 * The ledger as tables a finance officer reads: sources and uses by year with totals,
 * the balance, credit pools and the per-person target. English tables show yuan to the
 * fen; Chinese tables show 万元 to two decimals, as Chinese budget tables do. Amounts
 * stay Decimal until formatted here.
 *
 * @example
 * const tables = ledgerDisplayTables(ledger, "zh"); // DisplayTable[] for the report
 */
import { Decimal } from "decimal.js";
import type { Lang } from "../messages/lang.js";
import { say } from "../messages/lang.js";
import * as M from "../messages/report.js";
import type { Ledger } from "../ledger/types.js";
import { labelText } from "../messages/label.js";
import type { DisplayTable } from "./types.js";
import type { SpendingRow } from "../results/reconcile.js";
import { spendingItemName } from "../present/resultsText.js";

/** Money for a table cell: "6,467,000.00" (en, yuan) or "646.70" (zh, 万元). */
export function tableMoney(d: Decimal, lang: Lang): string {
  const v = (lang === "zh" ? d.div(10_000) : d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const [int = "0", frac = "00"] = v.abs().toFixed(2).split(".");
  return `${v.isNegative() && !v.isZero() ? "−" : ""}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}

const unit = (lang: Lang): string => say(lang, lang === "zh" ? M.unitWan() : M.unitYuan());
const sumOf = (xs: readonly Decimal[]): Decimal => xs.reduce((a, b) => a.plus(b), new Decimal(0));

function byYearTable(title: string, l: Ledger, lang: Lang, lines: readonly { label: string; byYear: readonly Decimal[]; total: Decimal; beyond?: Decimal }[]): DisplayTable {
  const withBeyond = lines.some((x) => x.beyond && !x.beyond.isZero());
  const columns = [say(lang, M.colItem()), ...l.years.map(String), say(lang, M.colTotal()), ...(withBeyond ? [say(lang, M.colBeyond())] : [])];
  const rows = lines.map((x) => [x.label, ...x.byYear.map((d) => tableMoney(d, lang)), tableMoney(x.total, lang), ...(withBeyond ? [tableMoney(x.beyond ?? new Decimal(0), lang)] : [])]);
  const totals = l.years.map((_, i) => sumOf(lines.map((x) => x.byYear[i] ?? new Decimal(0))));
  rows.push([
    say(lang, M.colTotal()),
    ...totals.map((d) => tableMoney(d, lang)),
    tableMoney(sumOf(lines.map((x) => x.total)), lang),
    ...(withBeyond ? [tableMoney(sumOf(lines.map((x) => x.beyond ?? new Decimal(0))), lang)] : []),
  ]);
  return { title, columns, rows, numeric: columns.map((_, i) => i > 0), totalRow: true };
}

/** Budgeted against simulated spending (see results/reconcile.ts), one row per line and year. */
export function spendingDisplayTable(rows: readonly SpendingRow[], lang: Lang): DisplayTable {
  const columns = [say(lang, M.colItem()), say(lang, M.colYear()), say(lang, M.colBudgeted()), say(lang, M.colSimulated()), say(lang, M.colInterval()), say(lang, M.colDifference()), say(lang, M.colNote())];
  const money = (x: number): string => tableMoney(new Decimal(x), lang);
  return {
    title: say(lang, M.tableSpending(unit(lang))),
    columns,
    rows: rows.map((r) => [
      spendingItemName(r, lang),
      String(r.year),
      r.status === "demandDriven" ? "—" : money(r.budgeted),
      money(r.mean),
      `${money(r.q05)} – ${money(r.q95)}`,
      r.status === "demandDriven" ? "—" : money(r.difference),
      say(lang, M.spendingStatus(r.status)),
    ]),
    numeric: columns.map((_, i) => i >= 1 && i <= 5),
  };
}

export function ledgerDisplayTables(l: Ledger, lang: Lang): DisplayTable[] {
  const u = unit(lang);
  const tables: DisplayTable[] = [
    byYearTable(say(lang, M.tableSources(u)), l, lang, l.sources.map((s) => ({ label: labelText(s.label, lang, s.id), byYear: s.byYear, total: s.total }))),
    byYearTable(say(lang, M.tableUses(u)), l, lang, l.uses.map((x) => ({ label: labelText(x.label, lang, x.key), byYear: x.byYear, total: x.total, beyond: x.beyondHorizon }))),
  ];
  const balCols = [say(lang, M.colYear()), say(lang, M.colOpening()), say(lang, M.colSources()), say(lang, M.colUses()), say(lang, M.colNet()), say(lang, M.colClosing())];
  tables.push({
    title: say(lang, M.tableBalance(u)),
    columns: balCols,
    rows: l.balance.map((b) => [String(b.year), ...[b.opening, b.sources, b.uses, b.net, b.closing].map((d) => tableMoney(d, lang))]),
    numeric: balCols.map((_, i) => i > 0),
  });
  if (l.pools.length > 0) {
    const cols = [say(lang, M.colPool()), say(lang, M.colYear()), say(lang, M.colDeposit()), say(lang, M.colFund()), say(lang, M.colCapacity()), say(lang, M.colLending()), say(lang, M.colOutstanding()), say(lang, M.colSubsidy())];
    tables.push({
      title: say(lang, M.tablePools(u)),
      columns: cols,
      rows: l.pools.flatMap((p) =>
        p.byYear.map((py) => [labelText(p.label, lang, p.id), String(py.year), ...[py.deposit, py.fund, py.capacity, py.newLending, py.outstanding, py.expectedSubsidy].map((d) => tableMoney(d, lang))]),
      ),
      numeric: cols.map((_, i) => i > 1),
    });
  }
  const t = l.target;
  if (t) {
    const name = (id: string): string => labelText(l.sources.find((s) => s.id === id)?.label, lang, id);
    const rows: string[][] = [
      [say(lang, M.rowRequired()), tableMoney(t.required, lang)],
      [say(lang, M.rowFund(name(t.fundSource))), tableMoney(t.fundAmount, lang)],
      [say(lang, M.rowGap()), tableMoney(t.gap, lang)],
      ...t.shares.map((s) => [say(lang, M.rowShare(name(s.source), s.weight.toDecimalPlaces(4).toString())), tableMoney(s.amount, lang)]),
      [say(lang, M.rowInvested()), tableMoney(t.invested, lang)],
      [say(lang, M.rowPerPerson()), tableMoney(t.perPerson, lang)],
      [say(lang, M.rowShortfall()), tableMoney(t.shortfall, lang)],
    ];
    tables.push({ title: say(lang, M.tableTarget(u)), columns: [say(lang, M.colItem()), u], rows, numeric: [false, true] });
  }
  return tables;
}
