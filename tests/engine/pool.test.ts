/**
 * The persistent worker pool (engine/pool.ts): the same numbers as one thread for any pool
 * size and chunk size, runs in progress at once, a cancelled run stopped without stopping
 * the pool, a kernel that throws failing its run only, and close ending it all.
 * Workers start from the compiled engine (dist/src/engine/worker.js): `npm test` builds first.
 */
import { afterAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { buildLedger } from "../../src/ledger/build.js";
import { engineModelFromScenario } from "../../src/engine/fromScenario.js";
import { prepareKernel, RedrawnPopulations } from "../../src/engine/kernels.js";
import { MAX_PREPARED, WorkerPool } from "../../src/engine/pool.js";
import { REFERENCE_METRICS, REFERENCE_MODEL } from "../../src/engine/reference.js";
import { simulateModel } from "../../src/engine/simulate.js";
import { runParallel } from "../../src/engine/workers.js";
import { buildPopulation, populationSpec } from "../../src/population/synthetic.js";
import { scenarioFromObject } from "../../src/scenario/index.js";
import { unwrap } from "../../src/util/result.js";
import { creditPool, referenceAsEngineModel, referencePopulation } from "./fixtures.js";

const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

const minimal = async () => {
  const raw = parseYaml(await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as unknown;
  const s = unwrap(scenarioFromObject(raw)).scenario;
  const households = unwrap(buildPopulation(s, { seed: 11 }));
  return { households, model: engineModelFromScenario(s, buildLedger(s), households), spec: populationSpec(s) };
};

describe("the worker pool", () => {
  const pools: WorkerPool[] = [];
  const pool = (n: number): WorkerPool => {
    const p = new WorkerPool(n);
    pools.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it("gives the numbers of one thread, population redrawn or fixed, for 1 or 2 workers and any chunk size", async () => {
    const { households, model, spec } = await minimal();
    const one = await simulateModel(model, households, { runs: 9, seed: 11, threads: 1, redraw: spec });
    const fixedOne = await simulateModel(model, households, { runs: 9, seed: 11, threads: 1 });
    for (const [n, chunkSize] of [[1, 4], [2, 1], [2, 3]] as const) {
      const p = pool(n);
      const redrawn = await simulateModel(model, households, { runs: 9, seed: 11, pool: p, chunkSize, redraw: spec });
      expect(redrawn.metrics).toEqual(one.metrics);
      expect(bytes(redrawn.data).equals(bytes(one.data))).toBe(true);
      const fixed = await simulateModel(model, households, { runs: 9, seed: 11, pool: p, chunkSize });
      expect(bytes(fixed.data).equals(bytes(fixedOne.data))).toBe(true);
      // Later runs alone are the tail of the whole (runs addressed by index), on a kernel already prepared.
      const tail = await simulateModel(model, households, { runs: 5, firstRun: 4, seed: 11, pool: p, chunkSize, redraw: spec });
      const per = one.years.length * one.metrics.length;
      expect(bytes(tail.data).equals(bytes(one.data.subarray(4 * per)))).toBe(true);
    }
  });

  it("a thread's kept populations give the numbers of populations drawn again, for another model too", async () => {
    const { model, spec } = await minimal();
    const other = { ...model, programmes: model.programmes.map((p) => ({ ...p, capacity: p.capacity.map((c) => c * 0.5) })) };
    const kept = new RedrawnPopulations(64 * 1024 * 1024);
    for (const m of [model, other]) {
      const fresh = prepareKernel("modelRedrawn", { model: m, population: spec })({ seed: 11, runStart: 0, runEnd: 6 });
      const first = prepareKernel("modelRedrawn", { model: m, population: spec }, kept)({ seed: 11, runStart: 0, runEnd: 6 });
      const again = prepareKernel("modelRedrawn", { model: m, population: spec }, kept)({ seed: 11, runStart: 2, runEnd: 6 });
      expect(bytes(first).equals(bytes(fresh))).toBe(true);
      expect(bytes(again).equals(bytes(fresh.subarray((2 * fresh.length) / 6)))).toBe(true);
    }
    // Every run kept before came from a copy, except a kernel's first run (it builds its arrays).
    expect(kept.hits).toBe(3 + 5 + 3);
    // Another seed is drawn, not copied; nothing over the budget is kept.
    const hits = kept.hits;
    prepareKernel("modelRedrawn", { model, population: spec }, kept)({ seed: 12, runStart: 0, runEnd: 3 });
    expect(kept.hits).toBe(hits);
    const none = new RedrawnPopulations(10);
    prepareKernel("modelRedrawn", { model, population: spec }, none)({ seed: 11, runStart: 0, runEnd: 3 });
    prepareKernel("modelRedrawn", { model, population: spec }, none)({ seed: 11, runStart: 0, runEnd: 3 });
    expect(none.hits).toBe(0);
  });

  it("runs several simulations at once, each with its own numbers, and more kernels than a worker keeps", async () => {
    const p = pool(2);
    const h = referencePopulation(1_500, 8);
    const models = Array.from({ length: MAX_PREPARED + 2 }, (_, i) => ({ ...referenceAsEngineModel(3), pools: [creditPool(200 + 50 * i, 0.03, 0.15, 0.45, 3)] }));
    const alone = await Promise.all(models.map((m) => simulateModel(m, h, { runs: 6, seed: 4, threads: 1 })));
    const together = await Promise.all(models.map((m) => simulateModel(m, h, { runs: 6, seed: 4, pool: p, chunkSize: 2 })));
    together.forEach((r, i) => expect(bytes(r.data).equals(bytes(alone[i]!.data))).toBe(true));
    // And again, in the other order (kernels forgotten and prepared again).
    const again = await Promise.all([...models].reverse().map((m) => simulateModel(m, h, { runs: 6, seed: 4, pool: p, chunkSize: 3 })));
    again.reverse().forEach((r, i) => expect(bytes(r.data).equals(bytes(alone[i]!.data))).toBe(true));
    expect(p.pending).toBe(0);
  });

  it("stops a cancelled run at once and goes on with the next", async () => {
    const p = pool(2);
    const ref = { ...REFERENCE_MODEL, households: 3_000 };
    const per = ref.years * REFERENCE_METRICS.length;
    const ctl = new AbortController();
    let chunks = 0;
    const long = p.run("reference", ref, { runs: 2_000, seed: 3, chunkSize: 2, valuesPerRun: per, signal: ctl.signal, onProgress: () => void (++chunks === 3 && ctl.abort(new Error("stale"))) });
    await expect(long).rejects.toThrow("stale");
    expect(p.pending).toBe(0);
    const done = chunks;
    const next = await p.run("reference", ref, { runs: 6, seed: 3, chunkSize: 2, valuesPerRun: per });
    expect(Array.from(next)).toEqual(Array.from(await runParallel("reference", ref, { runs: 6, seed: 3, threads: 1, valuesPerRun: per })));
    // Nothing of the cancelled run was counted after it stopped.
    expect(chunks).toBe(done);
    // Already aborted: rejected without a chunk.
    await expect(p.run("reference", ref, { runs: 4, seed: 3, valuesPerRun: per, signal: AbortSignal.abort(new Error("before")) })).rejects.toThrow("before");
  });

  it("fails the run whose kernel throws, and keeps working", async () => {
    const p = pool(1);
    const { households, model, spec } = await minimal();
    // A population spec that cannot be built: the kernel throws in the worker.
    const broken = { ...spec, cohorts: spec.cohorts.map((c) => ({ ...c, people: 0 })) };
    await expect(simulateModel(model, households, { runs: 3, seed: 11, pool: p, redraw: broken })).rejects.toThrow(/engine worker: .*cannot be built/);
    const ok = await simulateModel(model, households, { runs: 3, seed: 11, pool: p, redraw: spec });
    const one = await simulateModel(model, households, { runs: 3, seed: 11, threads: 1, redraw: spec });
    expect(bytes(ok.data).equals(bytes(one.data))).toBe(true);
  });

  it("close rejects the runs in progress and refuses new ones", async () => {
    const p = new WorkerPool(2);
    const ref = { ...REFERENCE_MODEL, households: 3_000 };
    const per = ref.years * REFERENCE_METRICS.length;
    const running = p.run("reference", ref, { runs: 2_000, seed: 1, chunkSize: 5, valuesPerRun: per });
    const refused = expect(running).rejects.toThrow(/closed/);
    await p.close();
    await refused;
    await expect(p.run("reference", ref, { runs: 2, seed: 1, valuesPerRun: per })).rejects.toThrow(/closed/);
    expect(p.pending).toBe(0);
  });
});
