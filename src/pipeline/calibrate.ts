/**
 * `fundsim calibrate` composed: a scenario, a targets file (scenario/targets.ts) → the free
 * parameters checked as sensitivity checks its ranges (a --set path holding one number,
 * valid at both ends) → the simulated method of moments (calibration/smm.ts) on common
 * random numbers: every point simulated with the same seed and runs, the population redrawn
 * per run as `simulate` does → fitted values with standard errors and intervals, the fit
 * per target, and the calibrated values as a variant file any command can apply
 * (`--variant calibrated.yaml`), each value with `source: calibrated to …`.
 *
 * @example
 * const loaded = unwrap(await loadScenario("tests/fixtures/minimal.yaml"));
 * const targets = unwrap(await loadTargets("tests/fixtures/targets.yaml", loaded));
 * const c = await calibrateScenario(loaded, targets, { runs: 40, threads: 1 });
 * if (c.ok) await writeCalibration("out/cal", loaded, c.value);
 */
import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import { stringify } from "yaml";
import { estimateSmm, type SmmProblem, type SmmResult } from "../calibration/smm.js";
import type { CalibratedVariant, Calibration } from "../calibration/types.js";
export type { CalibratedVariant, Calibration } from "../calibration/types.js";
import { csvText } from "../io/csv.js";
import { writeOutputDir, type OutputGuard, type OutputProblem } from "../io/outputs.js";
import type { SensitivitySetupIssue } from "../messages/sensitivity.js";
import type { PopulationIssue } from "../population/cohorts.js";
import { yearColumn } from "../results/columns.js";
import { fundsimVersion } from "../results/manifest.js";
import type { CalibrationTargets } from "../scenario/targets.js";
import type { LoadedScenario } from "../scenario/types.js";
import { parsePath } from "../scenario/overlays.js";
import { populationSpec } from "../population/synthetic.js";
import { defaultThreads } from "../engine/workers.js";
import { err, ok, type Result } from "../util/result.js";
import { checkParams, pointSimulator } from "./sensitivity.js";
import { calibrationCharts } from "../charts/calibration.js";
import { chartFiles } from "../render/formats.js";
import { labelText, named } from "../messages/label.js";
import { renderReportHtml } from "../render/html.js";
import { calibrationPage } from "../report/calibrationPage.js";

export const CALIBRATION_JSON = "calibration.json";
export const FIT_CSV = "fit.csv";
export const PARAMETERS_CSV = "parameters.csv";
export const CALIBRATED_VARIANT = "calibrated.yaml";
export const CALIBRATION_MANIFEST = "manifest.json";
export const CALIBRATION_HTML = "calibration.html";

/** Household-years per evaluation from which the default is to use every core. */
export const PARALLEL_HOUSEHOLD_YEARS = 2_000_000;

/** Default runs per evaluation. */
export const CALIBRATION_RUNS = 100;

export interface CalibrateOptions {
  /** Runs per evaluation (default CALIBRATION_RUNS). */
  readonly runs?: number;
  /** Default: the scenario's seed. */
  readonly seed?: number;
  /**
   * Worker threads per evaluation (default: the machine's cores when an evaluation simulates
   * at least PARALLEL_HOUSEHOLD_YEARS household-years, else 1 — starting workers costs about
   * 0.1 s an evaluation). Results do not depend on it.
   */
  readonly threads?: number;
  /** Nelder–Mead evaluations per start (default 60 + 40·parameters). */
  readonly maxEvaluations?: number;
  /** Level of the parameters' intervals (default 0.9). */
  readonly level?: number;
  /** After each evaluation: evaluations done, the planned upper bound, the best objective so far. */
  readonly onProgress?: (done: number, planned: number, best: number) => void;
}

/** Why a calibration did not run. */
export type CalibrationFailure =
  | { readonly kind: "free"; readonly issues: readonly SensitivitySetupIssue[] }
  | { readonly kind: "population"; readonly issues: readonly PopulationIssue[] }
  | { readonly kind: "estimate"; readonly problem: SmmProblem };

/** Significant digits the calibrated values are written with (far below their standard errors). */
const DIGITS = 6;

/** Calibrate a loaded scenario to checked targets. */
export async function calibrateScenario(loaded: LoadedScenario, targets: CalibrationTargets, o: CalibrateOptions = {}): Promise<Result<Calibration, CalibrationFailure>> {
  const started = performance.now();
  const seed = o.seed ?? loaded.scenario.simulation.seed;
  const runs = o.runs ?? CALIBRATION_RUNS;
  const spec = populationSpec(loaded.scenario);
  const size = spec.cohorts.reduce((a, c) => a + c.households, 0) * loaded.years.length * runs;
  const threads = o.threads ?? (size >= PARALLEL_HOUSEHOLD_YEARS ? defaultThreads() : 1);
  const checked = checkParams(loaded, targets.free.map((f) => ({ path: f.parameter, low: f.min, high: f.max })), false);
  if (!checked.ok) return err({ kind: "free", issues: checked.error });
  const inputs = checked.value;
  const fields = inputs.map((i) => i.field ?? i.name);
  const sim = pointSimulator(loaded, fields, { runs, seed, threads, redraw: true });
  let failure: CalibrationFailure | undefined;
  const p = inputs.length;
  const maxEvaluations = o.maxEvaluations ?? 60 + 40 * p;
  // Start + two Nelder–Mead searches + the optimum + two differences per parameter.
  const planned = 1 + maxEvaluations + Math.ceil(maxEvaluations / 2) + 1 + 2 * p;
  const fit = await estimateSmm(
    async (theta) => {
      const r = await sim.simulate(theta);
      if (!r.ok) {
        // A point where the scenario is not valid is outside the model: infinitely bad. A population that cannot be built ends the search.
        if (r.error.kind === "population") failure ??= r.error;
        return null;
      }
      return targets.targets.map((t) => yearColumn(r.value, t.metric, r.value.years.indexOf(t.year)) as Float64Array);
    },
    inputs.map((i) => ({ name: i.name, low: i.low, high: i.high, start: Math.min(i.high, Math.max(i.low, i.base)) })),
    targets.targets.map((t) => ({ id: t.id, observed: t.observed, sd: t.sd, fit: t.fit })),
    { maxEvaluations, ...(o.level !== undefined ? { level: o.level } : {}), onEvaluation: (done, best) => o.onProgress?.(done, Math.max(done, planned), best) },
  );
  if (failure) return err(failure);
  if (!fit.ok) return err({ kind: "estimate", problem: fit.error });
  const seconds = (performance.now() - started) / 1000;
  return ok({ targetsFile: targets.file, targets, fit: fit.value, fields, runs, seed, threads, seconds, variant: calibratedVariant(targets, fit.value, fields, runs, seed) });
}

/** The calibrated values as a variant: each at its field, with where it came from. */
function calibratedVariant(targets: CalibrationTargets, fit: SmmResult, fields: readonly string[], runs: number, seed: number): CalibratedVariant {
  const name = named(targets.name);
  const fitted = targets.targets.filter((t) => t.fit).map((t) => t.id);
  const set: Record<string, { value: number; source: string } | number> = {};
  fit.parameters.forEach((q, j) => {
    const value = Number(q.value.toPrecision(DIGITS));
    const field = fields[j] as string;
    const segs = parsePath(field);
    const last = String(segs[segs.length - 1] ?? "");
    const source = `calibrated to ${targets.file} (${name.en}; targets ${fitted.join(", ")}): ${value} ± ${Number(q.se.toPrecision(2))} (${Math.round(fit.level * 100)}% interval ${Number(q.lo.toPrecision(DIGITS))}–${Number(q.hi.toPrecision(DIGITS))}, prior range ${q.low}–${q.high}), simulated method of moments, seed ${seed}, ${runs} runs per point`;
    if (last === "value") set[segs.slice(0, -1).join(".")] = { value, source };
    else if (/^\d{4}$/.test(last)) set[field] = value; // a year of a dated series holds a plain number
    else set[field] = { value, source };
  });
  const list = fit.parameters.map((q) => `${q.name} = ${Number(q.value.toPrecision(DIGITS))} ± ${Number(q.se.toPrecision(2))}`).join("; ");
  return {
    id: "calibrated",
    label: { en: `Calibrated to ${name.en}`, zh: `校准至${name.zh}` },
    description: {
      en: `Fitted by fundsim calibrate to ${targets.file} (${fitted.length} targets): ${list}.`,
      zh: `由 fundsim calibrate 按 ${targets.file} 拟合（${fitted.length} 个目标）：${list}。`,
    },
    set,
  };
}

/** The fit per target as CSV rows. */
export function fitCsv(c: Calibration): string {
  return csvText(
    ["target", "metric", "year", "use", "observed", "sd", "simulated", "se", "q05", "q95", "z", "source"],
    c.fit.targets.map((f, k) => {
      const t = c.targets.targets[k]!;
      return [t.id, t.metric, t.year, t.fit ? "fit" : "check", f.observed, f.sd, f.mean, f.se, f.q05, f.q95, f.z, t.source];
    }),
  );
}

/** The fitted parameters as CSV rows. */
export function parametersCsv(c: Calibration): string {
  return csvText(
    ["parameter", "field", "low", "high", "start", "value", "se", "lo", "hi", "at_bound", "identified"],
    c.fit.parameters.map((q, j) => [q.name, c.fields[j], q.low, q.high, q.start, q.value, q.se, q.lo, q.hi, q.atBound ? 1 : 0, q.identified ? 1 : 0]),
  );
}

/** The variant file: a comment saying how to apply it, then the variant. */
export function variantYaml(c: Calibration, scenarioFile: string): string {
  return `# fundsim variant written by fundsim calibrate; apply it with\n#   fundsim simulate ${scenarioFile} --variant ${CALIBRATED_VARIANT} --out DIR\n${stringify(c.variant, { lineWidth: 0 })}`;
}

/**
 * Write a calibration into `dir` (output kind `calibration`): calibration.json, fit.csv,
 * parameters.csv, calibrated.yaml (the variant), manifest.json and, with `charts`, the fit
 * and parameters charts as Vega-Lite JSON, SVG and PNG and the page calibration.html, in `lang`.
 */
export async function writeCalibration(
  dir: string,
  loaded: LoadedScenario,
  c: Calibration,
  guard: OutputGuard = {},
  lang: "en" | "zh" = "en",
  charts = true,
): Promise<Result<readonly string[], OutputProblem>> {
  return writeOutputDir(
    dir,
    "calibration",
    async (tmp) => {
      const json = {
        targets: { file: c.targetsFile, name: c.targets.name, scale: c.targets.scale },
        method: "simulated method of moments, common random numbers (population redrawn per run), bounded Nelder–Mead with one restart, delta-method covariance",
        runs: c.runs,
        seed: c.seed,
        level: c.fit.level,
        objective: c.fit.objective,
        df: c.fit.df,
        objectiveAtStart: c.fit.objectiveAtStart,
        evaluations: c.fit.evaluations,
        converged: c.fit.converged,
        parameters: c.fit.parameters.map((q, j) => ({ ...q, field: c.fields[j], covariance: c.fit.covariance[j]?.map((x) => (Number.isFinite(x) ? x : null)) })),
        fit: c.fit.targets.map((f, k) => ({ ...f, metric: c.targets.targets[k]!.metric, year: c.targets.targets[k]!.year, source: c.targets.targets[k]!.source })),
      };
      await writeFile(join(tmp, CALIBRATION_JSON), `${JSON.stringify(json, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`);
      await writeFile(join(tmp, FIT_CSV), fitCsv(c));
      await writeFile(join(tmp, PARAMETERS_CSV), parametersCsv(c));
      await writeFile(join(tmp, CALIBRATED_VARIANT), variantYaml(c, loaded.file));
      if (charts) {
        for (const chart of calibrationCharts(c, lang)) {
          for (const f of await chartFiles(chart.name, chart.spec)) await writeFile(join(tmp, f.file), f.data);
        }
        const name = labelText(loaded.scenario.meta.name, lang);
        const record: [string, string][] = [
          ["scenario", `${loaded.file} (${loaded.scenario.meta.id}, sha256 ${loaded.hash})`],
          ["targets", c.targetsFile],
          ["seed", String(c.seed)],
          ["runs", String(c.runs)],
          ["evaluations", String(c.fit.evaluations)],
          ["fundsim", fundsimVersion()],
        ];
        await writeFile(join(tmp, CALIBRATION_HTML), await renderReportHtml(calibrationPage(c, lang, name, record)));
      }
      const manifest = {
        fundsim: fundsimVersion(),
        scenario: { file: loaded.file, id: loaded.scenario.meta.id, hash: loaded.hash },
        variant: loaded.variant ?? null,
        sets: [...loaded.sets],
        targets: c.targetsFile,
        seed: c.seed,
        runs: c.runs,
        threads: c.threads,
        evaluations: c.fit.evaluations,
        wallTimeSeconds: c.seconds,
      };
      await writeFile(join(tmp, CALIBRATION_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    },
    guard,
  );
}
