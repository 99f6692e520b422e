/**
 * Runs in stages (the workbench's refined estimates) are the runs of one simulation: the
 * last stage's runs and summary equal `simulate`'s with the same seed and runs, bit for bit,
 * and each stage's runs are the first runs of the next — on this thread or on a pool of
 * worker threads; the seed's population is kept for an allocation edit, not for a population edit.
 */
import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool } from "../../src/engine/pool.js";
import { loadScenario, scenarioFromObject } from "../../src/pipeline/load.js";
import { PopulationCache, simulateInStages, type StageEstimate } from "../../src/pipeline/progressive.js";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { unwrap } from "../../src/util/result.js";

describe("simulateInStages", () => {
  it("gives simulate's runs and summary, stage by stage, on the same seed", async () => {
    const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
    const seen: StageEstimate[] = [];
    const last = unwrap(await simulateInStages(loaded, { stages: [4, 13], seed: 9, slice: 5, onStage: (s) => void seen.push(s) }));
    const whole = unwrap(await simulateScenario(loaded, { runs: 13, seed: 9, threads: 1 }));
    expect(seen.map((s) => s.results.runs)).toEqual([4, 13]);
    expect(Array.from(last!.results.data)).toEqual(Array.from(whole.results.data));
    expect(last!.summary).toEqual(whole.summary);
    const perRun = whole.results.years.length * whole.results.metrics.length;
    expect(Array.from(seen[0]!.results.data)).toEqual(Array.from(whole.results.data.subarray(0, 4 * perRun)));
  });

  it("stops between slices when aborted", async () => {
    const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
    const ctl = new AbortController();
    const stages: number[] = [];
    const r = unwrap(await simulateInStages(loaded, { stages: [3, 500], seed: 1, slice: 5, signal: ctl.signal, onStage: (s) => (stages.push(s.results.runs), ctl.abort()) }));
    expect(stages).toEqual([3]);
    expect(r!.results.runs).toBe(3);
  });
});

describe("simulateInStages on a worker pool", () => {
  const pool = new WorkerPool(2);
  afterAll(() => pool.close());

  it("gives the same runs and summaries as this thread, and as simulate", async () => {
    const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
    const here: StageEstimate[] = [];
    const there: StageEstimate[] = [];
    await simulateInStages(loaded, { stages: [4, 13], seed: 9, slice: 5, onStage: (s) => void here.push(s) });
    const last = unwrap(await simulateInStages(loaded, { stages: [4, 13], seed: 9, slice: 3, pool, onStage: (s) => void there.push(s) }));
    const whole = unwrap(await simulateScenario(loaded, { runs: 13, seed: 9, threads: 1 }));
    expect(there.map((s) => s.results.runs)).toEqual([4, 13]);
    there.forEach((s, i) => {
      expect(Array.from(s.results.data)).toEqual(Array.from(here[i]!.results.data));
      expect(s.summary).toEqual(here[i]!.summary);
    });
    expect(Array.from(last!.results.data)).toEqual(Array.from(whole.results.data));
    expect(last!.summary).toEqual(whole.summary);
  });

  it("stops at once when aborted: the stages so far", async () => {
    const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
    const ctl = new AbortController();
    const stages: number[] = [];
    const r = unwrap(await simulateInStages(loaded, { stages: [3, 2000], seed: 1, slice: 5, pool, signal: ctl.signal, onStage: (s) => (stages.push(s.results.runs), ctl.abort()) }));
    expect(stages).toEqual([3]);
    expect(r!.results.runs).toBe(3);
    expect(pool.pending).toBe(0);
  });
});

describe("PopulationCache", () => {
  it("keeps the seed's population for an allocation edit, builds another for a population edit or another seed", async () => {
    const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
    const raw = loaded.raw as { programmes: { id: string }[] };
    const cache = new PopulationCache();
    const edited = (set: Record<string, unknown>) => ({ ...unwrap(scenarioFromObject(raw, { extraVariant: { id: "edit", set } as never, variant: "edit" })), file: loaded.file });
    const industry = raw.programmes.find((p) => p.id === "industry")!.id;
    const a = unwrap(await simulateInStages(loaded, { stages: [2], seed: 3, populations: cache }));
    expect(cache.builds).toBe(1);
    const b = unwrap(await simulateInStages(edited({ [`programmes.${industry}.allocation`]: { value: { "2017": 20_000_000, "2018": 0, "2019": 0 }, assumption: "A test edit." } }), { stages: [2], seed: 3, populations: cache }));
    expect(cache.builds).toBe(1);
    // The edit changed the simulation, not the population it is checked on; and the cache did not change the numbers.
    expect(Array.from(b!.results.data)).not.toEqual(Array.from(a!.results.data));
    const uncached = unwrap(await simulateInStages(loaded, { stages: [2], seed: 3 }));
    expect(Array.from(a!.results.data)).toEqual(Array.from(uncached!.results.data));
    await simulateInStages(loaded, { stages: [2], seed: 4, populations: cache });
    expect(cache.builds).toBe(2);
    await simulateInStages(edited({ "simulation.households": 2000 }), { stages: [2], seed: 3, populations: cache });
    expect(cache.builds).toBe(3);
    expect(cache.size).toBe(3);
  });
});
