/**
 * `fundsim sensitivity` composed: scenario numbers varied over ranges, each design point
 * simulated under common random numbers, one metric read per run, and a method of
 * `src/sensitivity/` (tornado, Morris, Sobol) applied to the outputs.
 *
 * 1. Parameters: `path=low:high` as `--set` addresses a field (list items by id); the
 *    field must hold one number, low < high, and the scenario must validate at both ends.
 *    With none given, every programme's allocation ±20% and each credit pool's pd, lgd ±50%.
 * 2. A design point is applied to the loaded scenario's raw data through the same overlay
 *    and validation as `--set` (the YAML is read once), then ledger → engine model →
 *    Monte-Carlo runs with the SAME seed and runs at every point; the population is built
 *    once and reused unless a varied path is under `population` (it is rebuilt then).
 * 3. The method's design is seeded from the scenario seed (stream purpose `sensitivity`).
 *
 * @example
 * const loaded = unwrap(await loadScenario("tests/fixtures/minimal.yaml"));
 * const r = await runSensitivity(loaded, { method: "tornado", params: ["creditPools.pool.pd=0.01:0.05"], runs: 20, threads: 1 });
 * if (r.ok) r.value.result; // { method: "tornado", tornado: { base, bars, … } }
 */
import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import { buildLedger } from "../ledger/build.js";
import { engineModelFromScenario } from "../engine/fromScenario.js";
import { simulateModel } from "../engine/simulate.js";
import type { PopulationIssue } from "../population/cohorts.js";
import { buildPopulation, populationSpec } from "../population/synthetic.js";
import type { RunResults } from "../model/results.js";
import type { Households } from "../model/households.js";
import { CORE_METRICS, programmeColumns } from "../model/results.js";
import { PURPOSE, nextUniform, seedStream } from "../random/rng.js";
import { horizonColumn, yearColumn } from "../results/columns.js";
import { fundsimVersion } from "../results/manifest.js";
import { scenarioFromObject } from "../scenario/load.js";
import { parsePath } from "../scenario/overlays.js";
import type { LoadedScenario } from "../scenario/types.js";
import type { Issue } from "../scenario/issues.js";
import type { SensitivitySetupIssue } from "../messages/sensitivity.js";
import { morrisDesign, morrisIndices, DEFAULT_LEVELS, type MorrisDesign } from "../sensitivity/morris.js";
import { sobolDesign, sobolIndices, type SobolDesign } from "../sensitivity/saltelli.js";
import { SOBOL_MAX_DIMENSION } from "../sensitivity/sobolSequence.js";
import { tornado, type TornadoEvaluation } from "../sensitivity/tornado.js";
import type { SensitivityIssue, SensitivityResult } from "../sensitivity/issues.js";
import type { Study, StudyInput, StudyMethod, StudyResult } from "../sensitivity/study.js";
import { csvText } from "../io/csv.js";
import { writeOutputDir, type OutputGuard, type OutputProblem } from "../io/outputs.js";
import { err, ok, type Result } from "../util/result.js";
import { sensitivityCharts } from "../charts/sensitivity.js";
import { chartFiles } from "../render/formats.js";

export type { Study, StudyInput, StudyMethod, StudyResult } from "../sensitivity/study.js";
export { STUDY_METHODS, isStudyMethod } from "../sensitivity/study.js";

/** Default metric: people of initially poor households out of poverty at year end. */
export const DEFAULT_METRIC = "exitedPeople";
/** Default Morris trajectories and Sobol base rows. */
export const DEFAULT_SAMPLES: Readonly<Record<"morris" | "sobol", number>> = { morris: 10, sobol: 64 };
export const MAX_SAMPLES: Readonly<Record<"morris" | "sobol", number>> = { morris: 1000, sobol: 65536 };
/** Default ranges when no --param is given: allocations ±20%, credit pools' pd and lgd ±50%. */
export const DEFAULT_SPREAD = { allocation: 0.2, credit: 0.5 } as const;
/** Metric names listed when one is unknown, at most. */
const LIST_METRICS = 30;
/** Top-level sections a study never varies: the horizon, runs and seed are the study's own. */
const FIXED_SECTIONS = new Set(["fundsim", "meta", "simulation", "variants"]);
/** Sections whose change needs a new population. */
const POPULATION_SECTIONS = new Set(["population"]);

export const SENSITIVITY_CSV = "sensitivity.csv";
export const SENSITIVITY_JSON = "sensitivity.json";
export const SENSITIVITY_MANIFEST = "manifest.json";

/** A parameter to vary, as given: path and range. */
export interface ParamSpec {
  readonly path: string;
  readonly low: number;
  readonly high: number;
}

/** Why a study did not run: its inputs, or the population. */
export type SensitivityFailure =
  | { readonly kind: "setup"; readonly issues: readonly SensitivitySetupIssue[] }
  | { readonly kind: "population"; readonly issues: readonly PopulationIssue[] };

const setup = (...issues: SensitivitySetupIssue[]): Result<never, SensitivityFailure> => err({ kind: "setup", issues });

/** Parse `path=low:high`. */
export function parseParamArg(arg: string): Result<ParamSpec, SensitivitySetupIssue> {
  const eq = arg.indexOf("=");
  const colon = arg.indexOf(":", eq + 1);
  if (eq <= 0 || colon < 0) return err({ code: "paramSyntax", arg });
  const path = arg.slice(0, eq).trim();
  const lowText = arg.slice(eq + 1, colon).trim();
  const highText = arg.slice(colon + 1).trim();
  const low = lowText === "" ? Number.NaN : Number(lowText);
  const high = highText === "" ? Number.NaN : Number(highText);
  return ok({ path, low, high });
}

/** The raw value at a `--set` path (list items by id or index). */
function rawAt(raw: unknown, pathText: string): Result<unknown, SensitivitySetupIssue> {
  let node = raw;
  const seen: string[] = [];
  for (const seg of parsePath(pathText)) {
    let next: unknown;
    if (Array.isArray(node)) {
      const idx = typeof seg === "number" ? seg : node.findIndex((it) => it !== null && typeof it === "object" && (it as { id?: unknown }).id === seg);
      next = idx >= 0 ? node[idx] : undefined;
    } else if (node !== null && typeof node === "object" && Object.hasOwn(node, String(seg))) {
      next = (node as Record<string, unknown>)[String(seg)];
    }
    if (next === undefined) return err({ code: "paramPath", path: pathText, at: seen.join("."), missing: String(seg) });
    seen.push(String(seg));
    node = next;
  }
  return ok(node);
}

/**
 * The number a path stands for, and the path of that number: the field itself, its
 * `value` (a field with a source or an assumption), the one year of a dated series, or —
 * for a field that names an entry of `values:` — that entry.
 */
function numberLeaf(raw: unknown, pathText: string, depth = 0): Result<{ field: string; value: number }, SensitivitySetupIssue> {
  const at = rawAt(raw, pathText);
  if (!at.ok) return at;
  const v = at.value;
  if (typeof v === "number") return ok({ field: pathText, value: v });
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (Object.hasOwn(o, "value")) return numberLeaf(raw, `${pathText}.value`, depth);
    const years = Object.keys(o).filter((key) => /^\d{4}$/.test(key));
    if (years.length === 1 && Object.keys(o).length === 1) return numberLeaf(raw, `${pathText}.${years[0]}`, depth);
  }
  const values = (raw as { values?: unknown } | null)?.values;
  if (typeof v === "string" && depth < 4 && values !== null && typeof values === "object" && Object.hasOwn(values, v.trim())) {
    return numberLeaf(raw, `values.${v.trim()}`, depth + 1);
  }
  return err({ code: "paramNotNumber", path: pathText, found: describeRaw(v) });
}

const describeRaw = (x: unknown): string =>
  typeof x === "string" ? JSON.stringify(x) : Array.isArray(x) ? "a list" : x !== null && typeof x === "object" ? JSON.stringify(x) : String(x);

/** The parameters varied when none is given (programme allocations, credit pools' pd and lgd). */
export function defaultParams(raw: unknown): ParamSpec[] {
  const out: ParamSpec[] = [];
  const items = (key: string): { id?: unknown; [k: string]: unknown }[] => {
    const list = (raw as Record<string, unknown> | null)?.[key];
    return Array.isArray(list) ? (list as { id?: unknown }[]).filter((x) => x !== null && typeof x === "object") : [];
  };
  const add = (path: string, present: unknown, spread: number, max = Infinity): void => {
    if (present === undefined) return;
    const leaf = numberLeaf(raw, path);
    if (!leaf.ok || !(leaf.value.value > 0)) return;
    const v = leaf.value.value;
    out.push({ path, low: v * (1 - spread), high: Math.min(max, v * (1 + spread)) });
  };
  for (const p of items("programmes")) if (typeof p.id === "string") add(`programmes.${p.id}.allocation`, p["allocation"], DEFAULT_SPREAD.allocation);
  for (const c of items("creditPools")) {
    if (typeof c.id !== "string") continue;
    add(`creditPools.${c.id}.pd`, c["pd"], DEFAULT_SPREAD.credit, 1);
    add(`creditPools.${c.id}.lgd`, c["lgd"], DEFAULT_SPREAD.credit, 1);
  }
  return out;
}

/** The scenario with `values` set at `paths`, validated as `--set` is (variants not re-checked). */
function overlaid(loaded: LoadedScenario, paths: readonly string[], values: ArrayLike<number>): Result<LoadedScenario, Issue[]> {
  const sets = paths.map((p, i) => `${p}=${String(values[i])}`);
  return scenarioFromObject(loaded.raw, { sets, skipVariants: true });
}

/** Check the parameters against the scenario: the located problems, or the inputs with their base values. */
export function checkParams(loaded: LoadedScenario, specs: readonly ParamSpec[], isDefault: boolean): Result<StudyInput[], SensitivitySetupIssue[]> {
  const issues: SensitivitySetupIssue[] = [];
  const inputs: StudyInput[] = [];
  const seen = new Set<string>();
  const seenFields = new Set<string>();
  for (const { path, low, high } of specs) {
    const first = String(parsePath(path)[0] ?? "");
    if (FIXED_SECTIONS.has(first)) {
      issues.push({ code: "paramFixed", path });
      continue;
    }
    const canonical = parsePath(path).join(".");
    if (seen.has(canonical)) {
      issues.push({ code: "paramDuplicate", path });
      continue;
    }
    seen.add(canonical);
    const leaf = numberLeaf(loaded.raw, path);
    if (!leaf.ok) {
      issues.push(leaf.error);
      continue;
    }
    const { field, value: base } = leaf.value;
    if (seenFields.has(field)) {
      issues.push({ code: "paramDuplicate", path });
      continue;
    }
    seenFields.add(field);
    if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
      issues.push({ code: "paramRange", path, low, high });
      continue;
    }
    let valid = true;
    for (const [side, value] of [["low", low], ["high", high]] as const) {
      const r = overlaid(loaded, [field], [value]);
      if (!r.ok) {
        issues.push({ code: "paramInvalid", path, side, value, issues: r.error });
        valid = false;
        break;
      }
    }
    if (valid) inputs.push({ name: path, field, low, high, base, isDefault });
  }
  return issues.length > 0 ? err(issues) : ok(inputs);
}

/** The metric names of the scenario's run results: core metrics, then per-programme columns. */
export function metricNames(loaded: LoadedScenario): string[] {
  return [...CORE_METRICS, ...programmeColumns(loaded.scenario.programmes.map((p) => p.id))];
}

/** Check `--metric` and `--year` (a horizon year, or "horizon"). */
export function checkOutput(loaded: LoadedScenario, metric: string, year: string | number | undefined): Result<{ metric: string; year: number | "horizon" }, SensitivitySetupIssue[]> {
  const issues: SensitivitySetupIssue[] = [];
  const names = metricNames(loaded);
  if (!names.includes(metric)) issues.push({ code: "unknownMetric", metric, valid: names.slice(0, LIST_METRICS), total: names.length });
  const years = loaded.years;
  const first = years[0] ?? 0;
  const last = years[years.length - 1] ?? 0;
  let y: number | "horizon" = last;
  if (year !== undefined) {
    const text = String(year).trim();
    if (text === "horizon") y = "horizon";
    else if (/^\d{4}$/.test(text) && years.includes(Number(text))) y = Number(text);
    else issues.push({ code: "yearOutsideHorizon", found: text, first, last });
  }
  return issues.length > 0 ? err(issues) : ok({ metric, year: y });
}

export interface EvaluatorOptions {
  readonly metric: string;
  readonly year: number | "horizon";
  readonly runs: number;
  readonly seed: number;
  /** Worker threads per evaluation (default 1: evaluations are short, workers cost ~0.1 s to start). */
  readonly threads?: number;
}

/** Simulates design points under common random numbers. */
export interface PointEvaluator {
  /** Whether the population is rebuilt at every point (a varied path is under `population`). */
  readonly rebuildsPopulation: boolean;
  /** Evaluations so far. */
  readonly count: () => number;
  /** The metric of every run (length `runs`) at the point `values` (one per path). */
  readonly evaluate: (values: ArrayLike<number>) => Promise<Result<Float64Array, SensitivityFailure>>;
}

/** Simulates the run results of points under common random numbers. */
export interface PointSimulator {
  /** Whether the population is rebuilt at every point (a varied path is under `population`). */
  readonly rebuildsPopulation: boolean;
  /** Simulations so far. */
  readonly count: () => number;
  /** The run results at the point `values` (one per path). */
  readonly simulate: (values: ArrayLike<number>) => Promise<Result<RunResults, SensitivityFailure>>;
}

/**
 * A simulator of points: every point with the same seed and runs (run r of every point sees
 * the same shocks). The population is the seed's, built once and reused (rebuilt where a
 * varied path is under `population`), or with `redraw` the population of each run, as
 * `simulate` draws it — the same at every point where the cohorts do not change.
 */
export function pointSimulator(loaded: LoadedScenario, paths: readonly string[], o: Omit<EvaluatorOptions, "metric" | "year"> & { readonly redraw?: boolean }): PointSimulator {
  const rebuildsPopulation = paths.some((p) => POPULATION_SECTIONS.has(String(parsePath(p)[0] ?? "")));
  let shared: Households | undefined;
  let count = 0;
  const simulate = async (values: ArrayLike<number>): Promise<Result<RunResults, SensitivityFailure>> => {
    const at = overlaid(loaded, paths, values);
    if (!at.ok) {
      return setup({ code: "pointInvalid", values: paths.map((path, i) => ({ path, value: values[i] as number })), issues: at.error });
    }
    const s = at.value.scenario;
    let households = rebuildsPopulation ? undefined : shared;
    if (!households) {
      const pop = buildPopulation(s, { seed: o.seed });
      if (!pop.ok) return err({ kind: "population", issues: pop.error });
      households = pop.value;
      if (!rebuildsPopulation) shared = households;
    }
    const ledger = buildLedger(s);
    const model = engineModelFromScenario(s, ledger, households);
    const res = await simulateModel(model, households, { runs: o.runs, firstRun: 0, seed: o.seed, threads: o.threads ?? 1, ...(o.redraw ? { redraw: populationSpec(s) } : {}) });
    count++;
    return ok(res);
  };
  return { rebuildsPopulation, count: () => count, simulate };
}

/**
 * An evaluator of design points: every point with the same seed and runs (run r of
 * every point sees the same shocks), the metric read per run.
 */
export function pointEvaluator(loaded: LoadedScenario, paths: readonly string[], o: EvaluatorOptions): PointEvaluator {
  const sim = pointSimulator(loaded, paths, o);
  const evaluate = async (values: ArrayLike<number>): Promise<Result<Float64Array, SensitivityFailure>> => {
    const r = await sim.simulate(values);
    if (!r.ok) return r;
    const res = r.value;
    // The horizon value is the one the summaries use (results/columns.ts horizonColumn).
    const column = o.year === "horizon" ? horizonColumn(res, o.metric) : yearColumn(res, o.metric, res.years.indexOf(o.year));
    if (column === undefined) throw new Error(`sensitivity: ${o.metric} in ${o.year} missing from the run results`);
    return ok(Float64Array.from(column));
  };
  return { rebuildsPopulation: sim.rebuildsPopulation, count: sim.count, evaluate };
}

export interface SensitivityOptions {
  readonly method: StudyMethod;
  /** `path=low:high` arguments; none: the defaults of {@link defaultParams}. */
  readonly params?: readonly string[];
  /** Default {@link DEFAULT_METRIC}. */
  readonly metric?: string;
  /** A horizon year or "horizon"; default the last year. */
  readonly year?: string | number;
  /** Default: the scenario's `simulation.runs`. */
  readonly runs?: number;
  /** Default: the scenario's `simulation.seed`. */
  readonly seed?: number;
  readonly threads?: number;
  /** Morris trajectories (default 10) or Sobol base rows (default 64, a power of two). */
  readonly samples?: number;
  /** Called once an evaluation is timed (the second; the first warms up): evaluations planned, seconds per evaluation. */
  readonly onPlan?: (evaluations: number, secondsEach: number) => void;
  readonly onProgress?: (done: number, planned: number) => void;
  /**
   * Morris and Sobol: the mean metric of every row of the design, computed elsewhere
   * ({@link sensitivityDesignShard} on several machines, joined by {@link mergeDesignShards}),
   * used instead of evaluating the rows here.
   */
  readonly rowOutputs?: Float64Array;
}

/** A finished study and how it was computed. */
export interface SensitivityRun extends Study {
  readonly method: StudyMethod;
  readonly rebuiltPopulation: boolean;
}

/** A uniform source on (0, 1) from the addressed stream (seed, purpose `sensitivity`, index). */
function designRandom(seed: number, index: number): () => number {
  const state = new Int32Array(4);
  seedStream(state, seed, 0, PURPOSE.sensitivity, index);
  return () => nextUniform(state);
}
/** Stream indices: one per method's design, one per method's bootstrap. */
const STREAM = { morris: 1, sobol: 2, sobolBootstrap: 3 } as const;

const libraryIssue = (e: SensitivityIssue, metric: string): SensitivitySetupIssue =>
  e.code === "zeroVariance" ? { code: "metricConstant", metric } : e.code === "tooFewRuns" ? { code: "tooFewRuns", found: e.found, min: e.min } : { code: "analysisFailed", detail: e.code };

function meanOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s / a.length;
}

/**
 * Run a sensitivity study on a loaded scenario. Errors: the inputs (located, all of them),
 * or the population.
 */
/** What a study varies and measures, checked (every problem at once). */
interface StudySetup {
  readonly inputs: StudyInput[];
  readonly metric: string;
  readonly year: number | "horizon";
  readonly samples: number;
  readonly seed: number;
  readonly runs: number;
}

function studySetup(loaded: LoadedScenario, o: SensitivityOptions): Result<StudySetup, SensitivityFailure> {
  const s = loaded.scenario;
  const seed = o.seed ?? s.simulation.seed;
  const runs = o.runs ?? s.simulation.runs;
  const method = o.method;
  // 1. What is varied and what is measured: every problem at once.
  const issues: SensitivitySetupIssue[] = [];
  const given = o.params ?? [];
  const specs: ParamSpec[] = [];
  for (const a of given) {
    const p = parseParamArg(a);
    if (p.ok) specs.push(p.value);
    else issues.push(p.error);
  }
  const isDefault = given.length === 0;
  if (isDefault) specs.push(...defaultParams(loaded.raw));
  if (isDefault && specs.length === 0) issues.push({ code: "noDefaultParams" });
  const checked = checkParams(loaded, specs, isDefault);
  if (!checked.ok) issues.push(...checked.error);
  const output = checkOutput(loaded, o.metric ?? DEFAULT_METRIC, o.year);
  if (!output.ok) issues.push(...output.error);
  const maxK = method === "sobol" ? Math.floor(SOBOL_MAX_DIMENSION / 2) : 512;
  if (checked.ok && checked.value.length > maxK) issues.push({ code: "tooManyParams", found: checked.value.length, max: maxK });
  let samples = 0;
  if (method !== "tornado") {
    samples = o.samples ?? DEFAULT_SAMPLES[method];
    const min = 2;
    const max = MAX_SAMPLES[method];
    const okSize = Number.isInteger(samples) && samples >= min && samples <= max && (method === "morris" || (samples & (samples - 1)) === 0);
    if (!okSize) issues.push({ code: "samplesInvalid", method, found: String(samples), min, max });
  }
  if (runs < 2 && method === "tornado") issues.push({ code: "tooFewRuns", found: runs, min: 2 });
  if (issues.length > 0 || !checked.ok || !output.ok) return setup(...issues);
  const inputs = checked.value;
  const { metric, year } = output.value;
  return ok({ inputs, metric, year, samples, seed, runs });
}

export async function runSensitivity(loaded: LoadedScenario, o: SensitivityOptions): Promise<Result<SensitivityRun, SensitivityFailure>> {
  const started = performance.now();
  const method = o.method;
  const plan = studySetup(loaded, o);
  if (!plan.ok) return plan;
  const { inputs, metric, year, samples, seed, runs } = plan.value;
  const k = inputs.length;

  // 2. The evaluator: common random numbers at every point.
  const ev = pointEvaluator(loaded, inputs.map((i) => i.field ?? i.name), { metric, year, runs, seed, ...(o.threads !== undefined ? { threads: o.threads } : {}) });
  let planned = 0;
  const timed = async (values: ArrayLike<number>): Promise<Result<Float64Array, SensitivityFailure>> => {
    const t0 = performance.now();
    const r = await ev.evaluate(values);
    // The first evaluation warms the kernel up; the second one times an evaluation.
    if (ev.count() === Math.min(2, planned)) o.onPlan?.(planned, (performance.now() - t0) / 1000);
    o.onProgress?.(ev.count(), planned);
    return r;
  };

  // 3. The method.
  let result: StudyResult;
  // The mean metric over runs at every row of a design (Morris, Sobol).
  let given = 0;
  const designOutputs = async (points: Float64Array, rows: number): Promise<Result<Float64Array, SensitivityFailure>> => {
    if (o.rowOutputs) {
      if (o.rowOutputs.length !== rows) throw new RangeError(`rowOutputs has ${o.rowOutputs.length} values, the ${method} design has ${rows} rows`);
      given = rows;
      return ok(Float64Array.from(o.rowOutputs));
    }
    const outputs = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      const e = await timed(toRange(points, row, inputs));
      if (!e.ok) return e;
      outputs[row] = meanOf(e.value);
    }
    return ok(outputs);
  };
  switch (method) {
    case "tornado": {
      planned = 2 * k + 1;
      const base = inputs.map((i) => i.base);
      const baseEval = await timed(base);
      if (!baseEval.ok) return baseEval;
      const at: { low: Float64Array; high: Float64Array }[] = [];
      for (let i = 0; i < k; i++) {
        const sides: Float64Array[] = [];
        for (const side of ["low", "high"] as const) {
          const x = [...base];
          x[i] = (inputs[i] as StudyInput)[side];
          const e = await timed(x);
          if (!e.ok) return e;
          sides.push(e.value);
        }
        at.push({ low: sides[0] as Float64Array, high: sides[1] as Float64Array });
      }
      const t = tornado(base, inputs.map(({ low, high }) => ({ low, high })), (_x, p): TornadoEvaluation =>
        p.side === "base" ? baseEval.value : (at[p.input] as { low: Float64Array; high: Float64Array })[p.side],
      );
      if (!t.ok) return setup(libraryIssue(t.error, metric));
      result = { method, tornado: t.value };
      break;
    }
    case "morris": {
      const d = designOf("morris", k, samples, seed);
      if (!d.ok) return setup(libraryIssue(d.error, metric));
      const design = d.value;
      planned = design.rows;
      const outputs = await designOutputs(design.points, design.rows);
      if (!outputs.ok) return outputs;
      const m = morrisIndices(design, outputs.value);
      if (!m.ok) return setup(libraryIssue(m.error, metric));
      const muStarSe = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        const ee = m.value.effects.subarray(i * samples, (i + 1) * samples);
        const mean = m.value.muStar[i] as number;
        let ss = 0;
        for (const e of ee) ss += (Math.abs(e) - mean) ** 2;
        muStarSe[i] = Math.sqrt(ss / (samples - 1)) / Math.sqrt(samples);
      }
      result = { method, trajectories: samples, levels: design.levels, indices: m.value, muStarSe };
      break;
    }
    case "sobol": {
      const d = designOf("sobol", k, samples, seed);
      if (!d.ok) return setup(libraryIssue(d.error, metric));
      const design = d.value;
      planned = design.rows;
      const outputs = await designOutputs(design.points, design.rows);
      if (!outputs.ok) return outputs;
      const idx = sobolIndices(design, outputs.value, { random: designRandom(seed, STREAM.sobolBootstrap) });
      if (!idx.ok) return setup(libraryIssue(idx.error, metric));
      result = { method, samples, indices: idx.value };
      break;
    }
    default:
      return method satisfies never;
  }
  return ok({
    method,
    inputs,
    output: { metric, year },
    runs,
    seed,
    evaluations: ev.count() + given,
    seconds: (performance.now() - started) / 1000,
    rebuiltPopulation: ev.rebuildsPopulation,
    result,
  });
}

/** The Morris or Sobol design of a study: a pure function of the method, inputs, samples and seed. */
function designOf(method: "morris", k: number, samples: number, seed: number): SensitivityResult<MorrisDesign>;
function designOf(method: "sobol", k: number, samples: number, seed: number): SensitivityResult<SobolDesign>;
function designOf(method: "morris" | "sobol", k: number, samples: number, seed: number): SensitivityResult<MorrisDesign | SobolDesign> {
  return method === "morris" ? morrisDesign(k, samples, { random: designRandom(seed, STREAM.morris), levels: DEFAULT_LEVELS }) : sobolDesign(k, samples, { random: designRandom(seed, STREAM.sobol) });
}

/**
 * Rows [first, end) of a Morris or Sobol study's design, evaluated: the mean metric of each
 * row. Every row is simulated on the same seed and runs (common random numbers), so rows
 * computed on any machine equal those of the single-machine study bit for bit.
 */
export interface DesignShard {
  readonly method: "morris" | "sobol";
  /** What the study is, the same in every shard of one study. */
  readonly study: { readonly scenarioHash: string; readonly paths: readonly string[]; readonly metric: string; readonly year: number | "horizon"; readonly samples: number; readonly seed: number; readonly runs: number; readonly rows: number };
  readonly first: number;
  readonly outputs: Float64Array;
}

export type DesignMergeProblem =
  | { readonly code: "noShards" }
  | { readonly code: "differentStudy"; readonly field: string }
  | { readonly code: "conflict"; readonly row: number }
  | { readonly code: "missingRows"; readonly rows: number; readonly first: readonly number[] };

/**
 * Evaluate shard `index` of `of` of a Morris or Sobol study's design rows (a library step
 * for running a study on several machines; the rows tile the design like shardRange tiles runs).
 *
 * @example
 * const parts = await Promise.all([0, 1].map((i) => sensitivityDesignShard(loaded, { method: "morris", samples: 4, runs: 10, index: i, of: 2 })));
 * const outputs = unwrap(mergeDesignShards(parts.map(unwrap)));
 * const study = await runSensitivity(loaded, { method: "morris", samples: 4, runs: 10, rowOutputs: outputs });
 */
export async function sensitivityDesignShard(
  loaded: LoadedScenario,
  o: SensitivityOptions & { readonly method: "morris" | "sobol"; readonly index: number; readonly of: number },
): Promise<Result<DesignShard, SensitivityFailure>> {
  const plan = studySetup(loaded, o);
  if (!plan.ok) return plan;
  const { inputs, metric, year, samples, seed, runs } = plan.value;
  const paths = inputs.map((i) => i.field ?? i.name);
  const d = o.method === "morris" ? designOf("morris", inputs.length, samples, seed) : designOf("sobol", inputs.length, samples, seed);
  if (!d.ok) return setup(libraryIssue(d.error, metric));
  const { points, rows } = d.value;
  if (!(Number.isSafeInteger(o.of) && o.of >= 1 && Number.isSafeInteger(o.index) && o.index >= 0 && o.index < o.of)) throw new RangeError(`shard ${o.index} of ${o.of}: expected 0 ≤ index < of`);
  const first = Math.floor((o.index * rows) / o.of);
  const end = Math.floor(((o.index + 1) * rows) / o.of);
  const ev = pointEvaluator(loaded, paths, { metric, year, runs, seed, ...(o.threads !== undefined ? { threads: o.threads } : {}) });
  const outputs = new Float64Array(end - first);
  for (let row = first; row < end; row++) {
    const e = await ev.evaluate(toRange(points, row, inputs));
    if (!e.ok) return e;
    outputs[row - first] = meanOf(e.value);
    o.onProgress?.(row - first + 1, end - first);
  }
  return ok({ method: o.method, study: { scenarioHash: loaded.hash, paths, metric, year, samples, seed, runs, rows }, first, outputs });
}

/** Join design shards (any order; a repeated row must be identical) into every row's output, for `rowOutputs`. */
export function mergeDesignShards(shards: readonly DesignShard[]): Result<Float64Array, DesignMergeProblem> {
  const head = shards[0];
  if (!head) return err({ code: "noShards" });
  const key = (x: DesignShard): Record<string, string> => ({ method: x.method, ...Object.fromEntries(Object.entries(x.study).map(([k, v]) => [k, JSON.stringify(v)])) });
  const want = key(head);
  for (const sh of shards) {
    const got = key(sh);
    const field = Object.keys(want).find((f) => got[f] !== want[f]);
    if (field !== undefined) return err({ code: "differentStudy", field });
  }
  const rows = head.study.rows;
  const out = new Float64Array(rows);
  const seen = new Uint8Array(rows);
  for (const sh of shards) {
    for (let i = 0; i < sh.outputs.length; i++) {
      const row = sh.first + i;
      if (row >= rows) return err({ code: "differentStudy", field: "rows" });
      const v = sh.outputs[i] as number;
      if (seen[row] && !Object.is(out[row], v)) return err({ code: "conflict", row });
      out[row] = v;
      seen[row] = 1;
    }
  }
  const missing: number[] = [];
  seen.forEach((x, row) => {
    if (!x) missing.push(row);
  });
  return missing.length > 0 ? err({ code: "missingRows", rows: missing.length, first: missing.slice(0, 10) }) : ok(out);
}

/** Row `row` of unit-cube points mapped onto the inputs' ranges. */
function toRange(points: Float64Array, row: number, inputs: readonly StudyInput[]): number[] {
  const k = inputs.length;
  return inputs.map((inp, i) => inp.low + (points[row * k + i] as number) * (inp.high - inp.low));
}

/** The CSV rows of a study: one per parameter. */
export function studyCsv(study: SensitivityRun): string {
  const head = ["parameter", "field", "low", "high", "base", "default_range"];
  const r = study.result;
  switch (r.method) {
    case "tornado":
      return csvText(
        [...head, "effect_low", "se_low", "effect_high", "se_high", "swing", "se_swing"],
        r.tornado.bars.map((b) => {
          const inp = study.inputs[b.input] as StudyInput;
          return [inp.name, inp.field ?? inp.name, inp.low, inp.high, inp.base, inp.isDefault ? 1 : 0, b.lowEffect, b.lowSe, b.highEffect, b.highSe, b.swing, b.swingSe];
        }),
      );
    case "morris":
      return csvText(
        [...head, "mu_star", "se_mu_star", "mu", "sigma"],
        study.inputs.map((inp, i) => [inp.name, inp.field ?? inp.name, inp.low, inp.high, inp.base, inp.isDefault ? 1 : 0, r.indices.muStar[i], r.muStarSe[i], r.indices.mu[i], r.indices.sigma[i]]),
      );
    case "sobol":
      return csvText(
        [...head, "s_first", "s_first_lo", "s_first_hi", "s_total", "s_total_lo", "s_total_hi"],
        study.inputs.map((inp, i) => [
          inp.name,
          inp.field ?? inp.name,
          inp.low,
          inp.high,
          inp.base,
          inp.isDefault ? 1 : 0,
          r.indices.first[i],
          r.indices.firstCi[i]?.[0],
          r.indices.firstCi[i]?.[1],
          r.indices.total[i],
          r.indices.totalCi[i]?.[0],
          r.indices.totalCi[i]?.[1],
        ]),
      );
    default:
      return r satisfies never;
  }
}

/** The study as JSON data (typed arrays as lists). */
export function studyJson(study: SensitivityRun): unknown {
  return JSON.parse(JSON.stringify(study, (_k, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float64Array) : v)));
}

/**
 * Write a study into `dir`: sensitivity.csv, sensitivity.json, manifest.json and, with
 * `charts`, its charts (tornado or Sobol) as Vega-Lite JSON, SVG and PNG, through the
 * output-folder rules (kind `sensitivity`).
 */
export async function writeSensitivity(
  dir: string,
  loaded: LoadedScenario,
  study: SensitivityRun,
  lang: "en" | "zh",
  guard: OutputGuard = {},
  charts = true,
): Promise<Result<readonly string[], OutputProblem>> {
  return writeOutputDir(dir, "sensitivity", async (tmp) => {
    await writeFile(join(tmp, SENSITIVITY_CSV), studyCsv(study));
    await writeFile(join(tmp, SENSITIVITY_JSON), `${JSON.stringify(studyJson(study), null, 2)}\n`);
    if (charts) {
      for (const c of sensitivityCharts(study, lang)) {
        for (const f of await chartFiles(c.name, c.spec)) await writeFile(join(tmp, f.file), f.data);
      }
    }
    const manifest = {
      fundsim: fundsimVersion(),
      scenario: { file: loaded.file, id: loaded.scenario.meta.id, hash: loaded.hash },
      variant: loaded.variant ?? null,
      sets: [...loaded.sets],
      method: study.method,
      metric: study.output.metric,
      year: study.output.year,
      seed: study.seed,
      runs: study.runs,
      evaluations: study.evaluations,
      params: study.inputs.map((i) => ({ path: i.name, field: i.field ?? i.name, low: i.low, high: i.high, base: i.base, default: i.isDefault })),
      wallTimeSeconds: study.seconds,
    };
    await writeFile(join(tmp, SENSITIVITY_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  }, guard);
}
