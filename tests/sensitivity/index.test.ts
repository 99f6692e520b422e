import { describe, expect, it } from "vitest";
import * as sensitivity from "../../src/sensitivity/index.js";
import { unwrap } from "../../src/util/result.js";
import { uniform } from "./uniform.js";

describe("sensitivity export list", () => {
  it("exports the curated functions and constants only", () => {
    expect(Object.keys(sensitivity).sort()).toEqual(
      [
        "DEFAULT_CONFIDENCE",
        "DEFAULT_LEVELS",
        "DEFAULT_RESAMPLES",
        "SAMPLERS",
        "SCRAMBLES",
        "SOBOL_MAX_DIMENSION",
        "TORNADO_SIDES",
        "morrisAnalysis",
        "morrisDesign",
        "morrisIndices",
        "sobolAnalysis",
        "sobolDesign",
        "sobolIndices",
        "sobolPoints",
        "tornado",
      ].sort(),
    );
  });

  it("splits the variance of an additive function as its terms do", () => {
    // Var(x0) : Var(2 x1) = 1 : 4 for independent uniforms on [0, 1].
    const r = unwrap(sensitivity.sobolAnalysis((x) => x[0]! + 2 * x[1]!, [[0, 1], [0, 1]], 1024, { random: uniform(1), resamples: 200 }));
    expect(r.first[0]).toBeCloseTo(0.2, 2);
    expect(r.total[1]).toBeCloseTo(0.8, 2);
  });
});
