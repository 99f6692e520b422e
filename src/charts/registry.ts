/**
 * The closed list of chart kinds, the input each one takes, and one dispatcher.
 * `fundsim chart --kind …` and the report use this list, so a new chart is added here
 * once and appears everywhere (the `satisfies never` switch makes forgetting it a
 * compile error).
 *
 * @example
 * const spec = buildChart("exits-fan", fanInput, "zh");
 * for (const kind of CHART_KINDS) if (data[kind]) buildChart(kind, data[kind], "en");
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type {
  BalanceInput,
  BudgetInput,
  ConvergenceInput,
  ExitsVsCost,
  FanInput,
  LendingInput,
  LossDistribution,
  PerPersonInput,
  PoolInput,
  RelocationSchedule,
  SubsidyInput,
  TargetProbabilityInput,
  VariantDifferences,
} from "./types.js";
import { exitsFanChart } from "./exitsFan.js";
import { targetProbabilityChart } from "./targetProbability.js";
import { budgetSourcesChart, budgetUsesChart } from "./budget.js";
import { perPersonChart } from "./perPerson.js";
import { balanceChart } from "./balance.js";
import { poolFanChart } from "./poolFan.js";
import { poolLossChart } from "./poolLoss.js";
import { lendingChart } from "./lending.js";
import { convergenceChart } from "./convergence.js";
import { interestSubsidyChart } from "./interestSubsidy.js";
import { relocationChart } from "./relocation.js";
import { variantDifferencesChart } from "./variantDifferences.js";
import { exitsVsCostChart } from "./exitsVsCost.js";

import { CHART_KINDS, type ChartKind } from "./kinds.js";

export { CHART_KINDS, isChartKind, type ChartKind } from "./kinds.js";

/** The input type of each chart kind. */
export interface ChartInputMap {
  "exits-fan": FanInput;
  "target-probability": TargetProbabilityInput;
  convergence: ConvergenceInput;
  "budget-sources": BudgetInput;
  "budget-uses": BudgetInput;
  "per-person": PerPersonInput;
  balance: BalanceInput;
  "pool-fan": PoolInput;
  "pool-loss": LossDistribution;
  lending: LendingInput;
  "interest-subsidy": SubsidyInput;
  relocation: RelocationSchedule;
  "variant-differences": VariantDifferences;
  "exits-vs-cost": ExitsVsCost;
}

/** Inputs for whichever charts a scenario and its results support (a scenario without a pool has no pool charts). */
export type ChartData = { readonly [K in ChartKind]?: ChartInputMap[K] };

/** Build the spec of one chart kind. */
export function buildChart<K extends ChartKind>(kind: K, input: ChartInputMap[K], lang: Lang): TopLevelSpec {
  const k: ChartKind = kind;
  switch (k) {
    case "exits-fan":
      return exitsFanChart(input as FanInput, lang);
    case "target-probability":
      return targetProbabilityChart(input as TargetProbabilityInput, lang);
    case "convergence":
      return convergenceChart(input as ConvergenceInput, lang);
    case "budget-sources":
      return budgetSourcesChart(input as BudgetInput, lang);
    case "budget-uses":
      return budgetUsesChart(input as BudgetInput, lang);
    case "per-person":
      return perPersonChart(input as PerPersonInput, lang);
    case "balance":
      return balanceChart(input as BalanceInput, lang);
    case "pool-fan":
      return poolFanChart(input as PoolInput, lang);
    case "pool-loss":
      return poolLossChart(input as LossDistribution, lang);
    case "lending":
      return lendingChart(input as LendingInput, lang);
    case "interest-subsidy":
      return interestSubsidyChart(input as SubsidyInput, lang);
    case "relocation":
      return relocationChart(input as RelocationSchedule, lang);
    case "variant-differences":
      return variantDifferencesChart(input as VariantDifferences, lang);
    case "exits-vs-cost":
      return exitsVsCostChart(input as ExitsVsCost, lang);
    default:
      return k satisfies never;
  }
}

/** Every chart the data supports, in the canonical order. */
export function buildCharts(data: ChartData, lang: Lang): { kind: ChartKind; spec: TopLevelSpec }[] {
  const out: { kind: ChartKind; spec: TopLevelSpec }[] = [];
  for (const kind of CHART_KINDS) {
    const input = data[kind];
    if (input !== undefined) out.push({ kind, spec: buildChart(kind, input as ChartInputMap[typeof kind], lang) });
  }
  return out;
}
