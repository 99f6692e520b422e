/**
 * Counter-based, addressed random streams.
 *
 * Every random draw in fundsim belongs to a stream addressed by
 * (seed, run, purpose, index): the stream's 128-bit xoshiro128** state is derived by
 * hashing that address (murmur3 over 32-bit words), never by sharing or splitting one
 * generator. Consequences:
 * - a run's results depend only on (seed, run): any thread count or chunking gives
 *   bit-identical output;
 * - two variants of a scenario see the same draws for the same household, year and
 *   purpose (common random numbers), so their differences are precise.
 *
 * Hot kernels copy a stream's four state words into local int32 variables and step
 * xoshiro128** inline (see `nextInt32` for the reference step); everything else uses
 * the small helpers below on a 4-word `Int32Array` state.
 *
 * @example
 * const s = new Int32Array(4);
 * seedStream(s, 42, 7, PURPOSE.illness, 2020);
 * const u = nextUniform(s);            // in (0, 1)
 * const k = addressedU32(streamKey(42, 7, PURPOSE.targeting, 3), 12345); // stateless draw for household 12345
 */

/** Closed list of the purposes randomness is drawn for. The position is part of the stream address. */
export const PURPOSES = [
  "initIncome", // per-household base-income draw (once per run)
  "labour", // labour-capacity draw (once per run)
  "uplift", // per-household uplift (reference model)
  "commonShock", // income shock shared by all households in a run-year
  "idioShock", // per household-year income shock
  "illness", // illness events
  "disaster", // disaster occurrence and the villages it hits
  "programmeSuccess", // whether a programme's effect succeeds for a household
  "programmeEffect", // the size of a programme's effect for a household
  "targeting", // random targeting priorities
  "loanDefault", // idiosyncratic loan default factor
  "creditFactor", // systematic credit factor beyond the common income shock
  "village", // village-level tests
  "insurance", // baseline health-insurance coverage
  "sensitivity", // designs of sensitivity studies (Morris trajectories, Sobol scrambling, bootstrap) and the uncertainty decomposition's bootstrap
  "transitory", // transitory income shock per household-year (index: year), model v2
  "registration", // the registration-year transitory shock, drawn given the observed income (once per run)
  "trend", // household-specific income trend (once per run)
  "villageShock", // village-shared part of the persistent income innovation (index: year)
  "parameter", // unknown parameters drawn once per run (index: a hash of the parameter's path, src/engine/runDraws.ts)
  "optimise", // the search of `fundsim optimise` (CMA-ES samples; index: the restart)
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Numeric id of each purpose (its position in PURPOSES). */
export const PURPOSE: { readonly [K in Purpose]: number } = Object.freeze(
  Object.fromEntries(PURPOSES.map((p, i) => [p, i])) as { [K in Purpose]: number },
);

const C1 = 0xcc9e2d51 | 0;
const C2 = 0x1b873593 | 0;

/** murmur3 finaliser: a bijective 32-bit mixer. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** One murmur3 block: fold word k into hash h. */
function fold(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Split a seed (a non-negative safe integer) into its low and high 32-bit words. */
function seedWords(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  return [seed >>> 0, Math.floor(seed / 4294967296) >>> 0];
}

/**
 * murmur3 (x86, 32-bit) of the address words (seed lo, seed hi, run, purpose, index, word).
 * `word` selects one of several independent hashes of the same address.
 */
function addressHash(lo: number, hi: number, run: number, purpose: number, index: number, word: number): number {
  let h = 0x2545f491 ^ Math.imul(word + 1, 0x9e3779b9);
  h = fold(h, lo);
  h = fold(h, hi);
  h = fold(h, run | 0);
  h = fold(h, purpose | 0);
  h = fold(h, index | 0);
  h ^= 20;
  return mix32(h);
}

/** A 32-bit key for (seed, run, purpose, index), used by stateless addressed draws. */
export function streamKey(seed: number, run: number, purpose: number, index: number): number {
  const [lo, hi] = seedWords(seed);
  return addressHash(lo, hi, run, purpose, index, 8);
}

/**
 * Seed a xoshiro128** state (4 int32 words at `offset`) for the stream (seed, run, purpose, index).
 * Each word is an independent hash of the address, so distinct addresses get unrelated states.
 */
export function seedStream(state: Int32Array, seed: number, run: number, purpose: number, index: number, offset = 0): void {
  const [lo, hi] = seedWords(seed);
  let any = 0;
  for (let w = 0; w < 4; w++) {
    const v = addressHash(lo, hi, run, purpose, index, w);
    state[offset + w] = v;
    any |= v;
  }
  if (any === 0) state[offset] = 0x9e3779b9 | 0; // the all-zero state is the one xoshiro cannot leave
}

/**
 * Seed the ziggurat tail stream paired with stream (seed, run, purpose, index): the same
 * address hashed with other words, so it is independent of the main stream.
 */
export function seedTailStream(state: Int32Array, seed: number, run: number, purpose: number, index: number, offset = 0): void {
  const [lo, hi] = seedWords(seed);
  for (let w = 0; w < 4; w++) state[offset + w] = addressHash(lo, hi, run, purpose, index, 4 + w);
  if ((state[offset]! | state[offset + 1]! | state[offset + 2]! | state[offset + 3]!) === 0) state[offset] = 0x9e3779b9 | 0;
}

/**
 * Advance a xoshiro128** state held in `s` (4 words at `o`) and return the next int32.
 * Kernels write this same step inline on local variables.
 */
export function nextInt32(s: Int32Array, o = 0): number {
  const s0 = s[o] as number;
  let s1 = s[o + 1] as number;
  let s2 = s[o + 2] as number;
  let s3 = s[o + 3] as number;
  let r = Math.imul(s1, 5);
  r = Math.imul((r << 7) | (r >>> 25), 9);
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  const n0 = s0 ^ s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  s[o] = n0;
  s[o + 1] = s1;
  s[o + 2] = s2;
  s[o + 3] = s3;
  return r;
}

/** Uniform in the open interval (0, 1) from one 32-bit draw. */
export function nextUniform(s: Int32Array, o = 0): number {
  return ((nextInt32(s, o) >>> 0) + 0.5) * 2.3283064365386963e-10;
}

/**
 * Stateless, counter-based draw: a well-mixed 32-bit value for (key, counter).
 * Used where the number of draws depends on the simulation state (who is served,
 * which loans are alive), so each draw must be addressed individually.
 */
export function addressedU32(key: number, counter: number): number {
  let h = fold(key ^ 0x6a09e667, counter | 0);
  h = fold(h, key);
  h ^= 8;
  return mix32(h);
}

/** Addressed uniform in (0, 1). */
export function addressedUniform(key: number, counter: number): number {
  return ((addressedU32(key, counter) >>> 0) + 0.5) * 2.3283064365386963e-10;
}

/** Convert a 32-bit word to a uniform in (0, 1). */
export const u32ToUniform = (u: number): number => ((u >>> 0) + 0.5) * 2.3283064365386963e-10;

/**
 * Signed-int32 threshold t such that a uniform int32 draw u satisfies u < t with probability p.
 * Keeps Bernoulli tests in 32-bit integers: `hit = +(u < t)`.
 */
export function int32Threshold(p: number): number {
  if (!(p >= 0)) return -2147483648;
  if (p >= 1) return 2147483647; // probability 1 − 2⁻³²; callers treat p = 1 specially where it matters
  return (Math.floor(p * 4294967296) - 2147483648) | 0;
}
