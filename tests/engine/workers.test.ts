/**
 * Determinism across threads and chunking. Worker threads start from the compiled engine
 * (dist/src/engine/worker.js): `npm test` builds first.
 */
import { describe, expect, it } from "vitest";
import { simulateModel } from "../../src/engine/simulate.js";
import { REFERENCE_METRICS, REFERENCE_MODEL } from "../../src/engine/reference.js";
import { chunkRuns, runParallel } from "../../src/engine/workers.js";
import { creditPool, referenceAsEngineModel, referencePopulation } from "./fixtures.js";

describe("parallel runs", () => {
  const h = referencePopulation(4_000, 8);
  const m = { ...referenceAsEngineModel(3), pools: [creditPool(500, 0.03, 0.15, 0.45, 3)], idioPersistence: 0.4 };

  it("gives bit-identical results for 1 or 2 threads and any chunk size", async () => {
    const progress: number[] = [];
    const one = await simulateModel(m, h, { runs: 12, seed: 99, threads: 1, onProgress: (d) => progress.push(d) });
    expect(progress[progress.length - 1]).toBe(12);
    for (const [threads, chunkSize] of [[1, 5], [2, 1], [2, 3], [2, 7]] as const) {
      const other = await simulateModel(m, h, { runs: 12, seed: 99, threads, chunkSize });
      expect(other.metrics).toEqual(one.metrics);
      expect(Buffer.from(other.data.buffer).equals(Buffer.from(one.data.buffer))).toBe(true);
    }
  });

  it("a longer run extends a shorter one: runs are addressed by index", async () => {
    const a = await simulateModel(m, h, { runs: 4, seed: 5, threads: 1 });
    const b = await simulateModel(m, h, { runs: 6, seed: 5, threads: 2, chunkSize: 2 });
    expect(Array.from(b.data.subarray(0, a.data.length))).toEqual(Array.from(a.data));
  });

  it("runs the reference kernel on workers with the same numbers as in-thread", async () => {
    const ref = { ...REFERENCE_MODEL, households: 2_000 };
    const per = ref.years * REFERENCE_METRICS.length;
    const a = await runParallel("reference", ref, { runs: 8, seed: 3, threads: 1, valuesPerRun: per });
    const b = await runParallel("reference", ref, { runs: 8, seed: 3, threads: 2, chunkSize: 3, valuesPerRun: per });
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("cuts runs into contiguous chunks", () => {
    expect(chunkRuns(7, 3)).toEqual([[0, 3], [3, 6], [6, 7]]);
  });
});
