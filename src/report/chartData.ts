/**
 * Gather chart inputs for a report or `fundsim chart`: what the simulation results
 * give (exits, targets, pool) merged with what the ledger gives (budget, per-person,
 * balance, relocation, lending capacity, expected subsidy).
 *
 * @example
 * const data = mergeChartData(resultsChartData(summary, results), ledgerData);
 */
import type { ChartData } from "../charts/registry.js";

/** Later inputs win, kind by kind. */
export function mergeChartData(...parts: readonly ChartData[]): ChartData {
  return Object.assign({}, ...parts) as ChartData;
}
