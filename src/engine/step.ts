/**
 * The household pass of one run-year — the hot loop of the full model.
 *
 * For each household i (log space until transfers are added):
 *   log y = log base_i + trend_t + common_t + e_it + Σ multiplicative effects
 *   e_it = φ·e_i,t−1 + σ·η_it                   (η from the idiosyncratic stream, one word per household)
 *   illness (geometric skipping over households): log y += log(1 − loss·(1 − reimbursement)·(1 − cover_i))
 *   disaster in the household's village:           log y += log(1 − loss)
 *   y = exp(log y) + Σ additive effects + relocation follow-up transfers
 *   floor: y ← max(y, exit line) for floor-eligible households (top-up cost = gap × size)
 * then exit (y ≥ exit line, safe housing if required) or relapse (y < line × (1 − margin)).
 *
 * No allocation, module bindings copied to locals, xoshiro128** and the ziggurat fast
 * path inline, one word of the idiosyncratic stream per household.
 *
 * @example
 * const totals = householdPass(ctx, y); // fills ctx.acc with the year's sums
 */
import { ZK, ZW, zigguratSlow } from "./normal.js";
import { nextUniform } from "./rng.js";

/** 2^k for k in [−1000, 1000] at [k + 1000], and 2^(m/64) for m in 0..63: tables of the inline exp. */
const POW2 = Float64Array.from({ length: 2001 }, (_, i) => Math.pow(2, i - 1000));
const POW64 = Float64Array.from({ length: 64 }, (_, m) => Math.pow(2, m / 64));

const ZW_SCALED = new Float64Array(128);

/** Status bits per household. */
export const ST_EXITED = 1;
export const ST_UNSAFE = 2;
export const ST_COVERED = 4;

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
  readonly logBase: Float32Array;
  readonly persist: Float32Array;
  readonly lastLog: Float32Array;
  readonly status: Uint8Array;
  readonly reloc: Uint16Array;
  readonly slotSrc: Uint8Array;
  readonly slotStart: Uint8Array;
  readonly slotVal: Float32Array;
  /** Per effect source: 0 multiplicative, 1 additive. */
  readonly srcMode: Uint8Array;
  readonly srcLag: Int32Array;
  /** Per effect source: (1 − decay)^age at [src * (Y + 1) + age]. */
  readonly decayPow: Float64Array;
  /** Follow-up transfer per person at [(code − 1) * Y + y] for reloc code. */
  readonly followUp: Float64Array;
  /** Per segment × year. */
  readonly line: Float64Array;
  readonly exitLine: Float64Array;
  readonly villageHit: Uint8Array;
  readonly villagePoor: Int32Array;
  readonly idio: Int32Array;
  readonly idioTail: Int32Array;
  readonly illness: Int32Array;
  /** Year-level parameters, set by the caller before each pass. */
  readonly par: Float64Array;
  /** Sums written by the pass. */
  readonly acc: Float64Array;
}

/** Slots of ctx.par. */
export const P_TREND = 0, P_COMMON = 1, P_SIGMA = 2, P_PHI = 3, P_ILLQ = 4, P_LNILL0 = 5, P_LNILL1 = 6, P_DISASTER = 7, P_LNDIS = 8, P_MARGIN = 9, P_SAFE = 10;
export const PAR_SIZE = 11;
/** Slots of ctx.acc. */
export const A_EXITED_H = 0, A_EXITED_P = 1, A_NEW = 2, A_RELAPSE = 3, A_INCOME = 4, A_FLOOR = 5, A_FLOOR_UNITS_H = 6, A_FLOOR_UNITS_P = 7, A_FOLLOW = 8;
export const ACC_SIZE = 9;

/** Run the household pass for year y. */
export function householdPass(c: PassContext, y: number): void {
  const EXITED = 1;
  const UNSAFE = 2;
  const COVERED = 4;
  const n = c.n;
  const Y = c.Y;
  const Y1 = Y + 1;
  const size = c.size;
  const segment = c.segment;
  const village = c.village;
  const floorEligible = c.floorEligible;
  const logBase = c.logBase;
  const persist = c.persist;
  const lastLog = c.lastLog;
  const status = c.status;
  const reloc = c.reloc;
  const slotSrc = c.slotSrc;
  const slotStart = c.slotStart;
  const slotVal = c.slotVal;
  const srcMode = c.srcMode;
  const srcLag = c.srcLag;
  const decayPow = c.decayPow;
  const followUp = c.followUp;
  const line = c.line;
  const exitLine = c.exitLine;
  const villageHit = c.villageHit;
  const villagePoor = c.villagePoor;
  const ill = c.illness;
  const tail = c.idioTail;
  const sigma0 = c.par[P_SIGMA] as number;
  const zk = ZK;
  // Layer widths pre-multiplied by σ: the fast path gives σ·η directly.
  const zw = ZW_SCALED;
  for (let k = 0; k < 128; k++) zw[k] = (ZW[k] as number) * sigma0;
  const slow = zigguratSlow;
  const pow2 = POW2;
  const pow64 = POW64;
  const par = c.par;
  const shift = (par[0] as number) + (par[1] as number);
  const sigma = par[P_SIGMA] as number;
  const phi = par[P_PHI] as number;
  const q = par[P_ILLQ] as number;
  const lnIll0 = par[P_LNILL0] as number;
  const lnIll1 = par[P_LNILL1] as number;
  const disaster = (par[P_DISASTER] as number) > 0;
  const lnDis = par[P_LNDIS] as number;
  const relapseFactor = 1 - (par[P_MARGIN] as number);
  const needSafe = (par[P_SAFE] as number) > 0 ? UNSAFE : 0;
  const always = q >= 1;
  const inv = always || !(q > 0) ? 0 : 1 / Math.log1p(-q);
  let nextIll = always ? 0 : q > 0 ? Math.floor(Math.log(nextUniform(ill)) * inv) : n;
  let a0 = c.idio[0] as number, a1 = c.idio[1] as number, a2 = c.idio[2] as number, a3 = c.idio[3] as number;
  let exitedH = 0, exitedP = 0, newExits = 0, relapses = 0, income = 0, floorCost = 0, floorH = 0, floorP = 0, follow = 0;

  for (let i = 0; i < n; i++) {
    let r = Math.imul(a1, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    const t = a1 << 9;
    a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
    const hz = r >> 7;
    const iz = r & 127;
    let e = (hz ^ (hz >> 31)) < (zk[iz] as number) ? (hz + 0.5) * (zw[iz] as number) : sigma * slow(r, tail);
    if (phi > 0) {
      e += phi * (persist[i] as number);
      persist[i] = e;
    }
    let lx = (logBase[i] as number) + shift + e;
    let add = 0;
    const j0 = i * 3;
    // Slots fill from the first; the first empty one ends the list.
    for (let k = j0; k < j0 + 3; k++) {
      const src = slotSrc[k] as number;
      if (src === 255) break;
      const age = y - (slotStart[k] as number) - (srcLag[src] as number);
      if (age >= 0) {
        const f = (decayPow[src * Y1 + age] as number) * (slotVal[k] as number);
        if (srcMode[src] === 0) lx += f;
        else add += f;
      }
    }
    const st = status[i] as number;
    if (i === nextIll) {
      lx += (st & COVERED) !== 0 ? lnIll1 : lnIll0;
      nextIll += always ? 1 : 1 + Math.floor(Math.log(nextUniform(ill)) * inv);
    }
    if (disaster && villageHit[village[i] as number] !== 0) lx += lnDis;
    lastLog[i] = lx;
    const s = size[i] as number;
    // exp(lx) inline: lx = (64·j + m)·ln2/64 + r with |r| ≤ ln2/128, so
    // e^lx = 2^j · 2^(m/64) · e^r with both powers from tables and a cubic for e^r
    // (relative error < 4e-11). lx is clamped to ±600.
    // Round to nearest by truncating a shifted positive value (Math.round is not inlined as one instruction).
    const kk = ((((lx > 600 ? 600 : lx < -600 ? -600 : lx) * 92.33248261689366 + 1048576.5) | 0) - 1048576);
    const rr = lx - kk * 0.010830424696249145;
    let x = (pow2[(kk >> 6) + 1000] as number) * (pow64[kk & 63] as number) * (1 + rr * (1 + rr * (0.5 + rr * 0.16666666666666666))) + add;
    const rc = reloc[i] as number;
    if (rc !== 0) {
      const f = followUp[(rc - 1) * Y + y] as number;
      x += f;
      follow += f * s;
    }
    const sy = (segment[i] as number) * Y + y;
    const el = exitLine[sy] as number;
    if (floorEligible[i] !== 0 && x < el) {
      floorCost += (el - x) * s;
      floorH++;
      floorP += s;
      x = el;
    }
    // Branch-free exit / relapse (the outcome is close to a coin flip): an exited household
    // stays out while x ≥ line × (1 − margin); a poor one exits when x ≥ exit line (and housing is safe).
    const was = st & EXITED;
    const stay = +(x >= (line[sy] as number) * relapseFactor);
    const leave = +(x >= el) & +((st & needSafe) === 0);
    const now = (was & stay) | ((was ^ 1) & leave);
    newExits += ((was ^ 1) & now) * s;
    relapses += (was & (now ^ 1)) * s;
    status[i] = (st & ~EXITED) | now;
    exitedH += now;
    exitedP += now * s;
    income += x;
    const v = village[i] as number;
    villagePoor[v] = (villagePoor[v] as number) + (now ^ 1);
  }
  const idio = c.idio;
  idio[0] = a0; idio[1] = a1; idio[2] = a2; idio[3] = a3;
  const acc = c.acc;
  acc[A_EXITED_H] = exitedH;
  acc[A_EXITED_P] = exitedP;
  acc[A_NEW] = newExits;
  acc[A_RELAPSE] = relapses;
  acc[A_INCOME] = income;
  acc[A_FLOOR] = floorCost;
  acc[A_FLOOR_UNITS_H] = floorH;
  acc[A_FLOOR_UNITS_P] = floorP;
  acc[A_FOLLOW] = follow;
}
