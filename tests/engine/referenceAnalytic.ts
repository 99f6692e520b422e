/**
 * Analytic exit fractions of the reference model (normal algebra on log income),
 * shared by the reference tests.
 *
 * @example referenceExitFraction(REFERENCE_MODEL, 0) // ≈ 0.4188
 */
import type { ReferenceModel } from "../../src/engine/reference.js";
import { normCdf } from "../../src/random/normal.js";

/** Expected share of households above the line in year index y. */
export function referenceExitFraction(m: ReferenceModel, y: number): number {
  const mu0 = Math.log(m.incomeMedian) - Math.log(m.line);
  const v0 = m.incomeSigma ** 2 + m.commonSigma ** 2 + m.idioSigma ** 2;
  const lnIll = Math.log(1 - m.illnessLoss);
  const q = m.illnessProbability;
  const above = (mu: number, v: number): number => (1 - q) * normCdf(mu / Math.sqrt(v)) + q * normCdf((mu + lnIll) / Math.sqrt(v));
  const noUplift = above(mu0, v0);
  if (y < m.upliftFromYear) return noUplift;
  const withUplift = above(mu0 + Math.log(m.upliftMedian), v0 + m.upliftSigma ** 2);
  return m.labourProbability * withUplift + (1 - m.labourProbability) * noUplift;
}

/** Mean and standard error over runs of column `metric` in year y of a runs × years × nm array. */
export function meanAndSe(data: Float64Array, runs: number, years: number, nm: number, metric: number, ys: readonly number[]): { mean: number; se: number } {
  const per: number[] = [];
  for (let r = 0; r < runs; r++) {
    let s = 0;
    for (const y of ys) s += data[(r * years + y) * nm + metric] ?? Number.NaN;
    per.push(s / ys.length);
  }
  const mean = per.reduce((a, b) => a + b, 0) / runs;
  const variance = per.reduce((a, b) => a + (b - mean) ** 2, 0) / (runs - 1);
  return { mean, se: Math.sqrt(variance / runs) };
}
