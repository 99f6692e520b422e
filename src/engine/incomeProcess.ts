/**
 * The v2 income process (src/income/, docs/income-process.md) as engine model fields.
 *
 * The income kernel works relative to the poverty line; the engine works in yuan with the
 * line's own path. Growth relative to the line g becomes income growth
 * (1 + line growth)·e^g − 1 each year; the other parameters carry over one to one:
 * σ_η → idioSigma, ρ → idioPersistence, s → villageShare, σ_g → trendSigma,
 * σ_e → transitorySigma, σ_c → commonSigma. Household levels (m, σ_a) are the
 * population's: cohorts or a register.
 *
 * @example
 * const m = withIncomeProcess(baseEngineModel(years, 3300), DEFAULT_INCOME_VALUES);
 */
import type { IncomeParams } from "../income/process.js";
import type { EngineModel } from "./model.js";

/** The model with its income process replaced by `p`; `lineGrowth[y]` is the line's growth into year y (default: a flat line). */
export function withIncomeProcess(m: EngineModel, p: IncomeParams, lineGrowth?: Float64Array): EngineModel {
  const Y = m.years.length;
  const growth = Float64Array.from({ length: Y }, (_, y) => (1 + (lineGrowth?.[y] ?? 0)) * Math.exp(p.growth) - 1);
  return {
    ...m,
    growth,
    commonSigma: p.sigmaCommon,
    idioSigma: p.sigmaPersistent,
    idioPersistence: p.rho,
    villageShare: p.villageShare,
    trendSigma: p.sigmaTrend,
    transitorySigma: p.sigmaTransitory,
  };
}
