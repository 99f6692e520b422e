/**
 * Chart inputs: small, plain interfaces that every chart function takes. They are
 * independent of the ledger and results types on purpose — `adapters.ts` maps a
 * Ledger / Summary / RunResults into them, and a notebook can fill them by hand.
 *
 * Money is in yuan (plain numbers; the ledger's decimals are converted at the edge),
 * counts in people, probabilities in [0, 1].
 *
 * @example
 * const fan: FanInput = {
 *   bands: [{ year: 2017, q05: 1900, q25: 2200, median: 2400, q75: 2600, q95: 2900 }],
 *   targets: [{ year: 2017, value: 2400 }],
 * };
 */

/** The five quantiles a fan chart draws for one year. */
export interface QuantileBand {
  readonly year: number;
  readonly q05: number;
  readonly q25: number;
  readonly median: number;
  readonly q75: number;
  readonly q95: number;
}

/** A value per year. */
export interface YearValue {
  readonly year: number;
  readonly value: number;
}

/** Cumulative exits (people) per year with the plan's cumulative targets. */
export interface FanInput {
  readonly bands: readonly QuantileBand[];
  readonly targets: readonly YearValue[];
}

/** Probability that the year's (cumulative) target is met, with its Monte-Carlo standard error. */
export interface TargetProbabilityInput {
  readonly points: readonly { readonly year: number; readonly probability: number; readonly se: number }[];
  /** Probability that every year's target is met (optional). */
  readonly overall?: number;
  /** Its standard error. */
  readonly overallSe?: number;
}

/** Amounts per year by category (a funding source or a programme), in yuan. */
export interface BudgetInput {
  readonly rows: readonly { readonly year: number; readonly category: string; readonly amount: number }[];
}

/** Cumulative investment per person against the plan's per-person target (yuan per person). */
export interface PerPersonInput {
  readonly points: readonly { readonly year: number; readonly perPerson: number }[];
  /** The target, if the plan sets one (Jiangmen: 20,000 per person). */
  readonly target?: number;
}

/** Sources − uses per year and the balance carried forward (yuan). */
export interface BalanceInput {
  readonly points: readonly { readonly year: number; readonly balance: number; readonly carried: number }[];
}

/** Pool balance quantiles per year with the probability that the pool is depleted by that year. */
export interface PoolInput {
  readonly bands: readonly QuantileBand[];
  readonly depletion: readonly { readonly year: number; readonly probability: number }[];
  /** Initial fund deposited (yuan), drawn as a reference line. */
  readonly fund?: number;
  /**
   * Fund deposited by the end of each year (cumulative, yuan), drawn as a dashed line; takes
   * the place of `fund` when a plan deposits in stages (Jiangmen adds to its fund every year).
   */
  readonly deposited?: readonly YearValue[];
}

/** Total pool loss per run over the horizon (yuan), with its value at risk. */
export interface LossDistribution {
  readonly losses: readonly number[];
  readonly var95: number;
  readonly var99: number;
  readonly mean: number;
}

/** Loans outstanding (quantiles) against lending capacity and planned lending, per year (yuan). */
export interface LendingInput {
  readonly bands: readonly QuantileBand[];
  readonly capacity: readonly YearValue[];
  readonly planned?: readonly YearValue[];
  /** Share of runs with lending suspended at each year's end (labelled above the bars where above 0). */
  readonly suspended?: readonly YearValue[];
}

/** Interest subsidy per year: simulated quantiles and, optionally, the ledger's expected amount (yuan). */
export interface SubsidyInput {
  readonly bands: readonly QuantileBand[];
  readonly expected?: readonly YearValue[];
}

/** Relocation follow-up payments per year by cohort (yuan). */
export interface RelocationSchedule {
  readonly rows: readonly { readonly year: number; readonly cohort: string; readonly amount: number }[];
}

/** The closed list of metrics a variant comparison reports. */
export const DIFFERENCE_METRICS = ["exits", "fiscalCost", "poolLoss", "targetProbability"] as const;
export type DifferenceMetric = (typeof DIFFERENCE_METRICS)[number];

/**
 * Paired differences (variant − baseline) with a confidence interval. `variant` is the
 * variant's id (kept in the CSV); `label`, when the scenario gives one, is its name in
 * the chart's language and is what the chart shows.
 */
export interface VariantDifferences {
  /** The reference when it is a variant, as shown (its label, else its id); omitted when it is the scenario itself. */
  readonly baseline?: string;
  readonly rows: readonly {
    readonly variant: string;
    readonly label?: string;
    readonly metric: DifferenceMetric;
    readonly mean: number;
    readonly lo: number;
    readonly hi: number;
  }[];
  /** Confidence level of [lo, hi], e.g. 0.95. */
  readonly level: number;
}

/** A point estimate with a 90% interval. */
export interface Interval {
  readonly median: number;
  readonly q05: number;
  readonly q95: number;
}

/** Exits (people, over the horizon) against total fiscal cost (yuan), per variant (id, and the label the chart shows). */
export interface ExitsVsCost {
  readonly points: readonly { readonly variant: string; readonly label?: string; readonly exits: Interval; readonly cost: Interval }[];
}


/** The precision record's batches (results/precision.ts): the controlled headline after each batch. */
export interface ConvergenceInput {
  readonly metric: "exitRate" | "exitedPeople" | "pTarget" | "poolLoss99";
  /** Target standard error. */
  readonly target: number;
  readonly points: readonly { readonly runs: number; readonly estimate: number; readonly se: number }[];
}
