/**
 * A sensitivity study as data: which inputs were varied over which ranges, which output
 * was measured, and what one method found. Produced by the caller that evaluates the
 * model (fundsim's `pipeline/sensitivity.ts`), drawn by presentation (text, charts) and
 * written as JSON/CSV. Inputs are named by the caller; this module knows no scenarios.
 *
 * @example
 * if (study.result.method === "tornado") study.result.tornado.bars[0]?.swing;
 */
import type { MorrisIndices } from "./morris.js";
import type { SobolIndices } from "./saltelli.js";
import type { Tornado } from "./tornado.js";

/** Closed list of the methods a study can use. */
export const STUDY_METHODS = ["tornado", "morris", "sobol"] as const;
export type StudyMethod = (typeof STUDY_METHODS)[number];
export const isStudyMethod = (x: unknown): x is StudyMethod => typeof x === "string" && (STUDY_METHODS as readonly string[]).includes(x);

/** One varied input. */
export interface StudyInput {
  /** The caller's name for it (fundsim: the scenario path, as `--set` writes it). */
  readonly name: string;
  /** Where the caller sets it, when that differs from the name (fundsim: the number's own path, e.g. `….value.2017`). */
  readonly field?: string;
  readonly low: number;
  readonly high: number;
  /** Its value in the unvaried model. */
  readonly base: number;
  /** True when the caller chose the range (no range was given). */
  readonly isDefault: boolean;
}

/** What a method found. Index i of every array is input i. */
export type StudyResult =
  | { readonly method: "tornado"; readonly tornado: Tornado }
  | {
      readonly method: "morris";
      readonly trajectories: number;
      readonly levels: number;
      readonly indices: MorrisIndices;
      /** Standard error of μ* over the trajectories: sd(|EE|) / √r. */
      readonly muStarSe: Float64Array;
    }
  | { readonly method: "sobol"; readonly samples: number; readonly indices: SobolIndices };

export interface Study {
  readonly inputs: readonly StudyInput[];
  /** The output's name, and the year it is read in (`"horizon"`: over every year). */
  readonly output: { readonly metric: string; readonly year: number | "horizon" };
  /** Monte-Carlo runs per evaluation (common random numbers: the same runs at every point). */
  readonly runs: number;
  readonly seed: number;
  readonly evaluations: number;
  readonly seconds: number;
  readonly result: StudyResult;
}
