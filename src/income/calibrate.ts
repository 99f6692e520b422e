/**
 * Calibration of the income process to panel evidence by the simulated method of
 * moments with common random numbers:
 *
 *   1. fix the draws (seed, runs, households, years): every evaluation sees the same
 *      standard normals, so the objective moves only with the parameters;
 *   2. map the free parameters to bounded intervals (logistic transform), so the
 *      optimiser searches an unbounded space;
 *   3. optionally derive σ_a from an anchored year-0 headcount H and the median level m:
 *      x_i0 ~ N(ln m, σ_a² + σ_e² + σ_c²) exactly, so σ_a² = (ln m / Φ⁻¹(1 − H))² − σ_e² − σ_c²;
 *   4. minimise Σ_k ((simulated_k − observed_k) / tolerance_k)² with Nelder–Mead;
 *   5. report each target's simulated value with its Monte-Carlo standard error.
 *
 * The tolerances weight the targets; the published studies give no standard errors we
 * could use, so they are stated assumptions (CALIBRATION_TARGETS).
 *
 * @example
 * const fit = calibrateIncome({ start: DEFAULT_INCOME_PARAMETERS.values, free: ["sigmaTransitory", "sigmaPersistent", "sigmaTrend"],
 *   targets: CALIBRATION_TARGETS, simulation: { households: 60_000, years: 12, villageSize: 50, runs: 2, seed: 2016 } });
 * fit.params.sigmaTransitory;
 */
import { invNormCdf } from "../random/normal.js";
import { nelderMead } from "./nelderMead.js";
import type { IncomeParams, IncomeRules } from "./process.js";
import { OFFICIAL_RULES, incomeWorkspace } from "./process.js";
import type { Estimate, IncomeSimulation, IncomeStatistics } from "./summary.js";
import { simulateIncome } from "./summary.js";

/** A moment to match. */
export interface CalibrationTarget {
  readonly id: string;
  readonly label: string;
  readonly observed: number;
  /** Weight of the target in the objective: a miss of one tolerance costs 1. */
  readonly tolerance: number;
  readonly statistic: (s: IncomeStatistics) => Estimate;
  readonly source: string;
}

/** Mean of several estimates (treated as perfectly correlated for the standard error: conservative). */
const meanOf = (es: readonly Estimate[]): Estimate => ({
  value: es.reduce((a, e) => a + e.value, 0) / es.length,
  se: es.reduce((a, e) => a + e.se, 0) / es.length,
});

const CFPS = "CFPS panel, 陈永伟 et al. (as recorded in parameters.md; the study's exact definitions were not available to us)";

/** One-year exit: exit hazard after a poverty spell of one year. */
export const TARGET_EXIT_1: CalibrationTarget = Object.freeze({
  id: "exit1", label: "exit after a 1-year spell", observed: 0.372, tolerance: 0.01,
  statistic: (s: IncomeStatistics) => s.exitHazard[0] as Estimate, source: CFPS,
});
/** Exit hazard after a poverty spell of five years. */
export const TARGET_EXIT_5: CalibrationTarget = Object.freeze({
  id: "exit5", label: "exit after a 5-year spell", observed: 0.086, tolerance: 0.01,
  statistic: (s: IncomeStatistics) => s.exitHazard[4] as Estimate, source: CFPS,
});
/**
 * Relapse of exiters, as a panel observes it: poor again at an observation 3, 4 or 5
 * years after the exit (mean of the three horizons).
 */
export const TARGET_RELAPSE_STATUS: CalibrationTarget = Object.freeze({
  id: "relapse35", label: "exiters poor again 3–5 years later", observed: 0.15, tolerance: 0.02,
  statistic: (s: IncomeStatistics) => meanOf(s.poorAfterExit.slice(2, 5)), source: CFPS,
});
/**
 * Relapse of exiters as the official rule counts it: found below the line at any yearly
 * verification within 3–5 years (mean of the three horizons).
 */
export const TARGET_RELAPSE_EVER: CalibrationTarget = Object.freeze({
  id: "relapseEver35", label: "exiters below the line at any check within 3–5 years", observed: 0.15, tolerance: 0.02,
  statistic: (s: IncomeStatistics) => meanOf(s.reentry.slice(2, 5)), source: CFPS,
});
/** Optional: the national decline of the rural poor share, 5.7% (2015) → 4.5% (2016). */
export const TARGET_POOR_2016: CalibrationTarget = Object.freeze({
  id: "poor2016", label: "poor share one year on (NBS 2016)", observed: 43.35 / 55.75 * 0.057, tolerance: 0.002,
  statistic: (s: IncomeStatistics) => s.poorShare[1] as Estimate,
  source: "NBS: 55.75 M rural poor (2015) → 43.35 M (2016), parameters.md; incidence 5.7% in 2015 (NBS communiqué)",
});

/** The panel targets the default parameter set is calibrated to. */
export const CALIBRATION_TARGETS: readonly CalibrationTarget[] = Object.freeze([TARGET_EXIT_1, TARGET_EXIT_5, TARGET_RELAPSE_STATUS]);

/** Bounds of each parameter during calibration. */
export const PARAMETER_BOUNDS: { readonly [K in keyof IncomeParams]: readonly [number, number] } = Object.freeze({
  sigmaLevel: [0.05, 1.5], medianToLine: [1.05, 10], sigmaTrend: [0, 0.2], growth: [-0.05, 0.15], rho: [0, 1],
  sigmaPersistent: [0, 0.6], villageShare: [0, 1], sigmaTransitory: [0.01, 0.8], sigmaCommon: [0, 0.2],
});

export interface CalibrationInput {
  readonly start: IncomeParams;
  readonly free: readonly (keyof IncomeParams)[];
  readonly targets: readonly CalibrationTarget[];
  readonly simulation: IncomeSimulation;
  readonly rules?: IncomeRules;
  /** Derive σ_a so that the year-0 share below the line equals this (see step 3). */
  readonly anchorHeadcount?: number;
  readonly maxEvaluations?: number;
}

export interface TargetFit {
  readonly target: CalibrationTarget;
  readonly simulated: Estimate;
}

export interface CalibrationResult {
  readonly params: IncomeParams;
  readonly fit: readonly TargetFit[];
  readonly objective: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/**
 * σ_a giving a year-0 headcount H at median ratio m, given σ_e and σ_c (step 3); NaN when
 * the transitory and common shocks alone already spread incomes more than H allows, or
 * when H and m lie on different sides of ½ and 1.
 */
export function levelSigmaForHeadcount(headcount: number, p: IncomeParams): number {
  const total = Math.log(p.medianToLine) / invNormCdf(1 - headcount);
  if (!(total > 0 && Number.isFinite(total))) return Number.NaN; // H ≥ ½ with the median above the line, or the reverse
  const v = total * total - p.sigmaTransitory ** 2 - p.sigmaCommon ** 2;
  return v > 0 ? Math.sqrt(v) : Number.NaN;
}

/** Objective Σ ((simulated − observed) / tolerance)². */
export function objectiveOf(fit: readonly TargetFit[]): number {
  let f = 0;
  for (const { target, simulated } of fit) f += ((simulated.value - target.observed) / target.tolerance) ** 2;
  return f;
}

/** Parameters after applying free values and the headcount anchor. */
function withValues(input: CalibrationInput, values: readonly number[]): IncomeParams {
  const p: { -readonly [K in keyof IncomeParams]: number } = { ...input.start };
  input.free.forEach((k, i) => {
    p[k] = values[i] as number;
  });
  if (input.anchorHeadcount !== undefined) p.sigmaLevel = levelSigmaForHeadcount(input.anchorHeadcount, p);
  return p;
}

/** Fit targets for a parameter set (fixed draws of `simulation`). */
export function fitOf(p: IncomeParams, targets: readonly CalibrationTarget[], simulation: IncomeSimulation, rules: IncomeRules = OFFICIAL_RULES): TargetFit[] {
  const s = simulateIncome(p, rules, simulation);
  return targets.map((target) => ({ target, simulated: target.statistic(s) }));
}

/** Calibrate the free parameters (see the file comment). */
export function calibrateIncome(input: CalibrationInput): CalibrationResult {
  const rules = input.rules ?? OFFICIAL_RULES;
  const ws = incomeWorkspace(input.simulation);
  const bounds = input.free.map((k) => PARAMETER_BOUNDS[k]);
  const toValue = (u: readonly number[]): number[] => u.map((ui, i) => {
    const [lo, hi] = bounds[i] as readonly [number, number];
    return lo + (hi - lo) / (1 + Math.exp(-ui));
  });
  const toFree = (v: readonly number[]): number[] => v.map((vi, i) => {
    const [lo, hi] = bounds[i] as readonly [number, number];
    const q = Math.min(1 - 1e-6, Math.max(1e-6, (vi - lo) / (hi - lo)));
    return Math.log(q / (1 - q));
  });
  const evaluate = (values: readonly number[]): { fit: TargetFit[]; f: number } => {
    const p = withValues(input, values);
    if (!(p.sigmaLevel >= 0)) return { fit: [], f: Infinity };
    const s = simulateIncome(p, rules, input.simulation, ws);
    const fit = input.targets.map((target) => ({ target, simulated: target.statistic(s) }));
    return { fit, f: objectiveOf(fit) };
  };
  const u0 = toFree(input.free.map((k) => input.start[k]));
  const res = nelderMead((u) => evaluate(toValue(u)).f, u0, {
    step: u0.map(() => 0.5),
    maxEvaluations: input.maxEvaluations ?? 150,
    fTol: 1e-4,
    xTol: 1e-3,
  });
  const values = toValue(res.x);
  const params = withValues(input, values);
  const { fit, f } = evaluate(values);
  return { params: Object.freeze(params), fit, objective: f, evaluations: res.evaluations + 1, converged: res.converged };
}
