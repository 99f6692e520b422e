/**
 * Gather chart inputs for a report or `fundsim chart`: what the simulation results
 * give (exits, targets, pool) merged with what the ledger gives (budget, per-person,
 * balance, relocation, lending capacity, expected subsidy).
 *
 * @example
 * const data = mergeChartData(resultsChartData(summary, results), ledgerData);
 */
import type { ChartData, ChartKind } from "../charts/registry.js";

/** Chart kinds drawn (wholly or partly) from the ledger. */
export const LEDGER_KINDS: readonly ChartKind[] = ["budget-sources", "budget-uses", "per-person", "balance", "relocation", "lending"];

/** Later inputs win, kind by kind. */
export function mergeChartData(...parts: readonly ChartData[]): ChartData {
  return Object.assign({}, ...parts) as ChartData;
}
