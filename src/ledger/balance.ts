/**
 * The balance per year: sources − uses, carried forward when `funding.carryForward` is on.
 *
 * With carry forward: opening(y) = closing(y − 1), closing(y) = opening(y) + sources − uses,
 * lapsed = 0; a negative closing balance means the year is over-committed.
 * Without: opening = 0, closing = sources − uses, and a positive closing lapses.
 *
 * Either way, every year: opening + sources = uses + closing, and over the horizon
 * Σ sources = Σ uses + unspent, where unspent = the last closing balance (carry forward) or
 * Σ closing (no carry forward) — exactly.
 *
 * @example
 * yearBalances([2017, 2018], [d(10), d(5)], [d(8), d(9)], true)
 * // closing 2, then −2 (over-committed in 2018)
 */
import type { Decimal } from "decimal.js";
import { ZERO } from "../model/money.js";
import type { BalanceYear } from "./types.js";

export function yearBalances(years: readonly number[], sources: readonly Decimal[], uses: readonly Decimal[], carryForward: boolean): BalanceYear[] {
  let prev = ZERO;
  return years.map((year, i) => {
    const opening = carryForward ? prev : ZERO;
    const net = sources[i]!.minus(uses[i]!);
    const closing = opening.plus(net);
    prev = closing;
    return { year, opening, sources: sources[i]!, uses: uses[i]!, net, closing, lapsed: !carryForward && closing.gt(0) ? closing : ZERO };
  });
}

/** Unspent money over the horizon (see the module doc). */
export function unspentOf(b: readonly BalanceYear[], carryForward: boolean): Decimal {
  if (carryForward) return b[b.length - 1]?.closing ?? ZERO;
  return b.reduce((s, x) => s.plus(x.closing), ZERO);
}
