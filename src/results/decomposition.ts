/**
 * A variance decomposition of the headline outcome by source of uncertainty (computed by
 * pipeline/decompose.ts; shown by present/uncertaintyText.ts and the report).
 */

export const UNCERTAINTY_STEPS = ["shocks", "parameters", "population"] as const;
export type UncertaintyStepId = (typeof UNCERTAINTY_STEPS)[number];

/** The headline outcome with the sources up to this step switched on. */
export interface UncertaintyStep {
  readonly id: UncertaintyStepId;
  readonly runs: number;
  readonly mean: number;
  readonly sd: number;
  /** Probability of meeting the exit target in `year` (share of runs); null without a target. */
  readonly pTarget: number | null;
}

export interface Decomposition {
  /** The outcome decomposed (TARGET_MEASURE) and its year. */
  readonly metric: string;
  readonly year: number;
  /** The exit target of that year (people), or null. */
  readonly target: number | null;
  readonly steps: readonly UncertaintyStep[];
  /** Sequential shares of the last step's variance (sum 1; all 0 when it has none). */
  readonly shares: Readonly<Record<UncertaintyStepId, number>>;
  /**
   * 90% bootstrap intervals of the shares (run indices resampled jointly across the steps,
   * DECOMPOSITION_RESAMPLES times).
   */
  readonly sharesCi: Readonly<Record<UncertaintyStepId, readonly [number, number]>>;
  /** Level of `sharesCi`. */
  readonly confidence: number;
  /** Unknown parameters drawn in step 2. */
  readonly unknowns: number;
  /** Population draws in step 3: one per run (0: the register is the population, no step 3). */
  readonly populations: number;
  readonly seed: number;
}


/** Bootstrap resamples of the shares' intervals, and their level. */
export const DECOMPOSITION_RESAMPLES = 1000;
export const DECOMPOSITION_CONFIDENCE = 0.9;
