/**
 * How each metric adds up over the horizon, for horizon totals in summaries and
 * comparisons:
 * - `flow`  — amounts or counts within a year: the horizon value is the sum over years;
 * - `stock` — a state at year end: the horizon value is the final year's;
 * - `any`   — a 0/1 flag of something bad: the horizon value is 1 if it happened in any year;
 * - `all`   — a 0/1 flag of something good: the horizon value is 1 if it held in every year.
 *
 * @example
 * metricKind("poolLoss")          // "flow"
 * metricKind("spend:industry")    // "flow"
 * horizonValue("stock", [3, 5, 4]) // 4
 */
import { isProgrammeColumn, type CoreMetric } from "../model/results.js";

export const METRIC_KINDS = ["flow", "stock", "any", "all"] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

const CORE_KINDS: { readonly [M in CoreMetric]: MetricKind } = {
  poorHouseholds: "stock",
  poorPeople: "stock",
  exitRate: "stock",
  exitedPeople: "stock",
  newExits: "flow",
  relapses: "flow",
  cumulativeExits: "stock",
  targetGap: "stock",
  targetMet: "all",
  villagesExited: "stock",
  programmeSpending: "flow",
  floorTopUps: "flow",
  followUpPayments: "flow",
  interestSubsidy: "flow",
  fiscalCost: "flow",
  poolBalance: "stock",
  poolLoss: "flow",
  bankLoss: "flow",
  poolTopUps: "flow",
  poolDepleted: "any",
  loansOutstanding: "stock",
  newLending: "flow",
  defaults: "flow",
  suspended: "any",
  meanIncome: "stock",
  exitedHouseholds: "stock",
  unregisteredHouseholds: "stock",
  newlyRegistered: "flow",
  belowLinePeople: "stock",
  exitHazard: "stock",
  poorExitRate: "stock",
  newSpellExitRate: "stock",
  relapseWithin1: "stock",
  relapseWithin2: "stock",
  relapseWithin3: "stock",
  relapseWithin4: "stock",
  relapseWithin5: "stock",
  poolLossAfter: "flow",
  bankLossAfter: "flow",
  subsidyAfter: "flow",
  poolDepletedAfter: "any",
};

/** The kind of a metric by name: per-programme columns are flows; unknown columns are stocks. */
export function metricKind(name: string): MetricKind {
  const core = (CORE_KINDS as Readonly<Record<string, MetricKind>>)[name];
  if (core !== undefined) return core;
  return isProgrammeColumn(name) ? "flow" : "stock";
}

/**
 * Combine one run's yearly values into its horizon value. NaN marks a value that is not
 * defined in a year (e.g. `targetMet` in a year without a target) and is skipped; the
 * result is NaN only when no year has a value.
 */
export function horizonValue(kind: MetricKind, values: ArrayLike<number>): number {
  const n = values.length;
  let seen = 0;
  let acc = kind === "all" ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    seen++;
    switch (kind) {
      case "flow":
        acc += v;
        break;
      case "stock":
        acc = v;
        break;
      case "any":
        if (v) acc = 1;
        break;
      case "all":
        if (!v) acc = 0;
        break;
      default:
        return kind satisfies never;
    }
  }
  return seen === 0 ? Number.NaN : acc;
}
