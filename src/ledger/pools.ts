/**
 * Credit pools (risk-compensation funds): deposits, lending capacity, planned lending and the
 * **expected** interest subsidy — the budget view, before any defaults (the engine simulates
 * those).
 *
 * - deposit(y): the `fund` flow (a use of budget money in that year);
 * - fund(y) = deposits to date; capacity(y) = fund(y) × leverage
 *   (Linghai: 9,900,000 × 10 = 99,000,000);
 * - new lending(y): the `plannedLending` flow. Loans are drawn at the start of their year and
 *   run `termYears`: `bullet` keeps the whole principal outstanding until the last year;
 *   `straightLine` repays principal ÷ term at the end of each year (split to the fen, earlier
 *   years take the odd fen), so year k of a loan of L has L − k × L/T outstanding;
 * - outstanding(y) = Σ balances of planned loans in year y;
 * - expected subsidy(y) = Σ balance × rate(y) × subsidyShare(y), summed loan by loan (rates
 *   and shares after the horizon: the last horizon year's value). Subsidy due after the
 *   horizon is kept in `subsidyBeyond`.
 *
 * @example
 * // Linghai: 50,000,000 lent in 2017, 3 years bullet at 4.75 %, fully subsidised:
 * // 2,375,000 a year of expected subsidy while outstanding.
 * poolLedger(pool, scenario, years)
 */
import type { Decimal } from "decimal.js";
import type { Scenario } from "../scenario/types.js";
import { scalar } from "../scenario/param.js";
import { splitByWeights, sumOf, yuan, ZERO } from "../model/money.js";
import { flow, level, levelAt, zeros } from "./yearly.js";
import { labelOf } from "../messages/label.js";
import type { PoolLedger, PoolYear } from "./types.js";

export type PoolSpec = Scenario["creditPools"][number];

/** Balance outstanding in each year of a loan's life (k = 0 … term − 1). */
export function balances(principal: Decimal, term: number, amortisation: PoolSpec["loan"]["amortisation"]): Decimal[] {
  switch (amortisation) {
    case "bullet":
      return Array.from({ length: term }, () => yuan(principal));
    case "straightLine": {
      const pad = String(term).length;
      const repay = splitByWeights(principal, Array.from({ length: term }, (_, k) => ({ key: String(k).padStart(pad, "0"), weight: yuan(1) })));
      let left = yuan(principal);
      return repay.map((r) => {
        const b = left;
        left = left.minus(r);
        return b;
      });
    }
    default:
      return amortisation satisfies never;
  }
}

export function poolLedger(pool: PoolSpec, s: Scenario, years: readonly number[]): PoolLedger {
  const last = years[years.length - 1]!;
  const deposits = flow(pool.fund, years);
  const leverage = yuan(scalar(pool.leverage));
  const lending = flow(pool.plannedLending, years);
  const term = Math.max(1, scalar(pool.loan.termYears).toNumber());
  const size = yuan(scalar(pool.loan.size));
  const perLoan = pool.loan.householdsPerLoan ? yuan(scalar(pool.loan.householdsPerLoan)) : yuan(1);
  const rate = level(pool.loan.rate, years);
  const share = level(pool.loan.subsidyShare, years);
  const outstanding = zeros(years);
  const subsidy = zeros(years);
  const beyond = new Map<number, Decimal>();
  years.forEach((y, t) => {
    const L = lending[t]!;
    if (L.isZero()) return;
    balances(L, term, pool.loan.amortisation).forEach((b, k) => {
      const yy = y + k;
      const due = b.times(levelAt(pool.loan.rate, yy, years)).times(levelAt(pool.loan.subsidyShare, yy, years));
      if (yy > last) beyond.set(yy, (beyond.get(yy) ?? ZERO).plus(due));
      else {
        outstanding[t + k] = outstanding[t + k]!.plus(b);
        subsidy[t + k] = subsidy[t + k]!.plus(due);
      }
    });
  });
  // The loan book at the start: whole loans at the pool's size, each with `remainingYears`
  // of its term left (the balances of the last years of a loan's life), subsidised like new ones.
  let existing: PoolLedger["existing"];
  if (pool.existingLoans !== undefined && size.gt(0)) {
    const loans = scalar(pool.existingLoans.outstanding).div(size).floor();
    const remaining = Math.min(term, Math.max(1, scalar(pool.existingLoans.remainingYears).toNumber()));
    const life = balances(size, term, pool.loan.amortisation).slice(term - remaining);
    life.forEach((b, k) => {
      const yy = years[0]! + k;
      const amount = b.times(loans);
      const due = amount.times(levelAt(pool.loan.rate, yy, years)).times(levelAt(pool.loan.subsidyShare, yy, years));
      if (yy > last) beyond.set(yy, (beyond.get(yy) ?? ZERO).plus(due));
      else {
        outstanding[k] = outstanding[k]!.plus(amount);
        subsidy[k] = subsidy[k]!.plus(due);
      }
    });
    existing = { loans, outstanding: loans.times(life[0] ?? ZERO), remainingYears: remaining };
  }
  let fund = ZERO;
  const byYear: PoolYear[] = years.map((year, i) => {
    fund = fund.plus(deposits[i]!);
    const loans = size.gt(0) ? lending[i]!.div(size).floor() : ZERO;
    return {
      year,
      deposit: deposits[i]!,
      fund,
      capacity: fund.times(leverage),
      newLending: lending[i]!,
      outstanding: outstanding[i]!,
      expectedSubsidy: subsidy[i]!,
      loans,
      households: loans.times(perLoan).floor(),
      rate: rate[i]!,
      subsidyShare: share[i]!,
    };
  });
  return {
    id: pool.id,
    label: labelOf(pool.label, pool.id),
    leverage,
    loanSize: size,
    termYears: term,
    amortisation: pool.loan.amortisation,
    householdsPerLoan: perLoan,
    programmes: s.programmes.filter((p) => p.pool === pool.id).map((p) => p.id),
    byYear,
    totalDeposits: sumOf(deposits),
    totalLending: sumOf(lending),
    totalSubsidy: sumOf(subsidy),
    subsidyBeyond: [...beyond].sort((a, b) => a[0] - b[0]).map(([year, amount]) => ({ year, amount })),
    ...(existing ? { existing } : {}),
  };
}
