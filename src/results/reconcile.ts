/**
 * Budgeted against simulated spending: the ledger's money per programme and year (and its
 * relocation follow-up schedules and expected interest subsidy) beside what the
 * Monte-Carlo runs spent. Finance officers read it as "will the money be used as
 * planned?": a programme spends less than its allocation when fewer eligible households
 * remain than the allocation can serve, an interest subsidy falls short of the planned
 * one when lending is suspended or borrowers run out, and the social-security floor is
 * demand-driven (no budget line, its cost is whatever the runs needed).
 *
 * A simulated mean within the tolerance (default 0.5% of the budget, at least 1 yuan)
 * counts as "as budgeted".
 *
 * @example
 * const rows = reconcileSpending(buildLedger(s), summary);
 * rows.filter((r) => r.status === "under"); // programmes that leave money unspent
 */
import type { Label, Ledger } from "../ledger/types.js";
import type { Summary } from "./summarize.js";
import { programmeColumn } from "../model/results.js";

/** How a simulated amount compares with its budget line. */
export const SPENDING_STATUSES = ["asBudgeted", "under", "over", "demandDriven"] as const;
export type SpendingStatus = (typeof SPENDING_STATUSES)[number];

/** What a row reconciles: a programme's allocation, follow-up schedules, interest subsidy. */
export const SPENDING_ITEMS = ["programme", "followUp", "interestSubsidy"] as const;
export type SpendingItem = (typeof SPENDING_ITEMS)[number];

export interface SpendingRow {
  readonly item: SpendingItem;
  /** Programme id for programme rows; "followUp" / "interestSubsidy" otherwise. */
  readonly id: string;
  /** The programme's label (programme rows). */
  readonly label?: Label;
  readonly year: number;
  /** The ledger's amount (yuan). */
  readonly budgeted: number;
  /** Simulated spending over runs (yuan): mean and 90% interval. */
  readonly mean: number;
  readonly q05: number;
  readonly q95: number;
  /** mean − budgeted. */
  readonly difference: number;
  readonly status: SpendingStatus;
}

/** Relative difference within which a line counts as spent "as budgeted". */
export const AS_BUDGETED_TOLERANCE = 0.005;

/**
 * Rows for every programme with a `spend:<id>` metric, the follow-up schedules and the
 * interest subsidy, in each year where the budget or the simulated mean is not zero.
 */
export function reconcileSpending(ledger: Ledger, summary: Summary): SpendingRow[] {
  const tol = AS_BUDGETED_TOLERANCE;
  const rows: SpendingRow[] = [];
  const add = (item: SpendingItem, id: string, label: Label | undefined, metric: string, budget: (y: number) => number, demandDriven = false): void => {
    const m = summary.metrics[metric];
    if (!m) return;
    summary.years.forEach((year, y) => {
      const s = m.byYear[y];
      const ly = ledger.years.indexOf(year);
      const budgeted = ly >= 0 ? budget(ly) : 0;
      if (!s || s.n === 0 || (budgeted === 0 && s.max === 0 && s.min === 0)) return;
      const difference = s.mean - budgeted;
      const status: SpendingStatus = demandDriven
        ? "demandDriven"
        : Math.abs(difference) <= Math.max(1, tol * Math.abs(budgeted))
          ? "asBudgeted"
          : difference < 0
            ? "under"
            : "over";
      rows.push({ item, id, ...(label !== undefined ? { label } : {}), year, budgeted, mean: s.mean, q05: s.q05, q95: s.q95, difference, status });
    });
  };
  for (const p of ledger.programmes) {
    add("programme", p.id, p.label, programmeColumn("spend", p.id), (y) => p.byYear[y]?.allocation.toNumber() ?? 0, p.kind === "floor");
  }
  // The engine pays the follow-up schedules of relocation programmes (followUpPayments).
  const relocation = ledger.programmes.filter((p) => p.kind === "relocation" && summary.metrics[programmeColumn("spend", p.id)] !== undefined);
  if (relocation.length > 0) {
    add("followUp", "followUp", undefined, "followUpPayments", (y) => relocation.reduce((a, p) => a + (p.byYear[y]?.scheduled.toNumber() ?? 0), 0));
  }
  if (ledger.pools.length > 0) {
    add("interestSubsidy", "interestSubsidy", undefined, "interestSubsidy", (y) => ledger.pools.reduce((a, q) => a + (q.byYear[y]?.expectedSubsidy.toNumber() ?? 0), 0));
  }
  return rows;
}
