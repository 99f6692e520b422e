/**
 * Reader for scenarios/bench/reference.yaml (format `fundsim-bench-reference/1`), the
 * benchmark's own small documented format. Returns the kernel's ReferenceModel plus
 * the run count, seed and the analytic expectations the file states.
 *
 * @example
 * const r = readReferenceScenario("scenarios/bench/reference.yaml");
 * if (r.ok) runReference(r.value.model, { seed: r.value.seed, runStart: 0, runEnd: r.value.model.runs });
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import type { ReferenceModel } from "../src/engine/reference.js";
import { err, ok } from "../src/util/result.js";
import type { Result } from "../src/util/result.js";

const pos = z.number().positive();
const share = z.number().min(0).max(1);

const Schema = z.strictObject({
  format: z.literal("fundsim-bench-reference/1"),
  households: z.number().int().positive(),
  years: z.number().int().positive(),
  runs: z.number().int().positive(),
  seed: z.number().int().nonnegative(),
  income: z.strictObject({ distribution: z.literal("lognormal"), median: pos, sigma: z.number().nonnegative() }),
  labour: z.strictObject({ probability: share }),
  uplift: z.strictObject({ distribution: z.literal("lognormal"), median: pos, sigma: z.number().nonnegative(), fromYear: z.number().int().min(1) }),
  shocks: z.strictObject({
    common: z.strictObject({ sd: z.number().nonnegative() }),
    idiosyncratic: z.strictObject({ sd: z.number().nonnegative() }),
    illness: z.strictObject({ probability: share, incomeLoss: z.number().min(0).lt(1) }),
  }),
  exit: z.strictObject({ line: pos }),
  expected: z.strictObject({ exitFraction: z.strictObject({ year1: share, years2to5: share }) }),
});

export interface ReferenceScenario {
  readonly model: ReferenceModel;
  readonly seed: number;
  readonly expected: { readonly year1: number; readonly years2to5: number };
}

/** Read and validate the reference benchmark file; errors name the file and the field. */
export function readReferenceScenario(file: string): Result<ReferenceScenario, string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return err(`${file}: cannot read (${(e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    return err(`${file}: invalid YAML (${(e as Error).message})`);
  }
  const r = Schema.safeParse(raw);
  if (!r.success) return err(`${file}:\n${z.prettifyError(r.error)}`);
  const v = r.data;
  return ok({
    model: {
      households: v.households,
      years: v.years,
      runs: v.runs,
      incomeMedian: v.income.median,
      incomeSigma: v.income.sigma,
      labourProbability: v.labour.probability,
      upliftMedian: v.uplift.median,
      upliftSigma: v.uplift.sigma,
      upliftFromYear: v.uplift.fromYear - 1,
      commonSigma: v.shocks.common.sd,
      idioSigma: v.shocks.idiosyncratic.sd,
      illnessProbability: v.shocks.illness.probability,
      illnessLoss: v.shocks.illness.incomeLoss,
      line: v.exit.line,
    },
    seed: v.seed,
    expected: v.expected.exitFraction,
  });
}
