/**
 * The ledger as display tables (strings), one per section, in a language: amounts in yuan to
 * the fen (en) or in 万元 to two decimals (zh), counts as whole numbers, a totals column and
 * totals rows. The terminal table (text.ts) and reports use these.
 *
 * @example
 * const tables = ledgerTables(ledger, "zh");
 * tables[0].columns // ["项目", "2016", "2017", "2018", "合计"]
 */
import type { Decimal } from "decimal.js";
import type { Lang } from "../messages/lang.js";
import * as M from "../messages/ledger.js";
import { formatCount, formatWan, formatYuan, sumOf, ZERO } from "../model/money.js";
import { labelText } from "../messages/label.js";
import type { Ledger } from "./types.js";

export interface LedgerTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Which columns hold numbers (right-aligned). */
  readonly numeric: readonly boolean[];
  /** Indexes of rows that are totals (drawn after a rule). */
  readonly totalRows: readonly number[];
}

/** What an exact zero shows as (the accountants' dash). */
export const DASH = "-";

/** Money as shown in tables of a language; exact zero as a dash. */
export const showMoney = (x: Decimal, lang: Lang): string => {
  if (x.isZero()) return DASH;
  switch (lang) {
    case "en":
      return formatYuan(x);
    case "zh":
      return formatWan(x);
    default:
      return lang satisfies never;
  }
};

type Cell = Decimal | undefined | string;

interface Builder {
  readonly rows: string[][];
  readonly totals: number[];
}

export function ledgerTables(l: Ledger, lang: Lang): LedgerTable[] {
  const t = (m: { en: string; zh: string }): string => m[lang];
  const money = (x: Cell): string => (x === undefined ? "" : typeof x === "string" ? x : showMoney(x, lang));
  const count = (x: Cell): string => (x === undefined ? "" : typeof x === "string" ? x : x.isZero() ? DASH : formatCount(x));
  const years = l.years.map(String);
  const anyAfter = l.uses.some((u) => !u.beyondHorizon.isZero());
  const head = (extraAfter: boolean): string[] => [t(M.colItem()), ...years, t(M.colTotal()), ...(extraAfter ? [t(M.colAfter())] : [])];
  const numericOf = (cols: readonly string[]): boolean[] => cols.map((_, i) => i > 0);
  const tables: LedgerTable[] = [];
  const table = (title: string, columns: string[], b: Builder): void => {
    if (b.rows.length > 0) tables.push({ title, columns, rows: b.rows, numeric: numericOf(columns), totalRows: b.totals });
  };
  const fresh = (): Builder => ({ rows: [], totals: [] });

  // Sources.
  {
    const b = fresh();
    for (const s of l.sources) b.rows.push([labelText(s.label, lang), ...s.byYear.map(money), money(s.total)]);
    b.totals.push(b.rows.length);
    b.rows.push([t(M.totalSources()), ...l.balance.map((y) => money(y.sources)), money(l.totals.sources)]);
    table(t(M.sectionSources()), head(false), b);
  }
  // Uses.
  {
    const b = fresh();
    for (const u of l.uses) b.rows.push([labelText(u.label, lang), ...u.byYear.map(money), money(u.total), ...(anyAfter ? [u.beyondHorizon.isZero() ? "" : money(u.beyondHorizon)] : [])]);
    b.totals.push(b.rows.length);
    b.rows.push([t(M.totalUses()), ...l.balance.map((y) => money(y.uses)), money(l.totals.uses), ...(anyAfter ? [money(l.totals.beyondHorizon)] : [])]);
    table(t(M.sectionUses()), head(anyAfter), b);
  }
  // Balance.
  {
    const b = fresh();
    b.rows.push([t(M.rowOpening()), ...l.balance.map((y) => money(y.opening)), ""]);
    b.rows.push([t(M.rowNet()), ...l.balance.map((y) => money(y.net)), money(sumOf(l.balance.map((y) => y.net)))]);
    if (!l.carryForward) b.rows.push([t(M.rowLapsed()), ...l.balance.map((y) => money(y.lapsed)), money(sumOf(l.balance.map((y) => y.lapsed)))]);
    b.totals.push(b.rows.length);
    b.rows.push([t(M.rowClosing()), ...l.balance.map((y) => money(y.closing)), money(l.totals.unspent)]);
    table(t(M.sectionBalance()), head(false), b);
  }
  // Capacity (units served).
  {
    const b = fresh();
    for (const p of l.programmes) {
      if (p.byYear.every((y) => y.capacity === undefined)) continue;
      const unit = p.costUnit ? (lang === "zh" ? `（${t(M.costUnitName(p.costUnit))}）` : ` (${t(M.costUnitName(p.costUnit))})`) : "";
      const cells = p.byYear.map((y) => (y.capacity === undefined ? t(M.capacityUnlimited()) : count(y.capacity)));
      const total = p.byYear.every((y) => y.capacity !== undefined) ? count(sumOf(p.byYear.map((y) => y.capacity ?? ZERO))) : "";
      b.rows.push([`${labelText(p.label, lang)}${unit}`, ...cells, total]);
    }
    table(t(M.sectionCapacity()), head(false), b);
  }
  // Schedules by cohort.
  if (l.schedules.length > 0) {
    const b = fresh();
    const keys = [...new Set(l.schedules.map((e) => `${e.programme}\u0000${e.schedule}\u0000${e.cohortYear}`))];
    let anyBeyond = false;
    const rows = keys.map((k) => {
      const es = l.schedules.filter((e) => `${e.programme}\u0000${e.schedule}\u0000${e.cohortYear}` === k);
      const e0 = es[0]!;
      const beyond = sumOf(es.filter((e) => e.beyondHorizon).map((e) => e.amount));
      if (!beyond.isZero()) anyBeyond = true;
      const byYear = l.years.map((y) => sumOf(es.filter((e) => e.year === y).map((e) => e.amount)));
      return { label: t(M.rowCohort(labelText(e0.label, lang), e0.cohortYear, formatCount(e0.units), e0.unit)), byYear, beyond };
    });
    for (const r of rows) b.rows.push([r.label, ...r.byYear.map(money), money(sumOf(r.byYear)), ...(anyBeyond ? [r.beyond.isZero() ? "" : money(r.beyond)] : [])]);
    b.totals.push(b.rows.length);
    const inside = l.years.map((y) => sumOf(l.schedules.filter((e) => e.year === y).map((e) => e.amount)));
    const beyondAll = sumOf(l.schedules.filter((e) => e.beyondHorizon).map((e) => e.amount));
    b.rows.push([t(M.colTotal()), ...inside.map(money), money(sumOf(inside)), ...(anyBeyond ? [money(beyondAll)] : [])]);
    table(t(M.sectionSchedules()), head(anyBeyond), b);
  }
  // Credit pools.
  for (const pool of l.pools) {
    const b = fresh();
    const after = pool.subsidyBeyond.length > 0;
    const pad = after ? [""] : [];
    const ys = pool.byYear;
    b.rows.push([t(M.rowDeposit()), ...ys.map((y) => money(y.deposit)), money(pool.totalDeposits), ...pad]);
    b.rows.push([t(M.rowFund()), ...ys.map((y) => money(y.fund)), "", ...pad]);
    b.rows.push([t(M.rowCapacity(pool.leverage.toString())), ...ys.map((y) => money(y.capacity)), "", ...pad]);
    b.rows.push([t(M.rowNewLending()), ...ys.map((y) => money(y.newLending)), money(pool.totalLending), ...pad]);
    b.rows.push([t(M.rowOutstanding()), ...ys.map((y) => money(y.outstanding)), "", ...pad]);
    b.rows.push([t(M.rowSubsidy()), ...ys.map((y) => money(y.expectedSubsidy)), money(pool.totalSubsidy), ...(after ? [money(sumOf(pool.subsidyBeyond.map((s) => s.amount)))] : [])]);
    const loans = (a: Decimal, h: Decimal): string => (a.isZero() ? DASH : `${count(a)} (${count(h)})`);
    b.rows.push([t(M.rowLoans()), ...ys.map((y) => loans(y.loans, y.households)), loans(sumOf(ys.map((y) => y.loans)), sumOf(ys.map((y) => y.households))), ...pad]);
    table(t(M.sectionPool(labelText(pool.label, lang))), head(after), b);
  }
  // Per-person target.
  if (l.target) {
    const g = l.target;
    const b = fresh();
    const blank = l.years.map(() => "");
    const srcLabel = (id: string): string => labelText(l.sources.find((s) => s.id === id)?.label, lang, id);
    b.rows.push([t(M.rowRequired(formatYuan(g.amountPerPerson), formatCount(g.people))), ...blank, money(g.required)]);
    b.rows.push([t(M.rowFundProvides(srcLabel(g.fundSource))), ...(l.sources.find((s) => s.id === g.fundSource)?.byYear.map(money) ?? blank), money(g.fundAmount)]);
    b.rows.push([t(M.rowGap()), ...blank, money(g.gap)]);
    for (const sh of g.shares) b.rows.push([`  ${t(M.rowShare(srcLabel(sh.source), sh.weight.toString()))}`, ...sh.byYear.map(money), money(sh.amount)]);
    b.totals.push(b.rows.length);
    b.rows.push([t(M.rowInvested()), ...l.balance.map((y) => money(y.sources)), money(g.invested)]);
    b.rows.push([t(M.rowPerPerson()), ...blank, formatYuan(g.perPerson)]);
    table(t(M.sectionTarget()), head(false), b);
  }
  return tables;
}
