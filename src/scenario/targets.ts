/**
 * The calibration targets file (format 1): what `fundsim calibrate` fits a scenario to, and
 * which of the scenario's numbers it may move. Read and located like a scenario
 * (load.ts readDocumentText, parseDocumentText), validated by one zod schema, then checked
 * against the scenario: every metric is one of its run results, every year in its horizon.
 *
 *   fundsim-targets: 1
 *   name: {en: National rural poor, NBS, zh: 全国农村贫困人口（国家统计局）}
 *   scale: 0.001                  # optional: observed values × scale are what the scenario simulates
 *   free:                         # the parameters to fit, each a --set path with its prior range
 *     - parameter: income.growth
 *       min: 0
 *       max: 0.2
 *       assumption: "why this range"
 *   targets:
 *     - id: poor2016
 *       metric: belowLinePeople   # any run result (fundsim describe lists them), its mean over runs
 *       year: 2016
 *       observed: 43350000
 *       sd: 1000000               # the observed value's uncertainty (or sdShare: 0.02 of it)
 *       use: fit                  # fit (default) or check: compared, not fitted (out of sample)
 *       source: "NBS: rural poor at year end, 2016"
 *
 * @example
 * const t = await loadTargets("scenarios/targets/nbs-2015-2020.yaml", loaded);
 * if (t.ok) t.value.targets[0].observed;
 */
import { z } from "zod";
import { CORE_METRICS, programmeColumns } from "../model/results.js";
import { err, ok, type Result } from "../util/result.js";
import { closest, type Issue } from "./issues.js";
import { parseDocumentText, readDocumentText } from "./load.js";
import { freeParameterSchema, textSchema } from "./schema.js";
import type { LoadedScenario } from "./types.js";
import { fromZodIssues } from "./zodIssues.js";

export const TARGETS_FORMAT_VERSION = 1 as const;

const ID = /^[a-z][a-zA-Z0-9_-]*$/;
const cite = { source: z.string().min(1).optional(), assumption: z.string().min(1).optional(), note: z.string().optional() };

const targetSchema = z
  .strictObject({
    id: z.string().regex(ID, { message: "an id: a lower-case letter, then letters, digits, '-' or '_' (e.g. poor2016)" }),
    label: textSchema.optional(),
    metric: z.string().min(1).describe("A run result (a core metric or a programme column), averaged over runs."),
    year: z.number().int().min(1900).max(2200),
    observed: z.number().describe("The observed value, in the units of the metric (× scale)."),
    sd: z.number().positive().optional().describe("Standard deviation of the observed value (its own uncertainty), same units."),
    sdShare: z.number().positive().max(10).optional().describe("Or: the standard deviation as a share of the observed value."),
    use: z.enum(["fit", "check"]).default("fit").describe("fit: used to estimate; check: compared only (out of sample)."),
    ...cite,
  })
  .refine((t) => (t.sd === undefined) !== (t.sdShare === undefined), { message: "one of sd or sdShare", path: ["sd"] })
  .refine((t) => t.source !== undefined || t.assumption !== undefined, { message: "a source: or an assumption: saying where the observed value comes from", path: ["source"] });

export const targetsSchema = z.strictObject({
  "fundsim-targets": z.literal(TARGETS_FORMAT_VERSION),
  name: textSchema,
  description: textSchema.optional(),
  scale: z.number().positive().default(1).describe("Observed values and their sd are multiplied by this before comparison (a scenario simulated at 1/1000 scale: 0.001)."),
  free: z.array(freeParameterSchema).min(1).max(8).optional().describe("Free parameters besides (or instead of) the scenario's calibration.free; the same path here overrides the scenario's."),
  targets: z.array(targetSchema).min(1).max(200),
});

export type TargetsInput = z.input<typeof targetsSchema>;

/** A free parameter as checked: its path and prior range. */
export interface FreeSpec {
  readonly parameter: string;
  readonly min: number;
  readonly max: number;
  readonly label?: z.infer<typeof textSchema>;
  readonly why: string;
}

/** A target as checked: observed value and sd already scaled. */
export interface CalibrationTarget {
  readonly id: string;
  readonly label?: z.infer<typeof textSchema>;
  readonly metric: string;
  readonly year: number;
  readonly observed: number;
  readonly sd: number;
  readonly fit: boolean;
  readonly source: string;
}

export interface CalibrationTargets {
  readonly file: string;
  readonly name: z.infer<typeof textSchema>;
  readonly scale: number;
  readonly free: readonly FreeSpec[];
  readonly targets: readonly CalibrationTarget[];
}

/** Validate targets given as data against a scenario (metrics, years, unique ids). */
export function targetsFromObject(raw: unknown, loaded: LoadedScenario, file = "<targets>"): Result<CalibrationTargets, Issue[]> {
  const parsed = targetsSchema.safeParse(raw);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues, raw, targetsSchema));
  const t = parsed.data;
  const issues: Issue[] = [];
  const metrics = [...CORE_METRICS, ...programmeColumns(loaded.scenario.programmes.map((p) => p.id))];
  const years = loaded.years;
  const seen = new Set<string>();
  t.targets.forEach((x, i) => {
    if (seen.has(x.id)) issues.push({ code: "duplicateId", path: ["targets", i, "id"], found: x.id });
    seen.add(x.id);
    if (!metrics.includes(x.metric)) {
      const suggestion = closest(x.metric, metrics);
      issues.push({ code: "targetMetric", path: ["targets", i, "metric"], found: x.metric, expected: CORE_METRICS.join(", "), ...(suggestion ? { suggestion } : {}) });
    }
    if (x.sdShare !== undefined && x.observed === 0) issues.push({ code: "outOfRange", path: ["targets", i, "sdShare"], found: "0 × sdShare", expected: "sd: an observed value of 0 needs its sd in units" });
    if (!years.includes(x.year)) issues.push({ code: "targetYear", path: ["targets", i, "year"], found: String(x.year), expected: `${years[0]}–${years[years.length - 1]}` });
  });
  if (!t.targets.some((x) => x.use === "fit")) issues.push({ code: "noFittedTarget", path: ["targets"] });
  const params = new Set<string>();
  (t.free ?? []).forEach((f, i) => {
    if (params.has(f.parameter)) issues.push({ code: "duplicateId", path: ["free", i, "parameter"], found: f.parameter });
    params.add(f.parameter);
    if (!(f.min < f.max)) issues.push({ code: "outOfRange", path: ["free", i, "max"], found: String(f.max), expected: `a number above min (${f.min})` });
  });
  // The scenario's free parameters, then the file's (the file's entry for the same path wins).
  const fromScenario = (loaded.scenario.calibration?.free ?? []).filter((f) => !params.has(f.parameter));
  const free = [...fromScenario, ...(t.free ?? [])];
  if (free.length === 0) issues.push({ code: "noFreeParameter", path: ["free"] });
  if (free.length > 8) issues.push({ code: "outOfRange", path: ["free"], found: `${free.length} free parameters`, expected: "at most 8 (the scenario's and the file's together)" });
  if (issues.length > 0) return err(issues);
  return ok({
    file,
    name: t.name,
    scale: t.scale,
    free: free.map((f) => ({ parameter: f.parameter, min: f.min, max: f.max, ...(f.label ? { label: f.label } : {}), why: f.source ?? f.assumption ?? "" })),
    targets: t.targets.map((x) => ({
      id: x.id,
      ...(x.label ? { label: x.label } : {}),
      metric: x.metric,
      year: x.year,
      observed: x.observed * t.scale,
      sd: (x.sd ?? (x.sdShare as number) * Math.abs(x.observed)) * t.scale,
      fit: x.use === "fit",
      source: x.source ?? x.assumption ?? "",
    })),
  });
}

/** Read, parse and check a targets file against a scenario; issues located (file, line, column). */
export async function loadTargets(file: string, loaded: LoadedScenario): Promise<Result<CalibrationTargets, Issue[]>> {
  const text = await readDocumentText(file);
  if (!text.ok) return text;
  const doc = parseDocumentText(text.value, file);
  if (!doc.ok) return doc;
  const r = targetsFromObject(doc.value.raw, loaded, file);
  return r.ok ? r : err(doc.value.locate(r.error));
}
