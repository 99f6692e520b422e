/**
 * Expected failures of the sensitivity library, as data (a `code` and the values
 * involved), never prose: the messages module renders them. Bugs throw instead.
 *
 * This is also the one place the library imports the project's Result type from.
 *
 * @example
 * const r = sobolPoints(5000, 8, { random });
 * if (!r.ok && r.error.code === "dimensionOutOfRange") r.error.max; // 1024
 */
import type { Result } from "../util/result.js";
import { err, ok } from "../util/result.js";

export type { Result };
export { err, ok };

/** Which value of a design or analysis request a problem is about. */
export type SensitivityIssue =
  /** More dimensions (inputs) than the method supports, or fewer than one. */
  | { readonly code: "dimensionOutOfRange"; readonly found: number; readonly min: number; readonly max: number }
  /** A sample size (base rows, trajectories, points) that is not an integer in [min, max]. */
  | { readonly code: "sampleSizeOutOfRange"; readonly found: number; readonly min: number; readonly max: number }
  /** Sobol-point designs keep their balance properties only with 2^m base rows. */
  | { readonly code: "sampleSizeNotPowerOfTwo"; readonly found: number }
  /** An input's range is empty, reversed or not finite. */
  | { readonly code: "boundsInvalid"; readonly input: number; readonly low: number; readonly high: number }
  /** The number of outputs differs from the number of design rows. */
  | { readonly code: "outputsLengthMismatch"; readonly expected: number; readonly found: number }
  /** An output is NaN or infinite. */
  | { readonly code: "outputNotFinite"; readonly row: number; readonly found: number }
  /** The outputs do not vary, so variance-based indices are undefined. */
  | { readonly code: "zeroVariance" }
  /** Morris grids need an even number of levels, at least 2. */
  | { readonly code: "levelsInvalid"; readonly found: number }
  /** A confidence level outside (0, 1) or a bootstrap with fewer than `min` resamples. */
  | { readonly code: "bootstrapInvalid"; readonly confidence: number; readonly resamples: number; readonly min: number }
  /** A baseline or a low/high list whose length differs from the number of inputs. */
  | { readonly code: "inputsLengthMismatch"; readonly expected: number; readonly found: number }
  /** Tornado evaluations must all be per-run arrays or all be summaries. */
  | { readonly code: "mixedEvaluations"; readonly input: number; readonly side: TornadoSide }
  /** Per-run arrays of different lengths cannot be paired. */
  | { readonly code: "runsMismatch"; readonly input: number; readonly side: TornadoSide; readonly expected: number; readonly found: number }
  /** A paired difference needs at least two runs for its standard error. */
  | { readonly code: "tooFewRuns"; readonly found: number; readonly min: number };

/** Closed list of the points a tornado diagram evaluates. */
export const TORNADO_SIDES = ["base", "low", "high"] as const;
export type TornadoSide = (typeof TORNADO_SIDES)[number];

export type SensitivityIssueCode = SensitivityIssue["code"];

/** Shorthand for a result that fails with a sensitivity issue. */
export type SensitivityResult<T> = Result<T, SensitivityIssue>;
