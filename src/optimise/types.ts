/**
 * The results of `fundsim optimise` as data (pipeline/optimise.ts computes them; present/,
 * charts/ and messages/ show them).
 */
import type { Decimal } from "decimal.js";
import type { Label } from "../ledger/types.js";
import type { PopulationIssue } from "../population/cohorts.js";
import type { NotMovable, OptimiseSetupIssue } from "../messages/optimise.js";
export type { NotMovable, OptimiseSetupIssue } from "../messages/optimise.js";

export const OPTIMISE_OBJECTIVES = ["p-all-targets", "people-out", "min-cost"] as const;
export type OptimiseObjective = (typeof OPTIMISE_OBJECTIVES)[number];
export const isObjective = (x: unknown): x is OptimiseObjective => typeof x === "string" && (OPTIMISE_OBJECTIVES as readonly string[]).includes(x);

/** Splits of the search re-tested on fresh runs (besides the plan). */
export const RETEST = 5;

export type OptimiseFailure = { readonly kind: "setup"; readonly issues: readonly OptimiseSetupIssue[] } | { readonly kind: "population"; readonly issues: readonly PopulationIssue[] };

/** A line's money under the plan and under the optimised split. */
export interface OptimisedLine {
  readonly id: string;
  readonly label: Label;
  readonly min: number;
  readonly max: number;
  /** Share of the horizon's money of the lines moved, under the plan and optimised. */
  readonly planShare: number;
  readonly share: number;
  readonly plan: readonly Decimal[];
  readonly optimised: readonly Decimal[];
}

/** An allocation's outcome on one set of runs. */
export interface AllocationScore {
  /** P(every target met): the share of runs, its standard error and Wilson 90% interval (null without targets). */
  readonly pAll: { readonly p: number; readonly se: number; readonly lo: number; readonly hi: number } | null;
  /** People out of poverty (exited, not relapsed) in the last year: mean over runs and its standard error. */
  readonly peopleOut: { readonly mean: number; readonly se: number };
}

/** Optimised minus plan on the same runs (paired), on the objective's per-run measure. */
export interface PairedDifference {
  readonly mean: number;
  readonly se: number;
  readonly lo: number;
  readonly hi: number;
  /** Runs in which the optimised split did better, worse, the same. */
  readonly better: number;
  readonly worse: number;
  readonly same: number;
}

export interface Optimisation {
  readonly objective: OptimiseObjective;
  readonly runs: number;
  readonly seed: number;
  readonly threads: number;
  readonly seconds: number;
  readonly years: readonly number[];
  /** Each year's money of the lines moved (unchanged). */
  readonly totals: readonly Decimal[];
  readonly lines: readonly OptimisedLine[];
  /** Programmes with money that were not moved, and why. */
  readonly fixed: readonly { readonly id: string; readonly reason: NotMovable | "notNamed" }[];
  readonly search: { readonly evaluations: number; readonly infeasible: number; readonly stop: string; readonly evaluated: readonly { readonly shares: readonly number[]; readonly value: number }[] };
  /** The re-test on runs [runs, 2·runs): the plan, then the best splits of the search. */
  readonly retest: readonly { readonly shares: readonly number[] | null; readonly searchValue: number | null; readonly value: number }[];
  /** The comparison on runs [2·runs, 3·runs). */
  readonly confirm: {
    readonly firstRun: number;
    readonly plan: AllocationScore;
    readonly optimised: AllocationScore;
    /** On the objective's measure. */
    readonly difference: PairedDifference;
    /** On people out in the last year (the same as `difference` for people-out). */
    readonly peopleOut: PairedDifference;
    /**
     * The plan's shares with each line's money following the yearly total (the optimised
     * split's timing): how much of the difference is timing rather than the split. Null when
     * that allocation is not valid.
     */
    readonly planShares: { readonly score: AllocationScore; readonly difference: PairedDifference; readonly peopleOut: PairedDifference } | null;
  };
  /** The money of the lines moved over the horizon under the plan. */
  readonly planMoney: Decimal;
  /** The frontier: each budget scale, split as the plan and as optimised (empty without --frontier). */
  readonly frontier: readonly FrontierPoint[];
  /** For min-cost: the least money at which each split meets every target with the probability asked (null: not within maxScale × the plan's). */
  readonly minCost: { readonly probability: number; readonly maxScale: number; readonly plan: MinCostPoint | null; readonly optimised: MinCostPoint | null } | null;
  /** The optimised split as a variant (any command applies it with --variant). */
  readonly variant: { readonly id: string; readonly label: Label; readonly description: Label; readonly set: Record<string, unknown> };
}


/** One point of the budget frontier. */
export type FrontierPoint =
  | { readonly scale: number; readonly split: "plan" | "optimised"; readonly feasible: true; readonly money: Decimal; readonly score: AllocationScore }
  | { readonly scale: number; readonly split: "plan" | "optimised"; readonly feasible: false; readonly money: null; readonly score: null };

/** The least money found for a probability: the scale of the plan's money, the money and the outcome there. */
export interface MinCostPoint {
  readonly scale: number;
  readonly money: Decimal;
  readonly score: AllocationScore;
}
