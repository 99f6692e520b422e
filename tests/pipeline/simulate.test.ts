import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { pairedDifferences } from "../../src/results/paired.js";
import { unwrap } from "../../src/util/result.js";

const SCENARIO = "scenarios/linghai-2017.yaml";

describe("simulateScenario", () => {
  it("common random numbers: the baseline against itself differs by exactly zero; a variant does not", async () => {
    const base = unwrap(await loadScenario(SCENARIO));
    const a = unwrap(await simulateScenario(base, { runs: 8, seed: 4, threads: 1 }));
    const b = unwrap(await simulateScenario(base, { runs: 8, seed: 4, threads: 1 }));
    const d = pairedDifferences(a.results, b.results);
    let compared = 0;
    for (const m of Object.values(d.metrics)) {
      for (const s of [...m.byYear, m.horizon]) {
        if (s.n === 0) continue; // not defined in this year (e.g. the target gap without a target)
        expect([s.mean, s.se]).toEqual([0, 0]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);

    const v = unwrap(await loadScenario(SCENARIO, { variant: "full-capacity" }));
    const c = unwrap(await simulateScenario(v, { runs: 8, seed: 4, threads: 1 }));
    const dv = pairedDifferences(a.results, c.results);
    expect(dv.metrics["newLending"]!.horizon.mean).toBeGreaterThan(0);
  });

  it("summarises with the scenario's targets and records provenance", async () => {
    const loaded = unwrap(await loadScenario(SCENARIO));
    const r = unwrap(await simulateScenario(loaded, { runs: 10, seed: 1, threads: 1 }));
    expect(r.summary.targets?.basis).toBe("targets");
    expect(r.summary.targets?.byYear[0]).toMatchObject({ year: 2017, exits: 2400, villages: 6 });
    expect(r.manifest).toMatchObject({ runs: 10, seed: 1, threads: 1, scenario: { id: "linghai-2017", hash: loaded.hash } });
    expect(r.manifest.households).toBeGreaterThan(0);
  });

  it("--precision batches reproduce one run of the same size", async () => {
    const loaded = unwrap(await loadScenario(SCENARIO));
    const p = unwrap(await simulateScenario(loaded, { runs: 4, seed: 9, threads: 1, precision: { target: 1e-9, maxRuns: 14 } }));
    expect(p.manifest.precision).toMatchObject({ converged: false, maxRuns: 14 });
    expect(p.results.runs).toBe(14);
    const whole = unwrap(await simulateScenario(loaded, { runs: 14, seed: 9, threads: 1 }));
    expect(Array.from(p.results.data)).toEqual(Array.from(whole.results.data));
    // With worker threads (a different code path for later batches) the result is the same.
    const p2 = unwrap(await simulateScenario(loaded, { runs: 4, seed: 9, threads: 2, precision: { target: 1e-9, maxRuns: 14 } }));
    expect(Array.from(p2.results.data)).toEqual(Array.from(whole.results.data));
  });
});
