/**
 * Exact money: yuan as decimal.js values, never floats.
 *
 * The ledger adds, subtracts and multiplies exactly (a private Decimal with 40 significant
 * digits, so products of realistic amounts, shares and rates never round). Rounding happens
 * only when a value is shown: to the fen (0.01 yuan) for yuan, or to 0.01 万元 (100 yuan) for
 * Chinese tables, half away from zero. Splitting a total into parts (a gap shared by weights,
 * a principal repaid over years) uses the largest-remainder rule in {@link splitByWeights}, so
 * the parts are whole fen (except one documented residue) and add up to the total exactly.
 *
 * @example
 * const m = yuan(20_000).times(16_659);          // 333180000
 * formatYuan(m)                                  // "333,180,000.00"
 * formatWan(m)                                   // "33,318.00"
 * splitByWeights(yuan(100), [{ key: "a", weight: yuan(1) }, { key: "b", weight: yuan(2) }])
 *   .map(String)                                 // ["33.33", "66.67"]
 */
import { Decimal } from "decimal.js";

/** Decimal constructor used for ledger arithmetic: 40 significant digits, half-up. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

/** A yuan amount (exact). */
export type Yuan = Decimal;

export const ZERO: Yuan = new Money(0);

/** An exact amount from a number, string or Decimal (re-based on the ledger's precision). */
export const yuan = (x: Decimal.Value): Yuan => new Money(x);

/** Exact sum. */
export const sumOf = (xs: Iterable<Decimal>): Yuan => {
  let s = ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
};

/** max(0, x). */
export const positivePart = (x: Decimal): Yuan => (x.lt(0) ? ZERO : yuan(x));

/** Rounded to the fen, half away from zero (for display and whole-fen payments). */
export const toFen = (x: Decimal): Yuan => yuan(x).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** Exact decimal text without exponent, for JSON and CSV ("1234.5", "-0.005"). */
export const exactString = (x: Decimal): string => {
  const s = yuan(x).toFixed();
  return s === "-0" ? "0" : s;
};

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Fixed decimals with thousands separators and an ASCII minus (spreadsheets parse it). */
export function formatGrouped(x: Decimal, decimals: number): string {
  const r = yuan(x).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  const neg = r.lt(0) && !r.isZero();
  const [int = "0", frac] = r.abs().toFixed(decimals).split(".");
  return `${neg ? "-" : ""}${group(int)}${frac !== undefined ? `.${frac}` : ""}`;
}

/** Yuan to the fen with thousands separators: 333180000 → "333,180,000.00". */
export const formatYuan = (x: Decimal, decimals = 2): string => formatGrouped(x, decimals);

/** 万元 (10,000 yuan) to two decimals with separators: 333180000 → "33,318.00". */
export const formatWan = (x: Decimal, decimals = 2): string => formatGrouped(yuan(x).div(10_000), decimals);

/** A whole count with separators: 16659 → "16,659". */
export const formatCount = (x: Decimal | number): string => formatGrouped(yuan(x), 0);

/** One part of a split: a key (for deterministic tie-breaks) and a non-negative weight. */
export interface WeightedKey {
  readonly key: string;
  readonly weight: Decimal;
}

/**
 * Split `total` into parts proportional to `weights`, exactly, by the largest-remainder rule:
 *
 * 1. each part gets its exact share total × wᵢ / Σw rounded **down** to the fen;
 * 2. the whole fen left over go, one each, to the parts with the largest remainders (ties:
 *    larger weight first, then key in ascending order — never the input order);
 * 3. if `total` itself is not a whole number of fen, the sub-fen residue goes to the part that
 *    received the last fen in step 2 (or the largest weight), so Σ parts = total exactly.
 *
 * Parts come back in input order. All weights zero (or no weights) → every part zero and the
 * caller must handle the unassigned total (the sum is then 0, not `total`).
 *
 * @example
 * splitByWeights(yuan("0.10"), [{key: "a", weight: yuan(1)}, {key: "b", weight: yuan(1)}, {key: "c", weight: yuan(1)}])
 * // → [0.04, 0.03, 0.03]   (a wins the tie on its key)
 */
export function splitByWeights(total: Decimal, weights: readonly WeightedKey[]): Yuan[] {
  const W = sumOf(weights.map((w) => w.weight));
  if (W.isZero() || weights.length === 0) return weights.map(() => ZERO);
  const t = yuan(total);
  const sign = t.lt(0) ? -1 : 1;
  const abs = t.abs();
  const fenTotal = abs.times(100).floor();
  const residue = abs.minus(fenTotal.div(100));
  const exact = weights.map((w) => fenTotal.times(w.weight).div(W));
  const base = exact.map((e) => e.floor());
  let left = fenTotal.minus(sumOf(base)).toNumber();
  const order = weights
    .map((w, i) => ({ i, rem: exact[i]!.minus(base[i]!), w: w.weight, key: w.key }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || b.w.comparedTo(a.w) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const fen = base.map((b) => b);
  let last = order[0]!.i;
  for (const o of order) {
    if (left <= 0) break;
    fen[o.i] = fen[o.i]!.plus(1);
    last = o.i;
    left--;
  }
  return fen.map((f, i) => {
    const part = f.div(100).plus(i === last ? residue : ZERO);
    return sign < 0 ? part.neg() : part;
  });
}
