/**
 * Lending against the ledger's plan, from a simulation's summary: mean new lending over
 * the horizon, the plan, and the share of runs in which lending was suspended in some year
 * and at the end of each year.
 * One reading for the `simulate` text and the report.
 *
 * @example
 * const l = lendingFacts(set); // { mean: 1.89e8, planned: 4.24e8, suspended: { p: 0.99, se: 0.01, n: 100 } }
 */
import type { ResultSet } from "./write.js";

export interface LendingFacts {
  /** Mean new lending over the horizon (yuan, all pools). */
  readonly mean: number;
  /** The ledger's planned new lending over the horizon, when it plans any. */
  readonly planned?: number;
  /** Share of runs in which lending was suspended in at least one year. */
  readonly suspended: { readonly p: number; readonly se: number; readonly n: number };
  /** Share of runs with lending suspended at the end of each year. */
  readonly suspendedByYear: readonly { readonly year: number; readonly p: number }[];
}

/** Undefined when the runs have no lending metrics or lent nothing. */
export function lendingFacts(set: ResultSet): LendingFacts | undefined {
  const lent = set.summary.metrics["newLending"]?.horizon;
  const stopped = set.summary.metrics["suspended"]?.horizon;
  if (!lent || !stopped || !(lent.max > 0)) return undefined;
  const planned = set.plannedLending !== undefined && set.plannedLending > 0 ? set.plannedLending : undefined;
  const byYear = set.summary.metrics["suspended"]?.byYear ?? [];
  const suspendedByYear = set.summary.years.map((year, y) => ({ year, p: byYear[y]?.mean ?? Number.NaN }));
  return { mean: lent.mean, ...(planned !== undefined ? { planned } : {}), suspended: { p: stopped.mean, se: stopped.se, n: stopped.n }, suspendedByYear };
}
