/**
 * Looking up resolved numbers by year — the one function for dated parameters.
 *
 * @example
 * at(s.poverty.line, 2017, s.years)      // Decimal
 * atNumber(pool.pd, 2017, s.years)       // number (for the engine)
 */
import type { Decimal } from "decimal.js";
import type { Param } from "./num.js";

function index(years: readonly number[], year: number): number {
  const i = year - (years[0] ?? year);
  if (i < 0 || i >= years.length) throw new Error(`year ${year} outside horizon ${years[0]}–${years[years.length - 1]}`);
  return i;
}

/** Value in a year of the horizon (carried forward for dated numbers). */
export function at(p: Param, year: number, years: readonly number[]): Decimal {
  const v = p.values[index(years, year)];
  if (v === undefined) throw new Error("param has no value for the horizon");
  return v;
}

/** Value in a year as a float (engine side). */
export const atNumber = (p: Param, year: number, years: readonly number[]): number => at(p, year, years).toNumber();

/** True when the file gave a value for this year (undated numbers: every year). */
export const givenIn = (p: Param, year: number, years: readonly number[]): boolean => p.given[index(years, year)] === true;

/** The value of an undated number (first horizon year). */
export function scalar(p: Param): Decimal {
  const v = p.values[0];
  if (v === undefined) throw new Error("param has no value");
  return v;
}

export const scalarNumber = (p: Param): number => scalar(p).toNumber();

/** Per-year floats over the horizon. */
export const series = (p: Param): Float64Array => Float64Array.from(p.values, (d) => d.toNumber());
