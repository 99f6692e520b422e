/**
 * The household income process of model v2 (docs/income-process.md), as a standalone kernel.
 *
 * Log per-capita income relative to the poverty line, household i, year t = 0 … T − 1:
 *
 *   x_it = ln m + σ_a·z_i                        household level (m = median level ÷ line)
 *        + (g + σ_g·w_i)·t                        trend: jurisdiction growth relative to the line + household deviation
 *        + p_it                                   persistent component, p_i0 = 0,
 *                                                 p_it = ρ·p_i,t−1 + σ_η·(√s·ν_v(i),t + √(1 − s)·ξ_it)
 *        + c_t                                    common year shock, c_t ~ N(0, σ_c²)
 *        + σ_e·ε_it                               transitory shock, iid every year including year 0
 *
 * with z, w, ν, ξ, ε independent standard normals, s the village share of the persistent
 * innovation variance and v(i) = ⌊i / villageSize⌋ the household's village. A household is
 * poor in year t when x_it < 0 (observed income below the line). a_i is the household's
 * position at the start; p carries what happens after it (with ρ < 1, shocks after the
 * start fade and the household returns towards its level plus trend).
 *
 * Per run the kernel records, in one pass over households for each year:
 * - panel statistics as spell-based panel studies define them (Bane & Ellwood 1986 style):
 *   the exit hazard by spell duration d — among poverty spells that began in an observed
 *   year (non-poor the year before; spells already under way in year 0 are left-censored
 *   and not counted) and have lasted exactly d years, the share non-poor the next year —
 *   and the cumulative re-entry of exiters: among households that left poverty in year t
 *   (poor in t − 1, non-poor in t), the share poor again in some year of t + 1 … t + k,
 *   counted only where year t + k is observed;
 * - the administrative path under the official rules: the registered cohort is drawn in
 *   year 0 from households whose observed income is below the line (plus, optionally, an
 *   inclusion-error share of near-poor households above it); a registered household exits
 *   at the yearly verification when its income is at or above the line (for two
 *   consecutive years if asked); an exited household found below the line relapses (no
 *   margin) and is registered poor again, free to exit again. Households not registered
 *   and found below the line are counted as inflow (the engine registers them; this
 *   module only counts them).
 *
 * Randomness is addressed (src/random/rng.ts): for run r, household i, year t the
 * persistent and transitory innovations are words 2i and 2i + 1 of stream
 * (seed, r, idioShock, t); levels and trends words 2i, 2i + 1 of (seed, r, initIncome, 0);
 * the inclusion draw word i of (seed, r, targeting, 0); village shocks words v of
 * (seed, r, village, t); common shocks word t of (seed, r, commonShock, 0). Each normal
 * consumes exactly one word (ziggurat; the rare slow path draws from the paired tail
 * stream), so every parameter set sees the same draws — common random numbers for the
 * calibration — and a year-by-year engine can consume the same words.
 *
 * @example
 * const ws = incomeWorkspace({ households: 100_000, years: 12, villageSize: 50 });
 * simulateIncomeRun(DEFAULT_INCOME_VALUES, OFFICIAL_RULES, ws, 2016, 0); // defaults.ts
 * ws.acc[accIndex(ws.layout, "hazardNum", 1)]; // households leaving poverty after a one-year spell
 */
import { ZK, ZW, nextNormal, zigguratSlow } from "../random/normal.js";
import { PURPOSE, nextInt32, seedStream, seedTailStream } from "../random/rng.js";

/** Parameters of the income process (log per-capita income, years). */
export interface IncomeParams {
  /** σ_a: standard deviation of household levels (log points). */
  readonly sigmaLevel: number;
  /** m: median household level in year 0 divided by the poverty line (> 0). */
  readonly medianToLine: number;
  /** σ_g: standard deviation of household trends around the jurisdiction's (log points a year). */
  readonly sigmaTrend: number;
  /** g: jurisdiction growth of income relative to the line (log points a year). */
  readonly growth: number;
  /** ρ: persistence of the persistent component, in [0, 1] (1: random walk). */
  readonly rho: number;
  /** σ_η: standard deviation of the persistent innovation. */
  readonly sigmaPersistent: number;
  /** s: share of the persistent innovation variance shared by the village, in [0, 1]. */
  readonly villageShare: number;
  /** σ_e: standard deviation of the transitory shock (includes measurement error). */
  readonly sigmaTransitory: number;
  /** σ_c: standard deviation of the common year shock. */
  readonly sigmaCommon: number;
}

/** Administrative rules of registration and exit. */
export interface IncomeRules {
  /** Share of the registered cohort that was above the line in year 0 (inclusion error), in [0, 1). */
  readonly inclusionError: number;
  /** Registered households above the line are drawn among those below `nearPoorRatio` × line. */
  readonly nearPoorRatio: number;
  /** Exit needs income at or above the line in two consecutive years. */
  readonly twoYearExit: boolean;
}

/** The official rules without inclusion error: exit at or above the line, relapse below it. */
export const OFFICIAL_RULES: IncomeRules = Object.freeze({ inclusionError: 0, nearPoorRatio: 1.5, twoYearExit: false });

/** Spell durations with a recorded exit hazard (1 … MAX_DURATION years). */
export const MAX_DURATION = 8;
/** Horizons of the recorded cumulative re-entry (1 … MAX_REENTRY years). */
export const MAX_REENTRY = 5;

/** Sizes of a simulation. */
export interface IncomeShape {
  readonly households: number;
  /** Years simulated, year 0 the registration year (2 … 200). */
  readonly years: number;
  /** Households per village (the last village may be smaller). */
  readonly villageSize: number;
}

/** Counters of one run, by name; each is a block of the accumulator. */
export const ACC_BLOCKS = [
  "hazardDen", // [d − 1]: poverty spells that reached duration d with the next year observed
  "hazardNum", // [d − 1]: of which non-poor the next year
  "reentryDen", // [k − 1]: exits in year t with year t + k observed
  "reentryNum", // [k − 1]: of which poor again in t + 1 … t + k
  "reentryAtDen", // [k − 1]: exits in year t with year t + k observed (every exit, also after a re-entry)
  "reentryAtNum", // [k − 1]: of which poor in year t + k (status at a later observation)
  "poor", // [t]: households below the line
  "registered", // [0]: registered cohort; [1]: of which above the line (inclusion errors)
  "adminExits", // [t]: exits at the verification of year t
  "adminRelapses", // [t]: relapses found at the verification of year t
  "adminPoor", // [t]: registered households not exited at the end of year t
  "adminReentryDen", // [k − 1]: official exits in t with year t + k observed
  "adminReentryNum", // [k − 1]: of which relapsed in t + 1 … t + k
  "inflow", // [t]: households not registered found below the line (t ≥ 1)
] as const;
export type AccBlock = (typeof ACC_BLOCKS)[number];

/** Offsets of each block in the accumulator of a T-year simulation. */
export interface AccLayout {
  readonly years: number;
  readonly offset: { readonly [K in AccBlock]: number };
  readonly size: number;
}

/** The accumulator layout for T years. */
export function accLayout(years: number): AccLayout {
  const len: { readonly [K in AccBlock]: number } = {
    hazardDen: MAX_DURATION, hazardNum: MAX_DURATION, reentryDen: MAX_REENTRY, reentryNum: MAX_REENTRY,
    reentryAtDen: MAX_REENTRY, reentryAtNum: MAX_REENTRY,
    poor: years, registered: 2, adminExits: years, adminRelapses: years, adminPoor: years,
    adminReentryDen: MAX_REENTRY, adminReentryNum: MAX_REENTRY, inflow: years,
  };
  const offset = {} as { [K in AccBlock]: number };
  let o = 0;
  for (const b of ACC_BLOCKS) {
    offset[b] = o;
    o += len[b];
  }
  return { years, offset, size: o };
}

/** Index of element j of block b (j = d − 1, k − 1 or t). */
export const accIndex = (layout: AccLayout, b: AccBlock, j: number): number => layout.offset[b] + j;

/** Scratch of the kernel, allocated once and reused by every run (typed arrays per household). */
export interface IncomeWorkspace {
  readonly shape: IncomeShape;
  readonly layout: AccLayout;
  readonly level: Float64Array;
  readonly trend: Float64Array;
  readonly persist: Float64Array;
  /** Observed relative log income of the latest year simulated. */
  readonly x: Float64Array;
  /** Year the current poverty spell began (−1: under way in year 0, left-censored). */
  readonly spellStart: Int16Array;
  /** Year of the exit that began the current non-poor spell (−1: none). */
  readonly exitYear: Int16Array;
  readonly adminExitYear: Int16Array;
  /** Bit j: the household left poverty in year t − 1 − j (j < MAX_REENTRY), as of the start of year t. */
  readonly exitHistory: Uint8Array;
  /** Bit 0: poor last year; bits 1–2: admin status (0 not registered, 1 registered poor, 2 exited). */
  readonly state: Uint8Array;
  readonly village: Float64Array;
  readonly common: Float64Array;
  readonly main: Int32Array;
  readonly tail: Int32Array;
  /** Counters of the latest run (see ACC_BLOCKS). */
  readonly acc: Float64Array;
}

/** Allocate the scratch for a shape. */
export function incomeWorkspace(shape: IncomeShape): IncomeWorkspace {
  const { households: n, years: T, villageSize } = shape;
  if (!(Number.isInteger(n) && n >= 1 && n < 2 ** 30)) throw new RangeError(`households must be an integer in [1, 2^30), got ${n}`);
  if (!(Number.isInteger(T) && T >= 2 && T <= 200)) throw new RangeError(`years must be an integer in [2, 200], got ${T}`);
  if (!(Number.isInteger(villageSize) && villageSize >= 1)) throw new RangeError(`villageSize must be a positive integer, got ${villageSize}`);
  const layout = accLayout(T);
  return {
    shape: { households: n, years: T, villageSize },
    layout,
    level: new Float64Array(n),
    trend: new Float64Array(n),
    persist: new Float64Array(n),
    x: new Float64Array(n),
    spellStart: new Int16Array(n),
    exitYear: new Int16Array(n),
    adminExitYear: new Int16Array(n),
    exitHistory: new Uint8Array(n),
    state: new Uint8Array(n),
    village: new Float64Array(Math.ceil(n / villageSize)),
    common: new Float64Array(T),
    main: new Int32Array(4),
    tail: new Int32Array(4),
    acc: new Float64Array(layout.size),
  };
}

/** Throw on a parameter set no caller should build (a bug, not a user error). */
export function checkIncomeParams(p: IncomeParams, r: IncomeRules): void {
  const bad = (what: string): never => {
    throw new RangeError(`income process: ${what}`);
  };
  for (const k of ["sigmaLevel", "sigmaTrend", "sigmaPersistent", "sigmaTransitory", "sigmaCommon"] as const) {
    if (!(p[k] >= 0 && Number.isFinite(p[k]))) bad(`${k} must be a finite number ≥ 0, got ${p[k]}`);
  }
  if (!(p.medianToLine > 0 && Number.isFinite(p.medianToLine))) bad(`medianToLine must be > 0, got ${p.medianToLine}`);
  if (!Number.isFinite(p.growth)) bad(`growth must be finite, got ${p.growth}`);
  if (!(p.rho >= 0 && p.rho <= 1)) bad(`rho must be in [0, 1], got ${p.rho}`);
  if (!(p.villageShare >= 0 && p.villageShare <= 1)) bad(`villageShare must be in [0, 1], got ${p.villageShare}`);
  if (!(r.inclusionError >= 0 && r.inclusionError < 1)) bad(`inclusionError must be in [0, 1), got ${r.inclusionError}`);
  if (!(r.nearPoorRatio >= 1)) bad(`nearPoorRatio must be ≥ 1, got ${r.nearPoorRatio}`);
}

/**
 * Simulate run `run` of the process into `ws.acc` (zeroed first). Allocation-free.
 *
 * @throws RangeError for a malformed parameter set.
 */
export function simulateIncomeRun(p: IncomeParams, r: IncomeRules, ws: IncomeWorkspace, seed: number, run: number): void {
  checkIncomeParams(p, r);
  const n = ws.shape.households;
  const T = ws.shape.years;
  const villageSize = ws.shape.villageSize;
  const { level, trend, persist, x, spellStart, exitYear, adminExitYear, exitHistory, state, village, common, main, tail, acc } = ws;
  const off = ws.layout.offset;
  const hazDen = off.hazardDen, hazNum = off.hazardNum, reDen = off.reentryDen, reNum = off.reentryNum;
  const atDen = off.reentryAtDen, atNum = off.reentryAtNum;
  const historyMask = (1 << MAX_REENTRY) - 1;
  const aReDen = off.adminReentryDen, aReNum = off.adminReentryNum;
  const oPoor = off.poor, oExit = off.adminExits, oRelapse = off.adminRelapses, oStock = off.adminPoor, oInflow = off.inflow;
  acc.fill(0);
  const zk = ZK;
  const zw = ZW;
  const D = MAX_DURATION;
  const K = MAX_REENTRY;

  // Levels and trends: words 2i, 2i + 1 of (seed, run, initIncome, 0).
  const lnM = Math.log(p.medianToLine);
  seedStream(main, seed, run, PURPOSE.initIncome, 0);
  seedTailStream(tail, seed, run, PURPOSE.initIncome, 0);
  for (let i = 0; i < n; i++) {
    level[i] = lnM + p.sigmaLevel * nextNormal(main, tail);
    trend[i] = p.growth + p.sigmaTrend * nextNormal(main, tail);
    persist[i] = 0;
  }
  seedStream(main, seed, run, PURPOSE.commonShock, 0);
  seedTailStream(tail, seed, run, PURPOSE.commonShock, 0);
  for (let t = 0; t < T; t++) common[t] = p.sigmaCommon * nextNormal(main, tail);

  const rho = p.rho;
  const sigE = p.sigmaTransitory;
  const sigV = p.sigmaPersistent * Math.sqrt(p.villageShare);
  const sigI = p.sigmaPersistent * Math.sqrt(1 - p.villageShare);
  const twoYear = r.twoYearExit;

  for (let t = 0; t < T; t++) {
    if (t > 0) {
      seedStream(main, seed, run, PURPOSE.village, t);
      seedTailStream(tail, seed, run, PURPOSE.village, t);
      for (let v = 0; v < village.length; v++) village[v] = sigV * nextNormal(main, tail);
    }
    seedStream(main, seed, run, PURPOSE.idioShock, t);
    seedTailStream(tail, seed, run, PURPOSE.idioShock, t);
    let a0 = main[0] as number, a1 = main[1] as number, a2 = main[2] as number, a3 = main[3] as number;
    const ct = common[t] as number;
    let poorCount = 0, exits = 0, relapses = 0, stock = 0, inflow = 0;

    for (let i = 0; i < n; i++) {
      // Two words: ξ (persistent innovation), then ε (transitory); xoshiro128** and the ziggurat fast path inline.
      let u = Math.imul(a1, 5);
      u = Math.imul((u << 7) | (u >>> 25), 9);
      let s = a1 << 9;
      a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= s; a3 = (a3 << 11) | (a3 >>> 21);
      let hz = u >> 7;
      let iz = u & 127;
      const xi = (hz ^ (hz >> 31)) < (zk[iz] as number) ? (hz + 0.5) * (zw[iz] as number) : zigguratSlow(u, tail);
      u = Math.imul(a1, 5);
      u = Math.imul((u << 7) | (u >>> 25), 9);
      s = a1 << 9;
      a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= s; a3 = (a3 << 11) | (a3 >>> 21);
      hz = u >> 7;
      iz = u & 127;
      const eps = (hz ^ (hz >> 31)) < (zk[iz] as number) ? (hz + 0.5) * (zw[iz] as number) : zigguratSlow(u, tail);

      let pi = 0;
      if (t > 0) {
        pi = rho * (persist[i] as number) + (village[(i / villageSize) | 0] as number) + sigI * xi;
        persist[i] = pi;
      }
      const xt = (level[i] as number) + (trend[i] as number) * t + pi + ct + sigE * eps;
      x[i] = xt;
      const poor = xt < 0 ? 1 : 0;
      poorCount += poor;
      const st = state[i] as number;
      const wasPoor = st & 1;
      let admin = st >> 1;

      if (t === 0) {
        spellStart[i] = -1;
        exitYear[i] = -1;
        adminExitYear[i] = -1;
        exitHistory[i] = 0;
        admin = poor; // inclusion errors are added after this loop
      } else {
        // Panel statistics: status k years after each exit of the last MAX_REENTRY years …
        let hist = exitHistory[i] as number;
        if (hist !== 0) {
          for (let j = 0; j < K; j++) {
            if (((hist >> j) & 1) === 1) {
              acc[atDen + j]! += 1;
              acc[atNum + j]! += poor;
            }
          }
        }
        hist = (hist << 1) & historyMask;
        // … exit hazard by spell duration, and re-entry within k years.
        if (wasPoor === 1) {
          const start = spellStart[i] as number;
          if (start >= 0) {
            const d = t - start;
            if (d <= D) {
              acc[hazDen + d - 1]! += 1;
              acc[hazNum + d - 1]! += 1 - poor;
            }
          }
          if (poor === 0) {
            hist |= 1;
            exitYear[i] = t;
            for (let k = 1; k <= K && t + k < T; k++) acc[reDen + k - 1]! += 1;
          }
        } else if (poor === 1) {
          spellStart[i] = t;
          const ex = exitYear[i] as number;
          if (ex >= 0) {
            for (let k = t - ex; k <= K && ex + k < T; k++) acc[reNum + k - 1]! += 1;
            exitYear[i] = -1;
          }
        }
        exitHistory[i] = hist;
        // Administrative path under the official rules.
        if (admin === 1) {
          if (poor === 0 && (!twoYear || wasPoor === 0)) {
            admin = 2;
            exits++;
            adminExitYear[i] = t;
            for (let k = 1; k <= K && t + k < T; k++) acc[aReDen + k - 1]! += 1;
          }
        } else if (admin === 2) {
          if (poor === 1) {
            admin = 1;
            relapses++;
            const ex = adminExitYear[i] as number;
            for (let k = t - ex; k <= K && ex + k < T; k++) acc[aReNum + k - 1]! += 1;
          }
        } else {
          inflow += poor;
        }
      }
      stock += admin === 1 ? 1 : 0;
      state[i] = (admin << 1) | poor;
    }
    main[0] = a0; main[1] = a1; main[2] = a2; main[3] = a3;

    if (t === 0) {
      acc[off.registered] = poorCount;
      if (r.inclusionError > 0) stock += registerInclusionErrors(r, ws, seed, run, poorCount);
    }
    acc[oPoor + t] = poorCount;
    acc[oExit + t] = exits;
    acc[oRelapse + t] = relapses;
    acc[oStock + t] = stock;
    acc[oInflow + t] = inflow;
  }
}

/**
 * Register near-poor households above the line in year 0 so that they make up the
 * inclusion-error share of the registered cohort: each household with 0 ≤ x < ln(nearPoorRatio)
 * is registered with probability extra ÷ (their number), one uniform word i of
 * (seed, run, targeting, 0) per household. Returns the number registered.
 */
function registerInclusionErrors(r: IncomeRules, ws: IncomeWorkspace, seed: number, run: number, poorCount: number): number {
  const n = ws.shape.households;
  const { x, state, main, acc } = ws;
  const top = Math.log(r.nearPoorRatio);
  let near = 0;
  for (let i = 0; i < n; i++) near += +((x[i] as number) >= 0 && (x[i] as number) < top);
  const extra = (poorCount * r.inclusionError) / (1 - r.inclusionError);
  const q = near > 0 ? Math.min(1, extra / near) : 0;
  // Keep the Bernoulli test in 32-bit integers: u < threshold with probability q.
  const threshold = q >= 1 ? 2147483647 : (Math.floor(q * 4294967296) - 2147483648) | 0;
  seedStream(main, seed, run, PURPOSE.targeting, 0);
  let added = 0;
  for (let i = 0; i < n; i++) {
    const u = nextInt32(main);
    const xi = x[i] as number;
    if (xi >= 0 && xi < top && u < threshold) {
      state[i] = (1 << 1) | ((state[i] as number) & 1);
      added++;
    }
  }
  acc[ws.layout.offset.registered]! += added;
  acc[ws.layout.offset.registered + 1] = added;
  return added;
}
