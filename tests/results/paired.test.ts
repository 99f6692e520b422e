import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pairedDifferences, pairedStat } from "../../src/results/paired.js";
import { makeResults, lcg } from "./fixtures.js";

describe("pairedDifferences", () => {
  it("property: identical results give exactly zero difference, SE and interval", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1e6 }), (runs, seed) => {
        const rand = lcg(seed);
        const a = makeResults(runs, [2016, 2017, 2018], ["cumulativeExits", "poolLoss", "targetMet"], () => rand() * 1e5);
        const b = { ...a, data: Float64Array.from(a.data) };
        const d = pairedDifferences(a, b, { targets: { exits: [null, 5e4, null] } });
        for (const m of Object.values(d.metrics)) {
          for (const s of [...m.byYear, m.horizon]) {
            expect(s.mean).toBe(0);
            expect(s.se).toBe(0);
            if (runs > 1) {
              expect(s.lo).toBe(0);
              expect(s.hi).toBe(0);
            }
          }
        }
        expect(d.targetsMet?.mean).toBe(0);
        expect(d.exitTargetsMet?.mean).toBe(0);
        expect(d.exitTargetsMet?.n).toBe(runs);
      }),
      { numRuns: 50 },
    );
  });

  it("recovers a known shift with a 95% interval that covers it about 95% of the time", () => {
    const rand = lcg(5);
    let covered = 0;
    const reps = 400;
    for (let k = 0; k < reps; k++) {
      const noise = Array.from({ length: 30 }, () => rand());
      const a = makeResults(30, [1], ["x"], (run) => 10 * noise[run]!);
      const b = makeResults(30, [1], ["x"], (run) => 10 * noise[run]! + 2 + (rand() - 0.5));
      const s = pairedDifferences(a, b).metrics["x"]!.horizon;
      if (s.lo <= 2 && 2 <= s.hi) covered++;
    }
    // Binomial(400, .95): sd ≈ 4.4 runs; allow 4 sd.
    expect(Math.abs(covered - 0.95 * reps)).toBeLessThan(4 * Math.sqrt(reps * 0.95 * 0.05));
  });

  it("pairing removes the common noise: the paired SE is far below the unpaired one", () => {
    const rand = lcg(9);
    const common = Array.from({ length: 200 }, () => 1000 * rand());
    const s = pairedStat(common, common.map((x) => x + 1 + 0.01 * rand()));
    expect(s.mean).toBeCloseTo(1.005, 2);
    expect(s.se).toBeLessThan(0.001);
  });

  it("refuses results from different runs or years", () => {
    const a = makeResults(3, [1, 2], ["x"], () => 0);
    expect(() => pairedDifferences(a, makeResults(4, [1, 2], ["x"], () => 0))).toThrow(/same runs/);
    expect(() => pairedDifferences(a, makeResults(3, [1, 3], ["x"], () => 0))).toThrow(/same years/);
  });
});
