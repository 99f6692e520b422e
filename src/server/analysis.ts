/**
 * The planner's tools in the workbench: a sensitivity study, an optimisation of the split and
 * the full report (as `fundsim sensitivity`, `fundsim optimise` and `fundsim report` make
 * them), run as analyses that take seconds to a minute. POST /api/sensitivity, /api/optimise
 * or /api/report starts one and answers 202 with its id at once; GET /api/analyses/:id gives
 * its progress (evaluations or runs done of those planned) and, when done, its result in the
 * request's language; GET /api/analyses/:id/file downloads the report as a zip;
 * DELETE /api/analyses/:id cancels it (the computation stops at its next evaluation).
 *
 * At most MAX_ANALYSES run at once (a new one cancels the oldest); a finished analysis is
 * kept for KEEP_MS. The report is written into a temporary folder this server makes, zipped,
 * and the folder removed: nothing else is written.
 *
 * @example
 * const a = new Analyses();
 * const job = a.start("sensitivity", "en", async (progress) => ({ result: view(await study(progress)) }));
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { zipSync } from "fflate";
import { z } from "zod";
import { tornadoSpec, sobolSpec } from "../charts/sensitivity.js";
import { optimiseSharesSpec } from "../charts/optimise.js";
import { labelText } from "../messages/label.js";
import type { Lang } from "../messages/lang.js";
import { optimiseIssue } from "../messages/optimise.js";
import { populationIssue } from "../messages/population.js";
import { apiError } from "../messages/server.js";
import { sensitivityIssue } from "../messages/sensitivity.js";
import { optimiseAllocation } from "../pipeline/optimise.js";
import type { LoadedVariant } from "../pipeline/compare.js";
import { reportInputFor } from "../pipeline/report.js";
import { runSensitivity } from "../pipeline/sensitivity.js";
import { linesTable, optimiseText, verdictLines } from "../present/optimiseText.js";
import { studyParts, studyText } from "../present/sensitivityText.js";
import { writeReport } from "../report/write.js";
import type { LoadedScenario } from "../scenario/types.js";
import { OPTIMISE_OBJECTIVES } from "../optimise/types.js";
import { errorBody, fail, type ApiFailure, type IssueIn } from "./errors.js";
import { MAX_VARIANTS, scenarioFields, variantEntry } from "./requests.js";

/** Analyses running at once, at most (a new one cancels the oldest). */
export const MAX_ANALYSES = 2;
/** A finished analysis is kept this long. */
export const KEEP_MS = 10 * 60_000;
/** Runs per evaluated point (sensitivity, optimisation), at most. */
export const MAX_POINT_RUNS = 500;
/** Runs of a report, at most. */
export const MAX_REPORT_RUNS = 1000;

export type AnalysisKind = "sensitivity" | "optimise" | "report";
export type AnalysisStatus = "running" | "done" | "failed" | "cancelled";

/** What an analysis ends with: a JSON result, and for the report a file to download. */
export interface AnalysisOutcome {
  readonly result: Record<string, unknown>;
  readonly file?: { readonly name: string; readonly type: string; readonly bytes: Uint8Array };
}

export interface Analysis {
  readonly id: string;
  readonly kind: AnalysisKind;
  readonly lang: Lang;
  readonly started: number;
  status: AnalysisStatus;
  done: number;
  planned: number;
  finishedAt?: number;
  outcome?: AnalysisOutcome;
  error?: ApiFailure;
}

/** Thrown from a progress callback to stop a cancelled analysis. */
class Cancelled extends Error {}

/** A failure of the analysis itself (bad parameters, a population that cannot be built): ends it as failed with this. */
export class AnalysisFailure extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message.en);
  }
}

export class Analyses {
  private readonly all = new Map<string, Analysis>();
  constructor(private readonly log: (e: unknown) => void = (e) => process.stderr.write(`fundsim serve: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)) {}

  /**
   * Start `run` on the next turn. It reports progress through the function it is given, which
   * throws once the analysis is cancelled (so the computation stops at its next step).
   */
  start(kind: AnalysisKind, lang: Lang, run: (progress: (done: number, planned: number) => void) => Promise<AnalysisOutcome>): Analysis {
    this.sweep();
    const running = [...this.all.values()].filter((a) => a.status === "running").sort((a, b) => a.started - b.started);
    for (const old of running.slice(0, Math.max(0, running.length - MAX_ANALYSES + 1))) this.cancel(old.id);
    const a: Analysis = { id: randomUUID(), kind, lang, started: performance.now(), status: "running", done: 0, planned: 0 };
    this.all.set(a.id, a);
    const progress = (done: number, planned: number): void => {
      if (a.status !== "running") throw new Cancelled();
      a.done = done;
      a.planned = planned;
    };
    setImmediate(() => {
      run(progress).then(
        (outcome) => {
          if (a.status !== "running") return;
          a.status = "done";
          a.outcome = outcome;
          a.finishedAt = performance.now();
        },
        (e: unknown) => {
          if (a.status !== "running") return;
          a.finishedAt = performance.now();
          if (e instanceof AnalysisFailure) {
            a.status = "failed";
            a.error = e.failure;
          } else if (e instanceof Cancelled) a.status = "cancelled";
          else {
            this.log(e);
            a.status = "failed";
            a.error = { status: 500, code: "internal", message: apiError.internal() };
          }
        },
      );
    });
    return a;
  }

  get(id: string): Analysis | undefined {
    this.sweep();
    return this.all.get(id);
  }

  /** Cancel an analysis (a finished one stays as it ended). True when it exists. */
  cancel(id: string): boolean {
    const a = this.all.get(id);
    if (!a) return false;
    if (a.status === "running") {
      a.status = "cancelled";
      a.finishedAt = performance.now();
    }
    return true;
  }

  cancelAll(): void {
    for (const id of this.all.keys()) this.cancel(id);
  }

  private sweep(): void {
    const now = performance.now();
    for (const [id, a] of this.all) if (a.finishedAt !== undefined && now - a.finishedAt > KEEP_MS) this.all.delete(id);
  }
}

/** An analysis as GET /api/analyses/:id shows it. */
export function analysisView(a: Analysis) {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    done: a.done,
    planned: a.planned,
    elapsedMs: Math.round((a.finishedAt ?? performance.now()) - a.started),
    result: a.outcome?.result ?? null,
    file: a.outcome?.file ? { name: a.outcome.file.name, url: `/api/analyses/${a.id}/file` } : null,
    error: a.error ? errorBody(a.error, a.lang).error : null,
  };
}

// ── Requests ─────────────────────────────────────────────────────────────────────────

const seed = z.number().int().nonnegative().max(2 ** 32 - 1);
/** Fields of a sensitivity request beside the scenario's. */
export const sensitivityFields = {
  /** tornado (one at a time, 2k + 1 evaluations) or morris (screening, r(k + 1)); sobol is for the CLI. */
  method: z.enum(["tornado", "morris"]).optional(),
  /** Numbers to vary, as `path=low:high` (default: the scenario's uncertain parameters). */
  params: z.array(z.string().max(300)).max(20).optional(),
  metric: z.string().max(60).optional(),
  year: z.union([z.number().int(), z.literal("horizon")]).optional(),
  /** Runs per evaluation (default 50). */
  runs: z.number().int().positive().max(MAX_POINT_RUNS).optional(),
  seed: seed.optional(),
  /** Morris trajectories (default 10). */
  samples: z.number().int().min(2).max(20).optional(),
};
export const optimiseFields = {
  objective: z.enum(OPTIMISE_OBJECTIVES).optional(),
  /** Programme ids to move money between (default: every line with a modelled effect). */
  lines: z.array(z.string().max(64)).max(30).optional(),
  /** Runs per evaluated split (default 50). */
  runs: z.number().int().positive().max(MAX_POINT_RUNS).optional(),
  seed: seed.optional(),
  /** Splits the search evaluates (default 30 per line, at least 60). */
  maxEvaluations: z.number().int().min(10).max(400).optional(),
};
export const reportFields = {
  runs: z.number().int().positive().max(MAX_REPORT_RUNS).optional(),
  seed: seed.optional(),
  /** Add "What matters and what to change" (a sensitivity study and an optimisation) by this method. */
  whatMatters: z.enum(["tornado", "morris"]).optional(),
  /** Also the section "where the uncertainty comes from" (default true). */
  decompose: z.boolean().optional(),
};

export const sensitivityRequest = z.strictObject({ ...scenarioFields, ...sensitivityFields });
export const optimiseRequest = z.strictObject({ ...scenarioFields, ...optimiseFields });
export const reportRequest = z.strictObject({
  ...scenarioFields,
  ...reportFields,
  /** Variants compared with the scenario in the report (each the scenario with its own overlays, on the same runs). */
  variants: z.array(variantEntry).max(MAX_VARIANTS - 1).optional(),
});

const DEFAULT_POINT_RUNS = 50;
const DEFAULT_REPORT_RUNS = 200;

type Progress = (done: number, planned: number) => void;
const failAnalysis = (f: ApiFailure): never => {
  throw new AnalysisFailure(f);
};

/** A sensitivity study of `loaded`, as the page shows it: the CLI's table and text, and the chart. */
export async function sensitivityAnalysis(loaded: LoadedScenario, req: { method?: "tornado" | "morris" | undefined; params?: string[] | undefined; metric?: string | undefined; year?: number | "horizon" | undefined; runs?: number | undefined; seed?: number | undefined; samples?: number | undefined }, lang: Lang, progress: Progress): Promise<AnalysisOutcome> {
  const method = req.method ?? "tornado";
  const r = await runSensitivity(loaded, {
    method,
    ...(req.params && req.params.length > 0 ? { params: req.params } : {}),
    ...(req.metric !== undefined ? { metric: req.metric } : {}),
    ...(req.year !== undefined ? { year: req.year } : {}),
    runs: req.runs ?? DEFAULT_POINT_RUNS,
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
    ...(req.samples !== undefined ? { samples: req.samples } : {}),
    threads: 1,
    onProgress: progress,
  });
  if (!r.ok) {
    const issues: IssueIn[] =
      r.error.kind === "population" ? r.error.issues.map((i) => ({ path: "population", message: populationIssue(i) })) : r.error.issues.map((i) => ({ path: "params", message: sensitivityIssue(i, "params") }));
    return failAnalysis({ status: 422, code: "badAnalysis", message: apiError.badAnalysis(issues.length), issues });
  }
  const name = labelText(loaded.scenario.meta.name, lang);
  const parts = studyParts(r.value, { lang, name });
  const chart = method === "tornado" ? tornadoSpec(r.value, lang) : sobolSpec(r.value, lang);
  return {
    result: {
      method,
      runs: r.value.runs,
      seed: r.value.seed,
      evaluations: r.value.evaluations,
      seconds: r.value.seconds,
      output: r.value.output,
      heading: parts.heading,
      before: parts.before,
      columns: parts.columns,
      rows: parts.rows,
      note: parts.note,
      text: studyText(r.value, { lang, name }),
      chart: chart ?? null,
    },
  };
}

/** An optimisation of the split of `loaded`: the lines' money, the verdict, the chart, and the split as a variant and as allocations the page can keep. */
export async function optimiseAnalysis(loaded: LoadedScenario, req: { objective?: (typeof OPTIMISE_OBJECTIVES)[number] | undefined; lines?: string[] | undefined; runs?: number | undefined; seed?: number | undefined; maxEvaluations?: number | undefined }, lang: Lang, progress: Progress): Promise<AnalysisOutcome> {
  const r = await optimiseAllocation(loaded, {
    ...(req.objective !== undefined ? { objective: req.objective } : {}),
    ...(req.lines && req.lines.length > 0 ? { lines: req.lines } : {}),
    runs: req.runs ?? DEFAULT_POINT_RUNS,
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
    ...(req.maxEvaluations !== undefined ? { maxEvaluations: req.maxEvaluations } : {}),
    threads: 1,
    onProgress: (done, planned) => progress(done, planned),
  });
  if (!r.ok) {
    const issues: IssueIn[] =
      r.error.kind === "population" ? r.error.issues.map((i) => ({ path: "population", message: populationIssue(i) })) : r.error.issues.map((i) => ({ path: "lines", message: optimiseIssue(i) }));
    return failAnalysis({ status: 422, code: "badAnalysis", message: apiError.badAnalysis(issues.length), issues });
  }
  const x = r.value;
  const name = labelText(loaded.scenario.meta.name, lang);
  const label = (id: string): string => {
    const p = loaded.scenario.programmes.find((q) => q.id === id);
    return p ? labelText(p.label, lang) : id;
  };
  const t = linesTable(x, lang);
  // The optimised money per line and year, in yuan: what the page's allocation fields take.
  const byYear = (money: (l: (typeof x.lines)[number]) => readonly { toString(): string }[]) =>
    Object.fromEntries(x.lines.map((l) => [l.id, Object.fromEntries(x.years.map((y, k) => [String(y), Number((money(l)[k] ?? 0).toString())]))]));
  const allocations = byYear((l) => l.optimised);
  return {
    result: {
      objective: x.objective,
      runs: x.runs,
      seed: x.seed,
      seconds: x.seconds,
      evaluations: x.search.evaluations,
      columns: t.columns,
      rows: t.rows,
      verdict: verdictLines(x, lang),
      text: optimiseText(x, { lang, name, label }),
      chart: optimiseSharesSpec(x, lang),
      variant: x.variant,
      allocations,
      plan: byYear((l) => l.plan),
    },
  };
}

/** The full report of `loaded` (and `variants`, compared with it), zipped: report.html, report.xlsx, charts, manifest. */
export async function reportAnalysis(loaded: LoadedScenario, variants: readonly LoadedVariant[], req: { runs?: number | undefined; seed?: number | undefined; whatMatters?: "tornado" | "morris" | undefined; decompose?: boolean | undefined }, lang: Lang, progress: Progress): Promise<AnalysisOutcome> {
  const input = await reportInputFor(
    loaded,
    {
      lang,
      runs: req.runs ?? DEFAULT_REPORT_RUNS,
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
      threads: 1,
      decompose: req.decompose ?? true,
      ...(req.whatMatters !== undefined ? { whatMatters: req.whatMatters } : {}),
      onProgress: progress,
    },
    variants,
  );
  if (!input.ok) return failAnalysis({ status: 422, code: "population", message: apiError.population(), issues: [{ path: "population", message: input.error }] });
  const dir = await mkdtemp(join(tmpdir(), "fundsim-report-"));
  try {
    const written = await writeReport(join(dir, "report"), input.value);
    if (!written.ok) throw new Error(`report not written: ${JSON.stringify(written.error)}`);
    const root = join(dir, "report");
    const files: Record<string, Uint8Array> = {};
    const id = loaded.scenario.meta.id;
    for (const f of await listFiles(root)) files[`${id}-report/${relative(root, f).split("\\").join("/")}`] = new Uint8Array(await readFile(f));
    const bytes = zipSync(files, { level: 6 });
    return {
      result: { runs: req.runs ?? DEFAULT_REPORT_RUNS, files: Object.keys(files).length, bytes: bytes.length },
      file: { name: `${id}-report.zip`, type: "application/zip", bytes },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** Refuse an unknown analysis id. */
export const analysisOf = (all: Analyses, id: string): Analysis => all.get(id) ?? fail({ status: 404, code: "analysisNotFound", message: apiError.analysisNotFound(id) });
