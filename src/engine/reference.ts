/**
 * The reference benchmark model as a tuned structure-of-arrays kernel.
 *
 * Model (issue "The reference benchmark scenario"; scenarios/bench/reference.yaml):
 * per household, once per run: log income ~ Normal(ln median, sigma); labour capacity
 * with probability p; labour households get a multiplicative uplift ~ LogNormal(median,
 * sigma) from the second year on. Each year: a common shock Normal(0, σc) on log income
 * shared by the run-year, an idiosyncratic Normal(0, σi) per household-year (not
 * accumulated), and with probability q an illness shock cutting that year's income by a
 * share. A household counts as exited in a year when its income is above the line.
 *
 * Kernel technique (conventions.md "Fast kernels"): log space, xoshiro128** state in
 * local int32 variables stepped inline, ziggurat fast path inline with the tail on its
 * own stream, Bernoulli tests in 32-bit integers, branch-free counting, no module
 * bindings read inside the loops. Every draw is addressed by (seed, run, purpose, year),
 * so a run's output depends only on (seed, run).
 *
 * @example
 * const res = runReference(REFERENCE_MODEL, { seed: 1, runStart: 0, runEnd: 10 });
 * res.data[0 * 2 + 1]; // exit fraction of run 0, year 1
 */
import { PURPOSE, int32Threshold, nextUniform, seedStream, seedTailStream } from "../random/rng.js";
import { ZK, ZW, nextNormal, zigguratSlow } from "../random/normal.js";

/** Parameters of the reference model (plain numbers). */
export interface ReferenceModel {
  readonly households: number;
  readonly years: number;
  readonly runs: number;
  readonly incomeMedian: number;
  readonly incomeSigma: number;
  readonly labourProbability: number;
  readonly upliftMedian: number;
  readonly upliftSigma: number;
  /** First year index (0-based) in which the uplift applies. */
  readonly upliftFromYear: number;
  readonly commonSigma: number;
  readonly idioSigma: number;
  readonly illnessProbability: number;
  /** Share of the year's income lost to illness. */
  readonly illnessLoss: number;
  /** Exit when income is strictly above this line. */
  readonly line: number;
}

/** The reference benchmark exactly as the issue defines it. */
export const REFERENCE_MODEL: ReferenceModel = Object.freeze({
  households: 100_000,
  years: 5,
  runs: 200,
  incomeMedian: 3000,
  incomeSigma: 0.5,
  labourProbability: 0.7,
  upliftMedian: 1.25,
  upliftSigma: 0.3,
  upliftFromYear: 1,
  commonSigma: 0.05,
  idioSigma: 0.15,
  illnessProbability: 0.03,
  illnessLoss: 0.4,
  line: 3300,
});

/** Metrics the reference kernel reports per run × year. */
export const REFERENCE_METRICS = ["exitedHouseholds", "exitRate"] as const;

/** A slice of runs [runStart, runEnd) and the seed. */
export interface RunSlice {
  readonly seed: number;
  readonly runStart: number;
  readonly runEnd: number;
}

/** Output of a slice: (run − runStart) × years × REFERENCE_METRICS. */
export interface ReferenceSliceResult {
  readonly runStart: number;
  readonly runEnd: number;
  readonly data: Float64Array;
}

/**
 * Run the reference model for runs [runStart, runEnd) on this thread.
 * Scratch: 8 bytes per household (log base income without and with the uplift, float32).
 */
export function runReference(m: ReferenceModel, slice: RunSlice): ReferenceSliceResult {
  const n = m.households;
  const Y = m.years;
  const nm = REFERENCE_METRICS.length;
  const out = new Float64Array((slice.runEnd - slice.runStart) * Y * nm);
  const base = new Float32Array(n);
  const lifted = new Float32Array(n);
  const sa = new Int32Array(4);
  const sb = new Int32Array(4);
  const sc = new Int32Array(4);
  const tailA = new Int32Array(4);
  const tailC = new Int32Array(4);
  const seed = slice.seed;
  const shift = Math.log(m.incomeMedian) - Math.log(m.line);
  const lnUp = Math.log(m.upliftMedian);
  const labourThr = int32Threshold(m.labourProbability);
  const lnIll = Math.log(1 - m.illnessLoss);
  for (let run = slice.runStart; run < slice.runEnd; run++) {
    seedStream(sa, seed, run, PURPOSE.initIncome, 0);
    seedTailStream(tailA, seed, run, PURPOSE.initIncome, 0);
    seedStream(sb, seed, run, PURPOSE.labour, 0);
    seedStream(sc, seed, run, PURPOSE.uplift, 0);
    seedTailStream(tailC, seed, run, PURPOSE.uplift, 0);
    initPass(n, base, lifted, shift, m.incomeSigma, labourThr, lnUp, m.upliftSigma, sa, tailA, sb, sc, tailC);
    for (let y = 0; y < Y; y++) {
      seedStream(sa, seed, run, PURPOSE.commonShock, y);
      seedTailStream(tailA, seed, run, PURPOSE.commonShock, y);
      const common = m.commonSigma * nextNormal(sa, tailA);
      seedStream(sa, seed, run, PURPOSE.idioShock, y);
      seedTailStream(tailA, seed, run, PURPOSE.idioShock, y);
      seedStream(sb, seed, run, PURPOSE.illness, y);
      const arr = y >= m.upliftFromYear ? lifted : base;
      const exited = yearPass(n, arr, common, m.idioSigma, m.illnessProbability, lnIll, sa, tailA, sb);
      const o = ((run - slice.runStart) * Y + y) * nm;
      out[o] = exited;
      out[o + 1] = exited / n;
    }
  }
  return { runStart: slice.runStart, runEnd: slice.runEnd, data: out };
}

/**
 * Once per run: log income relative to the line (base) and with the labour uplift (lifted).
 * Streams: a = base-income normals, b = labour coins, c = uplift normals (one word per
 * household each).
 * Two loops, one stream each, so each loop keeps its generator in registers; the
 * ziggurat's slow path leaves the call-free inner loop (see `yearPass`).
 */
function initPass(
  n: number, base: Float32Array, lifted: Float32Array, shift: number, sI: number, labourThr: number, lnUp: number, sU: number,
  sa: Int32Array, tailA: Int32Array, sb: Int32Array, sc: Int32Array, tailC: Int32Array,
): void {
  const zk = ZK;
  const zwb = ZW_BASE;
  for (let k = 0; k < 128; k++) zwb[k] = (ZW[k] as number) * sI;
  const slow = zigguratSlow;
  let a0 = sa[0] as number, a1 = sa[1] as number, a2 = sa[2] as number, a3 = sa[3] as number;
  let i = 0;
  while (i < n) {
    let r = 0;
    for (; i < n; i++) {
      r = Math.imul(a1, 5);
      r = Math.imul((r << 7) | (r >>> 25), 9);
      const t = a1 << 9;
      a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
      const hz = r >> 7;
      const iz = r & 127;
      if ((hz ^ (hz >> 31)) >= (zk[iz] as number)) break;
      base[i] = shift + (hz + 0.5) * (zwb[iz] as number);
    }
    if (i >= n) break;
    base[i] = shift + sI * slow(r, tailA);
    i++;
  }
  // Labour coins (stream b) and uplift normals (stream c, one word per household, used by
  // labour households only — drawing it for everyone avoids an unpredictable branch).
  const zwu = ZW_UPLIFT;
  for (let k = 0; k < 128; k++) zwu[k] = (ZW[k] as number) * sU;
  let b0 = sb[0] as number, b1 = sb[1] as number, b2 = sb[2] as number, b3 = sb[3] as number;
  let c0 = sc[0] as number, c1 = sc[1] as number, c2 = sc[2] as number, c3 = sc[3] as number;
  i = 0;
  while (i < n) {
    let r = 0;
    let lab = 0;
    for (; i < n; i++) {
      let u = Math.imul(b1, 5);
      u = Math.imul((u << 7) | (u >>> 25), 9);
      let t = b1 << 9;
      b2 ^= b0; b3 ^= b1; b1 ^= b2; b0 ^= b3; b2 ^= t; b3 = (b3 << 11) | (b3 >>> 21);
      r = Math.imul(c1, 5);
      r = Math.imul((r << 7) | (r >>> 25), 9);
      t = c1 << 9;
      c2 ^= c0; c3 ^= c1; c1 ^= c2; c0 ^= c3; c2 ^= t; c3 = (c3 << 11) | (c3 >>> 21);
      lab = +(u < labourThr);
      const hz = r >> 7;
      const iz = r & 127;
      if ((hz ^ (hz >> 31)) >= (zk[iz] as number)) break;
      lifted[i] = (base[i] as number) + lab * (lnUp + (hz + 0.5) * (zwu[iz] as number));
    }
    if (i >= n) break;
    lifted[i] = (base[i] as number) + lab * (lnUp + sU * slow(r, tailC));
    i++;
  }
}

const ZW_SCALED = new Float64Array(128);
const ZW_BASE = new Float64Array(128);
const ZW_UPLIFT = new Float64Array(128);

/**
 * One year: count households whose log income relative to the line is above 0.
 * Illness events by geometric skipping — the gaps between Bernoulli(q) successes are iid
 * Geometric(q) — so stream b is drawn once per event instead of once per household.
 * The inner loop has no calls (a call makes the compiler spill the generator state on
 * every iteration): it runs up to the next illness event or the next ziggurat slow-path
 * draw, and those rare households are finished in the outer loop.
 */
function yearPass(
  n: number, arr: Float32Array, common: number, sE: number, q: number, lnIll: number,
  sa: Int32Array, tailA: Int32Array, sb: Int32Array,
): number {
  const zk = ZK;
  // Layer widths pre-multiplied by σ: the fast path gives σ·z directly.
  const zw = ZW_SCALED;
  for (let k = 0; k < 128; k++) zw[k] = (ZW[k] as number) * sE;
  const slow = zigguratSlow;
  const always = q >= 1;
  const inv = always || !(q > 0) ? 0 : 1 / Math.log1p(-q);
  let nextIll = always ? 0 : q > 0 ? Math.floor(Math.log(nextUniform(sb)) * inv) : n;
  let a0 = sa[0] as number, a1 = sa[1] as number, a2 = sa[2] as number, a3 = sa[3] as number;
  let exited = 0;
  let i = 0;
  while (i < n) {
    const stop = nextIll < n ? nextIll : n;
    let r = 0;
    for (; i < stop; i++) {
      r = Math.imul(a1, 5);
      r = Math.imul((r << 7) | (r >>> 25), 9);
      const t = a1 << 9;
      a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
      const hz = r >> 7;
      const iz = r & 127;
      if ((hz ^ (hz >> 31)) >= (zk[iz] as number)) break;
      exited += +((arr[i] as number) + common + (hz + 0.5) * (zw[iz] as number) > 0);
    }
    if (i >= n) break;
    let x: number;
    if (i < stop) x = (arr[i] as number) + common + sE * slow(r, tailA); // slow-path draw, word already taken
    else {
      // household i has an illness event: its draw was not taken yet
      r = Math.imul(a1, 5);
      r = Math.imul((r << 7) | (r >>> 25), 9);
      const t = a1 << 9;
      a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
      const hz = r >> 7;
      const iz = r & 127;
      x = (arr[i] as number) + common + ((hz ^ (hz >> 31)) < (zk[iz] as number) ? (hz + 0.5) * (zw[iz] as number) : sE * slow(r, tailA));
    }
    if (i === nextIll) {
      x += lnIll;
      nextIll += always ? 1 : 1 + Math.floor(Math.log(nextUniform(sb)) * inv);
    }
    exited += +(x > 0);
    i++;
  }
  sa[0] = a0; sa[1] = a1; sa[2] = a2; sa[3] = a3;
  return exited;
}
