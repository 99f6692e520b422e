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
 *    (with ownShockRisk, PD is PD₁ for loans whose borrower was hit by illness or a disaster
 *    that year — their number drawn from the share of the pool's borrowers hit — and PD₀
 *    for the others, PD the average);
 *    independently with the conditional probability p = Φ((Φ⁻¹(PD) − √ρ·Z)/√(1−ρ)) given
 *    the run-year factor Z (linked to the common income shock by the caller). Loans of
 *    one cohort (same start year, hence same balance) are exchangeable, so the number of
 *    defaults in a cohort is drawn exactly as Binomial(live, p) by geometric skipping over
 *    its loans, on a stream addressed by (pool, year, cohort). Loss = balance × LGD; the
 *    pool pays its share while it has money (a shortfall marks it depleted and falls on
 *    the bank);
 * 5. amortisation (bullet or straight line over the term); loans past their term close;
 * 6. suspension for next year when the year's non-performing ratio (defaulted balance ÷
 *    balance lent) exceeds the threshold or leverage × fund no longer covers the
 *    outstanding loans; then the optional top-up refills the fund towards restoreTo ×
 *    deposits, up to the year's maximum.
 *
 * After the horizon the pool runs off (runOff): no deposits or new lending, the loans still
 * outstanding run to term with the last year's PD, rate and subsidy share.
 *
 * State: the number of live loans per cohort (start year) — O(years), whatever the book size —
 * plus the loan book at the start (EnginePool.existing), one more cohort that began before
 * the horizon: it counts against capacity, defaults (its own stream, cohort 255) and draws
 * subsidy like the others.
 *
 * @example
 * const st = newPoolState(pool, years);
 * const n = poolLoansAllowed(pool, st, 0, out);   // deposits year 0, returns loans allowed
 * poolIssue(pool, st, n, 0, out);
 * poolDefaultsAndClose(pool, st, 0, z, stream, out);
 */
import type { EnginePool } from "./model.js";
import { invNormCdf, normCdf } from "../random/normal.js";
import { nextUniform } from "../random/rng.js";

export interface PoolState {
  balance: number;
  deposited: number;
  suspended: boolean;
  /** Live loans by start year. */
  readonly live: Float64Array;
  /** Live loans of the book at the start (EnginePool.existing). */
  before: number;
}

/** The default stream's cohort index of the loan book at the start. */
export const EXISTING_COHORT = 255;

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

export function newPoolState(years: number): PoolState {
  return { balance: 0, deposited: 0, suspended: false, live: new Float64Array(years), before: 0 };
}

/** Reset for a new run; the loan book at the start is back. */
export function resetPoolState(st: PoolState, pool?: EnginePool): void {
  st.balance = 0;
  st.deposited = 0;
  st.suspended = false;
  st.live.fill(0);
  st.before = pool?.existing?.loans ?? 0;
}

/** Balance at the start of year y of one loan made in year s (0 once past its term). */
export function loanBalance(pool: EnginePool, s: number, y: number): number {
  const age = y - s;
  if (age < 0 || age >= pool.termYears) return 0;
  return pool.amortisation === "bullet" ? pool.loanSize : pool.loanSize * (1 - age / pool.termYears);
}

/** Outstanding balance at the start of year y. */
export function outstandingAt(pool: EnginePool, st: PoolState, y: number): number {
  let s = pool.existing ? st.before * loanBalance(pool, pool.existing.start, y) : 0;
  for (let c = 0; c <= y && c < st.live.length; c++) s += (st.live[c] as number) * loanBalance(pool, c, y);
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
  return Math.floor(amount / pool.loanSize + 1e-9);
}

/** Record `n` loans made in year y. */
export function poolIssue(pool: EnginePool, st: PoolState, n: number, y: number, out: PoolYearOut): void {
  st.live[y] = (st.live[y] as number) + n;
  out.newLending = n * pool.loanSize;
}

/**
 * Binomial(n, p) by geometric skipping: the gaps between successes of Bernoulli(p) trials
 * are iid Geometric(p). About n·min(p, 1−p) + 1 uniforms from stream `s`.
 */
export function binomial(n: number, p: number, s: Int32Array): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, s);
  const inv = 1 / Math.log1p(-p);
  let k = 0;
  let i = Math.floor(Math.log(nextUniform(s)) * inv);
  while (i < n) {
    k++;
    i += 1 + Math.floor(Math.log(nextUniform(s)) * inv);
  }
  return k;
}

/** Conditional default probability given the factor z. */
export function conditionalPd(pd: number, rho: number, z: number): number {
  if (pd <= 0) return 0;
  if (pd >= 1) return 1;
  if (rho >= 1) return z < invNormCdf(pd) ? 1 : 0;
  return normCdf((invNormCdf(pd) - Math.sqrt(rho) * z) / Math.sqrt(1 - rho));
}

/**
 * Steps 3–6 for year y. `z` is the run-year credit factor (standard normal); `seedCohort(c)`
 * seeds `s` with the default stream of this pool-year's cohort c.
 */
export function poolDefaultsAndClose(
  pool: EnginePool,
  st: PoolState,
  y: number,
  z: number,
  s: Int32Array,
  seedCohort: (c: number) => void,
  out: PoolYearOut,
  own?: { readonly share: number; readonly expected: number },
): void {
  // After the horizon (run-off) the last year's PD, rate and subsidy share hold.
  const py = Math.min(y, pool.pd.length - 1);
  const pd = pool.pd[py] ?? 0;
  const p = conditionalPd(pd, pool.correlation, z);
  // Borrowers' own shocks (ownShockRisk): loans whose borrower was hit this year (a share
  // `own.share` of the pool's borrowers) default at PD₁ = RR·PD₀, the others at PD₀, with
  // PD₀ = PD / (1 + q(RR − 1)) so that PD stays the average for the expected share q.
  const rr = pool.ownShockRisk ?? 1;
  const linked = own !== undefined && rr !== 1;
  const pd0 = linked ? pd / (1 + own.expected * (rr - 1)) : pd;
  const p0 = linked ? conditionalPd(pd0, pool.correlation, z) : p;
  const p1 = linked ? conditionalPd(Math.min(1, rr * pd0), pool.correlation, z) : p;
  const subsidyRate = (pool.rate[Math.min(y, pool.rate.length - 1)] ?? 0) * (pool.subsidyShare[Math.min(y, pool.subsidyShare.length - 1)] ?? 0);
  let lent = 0;
  let defaulted = 0;
  let defaults = 0;
  let subsidy = 0;
  let outstanding = 0;
  // The loan book at the start first (cohort EXISTING_COHORT), then the horizon's cohorts.
  const first = pool.existing !== undefined && st.before > 0 ? -1 : 0;
  for (let c = first; c <= y && c < st.live.length; c++) {
    const start = c < 0 ? pool.existing!.start : c;
    const n = c < 0 ? st.before : (st.live[c] as number);
    const bal = loanBalance(pool, start, y);
    if (n <= 0 || bal <= 0) continue;
    seedCohort(c < 0 ? EXISTING_COHORT : c);
    let k: number;
    if (linked) {
      const hit = binomial(n, own.share, s);
      k = binomial(hit, p1, s) + binomial(n - hit, p0, s);
    } else k = binomial(n, p, s);
    lent += n * bal;
    defaulted += k * bal;
    defaults += k;
    subsidy += (n - k) * bal * subsidyRate;
    // Amortise; loans past their term close.
    const left = loanBalance(pool, start, y + 1) > 0 ? n - k : 0;
    if (c < 0) st.before = left;
    else st.live[c] = left;
    outstanding += left * loanBalance(pool, start, y + 1);
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
  out.outstanding = outstanding;
  const npl = lent > 0 ? defaulted / lent : 0;
  st.suspended = npl > pool.nplThreshold || pool.leverage * st.balance < outstanding - 1e-6;
  out.suspended = st.suspended ? 1 : 0;
  const max = pool.topUpMax[y] ?? 0;
  const topUp = max > 0 ? Math.min(max, Math.max(0, pool.restoreTo * st.deposited - st.balance)) : 0;
  st.balance += topUp;
  out.topUp = topUp;
}
