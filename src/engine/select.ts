/**
 * Capacity-limited selection: keep the candidates with the lowest priority keys until
 * the capacity (in households or people) is used, in O(candidates) time.
 *
 * Keys are bucketed into 1,024 bins between their minimum and maximum; every bin below
 * the cut-off bin is taken whole, and inside the cut-off bin households are taken in
 * index order while they fit. Targeting "poorest first" (keys = log income) is thus exact
 * to 1/1,024 of the log-income range — far finer than any register's income data.
 *
 * @example
 * // list = [7, 3, 9], keys = [2.0, 1.0, 3.0], capacity 2 households:
 * selectLowest(list, keys, 3, null, 2, bins); // → 2, list now starts with [7, 3]
 */

const BINS = 1024;

/**
 * Compact `list[0..m)` in place so that its first `k` entries are the selected households;
 * returns k. `keys[j]` is the key of `list[j]`; `weight` (household sizes) or null (1 each).
 * The selection never exceeds `capacity`.
 */
export function selectLowest(list: Int32Array, keys: Float32Array, m: number, weight: Uint8Array | null, capacity: number, bins: Float64Array): number {
  if (m === 0 || !(capacity > 0)) return 0;
  let total = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < m; j++) {
    total += weight === null ? 1 : (weight[list[j] as number] as number);
    const k = keys[j] as number;
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  if (total <= capacity) return m;
  const scale = hi > lo ? (BINS - 1e-9) / (hi - lo) : 0;
  bins.fill(0, 0, BINS);
  for (let j = 0; j < m; j++) {
    const b = (((keys[j] as number) - lo) * scale) | 0; // in [0, 1024): truncation is floor
    bins[b] = (bins[b] as number) + (weight === null ? 1 : (weight[list[j] as number] as number));
  }
  let cut = 0;
  let below = 0;
  while (cut < BINS && below + (bins[cut] as number) <= capacity) below += bins[cut++] as number;
  let room = capacity - below;
  let k = 0;
  for (let j = 0; j < m; j++) {
    const b = (((keys[j] as number) - lo) * scale) | 0; // in [0, 1024): truncation is floor
    const h = list[j] as number;
    // Branch-free below the cut (taken or not is a coin flip in index order); k ≤ j, so
    // writing list[k] never overwrites an entry not yet read.
    list[k] = h;
    k += +(b < cut);
    if (b === cut) {
      const w = weight === null ? 1 : (weight[h] as number);
      if (w <= room) {
        list[k++] = h;
        room -= w;
      }
    }
  }
  return k;
}

/** Scratch for selectLowest's histogram. */
export const newBins = (): Float64Array => new Float64Array(BINS);
