/**
 * The closed list of chart kinds, on its own so the CLI can offer `--kind` choices
 * without loading the chart builders. `registry.ts` maps each kind to its builder.
 *
 * @example
 * isChartKind("exits-fan") // → true
 */
export const CHART_KINDS = [
  "exits-fan",
  "target-probability",
  "budget-sources",
  "budget-uses",
  "per-person",
  "balance",
  "pool-fan",
  "pool-loss",
  "lending",
  "interest-subsidy",
  "relocation",
  "variant-differences",
  "exits-vs-cost",
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
export const isChartKind = (x: unknown): x is ChartKind => typeof x === "string" && (CHART_KINDS as readonly string[]).includes(x);
