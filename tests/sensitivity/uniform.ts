/**
 * A seeded uniform source for the sensitivity tests, drawn from the project's addressed
 * streams (the library itself only ever sees a `() => number`).
 *
 * @example
 * const random = uniform(42);
 * random(); // in (0, 1), the same sequence for the same seed
 */
import { nextUniform, seedStream } from "../../src/random/rng.js";

/** Index of the stream used by these tests (purpose 0, run 0; any fixed address will do). */
const TEST_STREAM = 0x5e45;

export function uniform(seed: number): () => number {
  const state = new Int32Array(4);
  seedStream(state, seed, 0, 0, TEST_STREAM);
  return () => nextUniform(state);
}
