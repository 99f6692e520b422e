/**
 * The closed list of chart kinds and what each one is, on its own (plain data, no
 * imports) so the CLI can offer `--kind` choices without loading the chart builders.
 * `registry.ts` maps each kind to its input type and builder. Everything that lists
 * charts reads these two files: the report's sections (report/page.ts), the `chart`
 * command's `--kind` choices and its "needs the ledger / needs variants" reasons, and
 * the table in docs/charts.md (checked by tests/architecture/charts.test.ts). A new kind
 * that is missing from `CHART_INFO` or the builder switch fails to compile.
 *
 * @example
 * isChartKind("exits-fan")        // → true
 * CHART_INFO["lending"].section   // → "pool"
 */
export const CHART_KINDS = [
  "exits-fan",
  "target-probability",
  "convergence",
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

/** The report's chart sections, in page order. */
export const CHART_SECTIONS = ["exits", "budget", "pool", "relocation", "variants"] as const;
export type ChartSection = (typeof CHART_SECTIONS)[number];

/** What a chart is drawn from (the docs table's "from" column). */
export const CHART_SOURCES = ["results", "ledger", "results + ledger", "results of variants"] as const;
export type ChartSource = (typeof CHART_SOURCES)[number];

export interface ChartInfo {
  /** The report section the chart appears in. */
  readonly section: ChartSection;
  readonly from: ChartSource;
  /** True when the chart cannot be drawn without the ledger (from a results folder, the scenario must still be there). */
  readonly needsLedger: boolean;
  /** What the chart shows, for docs/charts.md. */
  readonly shows: string;
}

/** Every chart kind's section, source and description. */
export const CHART_INFO: { readonly [K in ChartKind]: ChartInfo } = {
  "exits-fan": { section: "exits", from: "results", needsLedger: false, shows: "cumulative exits: median, 50% and 90% bands, against the plan's targets" },
  "target-probability": { section: "exits", from: "results", needsLedger: false, shows: "probability of reaching each year's exit target, ±2 SE, and all years together" },
  convergence: { section: "exits", from: "results", needsLedger: false, shows: "with --precision: the controlled headline after each batch of runs, ±2 standard errors" },
  "budget-sources": { section: "budget", from: "ledger", needsLedger: true, shows: "sources per year, stacked by funding source, total on top" },
  "budget-uses": { section: "budget", from: "ledger", needsLedger: true, shows: "uses per year, stacked by programme" },
  "per-person": { section: "budget", from: "ledger", needsLedger: true, shows: "cumulative investment per person against the per-person target (Jiangmen)" },
  balance: { section: "budget", from: "ledger", needsLedger: true, shows: "sources − uses per year (surplus / shortfall) and the balance carried forward" },
  "pool-fan": { section: "pool", from: "results + ledger", needsLedger: false, shows: "guarantee-pool balance fan with the probability of depletion by each year and the fund" },
  "pool-loss": { section: "pool", from: "results", needsLedger: false, shows: "distribution of total pool losses with the mean, VaR 95% and VaR 99% marked" },
  lending: { section: "pool", from: "results + ledger", needsLedger: true, shows: "loans outstanding (median, 90% band) against capacity (fund × leverage) and planned lending; share of runs with lending suspended at each year's end" },
  "interest-subsidy": { section: "pool", from: "results + ledger", needsLedger: false, shows: "interest subsidy per year: simulated (median, 90% band) and the ledger's expected amount" },
  relocation: { section: "relocation", from: "ledger", needsLedger: true, shows: "relocation follow-up payments per year, stacked by cohort (years after the horizon included)" },
  "variant-differences": {
    section: "variants",
    from: "results of variants",
    needsLedger: false,
    shows: "paired differences variant − baseline with 95% CIs: people out of poverty at the end, fiscal cost, pool loss, P(targets)",
  },
  "exits-vs-cost": { section: "variants", from: "results of variants", needsLedger: false, shows: "people out of poverty at the end against total fiscal cost per variant, with 90% intervals" },
};

/** The chart kinds of a report section, in the canonical order. */
export const chartsOfSection = (section: ChartSection): readonly ChartKind[] => CHART_KINDS.filter((k) => CHART_INFO[k].section === section);
