/**
 * Unknown parameters drawn once per run (model.md, "Uncertainty", source 2): each draw is
 * addressed by (seed, run, PURPOSE.parameter, hash of its path), so it does not depend on
 * threads, shards, the order of the list, or the other unknowns — and a variant that keeps
 * the parameter draws the same value (common random numbers across variants).
 *
 * @example
 * const v = drawRunParameters(model.runDraws ?? [], seed, run); // one value per draw
 */
import { PURPOSE, seedStream, seedTailStream } from "../random/rng.js";
import type { EngineDist, EngineRunDraw } from "./model.js";
import { sampleDist } from "./sample.js";

/** FNV-1a hash of a path, as a non-negative 31-bit index. */
export function pathKey(path: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 1;
}

/** One value of `dist` for run `run`, addressed by (seed, run, PURPOSE.parameter, hash of `path`), clamped to [min, max]. */
export function drawAt(dist: EngineDist, path: string, seed: number, run: number, min = -Infinity, max = Infinity): number {
  const s = new Int32Array(4);
  const t = new Int32Array(4);
  const key = pathKey(path);
  seedStream(s, seed, run, PURPOSE.parameter, key);
  seedTailStream(t, seed, run, PURPOSE.parameter, key);
  return Math.min(max, Math.max(min, sampleDist(dist, s, t)));
}

/** The values the unknowns take in run `run` (clamped to each one's range), in list order. */
export function drawRunParameters(draws: readonly EngineRunDraw[], seed: number, run: number, out = new Float64Array(draws.length)): Float64Array {
  const s = new Int32Array(4);
  const t = new Int32Array(4);
  draws.forEach((d, k) => {
    const key = pathKey(d.path);
    seedStream(s, seed, run, PURPOSE.parameter, key);
    seedTailStream(t, seed, run, PURPOSE.parameter, key);
    out[k] = Math.min(d.max, Math.max(d.min, sampleDist(d.dist, s, t)));
  });
  return out;
}
