/**
 * Uncertain quantities in scenario files: a distribution per field.
 *
 * @example
 * uplift: {dist: lognormal, median: 1.25, sigma: 0.3, assumption: "…"}
 * success: {dist: beta, alpha: 6, beta: 4}
 * size: {dist: discrete, values: [1, 2, 3, 4], weights: [0.1, 0.3, 0.4, 0.2]}
 */
import { z } from "zod";
import { real, num, BOUNDS } from "./num.js";

export const DIST_KINDS = ["fixed", "normal", "lognormal", "beta", "uniform", "triangular", "discrete"] as const;
export type DistKind = (typeof DIST_KINDS)[number];

const prov = {
  source: z.string().min(1).optional(),
  assumption: z.string().min(1).optional(),
  unit: z.string().optional(),
  note: z.string().optional(),
};
const pos = () => num({ kind: "ratio", dated: false });
const val = () => real({ dated: false });

export const distSchema = z
  .discriminatedUnion("dist", [
    z.strictObject({ dist: z.literal("fixed"), value: val(), ...prov }),
    z.strictObject({ dist: z.literal("normal"), mean: val(), sd: pos(), ...prov }),
    z.strictObject({ dist: z.literal("lognormal"), median: num({ kind: "ratio", dated: false, min: BOUNDS.positive }), sigma: num({ kind: "ratio", dated: false, max: BOUNDS.logSigma }), ...prov }),
    z.strictObject({ dist: z.literal("beta"), alpha: num({ kind: "ratio", dated: false, min: BOUNDS.positive }), beta: num({ kind: "ratio", dated: false, min: BOUNDS.positive }), ...prov }),
    z.strictObject({ dist: z.literal("uniform"), min: val(), max: val(), ...prov }),
    z.strictObject({ dist: z.literal("triangular"), min: val(), mode: val(), max: val(), ...prov }),
    z.strictObject({
      dist: z.literal("discrete"),
      values: z.array(val()).min(1).max(1000),
      weights: z.array(pos()).min(1).max(1000),
      ...prov,
    }),
  ])
  .describe("A distribution: {dist: fixed|normal|lognormal|beta|uniform|triangular|discrete, …parameters}");
