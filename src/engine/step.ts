/**
 * The household pass of one run-year — the hot loop of the full model (model.md v2).
 *
 * For each household i (log space until transfers are added):
 *   log y = level_i + trend_t + w_i·(t + 1) + common_t + p_it + σ_e·ε_it + Σ multiplicative effects
 *   p_it = ρ·p_i,t−1 + σ·(√s·ν_v(i),t + √(1 − s)·η_it)   (η from the idiosyncratic stream, one word per household)
 *   ε_it from the transitory stream (one word per household; only when σ_e > 0)
 *   illness (geometric skipping over households): log y += log(1 − loss·(1 − reimbursement)·(1 − cover_i))
 *   disaster in the household's village:           log y += log(1 − loss)
 *   y = exp(log y) + Σ additive effects + relocation follow-up transfers
 *   floor: y ← max(y, floor standard) for registered floor-eligible households, and for the
 *   others where a floor reaches everyone (top-up cost = gap × size)
 * then the yearly verification: a registered poor household exits (y ≥ exit line, no required
 * guarantee missing, and at or above it a year earlier too for two-year exits); an exited one
 * relapses (y < line × (1 − margin)) and is registered again; one not registered is registered
 * when found below the line (inflow, where the scenario has it).
 *
 * Four loops, so that the big one has no calls and no unpredictable branches:
 *   1. shocks: η from the idiosyncratic stream (one word per household, xoshiro128** and the
 *      ziggurat fast path inline; the rare slow path a call in the same flat loop — a nest
 *      that breaks out of a call-free inner loop for it made V8 check every array's map on
 *      every household: 18 checks per household against 2, about 27 instructions more),
 *      the village-shared innovation, persistence, and pre_i = level_i + trend + common + p_it
 *      (float64 scratch), plus — in the same loop, model v2 — the transitory shock (a second
 *      stream, stepped beside the first) and the household's own trend;
 *   2. effects: the three slots of each household holding any, branch-free through tables;
 *   3. illness: geometric skipping over households marks the ill ones (status bit ST_ILL);
 *   4. the household loop: illness and disaster added through tables (adding an exact 0
 *      where nothing applies), inline exp, transfers, floor, and the verification read from
 *      a table (verificationTable); a household not registered whose log income is clear
 *      above every line's log skips the exp (its comparisons are known, nothing else reads it).
 * Results are bit-identical to applying the formulas household by household.
 *
 * @example
 * const pass = makeHouseholdPass(ctx); // once per kernel
 * pass(y); // fills ctx.acc with year y's sums
 */
import { ZK, ZW, zigguratSlow } from "../random/normal.js";
import { nextUniform } from "../random/rng.js";

/** 2^k for k in [−1000, 1000] at [k + 1000], and 2^(m/64) for m in 0..63: tables of the inline exp. */
const POW2 = Float64Array.from({ length: 2001 }, (_, i) => Math.pow(2, i - 1000));
const POW64 = Float64Array.from({ length: 64 }, (_, m) => Math.pow(2, m / 64));


/** Status bits per household. */
export const ST_EXITED = 1;
/** A guarantee the exit requires is still missing (the household's blocking flags, see run.ts). */
export const ST_BLOCKED = 2;
export const ST_COVERED = 4;
/** Set by the illness pass for the household loop of the same year, which clears it. */
export const ST_ILL = 8;
/** Registered poor or exited (建档立卡); clear: not registered (near-poor, never found below the line). */
export const ST_REGISTERED = 16;
/** Income below the line at the last verification (for the spell-based exit rate). */
export const ST_BELOW = 32;
/** Income at or above the exit line at the last verification (for two-year exits). */
export const ST_ABOVE = 64;
/** Entered registered poverty at the last verification: newly registered or re-registered after a relapse. */
export const ST_NEW_SPELL = 128;

/** Effect slots per household (a fourth concurrent effect replaces the oldest). */
export const SLOTS = 3;
export const NO_SLOT = 255;

/** Everything the household pass reads and writes (arrays are per household unless noted). */
export interface PassContext {
  readonly n: number;
  readonly Y: number;
  readonly size: Uint8Array;
  readonly segment: Uint8Array;
  readonly village: Uint32Array;
  readonly floorEligible: Uint8Array;
  /** Log income level (the household's income without this year's shocks, effects and trend). */
  readonly logBase: Float32Array;
  /** Per household σ_g·w_i, the household's own trend (length 0 without trend heterogeneity). */
  readonly trendDev: Float32Array;
  /** Per village: this year's village-shared persistent innovation, σ·√s·ν (read only where villageShared). */
  readonly villageEta: Float64Array;
  /**
   * Whether the persistent innovation has a village-shared part (village share s > 0). A
   * property of the model, fixed for the kernel like the lengths of persist (0 without a
   * persistent component) and trendDev: the shock loop is specialised on all three.
   */
  readonly villageShared: boolean;
  /** Per household: horizon year of the latest exit (Y: none). */
  readonly exitYear: Uint8Array;
  /** Households relapsing in year y after an exit in year t, at [t * Y + y] (row Y: never exited; always 0). Reset per run. */
  readonly relapseBy: Float64Array;
  /**
   * The year's status changes (exits, relapses, registrations), written by the household
   * loop and read by the event pass after it; on return, the households that relapsed,
   * relCount[0] of them. It may alias the float64 scratch `pre`: entry k is written only
   * after pre[k'] for every k' whose bytes it overlaps has been read (k ≤ i).
   */
  readonly events: Int32Array;
  readonly relCount: Int32Array;
  readonly persist: Float32Array;
  readonly lastLog: Float32Array;
  readonly status: Uint8Array;
  readonly reloc: Uint16Array;
  readonly slotSrc: Uint8Array;
  readonly slotStart: Uint8Array;
  readonly slotVal: Float32Array;
  /** Per slot source code (0–255; 255 = empty slot): lag in years. */
  readonly srcLag: Int32Array;
  /**
   * Per slot source code: factor on the slot value by age at [src * (Y + 2) + age + 1], age
   * clamped to ≥ −1 (not yet active: 0): (1 − decay)^age for multiplicative effects in
   * effMul, for additive ones in effAdd, 0 in the other table and for empty slots.
   */
  readonly effMul: Float64Array;
  readonly effAdd: Float64Array;
  /** Scratch, float64 per household: log income before effects and event losses. */
  readonly pre: Float64Array;
  /**
   * Households holding at least one effect slot, in the order they got their first one;
   * effCount[0] of them (the caller appends and resets per run). Only they pay for the slots.
   */
  readonly effList: Int32Array;
  readonly effCount: Int32Array;
  /** Per household: the year's sum of additive effects (length 0 when no source is additive). */
  readonly addS: Float64Array;
  /** Scratch, per village: log loss of the year's disaster (0 where none) plus the village programmes' log uplift. */
  readonly villageDis: Float64Array;
  /** Per village: the year's log income uplift from village programmes (set by the caller; 0 where none). */
  readonly villageLift: Float64Array;
  /** Per village: the year's log disaster loss for an insured household (plus the uplift); read where `insured` has entries. */
  readonly villageDisInsured: Float64Array;
  /** Per household (length 0 without agricultural insurance): 1 when insured (served by a programme with disaster cover this run). */
  readonly insured: Uint8Array;
  /** Per household (length 0 without cash delivery): cash paid this year, yuan per person; the pass adds it to income and clears it. */
  readonly cash: Float32Array;
  /**
   * Called by the pass for year y after the year's illness events are drawn and before
   * incomes and the verification (the illness bit ST_ILL is then set): the credit pools read
   * their borrowers' own shocks here. null: nothing to call.
   */
  readonly beforeMain: { fn: ((y: number) => void) | null };
  /** Follow-up transfer per person at [(code − 1) * Y + y] for reloc code. */
  readonly followUp: Float64Array;
  /** Per segment × year. */
  readonly line: Float64Array;
  readonly exitLine: Float64Array;
  readonly floorStandard: Float64Array;
  /** Per segment × village: the year index from which the floor pays its full standard (floor phase-in); empty: all from the start. */
  readonly floorYear: Int16Array;
  /** Per segment: the share of the standard paid before a village's year. */
  readonly floorBefore: Float64Array;
  readonly villageHit: Uint8Array;
  readonly villagePoor: Int32Array;
  readonly idio: Int32Array;
  readonly idioTail: Int32Array;
  readonly illness: Int32Array;
  /** Transitory-shock stream and its tail (seeded per year by the caller). */
  readonly transitory: Int32Array;
  readonly transitoryTail: Int32Array;
  /** Year-level parameters, set by the caller before each pass. */
  readonly par: Float64Array;
  /**
   * Households the shock loop's slow-path queue holds (default max(256, n/16), 2.6 times the
   * expected share): past it the loop goes on household by household. Set small by a test.
   */
  readonly slowQueue?: number;
  /** Compute every household's income, without the shortcut for households not registered (for tests). */
  readonly noShortcut?: boolean;
  /** Sums written by the pass. */
  readonly acc: Float64Array;
}

/** Slots of ctx.par. */
export const P_TREND = 0, P_COMMON = 1, P_SIGMA = 2, P_PHI = 3, P_ILLQ = 4, P_LNILL0 = 5, P_LNILL1 = 6, P_DISASTER = 7, P_LNDIS = 8, P_MARGIN = 9;
/** σ_e; years since the base year (t + 1, the multiplier of the household trend); inflow on; two-year exit on. */
export const P_TSIGMA = 10, P_TRENDYEARS = 11, P_INFLOW = 12, P_TWOYEAR = 13;
/** Log disaster loss of an insured household (agricultural insurance reimburses a share). */
export const P_LNDIS_INS = 14;
export const PAR_SIZE = 15;
/** Slots of ctx.acc. */
export const A_EXITED_H = 0, A_EXITED_P = 1, A_NEW = 2, A_RELAPSE = 3, A_INCOME = 4, A_FLOOR = 5, A_FLOOR_UNITS_H = 6, A_FLOOR_UNITS_P = 7, A_FOLLOW = 8;
/** Newly registered (households, people), below the line (households, people). */
export const A_NEWREG_H = 9, A_NEWREG_P = 10, A_BELOW_H = 11, A_BELOW_P = 12;
/**
 * Exits (households); households at or above the line among those below it a year earlier;
 * exits among households that entered registered poverty at the previous verification;
 * households entering registered poverty now (newly registered or relapsed: next year's new spells).
 */
export const A_EXITS_H = 13, A_PEX_NUM = 14, A_SPELL_NUM = 15, A_SPELLS_NEXT = 16;
export const ACC_SIZE = 17;

/**
 * Prepare the household pass over the arrays of `c` (once per kernel); the returned
 * function runs year y. The loops are closures over the arrays held in constants, so
 * where a thread prepares one kernel (each worker does) the compiler can specialise
 * them on those arrays and drop the per-access type and bounds bookkeeping.
 */
export function makeHouseholdPass(c: PassContext): (y: number) => void {
  const EXITED = 1;
  // The verification table's bits, held by the closure (module constants are reloaded from their cells in every iteration).
  const vEvent = V_EVENT, vPoor = V_POOR, vReg = V_REG, vPex = V_PEX, vSpell = V_SPELL;
  const n = c.n;
  const Y = c.Y;
  const Y2 = Y + 2;
  const size = c.size;
  const segment = c.segment;
  const village = c.village;
  const floorEligible = c.floorEligible;
  const logBase = c.logBase;
  const trendDev = c.trendDev;
  const villageEta = c.villageEta;
  const exitYear = c.exitYear;
  const relapseBy = c.relapseBy;
  const events = c.events;
  const relCount = c.relCount;
  const floorStandard = c.floorStandard;
  const floorYear = c.floorYear;
  const floorBefore = c.floorBefore;
  const phased = floorYear.length > 0;
  const villages = phased ? floorYear.length / floorBefore.length : 0;
  const trs = c.transitory;
  const trsTail = c.transitoryTail;
  const persist = c.persist;
  const pre = c.pre;
  const effList = c.effList;
  const effCount = c.effCount;
  const addS = c.addS;
  const anyAdditive = addS.length > 0;
  const lastLog = c.lastLog;
  const status = c.status;
  const reloc = c.reloc;
  const slotSrc = c.slotSrc;
  const slotStart = c.slotStart;
  const slotVal = c.slotVal;
  const srcLag = c.srcLag;
  const effMul = c.effMul;
  const effAdd = c.effAdd;
  const followUp = c.followUp;
  const line = c.line;
  const exitLine = c.exitLine;
  const villageHit = c.villageHit;
  const villagePoor = c.villagePoor;
  const villageDis = c.villageDis;
  const villageLift = c.villageLift;
  const beforeMain = c.beforeMain;
  const villageDisInsured = c.villageDisInsured;
  const insured = c.insured;
  const anyInsured = insured.length > 0;
  const cash = c.cash;
  const anyCash = cash.length > 0;
  const idio = c.idio;
  const tail = c.idioTail;
  const ill = c.illness;
  const par = c.par;
  const acc = c.acc;
  const zk = ZK;
  const zw1 = ZW;
  // The shape of the income process, fixed for the kernel: branches on these constants vanish
  // from the optimised shock loop instead of being tested for every household.
  const vs = c.villageShared;
  const persistent = persist.length > 0;
  const hasTrend = trendDev.length > 0;
  // This year's lines and floor standard per segment (set at the start of the household loop):
  // one load each per household instead of an index computed from segment and year.
  const segments = line.length / Y;
  const lnSeg = new Float64Array(Math.max(9, segments));
  const elSeg = new Float64Array(Math.max(9, segments));
  const fsSeg = new Float64Array(Math.max(9, segments));
  // Per segment: a log income above which a household is at or above all three lines for sure
  // (see the household loop's shortcut for households not registered); +∞ where none.
  const clearLog = new Float64Array(Math.max(9, segments));
  const shortcut = c.noShortcut !== true;
  // The shock loop's queue of households whose words left the ziggurat's fast path, as
  // (household, word, word): room for 1/16 of the households (2.6 times the expected 2.4%), at least 256.
  const slowCap = 3 * Math.max(1, c.slowQueue ?? Math.max(256, Math.ceil(n / 16)));
  const slowQ = new Int32Array(slowCap + 3);
  // Layer widths pre-multiplied by σ (set each year): the fast path gives σ·η directly.
  const zw = new Float64Array(128);
  const slow = zigguratSlow;
  const pow2 = POW2;
  const pow64 = POW64;
  // Log loss of illness by status bits (COVERED = 4, ILL = 8): [none, covered only, ill, ill and covered].
  // 16 entries, 4 used: a typed array over 64 bytes lives off the V8 heap, so optimised code
  // holds its address as a constant instead of reloading it for every household.
  const illTab = new Float64Array(16);
  // The verification's outcomes by status and income (verificationTable), for the inflow and
  // two-year-exit settings it was last built for.
  const verify = new Int32Array(2048);
  const verifyBuilt = Int32Array.of(-1, -1);

  /**
   * Loop 1: idiosyncratic shocks with persistence; pre_i = log base_i + trend + common + e_it,
   * then (model v2) + σ_e·ε_it from the transitory stream and + the household's own trend —
   * in the same loop when σ_e > 0 (one pass over memory instead of three; each stream gives
   * its words in the same order as drawn alone, and the sums are added in the same order, so
   * the numbers are bit-identical to separate loops). The slow path of either stream is called
   * where its word is met: each stream's tail words are used in household order, as drawn alone.
   */
  /**
   * One household's shocks from its two words (the idiosyncratic and the transitory), the
   * ziggurat's slow path called where a word needs it: what the shock loop computes, for the
   * households it queued. Called in household order, so each stream's tail words are used in
   * the order they would be drawn alone.
   */
  const slowShock = (i: number, r: number, u: number, sigma: number, phi: number, shift: number, se: number, ty: number): void => {
    const hz = r >> 7;
    const iz = r & 127;
    const hu = u >> 7;
    const iu = u & 127;
    let e = (hz ^ (hz >> 31)) < (zk[iz] as number) ? (hz + 0.5) * (zw[iz] as number) : sigma * slow(r, tail);
    if (vs) e += villageEta[village[i] as number] as number;
    if (persistent) {
      e += phi * (persist[i] as number);
      persist[i] = e;
    }
    const x = (logBase[i] as number) + shift + e + se * ((hu ^ (hu >> 31)) < (zk[iu] as number) ? (hu + 0.5) * (zw1[iu] as number) : slow(u, trsTail));
    pre[i] = hasTrend ? x + (trendDev[i] as number) * ty : x;
  };

  const shockPass = (): void => {
    const shift = (par[P_TREND] as number) + (par[P_COMMON] as number);
    const sigma = par[P_SIGMA] as number;
    const phi = par[P_PHI] as number;
    const se = par[P_TSIGMA] as number;
    const ty = par[P_TRENDYEARS] as number;
    for (let k = 0; k < 128; k++) zw[k] = (zw1[k] as number) * sigma;
    let a0 = idio[0] as number, a1 = idio[1] as number, a2 = idio[2] as number, a3 = idio[3] as number;
    if (se > 0) {
      let b0 = trs[0] as number, b1 = trs[1] as number, b2 = trs[2] as number, b3 = trs[3] as number;
      let q = 0;
      let i = 0;
      // Call-free: every household as if both words took the ziggurat's fast path; one that drew
      // a slow-path word (about 2.4%) keeps its persistent shock and is queued for below (a rare,
      // well-predicted branch: 14 instructions a household fewer than queueing branch-free). The
      // loop stops early only if the queue fills (far beyond the expected count), and the
      // rest is done household by household.
      for (; i < n; i++) {
        let r = Math.imul(a1, 5);
        r = Math.imul((r << 7) | (r >>> 25), 9);
        const t = a1 << 9;
        a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
        let u = Math.imul(b1, 5);
        u = Math.imul((u << 7) | (u >>> 25), 9);
        const tb = b1 << 9;
        b2 ^= b0; b3 ^= b1; b1 ^= b2; b0 ^= b3; b2 ^= tb; b3 = (b3 << 11) | (b3 >>> 21);
        const hz = r >> 7;
        const iz = r & 127;
        const hu = u >> 7;
        const iu = u & 127;
        const fast = +((hz ^ (hz >> 31)) < (zk[iz] as number)) & +((hu ^ (hu >> 31)) < (zk[iu] as number));
        let e = (hz + 0.5) * (zw[iz] as number);
        if (vs) e += villageEta[village[i] as number] as number;
        if (persistent) {
          const p0 = persist[i] as number;
          e += phi * p0;
          persist[i] = fast !== 0 ? e : p0;
        }
        const x = (logBase[i] as number) + shift + e + se * ((hu + 0.5) * (zw1[iu] as number));
        pre[i] = hasTrend ? x + (trendDev[i] as number) * ty : x;
        if (fast === 0) {
          slowQ[q] = i;
          slowQ[q + 1] = r;
          slowQ[q + 2] = u;
          q = (q + 3) | 0; // | 0: 32-bit arithmetic, no overflow check
          if (q >= slowCap) {
            i++;
            break;
          }
        }
      }
      for (let k = 0; k < q; k += 3) slowShock(slowQ[k] as number, slowQ[k + 1] as number, slowQ[k + 2] as number, sigma, phi, shift, se, ty);
      // Only after a full queue: the rest one household at a time.
      for (; i < n; i++) {
        let r = Math.imul(a1, 5);
        r = Math.imul((r << 7) | (r >>> 25), 9);
        const t = a1 << 9;
        a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
        let u = Math.imul(b1, 5);
        u = Math.imul((u << 7) | (u >>> 25), 9);
        const tb = b1 << 9;
        b2 ^= b0; b3 ^= b1; b1 ^= b2; b0 ^= b3; b2 ^= tb; b3 = (b3 << 11) | (b3 >>> 21);
        slowShock(i, r, u, sigma, phi, shift, se, ty);
      }
      trs[0] = b0; trs[1] = b1; trs[2] = b2; trs[3] = b3;
      idio[0] = a0; idio[1] = a1; idio[2] = a2; idio[3] = a3;
      return;
    }
    for (let i = 0; i < n; i++) {
      let r = Math.imul(a1, 5);
      r = Math.imul((r << 7) | (r >>> 25), 9);
      const t = a1 << 9;
      a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
      const hz = r >> 7;
      const iz = r & 127;
      let e = (hz ^ (hz >> 31)) < (zk[iz] as number) ? (hz + 0.5) * (zw[iz] as number) : sigma * slow(r, tail);
      if (vs) e += villageEta[village[i] as number] as number;
      if (persistent) {
        e += phi * (persist[i] as number);
        persist[i] = e;
      }
      pre[i] = (logBase[i] as number) + shift + e;
    }
    idio[0] = a0; idio[1] = a1; idio[2] = a2; idio[3] = a3;
    if (hasTrend) for (let k = 0; k < n; k++) pre[k] = (pre[k] as number) + (trendDev[k] as number) * ty;
  };

  /** Loop 2: the effect slots of the households holding any (an unused or not yet active slot adds an exact 0). */
  const effectPass = (y: number): void => {
    const m = effCount[0] as number;
    if (!anyAdditive) {
      // Multiplicative effects only: the additive table is all zeros, so it is not read
      // (the same sum, in the same order, as the general loop below).
      // Index arithmetic in 32 bits (| 0: no overflow checks; every value is far below 2^31).
      for (let t = 0; t < m; t++) {
        const i = effList[t] as number;
        const j0 = (i * 3) | 0;
        const j1 = (j0 + 1) | 0;
        const j2 = (j0 + 2) | 0;
        let src = slotSrc[j0] as number;
        let age = (y - (slotStart[j0] as number) - (srcLag[src] as number)) | 0;
        const k0 = (src * Y2 + (age | (age >> 31)) + 1) | 0;
        src = slotSrc[j1] as number;
        age = (y - (slotStart[j1] as number) - (srcLag[src] as number)) | 0;
        const k1 = (src * Y2 + (age | (age >> 31)) + 1) | 0;
        src = slotSrc[j2] as number;
        age = (y - (slotStart[j2] as number) - (srcLag[src] as number)) | 0;
        const k2 = (src * Y2 + (age | (age >> 31)) + 1) | 0;
        pre[i] = (pre[i] as number) + (effMul[k0] as number) * (slotVal[j0] as number) + (effMul[k1] as number) * (slotVal[j1] as number) + (effMul[k2] as number) * (slotVal[j2] as number);
      }
      return;
    }
    for (let t = 0; t < m; t++) {
      const i = effList[t] as number;
      let lx = pre[i] as number;
      let add = 0;
      const j0 = i * 3;
      let src = slotSrc[j0] as number;
      let age = y - (slotStart[j0] as number) - (srcLag[src] as number);
      let k = src * Y2 + (age | (age >> 31)) + 1;
      let v = slotVal[j0] as number;
      lx += (effMul[k] as number) * v;
      add += (effAdd[k] as number) * v;
      src = slotSrc[j0 + 1] as number;
      age = y - (slotStart[j0 + 1] as number) - (srcLag[src] as number);
      k = src * Y2 + (age | (age >> 31)) + 1;
      v = slotVal[j0 + 1] as number;
      lx += (effMul[k] as number) * v;
      add += (effAdd[k] as number) * v;
      src = slotSrc[j0 + 2] as number;
      age = y - (slotStart[j0 + 2] as number) - (srcLag[src] as number);
      k = src * Y2 + (age | (age >> 31)) + 1;
      v = slotVal[j0 + 2] as number;
      lx += (effMul[k] as number) * v;
      add += (effAdd[k] as number) * v;
      pre[i] = lx;
      if (anyAdditive) addS[i] = add;
    }
  };

  /** Loop 3: illness events by geometric skipping (gaps between Bernoulli(q) successes are Geometric(q)). */
  const illnessPass = (): void => {
    const q = par[P_ILLQ] as number;
    if (!(q > 0)) return;
    if (q >= 1) {
      for (let i = 0; i < n; i++) status[i] = (status[i] as number) | ST_ILL;
      return;
    }
    const inv = 1 / Math.log1p(-q);
    for (let i = Math.floor(Math.log(nextUniform(ill)) * inv); i < n; i += 1 + Math.floor(Math.log(nextUniform(ill)) * inv)) {
      status[i] = (status[i] as number) | ST_ILL;
    }
  };

  /** Loop 4: event losses, income, floor, exits and relapses. */
  const mainPass = (y: number): void => {
    illTab[2] = par[P_LNILL0] as number;
    illTab[3] = par[P_LNILL1] as number;
    const disaster = (par[P_DISASTER] as number) > 0;
    const lnDis = par[P_LNDIS] as number;
    for (let v = 0; v < villageDis.length; v++) {
      const hit = villageHit[v] as number; // read every year: no code path left without type feedback
      villageDis[v] = (hit !== 0 && disaster ? lnDis : 0) + (villageLift[v] as number);
      if (anyInsured) villageDisInsured[v] = (hit !== 0 && disaster ? (par[P_LNDIS_INS] as number) : 0) + (villageLift[v] as number);
    }
    const relapseFactor = 1 - (par[P_MARGIN] as number);
    for (let g = 0; g < segments; g++) {
      const ln = line[g * Y + y] as number;
      const el = exitLine[g * Y + y] as number;
      lnSeg[g] = ln;
      elSeg[g] = el;
      fsSeg[g] = floorStandard[g * Y + y] as number;
      // The inline exp's relative error is below 4e-11 (1e-9 of margin in log), and beyond ±600
      // (its clamp) it is only larger: a log income above log(highest line) + 1e-9 gives an
      // income at or above every line, whatever the rounding.
      const top = Math.max(ln, el, ln * relapseFactor);
      clearLog[g] = top > 0 && Number.isFinite(top) ? Math.log(top) + 1e-9 : Number.POSITIVE_INFINITY;
    }
    const inflow = (par[P_INFLOW] as number) > 0 ? 1 : 0;
    // Without two-year exits the "above last year" bit is forced on.
    const twoMask = (par[P_TWOYEAR] as number) > 0 ? 0 : 64;
    if (inflow !== verifyBuilt[0] || twoMask !== verifyBuilt[1]) {
      verificationTable(inflow, twoMask, verify);
      verifyBuilt[0] = inflow;
      verifyBuilt[1] = twoMask;
    }
    let income = 0, floorCost = 0, floorH = 0, floorP = 0, follow = 0;
    let belowH = 0, belowP = 0, pexNum = 0, spellNum = 0;
    let ec = 0;

    for (let i = 0; i < n; i++) {
      let lx = pre[i] as number;
      const add = anyAdditive ? (addS[i] as number) : 0;
      const st = status[i] as number;
      lx += illTab[(st >> 2) & 3] as number;
      const vil = village[i] as number;
      lx += anyInsured && insured[i] !== 0 ? (villageDisInsured[vil] as number) : (villageDis[vil] as number);
      lastLog[i] = lx;
      const s = size[i] as number;
      const isReg = (st >> 4) & 1;
      const seg = segment[i] as number;
      // A household not registered has nothing added to its income (only registered households
      // are served: no effects, cash, relocation or insurance) and, unless a floor reaches it,
      // only the verification's comparisons read its income. Clear above every line in log
      // space (clearLog), those comparisons are known without the exp: at or above all three.
      let x = 0;
      let stay = 1;
      let above = 1;
      let below = 0;
      if (isReg !== 0 || !shortcut || !(lx > (clearLog[seg] as number)) || ((floorEligible[i] as number) & 2) !== 0) {
        // exp(lx) inline: lx = (64·j + m)·ln2/64 + r with |r| ≤ ln2/128, so
        // e^lx = 2^j · 2^(m/64) · e^r with both powers from tables and a cubic for e^r
        // (relative error < 4e-11). lx is clamped to ±600.
        // Round to nearest by truncating a shifted positive value (Math.round is not inlined as one instruction).
        const kk = ((((lx > 600 ? 600 : lx < -600 ? -600 : lx) * 92.33248261689366 + 1048576.5) | 0) - 1048576);
        const rr = lx - kk * 0.010830424696249145;
        x = (pow2[(kk >> 6) + 1000] as number) * (pow64[kk & 63] as number) * (1 + rr * (1 + rr * (0.5 + rr * 0.16666666666666666))) + add;
        if (anyCash) {
          x += cash[i] as number;
          cash[i] = 0;
        }
        const rc0 = reloc[i] as number;
        if (rc0 !== 0) {
          const f = followUp[(rc0 - 1) * Y + y] as number;
          x += f;
          follow += f * s;
        }
        // The floor tops registered households up to its standard (two lines merged: the exit
        // line); a floor that reaches everyone (floorEligible bit 2) the others as well.
        if (((floorEligible[i] as number) & (isReg | 2)) !== 0) {
          let fs = fsSeg[seg] as number;
          if (phased && y < (floorYear[seg * villages + vil] as number)) fs *= floorBefore[seg] as number;
          if (x < fs) {
            floorCost += (fs - x) * s;
            floorH = (floorH + 1) | 0;
            floorP = (floorP + s) | 0;
            x = fs;
          }
        }
        // The yearly verification (verificationTable): the household's status and where its income
        // stands against the three thresholds give its new status and what it counts for.
        const ln = lnSeg[seg] as number;
        stay = +(x >= ln * relapseFactor);
        above = +(x >= (elSeg[seg] as number));
        below = +(x < ln);
      }
      const v = verify[st | (stay << 8) | (above << 9) | (below << 10)] as number;
      status[i] = v; // the low byte
      // Counts in 32-bit arithmetic (| 0: no overflow checks; they stay below 2^31).
      belowH = (belowH + below) | 0;
      belowP = (belowP + below * s) | 0;
      pexNum = (pexNum + ((v >> vPex) & 1)) | 0;
      income += x * ((v >> vReg) & 1);
      villagePoor[vil] = (villagePoor[vil] as number) + ((v >> vPoor) & 1);
      spellNum = (spellNum + ((v >> vSpell) & 1)) | 0;
      // Status changes are rare: recorded branch-free (the slot is overwritten unless one
      // happened) and counted after the loop, which tells them apart by the new status.
      events[ec] = i;
      ec = (ec + ((v >> vEvent) & 1)) | 0;
    }
    eventPass(y, ec);
    acc[A_INCOME] = income;
    acc[A_FLOOR] = floorCost;
    acc[A_FLOOR_UNITS_H] = floorH;
    acc[A_FLOOR_UNITS_P] = floorP;
    acc[A_FOLLOW] = follow;
    acc[A_SPELL_NUM] = spellNum;
    acc[A_BELOW_H] = belowH;
    acc[A_BELOW_P] = belowP;
    acc[A_PEX_NUM] = pexNum;
  };

  /**
   * After the household loop: the year's status changes — flows of exits, relapses and
   * registrations, exit years and the relapses of each exit cohort — and, in place, the
   * list of relapsed households (for programmes that serve them again).
   */
  const eventPass = (y: number, count: number): void => {
    let newExits = 0, relapses = 0, exitsH = 0, newRegH = 0, newRegP = 0, spellsNext = 0, rc = 0;
    for (let k = 0; k < count; k++) {
      const i = events[k] as number;
      const s = size[i] as number;
      if (((status[i] as number) & EXITED) !== 0) {
        exitsH++;
        newExits += s;
        exitYear[i] = y;
      } else if ((exitYear[i] as number) < Y) {
        // Not exited now, exited before: a relapse.
        relapses += s;
        spellsNext++;
        const rb = (exitYear[i] as number) * Y + y;
        relapseBy[rb] = (relapseBy[rb] as number) + 1;
        events[rc++] = i;
      } else {
        newRegH++;
        newRegP += s;
        spellsNext++;
      }
    }
    relCount[0] = rc;
    // The stock of exited households and people, carried from the year's flows (nobody starts a
    // run exited, and every change of the exited bit is an event): fewer sums in the household loop.
    exitedStockH += exitsH - rc;
    exitedStockP += newExits - relapses;
    acc[A_EXITED_H] = exitedStockH;
    acc[A_EXITED_P] = exitedStockP;
    acc[A_NEW] = newExits;
    acc[A_RELAPSE] = relapses;
    acc[A_EXITS_H] = exitsH;
    acc[A_NEWREG_H] = newRegH;
    acc[A_NEWREG_P] = newRegP;
    acc[A_SPELLS_NEXT] = spellsNext;
  };

  let exitedStockH = 0;
  let exitedStockP = 0;
  return (y: number): void => {
    if (y === 0) {
      exitedStockH = 0;
      exitedStockP = 0;
    }
    shockPass();
    effectPass(y);
    illnessPass();
    beforeMain.fn?.(y);
    mainPass(y);
  };
}

/** Bits of a verificationTable entry above the new status byte. */
export const V_EVENT = 8, V_POOR = 9, V_REG = 10, V_PEX = 11, V_SPELL = 12;

/**
 * The yearly verification as a table, at [status | stay << 8 | above << 9 | below << 10] for
 * every status byte and the household's income x against the lines (stay: x ≥ line × (1 −
 * margin); above: x ≥ exit line; below: x < line). `inflow` 1 registers households found below
 * the line; `twoMask` 0 for two-year exits (at or above the exit line at the last
 * verification too), else 64. An entry holds the new status in its low byte and, above it:
 * V_EVENT the status changed (exit, relapse, registration); V_POOR registered and not out of
 * poverty; V_REG registered; V_PEX below the line at the last verification and not now;
 * V_SPELL an exit of a household that entered registered poverty at the last verification.
 *
 * - exited: stays out while stay, else relapses (registered poor again, a new spell);
 * - registered poor: exits when above, no required guarantee is missing (BLOCKED) and, for
 *   two-year exits, it was above at the last verification too (ABOVE);
 * - not registered: registered when below and inflow is on (a new spell).
 * Guarantees and illness cover carry over; the other bits are set anew.
 */
export function verificationTable(inflow: number, twoMask: number, out: Int32Array): void {
  const KEEP = ST_BLOCKED | ST_COVERED;
  for (let k = 0; k < 2048; k++) {
    const st = k & 255;
    const stay = (k >> 8) & 1;
    const above = (k >> 9) & 1;
    const below = (k >> 10) & 1;
    const isReg = (st >> 4) & 1;
    const was = st & ST_EXITED;
    const leave = above & +((st & ST_BLOCKED) === 0) & (((st | twoMask) >> 6) & 1);
    const now = isReg & ((was & stay) | ((was ^ 1) & leave));
    const exitNow = (was ^ 1) & now;
    const relapse = was & (now ^ 1);
    const newReg = (isReg ^ 1) & below & inflow;
    const reg = isReg | newReg;
    const poorNow = reg & (now ^ 1);
    const prevBelow = (st >> 5) & 1;
    const status = (st & KEEP) | now | (reg << 4) | (below << 5) | (above << 6) | ((newReg | relapse) << 7);
    out[k] =
      status | (((now ^ was) | newReg) << V_EVENT) | (poorNow << V_POOR) | (reg << V_REG) | ((prevBelow & (below ^ 1)) << V_PEX) | ((exitNow & (st >> 7)) << V_SPELL);
  }
}

/**
 * Effect tables for PassContext (effMul, effAdd, srcLag) from per-source mode (0
 * multiplicative, 1 additive), lag and decay; source code 255 (empty slot) contributes 0.
 */
export function effectTables(Y: number, mode: readonly number[], lag: readonly number[], decay: readonly number[]): { effMul: Float64Array; effAdd: Float64Array; srcLag: Int32Array } {
  const Y2 = Y + 2;
  const effMul = new Float64Array(256 * Y2);
  const effAdd = new Float64Array(256 * Y2);
  const srcLag = new Int32Array(256);
  for (let s = 0; s < mode.length; s++) {
    srcLag[s] = lag[s] as number;
    const t = mode[s] === 1 ? effAdd : effMul;
    for (let a = 0; a <= Y; a++) t[s * Y2 + a + 1] = Math.pow(1 - (decay[s] as number), a);
  }
  return { effMul, effAdd, srcLag };
}
