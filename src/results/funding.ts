/**
 * Will the money last? The plan's sources against what the runs spend (model.md,
 * "Uncertainty": revenue growth and transfers are parameters that are not known).
 *
 * A source may carry an `uncertainty` factor drawn once per run (pipeline/simulate.ts draws
 * it, addressed by the source's path, so variants share it); the ledger keeps the planned
 * amounts. In each run the sources are the planned amounts times their factors, and the uses
 * are what the run spent on the plan's lines: programmes, follow-up payments, interest
 * subsidy and pool deposits (fiscal cost less the demand-driven floor top-ups and any pool
 * top-ups, which the ledger does not fund). A year runs short when the balance — carried
 * forward where the plan carries money forward — is below zero after its uses.
 *
 * @example
 * const risk = fundingRisk(results, [{ id: "revenue", byYear: [5e6, 6e6], factors }], true);
 * risk.byYear[1].p // share of runs in which the money had run short by the second year
 */
import type { RunResults } from "../model/results.js";
import type { Label } from "../ledger/types.js";
import { probability } from "./stats.js";

export interface FundingSource {
  readonly id: string;
  readonly label?: Label;
  /** Planned amount per horizon year (yuan). */
  readonly byYear: readonly number[];
  /** Factor per run (length = runs), absent: certain (1). */
  readonly factors?: Float64Array;
}

export interface FundingRisk {
  /** The sources drawn per run. */
  readonly uncertain: readonly { readonly id: string; readonly label?: Label }[];
  readonly runs: number;
  readonly carryForward: boolean;
  /** Share of runs in which uses exceed sources (balance below zero) in each year, with its standard error. */
  readonly byYear: readonly { readonly year: number; readonly p: number; readonly se: number }[];
  /** Share of runs short in at least one year. */
  readonly any: { readonly p: number; readonly se: number };
}

/** A shortfall smaller than this (yuan) is rounding, not a shortfall. */
export const SHORTFALL_TOLERANCE = 1;

export function fundingRisk(r: RunResults, sources: readonly FundingSource[], carryForward: boolean): FundingRisk {
  const Y = r.years.length;
  const nm = r.metrics.length;
  const k = (m: string): number => r.metrics.indexOf(m);
  const [cost, floor, topUps] = [k("fiscalCost"), k("floorTopUps"), k("poolTopUps")];
  if (cost < 0) throw new Error("results have no fiscalCost metric");
  // Per year and run: 1 when the balance is below zero after the year's uses.
  const short = Array.from({ length: Y }, () => new Float64Array(r.runs));
  const anyShort = new Float64Array(r.runs);
  for (let run = 0; run < r.runs; run++) {
    let balance = 0;
    for (let y = 0; y < Y; y++) {
      const o = (run * Y + y) * nm;
      let src = 0;
      for (const s of sources) src += (s.byYear[y] ?? 0) * (s.factors ? (s.factors[run] as number) : 1);
      const uses = (r.data[o + cost] as number) - (floor >= 0 ? (r.data[o + floor] as number) : 0) - (topUps >= 0 ? (r.data[o + topUps] as number) : 0);
      balance = (carryForward ? balance : 0) + src - uses;
      if (balance < -SHORTFALL_TOLERANCE) {
        (short[y] as Float64Array)[run] = 1;
        anyShort[run] = 1;
      }
    }
  }
  const at = (x: Float64Array) => {
    const p = probability(x);
    return { p: p.p, se: p.se };
  };
  return {
    uncertain: sources.filter((s) => s.factors !== undefined).map((s) => (s.label === undefined ? { id: s.id } : { id: s.id, label: s.label })),
    runs: r.runs,
    carryForward,
    byYear: r.years.map((year, y) => ({ year, ...at(short[y] as Float64Array) })),
    any: at(anyShort),
  };
}
