/**
 * The risk-compensation pool and its loan book, one year at a time.
 *
 * Year y, in order:
 * 1. deposits of the year enter the fund;
 * 2. new lending (unless suspended): min(planned, leverage × fund − outstanding), in
 *    whole loans; the caller picks the borrowers and reports how many loans were made;
 * 3. the treasury pays the subsidised share of interest on each performing loan's
 *    balance (subsidy withdrawn on default);
 * 4. defaults, Vasicek one-factor: a loan defaults when √ρ·Z + √(1−ρ)·ε < Φ⁻¹(PD), i.e.
 *    with the conditional probability Φ((Φ⁻¹(PD) − √ρ·Z)/√(1−ρ)) given the run-year
 *    factor Z (linked to the common income shock by the caller); ε is drawn per loan
 *    with an addressed uniform. Loss = balance × LGD; the pool pays its share while it
 *    has money (a shortfall marks it depleted and falls on the bank);
 * 5. amortisation (bullet or straight line over the term); loans past their term close;
 * 6. suspension for next year when the year's non-performing ratio (defaulted balance ÷
 *    balance lent) exceeds the threshold or leverage × fund no longer covers the
 *    outstanding loans; then the optional top-up refills the fund towards restoreTo ×
 *    deposits, up to the year's maximum.
 *
 * State: a start year (int16, −1 when closed) per loan; balances are computed from the
 * loan size, start year and term.
 *
 * @example
 * const st = newPoolState(pool);
 * const n = poolLoansAllowed(pool, st, 0);   // after depositing year 0
 * poolIssue(st, n, 0);
 * poolDefaultsAndClose(pool, st, 0, z, key, out);
 */
import type { EnginePool } from "./model.js";
import { invNormCdf, normCdf } from "./normal.js";
import { addressedUniform } from "./rng.js";

export interface PoolState {
  balance: number;
  deposited: number;
  suspended: boolean;
  loanCount: number;
  readonly loanStart: Int16Array;
}

/** Results of one pool-year (money in yuan). */
export interface PoolYearOut {
  deposit: number;
  newLending: number;
  interestSubsidy: number;
  poolLoss: number;
  bankLoss: number;
  topUp: number;
  depleted: number;
  defaults: number;
  outstanding: number;
  suspended: number;
}

export const newPoolYearOut = (): PoolYearOut => ({ deposit: 0, newLending: 0, interestSubsidy: 0, poolLoss: 0, bankLoss: 0, topUp: 0, depleted: 0, defaults: 0, outstanding: 0, suspended: 0 });

/** Most loans a pool can ever make (planned lending ÷ loan size, summed over years). */
export function maxLoans(pool: EnginePool): number {
  let n = 0;
  for (let y = 0; y < pool.plannedLending.length; y++) n += Math.floor((pool.plannedLending[y] as number) / pool.loanSize + 1e-9);
  return n;
}

export function newPoolState(pool: EnginePool): PoolState {
  return { balance: 0, deposited: 0, suspended: false, loanCount: 0, loanStart: new Int16Array(maxLoans(pool)) };
}

export function resetPoolState(st: PoolState): void {
  st.balance = 0;
  st.deposited = 0;
  st.suspended = false;
  st.loanCount = 0;
}

/** Balance at the start of year y of a loan made in year s (0 once past its term). */
export function loanBalance(pool: EnginePool, s: number, y: number): number {
  const age = y - s;
  if (s < 0 || age < 0 || age >= pool.termYears) return 0;
  return pool.amortisation === "bullet" ? pool.loanSize : pool.loanSize * (1 - age / pool.termYears);
}

/** Outstanding balance at the start of year y. */
export function outstandingAt(pool: EnginePool, st: PoolState, y: number): number {
  let s = 0;
  for (let j = 0; j < st.loanCount; j++) s += loanBalance(pool, st.loanStart[j] as number, y);
  return s;
}

/** Steps 1–2: deposit the year's money and return how many new loans may be made. */
export function poolLoansAllowed(pool: EnginePool, st: PoolState, y: number, out: PoolYearOut): number {
  const dep = pool.deposits[y] ?? 0;
  st.balance += dep;
  st.deposited += dep;
  out.deposit = dep;
  if (st.suspended) return 0;
  const room = pool.leverage * st.balance - outstandingAt(pool, st, y);
  const amount = Math.min(pool.plannedLending[y] ?? 0, room);
  if (!(amount > 0) || !(pool.loanSize > 0)) return 0;
  return Math.min(Math.floor(amount / pool.loanSize + 1e-9), st.loanStart.length - st.loanCount);
}

/** Record `n` loans made in year y. */
export function poolIssue(pool: EnginePool, st: PoolState, n: number, y: number, out: PoolYearOut): void {
  for (let j = 0; j < n; j++) st.loanStart[st.loanCount++] = y;
  out.newLending = n * pool.loanSize;
}

/**
 * Steps 3–6 for year y. `z` is the run-year credit factor (standard normal); `key` the
 * addressed-draw key for this pool-year's idiosyncratic default draws (one per loan index).
 */
export function poolDefaultsAndClose(pool: EnginePool, st: PoolState, y: number, z: number, key: number, out: PoolYearOut): void {
  const rho = pool.correlation;
  const pd = pool.pd[y] ?? 0;
  const pCond = pd <= 0 ? 0 : pd >= 1 ? 1 : rho >= 1 ? +(z < invNormCdf(pd)) : normCdf((invNormCdf(pd) - Math.sqrt(rho) * z) / Math.sqrt(1 - rho));
  const subsidyRate = (pool.rate[y] ?? 0) * (pool.subsidyShare[y] ?? 0);
  let lent = 0;
  let defaulted = 0;
  let defaults = 0;
  let subsidy = 0;
  const starts = st.loanStart;
  for (let j = 0; j < st.loanCount; j++) {
    const s = starts[j] as number;
    const bal = loanBalance(pool, s, y);
    if (bal <= 0) continue;
    lent += bal;
    if (addressedUniform(key, j) < pCond) {
      defaulted += bal;
      defaults++;
      starts[j] = -1;
    } else subsidy += bal * subsidyRate;
  }
  const loss = defaulted * pool.lgd;
  const poolShare = loss * pool.poolLossShare;
  const paid = Math.min(poolShare, st.balance);
  st.balance -= paid;
  out.interestSubsidy = subsidy;
  out.poolLoss = paid;
  out.bankLoss = loss - paid;
  out.depleted = poolShare > paid + 1e-9 ? 1 : 0;
  out.defaults = defaults;
  // Amortisation is implicit in loanBalance; close loans past their term.
  let outstanding = 0;
  for (let j = 0; j < st.loanCount; j++) {
    const s = starts[j] as number;
    if (s < 0) continue;
    const b = loanBalance(pool, s, y + 1);
    if (b <= 0) starts[j] = -1;
    else outstanding += b;
  }
  out.outstanding = outstanding;
  const npl = lent > 0 ? defaulted / lent : 0;
  st.suspended = npl > pool.nplThreshold || pool.leverage * st.balance < outstanding - 1e-6;
  out.suspended = st.suspended ? 1 : 0;
  const max = pool.topUpMax[y] ?? 0;
  const topUp = max > 0 ? Math.min(max, Math.max(0, pool.restoreTo * st.deposited - st.balance)) : 0;
  st.balance += topUp;
  out.topUp = topUp;
}
