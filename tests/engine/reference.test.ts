import { describe, expect, it } from "vitest";
import { REFERENCE_METRICS, REFERENCE_MODEL, runReference } from "../../src/engine/reference.js";
import { runReferenceIdiomatic } from "../../bench/idiomatic.js";
import { readReferenceScenario } from "../../bench/referenceScenario.js";
import { meanAndSe, referenceExitFraction } from "./referenceAnalytic.js";

const small = { ...REFERENCE_MODEL, households: 20_000 };
const RUNS = 40;
const nm = REFERENCE_METRICS.length;
const EXIT = REFERENCE_METRICS.indexOf("exitRate");

describe("reference model", () => {
  it("scenarios/bench/reference.yaml describes exactly the issue's reference model", () => {
    const r = readReferenceScenario("scenarios/bench/reference.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.model).toEqual(REFERENCE_MODEL);
    expect(r.value.expected).toEqual({ year1: 0.419, years2to5: 0.528 });
  });

  it("the analytic exit fractions are the issue's 0.419 and 0.528", () => {
    expect(referenceExitFraction(REFERENCE_MODEL, 0)).toBeCloseTo(0.419, 3);
    expect(referenceExitFraction(REFERENCE_MODEL, 1)).toBeCloseTo(0.528, 3);
  });

  for (const [name, kernel] of [["tuned kernel", runReference], ["idiomatic version", runReferenceIdiomatic]] as const) {
    it(`${name}: exit fractions match within 4 Monte-Carlo standard errors`, () => {
      const res = kernel(small, { seed: 11, runStart: 0, runEnd: RUNS });
      const y1 = meanAndSe(res.data, RUNS, small.years, nm, EXIT, [0]);
      const y25 = meanAndSe(res.data, RUNS, small.years, nm, EXIT, [1, 2, 3, 4]);
      // The SE comes from the spread across runs (common shock + household sampling).
      expect(y1.se).toBeGreaterThan(0);
      expect(Math.abs(y1.mean - referenceExitFraction(small, 0))).toBeLessThan(4 * y1.se);
      expect(Math.abs(y25.mean - referenceExitFraction(small, 1))).toBeLessThan(4 * y25.se);
    });
  }

  it("a run depends only on (seed, run): slicing the runs changes nothing", () => {
    const m = { ...REFERENCE_MODEL, households: 3_000 };
    const all = runReference(m, { seed: 5, runStart: 0, runEnd: 6 }).data;
    const a = runReference(m, { seed: 5, runStart: 0, runEnd: 2 }).data;
    const b = runReference(m, { seed: 5, runStart: 2, runEnd: 6 }).data;
    const joined = new Float64Array(all.length);
    joined.set(a, 0);
    joined.set(b, a.length);
    expect(joined).toEqual(all);
    expect(runReference(m, { seed: 6, runStart: 0, runEnd: 2 }).data).not.toEqual(a);
  });
});
