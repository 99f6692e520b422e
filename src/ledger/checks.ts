/**
 * Checks: findings about the budget as data (code, severity, where, amounts, message).
 *
 * | code                   | severity | raised when                                               |
 * |------------------------|----------|-----------------------------------------------------------|
 * | targetMet / targetMissed | info / error | all sources over the horizon vs the per-person target |
 * | gapUnshared            | error    | a target gap remains but no gapShare source has weight    |
 * | phasingEmpty           | warning  | target phasing names no positive share                    |
 * | underFunded            | warning  | allocation < unit cost × planned units, per year          |
 * | overCommitted          | error    | uses > opening balance + sources in a year whose own      |
 * |                        |          | sources fall short (a carried deficit is not repeated)    |
 * | fundedByShortfall      | warning  | programmes paid by named sources need more than they give |
 * | lendingAboveCapacity   | error    | planned loans outstanding > fund × leverage, per year      |
 * | lendingWithinCapacity  | info     | the peak planned lending and its share of capacity        |
 * | scheduleBeyondHorizon  | warning  | a cohort is paid after the horizon's last year            |
 * | recurringBeyondHorizon | warning  | recurring unit costs fall due after the horizon           |
 * | subsidyBeyondHorizon   | info     | expected interest subsidy falls due after the horizon     |
 * | loanAboveHouseholdCeiling | warning | loan size ÷ households per loan > the 50,000 household ceiling |
 * | noRevenueIncrease      | info     | a revenue-share source sees no increase in a year         |
 * | capacityBelowPlan      | warning  | an explicit capacity is below the planned units           |
 *
 * @example
 * ledgerChecks(parts).filter((c) => c.severity === "error")
 */
import { Decimal } from "decimal.js";
import type { Localized } from "../messages/lang.js";
import * as M from "../messages/ledger.js";
import { sumOf, ZERO } from "../model/money.js";
import type { Scenario } from "../scenario/types.js";
import { flow } from "./yearly.js";
import { named, labelOf } from "../messages/label.js";
import { yearsWithoutIncrease } from "./sources.js";
import type { ProgrammeSpending } from "./programmes.js";
import type { TargetPlan } from "./target.js";
import type { BalanceYear, CheckCode, CheckSeverity, LedgerCheck, PoolLedger, ScheduleEntry, SourceLine, UseLine } from "./types.js";

/** The most poverty micro-credit lends one household (yuan; 国开办发〔2014〕78号: 5万元以下, parameters.md). */
export const HOUSEHOLD_LOAN_CEILING = new Decimal(50_000);

export interface CheckInput {
  readonly scenario: Scenario;
  readonly years: readonly number[];
  readonly sources: readonly SourceLine[];
  readonly uses: readonly UseLine[];
  readonly spending: ReadonlyMap<string, ProgrammeSpending>;
  readonly schedules: readonly ScheduleEntry[];
  readonly pools: readonly PoolLedger[];
  readonly target: TargetPlan | undefined;
  readonly balance: readonly BalanceYear[];
  readonly carryForward: boolean;
}

interface Where {
  readonly year?: number;
  readonly programme?: string;
  readonly source?: string;
  readonly pool?: string;
  readonly schedule?: string;
  readonly items?: readonly { readonly id: string; readonly amount: Decimal }[];
}

const check = (code: CheckCode, severity: CheckSeverity, where: Where, amounts: Record<string, Decimal>, message: Localized): LedgerCheck => ({
  code,
  severity,
  year: where.year,
  programme: where.programme,
  source: where.source,
  pool: where.pool,
  schedule: where.schedule,
  amounts,
  ...(where.items ? { items: where.items } : {}),
  message,
});

/** Most items named in an over-commitment message (all are kept in the check's data). */
const SHOWN_ITEMS = 5;

export function ledgerChecks(x: CheckInput): LedgerCheck[] {
  const { scenario: s, years } = x;
  const out: LedgerCheck[] = [];
  const end = years[years.length - 1]!;
  const progName = new Map(s.programmes.map((p) => [p.id, named(labelOf(p.label, p.id))]));
  const srcName = new Map(x.sources.map((l) => [l.id, named(l.label)]));
  const poolName = new Map(x.pools.map((p) => [p.id, named(p.label)]));
  const nameOf = (id: string): Localized => progName.get(id) ?? srcName.get(id) ?? poolName.get(id) ?? { en: id, zh: id };

  // Per-person target.
  const t = x.target;
  if (t) {
    const invested = sumOf(x.sources.map((l) => l.total));
    const perPerson = t.people.isZero() ? ZERO : invested.div(t.people).toDecimalPlaces(2);
    const shortfall = t.required.minus(invested);
    const base = { perPerson, amountPerPerson: t.amountPerPerson, invested, people: t.people, required: t.required };
    if (shortfall.gt(0)) out.push(check("targetMissed", "error", { source: t.fundSource }, { required: t.required, invested, shortfall }, M.targetMissed({ ...base, shortfall })));
    else out.push(check("targetMet", "info", { source: t.fundSource }, { required: t.required, invested }, M.targetMet(base)));
    const shared = sumOf(t.shares.map((sh) => sh.amount));
    if (t.gap.gt(0) && shared.isZero()) out.push(check("gapUnshared", "error", { source: t.fundSource }, { gap: t.gap }, M.gapUnshared({ gap: t.gap, fund: nameOf(t.fundSource) })));
    if (t.phasingEmpty) out.push(check("phasingEmpty", "warning", {}, {}, M.phasingEmpty()));
  }

  // Revenue-share sources in years without an increase.
  for (const src of s.funding.sources) {
    for (const year of yearsWithoutIncrease(src.rule, years)) {
      if (src.rule.kind !== "revenueShare") continue;
      const increase = flow(src.rule.revenueIncrease, years)[years.indexOf(year)]!;
      out.push(check("noRevenueIncrease", "info", { year, source: src.id }, { revenueIncrease: increase }, M.noRevenueIncrease({ year, source: nameOf(src.id), increase })));
    }
  }

  // Programmes: under-funded years, capacity below plan, recurring costs after the horizon.
  for (const p of s.programmes) {
    const sp = x.spending.get(p.id);
    if (!sp) continue;
    const programme = nameOf(p.id);
    years.forEach((year, i) => {
      const req = sp.required[i];
      const alloc = sp.spend[i]!;
      if (sp.kind === "allocation" && req !== undefined && alloc.lt(req)) {
        const shortfall = req.minus(alloc);
        out.push(check("underFunded", "warning", { year, programme: p.id }, { allocation: alloc, required: req, shortfall }, M.underFunded({ year, programme, allocation: alloc, required: req, shortfall })));
      }
      const planned = sp.plannedUnits[i];
      const cap = sp.cap[i];
      if (planned !== undefined && cap !== undefined && cap.lt(planned)) {
        out.push(check("capacityBelowPlan", "warning", { year, programme: p.id }, { plannedUnits: planned, capacityUnits: cap }, M.capacityBelowPlan({ year, programme, planned, capacity: cap })));
      }
    });
    if (sp.beyond.length > 0) {
      const amount = sumOf(sp.beyond.map((b) => b.amount));
      const lastYear = sp.beyond[sp.beyond.length - 1]!.year;
      out.push(check("recurringBeyondHorizon", "warning", { programme: p.id }, { beyondHorizon: amount }, M.recurringBeyondHorizon({ programme, lastYear, amount })));
    }
  }

  // Schedules running past the horizon, one check per schedule cohort.
  const cohorts = new Map<string, ScheduleEntry[]>();
  for (const e of x.schedules) {
    if (!e.beyondHorizon) continue;
    const k = `${e.programme}\u0000${e.schedule}\u0000${e.cohortYear}`;
    cohorts.set(k, [...(cohorts.get(k) ?? []), e]);
  }
  for (const entries of cohorts.values()) {
    const e = entries[0]!;
    const amount = sumOf(entries.map((q) => q.amount));
    const lastYear = Math.max(...entries.map((q) => q.year));
    out.push(
      check("scheduleBeyondHorizon", "warning", { programme: e.programme, schedule: e.schedule, year: e.cohortYear }, { beyondHorizon: amount, units: e.units }, M.scheduleBeyondHorizon({ programme: nameOf(e.programme), schedule: named(e.label), cohortYear: e.cohortYear, units: e.units, unit: e.unit, lastYear, end, amount })),
    );
  }

  // Programmes paid by named sources: needs vs what those sources give, grouped by source set.
  const groups = new Map<string, { sources: string[]; programmes: string[] }>();
  for (const p of s.programmes) {
    if (!p.fundedBy) continue;
    const key = [...new Set(p.fundedBy)].sort().join("\u0000");
    const g = groups.get(key) ?? { sources: [...new Set(p.fundedBy)].sort(), programmes: [] };
    g.programmes.push(p.id);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const needed = sumOf(x.uses.filter((u) => u.programme !== undefined && u.pool === undefined && g.programmes.includes(u.programme)).map((u) => u.total));
    const provided = sumOf(x.sources.filter((l) => g.sources.includes(l.id)).map((l) => l.total));
    if (needed.gt(provided)) {
      const shortfall = needed.minus(provided);
      out.push(
        check("fundedByShortfall", "warning", { programme: g.programmes[0]!, source: g.sources[0]! }, { needed, provided, shortfall }, M.fundedByShortfall({ programmes: g.programmes.map(nameOf), sources: g.sources.map(nameOf), needed, provided, shortfall })),
      );
    }
  }

  // Credit pools: planned lending against capacity; subsidy after the horizon.
  for (const pool of x.pools) {
    const name = poolName.get(pool.id) ?? nameOf(pool.id);
    let peak: (typeof pool.byYear)[number] | undefined;
    for (const py of pool.byYear) {
      if (py.outstanding.gt(py.capacity)) {
        const excess = py.outstanding.minus(py.capacity);
        out.push(
          check("lendingAboveCapacity", "error", { year: py.year, pool: pool.id }, { outstanding: py.outstanding, capacity: py.capacity, fund: py.fund, excess }, M.lendingAboveCapacity({ year: py.year, pool: name, outstanding: py.outstanding, capacity: py.capacity, fund: py.fund, leverage: pool.leverage, excess })),
        );
      } else if (py.outstanding.gt(0) && (peak === undefined || py.outstanding.gt(peak.outstanding))) peak = py;
    }
    if (peak && !out.some((c) => c.code === "lendingAboveCapacity" && c.pool === pool.id)) {
      const utilisation = peak.capacity.isZero() ? ZERO : peak.outstanding.div(peak.capacity);
      out.push(check("lendingWithinCapacity", "info", { year: peak.year, pool: pool.id }, { outstanding: peak.outstanding, capacity: peak.capacity }, M.lendingWithinCapacity({ year: peak.year, pool: name, outstanding: peak.outstanding, capacity: peak.capacity, utilisation })));
    }
    // Poverty micro-credit lends a household at most 50,000 (国开办发〔2014〕78号, parameters.md).
    if (pool.householdsPerLoan.gt(0)) {
      const perHousehold = pool.loanSize.div(pool.householdsPerLoan);
      if (perHousehold.gt(HOUSEHOLD_LOAN_CEILING)) {
        out.push(
          check("loanAboveHouseholdCeiling", "warning", { pool: pool.id }, { perHousehold, loanSize: pool.loanSize }, M.loanAboveHouseholdCeiling({ pool: name, perHousehold, loanSize: pool.loanSize, householdsPerLoan: pool.householdsPerLoan, ceiling: HOUSEHOLD_LOAN_CEILING })),
        );
      }
    }
    if (pool.subsidyBeyond.length > 0) {
      const amount = sumOf(pool.subsidyBeyond.map((b) => b.amount));
      if (amount.gt(0)) {
        const lastYear = pool.subsidyBeyond[pool.subsidyBeyond.length - 1]!.year;
        out.push(check("subsidyBeyondHorizon", "info", { pool: pool.id }, { beyondHorizon: amount }, M.subsidyBeyondHorizon({ pool: name, lastYear, amount })));
      }
    }
  }

  // Over-committed years: the balance is negative and this year's spending made it so (or
  // worse) — a deficit merely carried forward is not raised again.
  for (const [i, b] of x.balance.entries()) {
    if (!b.closing.lt(0) || !b.net.lt(0)) continue;
    const deficit = b.closing.neg();
    const available = b.opening.plus(b.sources);
    const items = x.uses
      .map((u) => ({ id: u.key, name: named(u.label), amount: u.byYear[i]! }))
      .filter((u) => !u.amount.isZero())
      .sort((a, c) => c.amount.comparedTo(a.amount) || (a.id < c.id ? -1 : a.id > c.id ? 1 : 0));
    out.push(
      check(
        "overCommitted",
        "error",
        { year: b.year, items: items.map(({ id, amount }) => ({ id, amount })) },
        { deficit, available, uses: b.uses },
        M.overCommitted({ year: b.year, deficit, available, uses: b.uses, items: items.slice(0, SHOWN_ITEMS) }),
      ),
    );
  }
  return out;
}
