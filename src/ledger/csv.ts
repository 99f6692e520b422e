/**
 * The ledger as CSV: one row per number (long format), so nothing is lost and a spreadsheet
 * can pivot it. Written in fundsim's one CSV layout (src/io/csv.ts: byte-order mark, CRLF,
 * RFC 4180 quoting). Amounts are exact decimals in yuan without separators.
 *
 * Columns: section, key, measure, label, programme, pool, source, schedule, cohort_year,
 * year, amount_yuan, units, severity, code, message.
 * `year` is a horizon year, a later year (payments after the horizon), or `total`.
 *
 * @example
 * await writeFileAtomic("out/ledger.csv", ledgerCsv(ledger, "zh"));
 */
import type { Decimal } from "decimal.js";
import type { Lang } from "../messages/lang.js";
import { csvText } from "../io/csv.js";
import { exactString } from "../model/money.js";
import { labelText } from "../messages/label.js";
import type { Ledger } from "./types.js";

export const CSV_COLUMNS = [
  "section",
  "key",
  "measure",
  "label",
  "programme",
  "pool",
  "source",
  "schedule",
  "cohort_year",
  "year",
  "amount_yuan",
  "units",
  "severity",
  "code",
  "message",
] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | Decimal | undefined>>;

const cellText = (v: string | number | Decimal | undefined): string =>
  v === undefined ? "" : typeof v === "string" ? v : typeof v === "number" ? String(v) : exactString(v);

export function ledgerCsv(l: Ledger, lang: Lang): string {
  const rows: Row[] = [];
  const years = l.years;
  const perYear = (base: Row, byYear: readonly Decimal[], total: Decimal, field: "amount_yuan" | "units" = "amount_yuan"): void => {
    byYear.forEach((v, i) => rows.push({ ...base, year: years[i], [field]: v }));
    rows.push({ ...base, year: "total", [field]: total });
  };
  for (const s of l.sources) perYear({ section: "source", key: s.id, measure: s.rule, label: labelText(s.label, lang), source: s.id }, s.byYear, s.total);
  for (const u of l.uses) {
    const base: Row = { section: "use", key: u.key, measure: u.kind, label: labelText(u.label, lang), programme: u.programme, pool: u.pool, schedule: u.schedule };
    perYear(base, u.byYear, u.total);
    if (!u.beyondHorizon.isZero()) rows.push({ ...base, year: "after", amount_yuan: u.beyondHorizon });
  }
  for (const b of l.balance) {
    for (const m of ["opening", "sources", "uses", "net", "closing", "lapsed"] as const) rows.push({ section: "balance", key: m, measure: m, year: b.year, amount_yuan: b[m] });
  }
  rows.push({ section: "balance", key: "unspent", measure: "unspent", year: "total", amount_yuan: l.totals.unspent });
  for (const p of l.programmes) {
    const base: Row = { section: "programme", key: p.id, label: labelText(p.label, lang), programme: p.id, pool: p.pool };
    for (const y of p.byYear) {
      rows.push({ ...base, measure: "allocation", year: y.year, amount_yuan: y.allocation });
      rows.push({ ...base, measure: "scheduled", year: y.year, amount_yuan: y.scheduled });
      if (y.required !== undefined) rows.push({ ...base, measure: "required", year: y.year, amount_yuan: y.required });
      if (y.unitCost !== undefined) rows.push({ ...base, measure: `unit_cost_per_${p.costUnit ?? "unit"}`, year: y.year, amount_yuan: y.unitCost });
      if (y.plannedUnits !== undefined) rows.push({ ...base, measure: "planned_units", year: y.year, units: y.plannedUnits });
      if (y.capacity !== undefined) rows.push({ ...base, measure: "capacity_units", year: y.year, units: y.capacity });
    }
    rows.push({ ...base, measure: "total", year: "total", amount_yuan: p.total });
  }
  for (const e of l.schedules) {
    rows.push({
      section: "schedule",
      key: `${e.programme}:${e.schedule}:${e.cohortYear}`,
      measure: e.beyondHorizon ? "payment_after_horizon" : "payment",
      label: labelText(e.label, lang),
      programme: e.programme,
      schedule: e.schedule,
      cohort_year: e.cohortYear,
      year: e.year,
      amount_yuan: e.amount,
      units: e.units,
    });
  }
  for (const pool of l.pools) {
    const base: Row = { section: "pool", key: pool.id, label: labelText(pool.label, lang), pool: pool.id };
    for (const y of pool.byYear) {
      for (const m of ["deposit", "fund", "capacity", "newLending", "outstanding", "expectedSubsidy"] as const) rows.push({ ...base, measure: m, year: y.year, amount_yuan: y[m] });
      rows.push({ ...base, measure: "loans", year: y.year, units: y.loans });
      rows.push({ ...base, measure: "households", year: y.year, units: y.households });
    }
    for (const b of pool.subsidyBeyond) rows.push({ ...base, measure: "expectedSubsidy", year: b.year, amount_yuan: b.amount });
    rows.push({ ...base, measure: "leverage", year: "total", units: pool.leverage });
  }
  if (l.target) {
    const g = l.target;
    const base: Row = { section: "target", key: "perPersonTarget", source: g.fundSource };
    rows.push({ ...base, measure: "amountPerPerson", year: "total", amount_yuan: g.amountPerPerson });
    rows.push({ ...base, measure: "people", year: "total", units: g.people });
    rows.push({ ...base, measure: "required", year: "total", amount_yuan: g.required });
    rows.push({ ...base, measure: "fund", year: "total", amount_yuan: g.fundAmount });
    rows.push({ ...base, measure: "gap", year: "total", amount_yuan: g.gap });
    for (const sh of g.shares) perYear({ section: "target", key: "gapShare", measure: `share weight=${exactString(sh.weight)}`, source: sh.source, label: labelText(l.sources.find((s) => s.id === sh.source)?.label, lang, sh.source) }, sh.byYear, sh.amount);
    rows.push({ ...base, measure: "invested", year: "total", amount_yuan: g.invested });
    rows.push({ ...base, measure: "perPerson", year: "total", amount_yuan: g.perPerson.toDecimalPlaces(2) });
    rows.push({ ...base, measure: "shortfall", year: "total", amount_yuan: g.shortfall });
  }
  rows.push({ section: "total", key: "sources", measure: "sources", year: "total", amount_yuan: l.totals.sources });
  rows.push({ section: "total", key: "uses", measure: "uses", year: "total", amount_yuan: l.totals.uses });
  rows.push({ section: "total", key: "unspent", measure: "unspent", year: "total", amount_yuan: l.totals.unspent });
  rows.push({ section: "total", key: "afterHorizon", measure: "afterHorizon", year: "after", amount_yuan: l.totals.beyondHorizon });
  for (const c of l.checks) {
    const amounts = Object.entries(c.amounts);
    const first = amounts[0];
    rows.push({
      section: "check",
      key: c.code,
      measure: amounts.map(([k, v]) => `${k}=${exactString(v)}`).join("; "),
      programme: c.programme,
      pool: c.pool,
      source: c.source,
      schedule: c.schedule,
      year: c.year,
      amount_yuan: first?.[1],
      severity: c.severity,
      code: c.code,
      message: c.message[lang],
    });
  }
  return csvText(
    CSV_COLUMNS,
    rows.map((r) => CSV_COLUMNS.map((c) => cellText(r[c]))),
  );
}
