/**
 * Runs in stages (the workbench's refined estimates) are the runs of one simulation: the
 * last stage's runs and summary equal `simulate`'s with the same seed and runs, bit for bit,
 * and each stage's runs are the first runs of the next.
 */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/pipeline/load.js";
import { simulateInStages, type StageEstimate } from "../../src/pipeline/progressive.js";
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
