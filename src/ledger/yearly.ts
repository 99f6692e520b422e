/**
 * Reading scenario numbers as yearly amounts — the two rules the whole ledger uses.
 *
 * - **Flows** (money amounts, new lending, planned units): a dated number applies to the
 *   years it names and is 0 in the others; an undated number applies to every year.
 * - **Levels** (unit costs, shares, rates, counts of contributors, caps): a dated number
 *   carries its latest value forward (the scenario's own rule, see src/scenario/param.ts).
 *
 * @example
 * flow(fixedAmount, years)  // {2017: 5e6} over 2017–2019 → [5e6, 0, 0]
 * level(rate, years)        // {2017: 0.0475} over 2017–2019 → [0.0475, 0.0475, 0.0475]
 */
import type { Decimal } from "decimal.js";
import type { Param } from "../scenario/num.js";
import { at, givenIn } from "../scenario/param.js";
import { yuan, ZERO } from "../model/money.js";

/** Amount per horizon year, 0 where a dated number names no value. */
export const flow = (p: Param, years: readonly number[]): Decimal[] =>
  years.map((y) => (givenIn(p, y, years) ? yuan(at(p, y, years)) : ZERO));

/** Value per horizon year, carried forward between dated values. */
export const level = (p: Param, years: readonly number[]): Decimal[] => years.map((y) => yuan(at(p, y, years)));

/** Value of a level in any year: inside the horizon as given, after it the last year's value. */
export function levelAt(p: Param, year: number, years: readonly number[]): Decimal {
  const first = years[0]!;
  const last = years[years.length - 1]!;
  return yuan(at(p, Math.min(Math.max(year, first), last), years));
}

/** Element-wise sum of yearly arrays of equal length. */
export function addYears(a: readonly Decimal[], b: readonly Decimal[]): Decimal[] {
  return a.map((x, i) => x.plus(b[i] ?? ZERO));
}

/** Zero for every year. */
export const zeros = (years: readonly number[]): Decimal[] => years.map(() => ZERO);
