/**
 * Generic sensitivity analysis: functions of a parameter vector → one output, no
 * knowledge of fundsim. A caller (the `fundsim sensitivity` command) maps scenario
 * parameters to and from the unit cube and evaluates the model on each design row.
 *
 * - Sobol indices (first order and total) by the Saltelli design with bootstrap intervals:
 *   `sobolDesign` → evaluate → `sobolIndices`, or `sobolAnalysis(f, bounds, n, opts)`.
 * - Morris elementary effects (μ, μ*, σ): `morrisDesign` → evaluate → `morrisIndices`,
 *   or `morrisAnalysis`.
 * - Tornado (one at a time) with Monte-Carlo errors, paired under common random
 *   numbers: `tornado`.
 * - Scrambled Sobol low-discrepancy points: `sobolPoints`.
 *
 * Randomness is always a `() => number` uniform source passed in; expected failures are
 * `SensitivityIssue` results. See docs/sensitivity.md for the formulas and references.
 *
 * @example
 * import { sobolAnalysis } from "./sensitivity/index.js";
 * const r = sobolAnalysis((x) => x[0]! + 2 * x[1]!, [[0, 1], [0, 1]], 1024, { random });
 * if (r.ok) r.value.first; // ≈ [0.2, 0.8]
 */
export type { SensitivityIssue, SensitivityIssueCode, SensitivityResult, TornadoSide } from "./issues.js";
export { TORNADO_SIDES } from "./issues.js";
export type { Scramble, SobolOptions } from "./sobolSequence.js";
export { SCRAMBLES, SOBOL_MAX_DIMENSION, sobolPoints } from "./sobolSequence.js";
export type {
  Interval,
  Sampler,
  SobolAnalysis,
  SobolAnalysisOptions,
  SobolDesign,
  SobolDesignOptions,
  SobolIndices,
  SobolIndicesOptions,
} from "./saltelli.js";
export { DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, SAMPLERS, sobolAnalysis, sobolDesign, sobolIndices } from "./saltelli.js";
export type { MorrisAnalysis, MorrisDesign, MorrisDesignOptions, MorrisIndices } from "./morris.js";
export { DEFAULT_LEVELS, morrisAnalysis, morrisDesign, morrisIndices } from "./morris.js";
export type { Tornado, TornadoBar, TornadoEvaluation, TornadoPoint, TornadoRange } from "./tornado.js";
export { tornado } from "./tornado.js";
