/**
 * From the budget ledger to chart inputs: sources and uses per year, per-person
 * investment against the target, the balance, relocation schedules by cohort, and the
 * pool's capacity, planned lending and expected interest subsidy (reference lines for
 * the simulated pool charts). Decimal yuan become numbers only here, at the edge.
 *
 * @example
 * const data = ledgerChartData(buildLedger(scenario), "zh");
 * const refs = poolReferences(ledger); // { capacity, planned, expectedSubsidy, fund }
 */
import type { Lang } from "../messages/lang.js";
import type { Ledger } from "../ledger/types.js";
import { labelText } from "../messages/label.js";
import type { ChartData } from "./registry.js";
import type { Summary } from "../results/summarize.js";
import type { RunResults } from "../model/results.js";
import { lendingInput, poolFanInput, subsidyInput } from "./adapters.js";
import type { BalanceInput, BudgetInput, PerPersonInput, RelocationSchedule, YearValue } from "./types.js";

export function budgetSourcesInput(l: Ledger, lang: Lang): BudgetInput {
  return {
    rows: l.sources.flatMap((s) =>
      l.years.map((year, i) => ({ year, category: labelText(s.label, lang, s.id), amount: s.byYear[i]?.toNumber() ?? 0 })),
    ),
  };
}

export function budgetUsesInput(l: Ledger, lang: Lang): BudgetInput {
  return {
    rows: l.uses.flatMap((u) => l.years.map((year, i) => ({ year, category: labelText(u.label, lang, u.key), amount: u.byYear[i]?.toNumber() ?? 0 }))),
  };
}

/** Cumulative sources per person targeted, against the per-person target (undefined without a target). */
export function perPersonInput(l: Ledger): PerPersonInput | undefined {
  const t = l.target;
  if (!t || t.people.isZero()) return undefined;
  let cumulative = 0;
  const points = l.balance.map((b) => {
    cumulative += b.sources.toNumber();
    return { year: b.year, perPerson: cumulative / t.people.toNumber() };
  });
  return { points, target: t.amountPerPerson.toNumber() };
}

export function balanceInput(l: Ledger): BalanceInput {
  return { points: l.balance.map((b) => ({ year: b.year, balance: b.net.toNumber(), carried: b.closing.toNumber() })) };
}

/** Relocation payments by cohort (years after the horizon included); undefined without relocation schedules. */
export function relocationInput(l: Ledger, lang: Lang): RelocationSchedule | undefined {
  const relocation = new Set(l.programmes.filter((p) => p.kind === "relocation").map((p) => p.id));
  const entries = l.schedules.filter((e) => relocation.has(e.programme));
  if (entries.length === 0) return undefined;
  const schedules = new Set(entries.map((e) => `${e.programme}/${e.schedule}`));
  const sums = new Map<string, { year: number; cohort: string; amount: number; order: number }>();
  for (const e of entries) {
    const cohort = labelText(e.cohortLabel, lang, String(e.cohortYear));
    const name = schedules.size > 1 ? `${cohort} · ${labelText(e.label, lang, e.schedule)}` : cohort;
    const key = `${e.year}|${name}`;
    const prev = sums.get(key);
    sums.set(key, { year: e.year, cohort: name, amount: (prev?.amount ?? 0) + e.amount.toNumber(), order: e.cohortYear });
  }
  const rows = [...sums.values()].sort((a, b) => a.year - b.year || a.order - b.order || a.cohort.localeCompare(b.cohort));
  return { rows: rows.map(({ year, cohort, amount }) => ({ year, cohort, amount })) };
}

/** Everything the ledger alone can chart. */
export function ledgerChartData(l: Ledger, lang: Lang): ChartData {
  const data: { -readonly [K in keyof ChartData]: ChartData[K] } = {
    "budget-sources": budgetSourcesInput(l, lang),
    "budget-uses": budgetUsesInput(l, lang),
    balance: balanceInput(l),
  };
  const pp = perPersonInput(l);
  if (pp) data["per-person"] = pp;
  const reloc = relocationInput(l, lang);
  if (reloc) data.relocation = reloc;
  return data;
}

export interface PoolReferences {
  /** Lending capacity (fund × leverage), all pools. */
  readonly capacity: YearValue[];
  /** Planned loans outstanding, all pools. */
  readonly planned: YearValue[];
  /** Expected interest subsidy on planned lending. */
  readonly expectedSubsidy: YearValue[];
  /** Fund deposited by the end of the horizon, all pools. */
  readonly fund: number;
  /** Fund deposited by the end of each year (cumulative), all pools. */
  readonly deposited: YearValue[];
}

/** The ledger's pool figures, or undefined when the scenario has no credit pool. */
export function poolReferences(l: Ledger): PoolReferences | undefined {
  if (l.pools.length === 0) return undefined;
  const sum = (f: (py: Ledger["pools"][number]["byYear"][number]) => number): YearValue[] =>
    l.years.map((year, i) => ({ year, value: l.pools.reduce((a, p) => a + (p.byYear[i] ? f(p.byYear[i]) : 0), 0) }));
  return {
    capacity: sum((py) => py.capacity.toNumber()),
    planned: sum((py) => py.outstanding.toNumber()),
    expectedSubsidy: sum((py) => py.expectedSubsidy.toNumber()),
    fund: l.pools.reduce((a, p) => a + p.totalDeposits.toNumber(), 0),
    deposited: sum((py) => py.fund.toNumber()),
  };
}

/**
 * The pool charts drawn against the ledger's reference lines: the pool fan with the fund
 * deposited, lending against capacity and plan, the interest subsidy against its
 * expectation. Empty when the scenario has no credit pool.
 */
export function poolChartData(s: Summary, r: RunResults | undefined, l: Ledger): ChartData {
  const refs = poolReferences(l);
  if (!refs) return {};
  const pool = poolFanInput(s, r, refs.deposited);
  const lending = lendingInput(s, refs.capacity, refs.planned);
  const subsidy = subsidyInput(s, refs.expectedSubsidy);
  return { ...(pool ? { "pool-fan": pool } : {}), ...(lending ? { lending } : {}), ...(subsidy ? { "interest-subsidy": subsidy } : {}) };
}
