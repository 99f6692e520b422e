/**
 * The workbench's HTTP app (Hono): the JSON API under /api (described by /api/openapi.json,
 * server/openapi.ts) and the page at /. Every scenario request is loaded and validated as
 * the CLI loads a file; every error is JSON `{error: {code, message, issues}}` in the
 * request's language (`lang` in the body or query, else Accept-Language); nothing is
 * written to disk except a temporary copy of an uploaded workbook, removed at once.
 *
 * @example
 * const { app } = createApp();
 * const res = await app.request("/api/ledger", { method: "POST", body: JSON.stringify({ scenarioId: "linghai-2017" }) });
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { extname, join } from "node:path";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { loadVariantFile, MAX_WORKBOOK_BYTES } from "../pipeline/load.js";
import { fundsimVersion, ledgerFor } from "../pipeline/ledger.js";
import { pairedAgainst, PopulationCache, simulateInStages, type StageEstimate } from "../pipeline/progressive.js";
import type { WorkerPool } from "../engine/pool.js";
import type { LoadedScenario } from "../scenario/types.js";
import { allocationTemplate, ledgerWorkbook } from "../render/workbook.js";
import type { Lang } from "../messages/lang.js";
import { populationIssue } from "../messages/population.js";
import { apiError, serveNoBundle } from "../messages/server.js";
import { ApiError, errorBody, fail, type ApiFailure } from "./errors.js";
import { isFinal, Jobs, type JobEvent } from "./jobs.js";
import { Analyses, analysisOf, analysisView, optimiseAnalysis, optimiseRequest, reportAnalysis, reportRequest, sensitivityAnalysis, sensitivityRequest } from "./analysis.js";
import { requestLang } from "./lang.js";
import { openApiDocument } from "./openapi.js";
import {
  checkRuns,
  compareRequest,
  DEFAULT_STAGES,
  editedVariant,
  EDITED_VARIANT_ID,
  jobRequest,
  loadRequest,
  loadVariants,
  MAX_BODY_BYTES,
  parseBody,
  requestDocument,
  REQUEST_TIMEOUT_MS,
  scenarioRequest,
  simulateRequest,
  variantYamlText,
  xlsxRequest,
  type ScenarioRequest,
} from "./requests.js";
import { packageRoot, Shipped } from "./scenarios.js";
import { comparisonView, ledgerView, runsCsvText, simulationView } from "./views.js";

export interface AppOptions {
  /** The shipped scenarios (default: the package's scenarios/ folder). */
  readonly shipped?: Shipped;
  /** The built page (default: the package's dist/web). */
  readonly webDir?: string;
  /** Synchronous simulate/compare requests stop after this long (default REQUEST_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /**
   * Host names the server answers to (any port); others get 403. A server on 127.0.0.1 answers
   * only to loopback names, so a web page elsewhere cannot reach it by rebinding its own domain
   * name to 127.0.0.1. Default: any (in-process use).
   */
  readonly allowedHosts?: readonly string[];
  /** Where internal errors are logged (default: stderr); never sent to the client. */
  readonly log?: (e: unknown) => void;
  /**
   * Worker threads that simulate (jobs, simulate, compare), started by the caller and closed
   * by it (startServer does both). Default: none, every simulation on this thread.
   */
  readonly pool?: WorkerPool;
}

type Env = { Variables: { lang: Lang } };

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DEFAULT_RUNS = 200;
/** The edits the warm-up makes to a plan's first editable allocation (factors of its first year). */
const WARM_UP_EDITS = [1.5, 0.5037, 2.25] as const;

/** Content-Disposition for a download named `name` (ASCII fallback and UTF-8 name). */
const attachment = (name: string): string => `attachment; filename="${name.replace(/[^\w.-]+/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function createApp(o: AppOptions = {}) {
  const shipped = o.shipped ?? Shipped.default();
  const webDir = o.webDir ?? join(packageRoot(), "dist", "web");
  const timeoutMs = o.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const log = o.log ?? ((e: unknown) => process.stderr.write(`fundsim serve: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));
  const populations = new PopulationCache();
  const pool = o.pool;
  const jobs = new Jobs(log, { pool, populations });
  const analyses = new Analyses(log);
  const app = new Hono<Env>();

  const failJson = (c: Context<Env>, f: ApiFailure) => c.json(errorBody(f, c.get("lang") ?? "en"), f.status);

  app.use("*", async (c, next) => {
    c.set("lang", requestLang(undefined, c.req.query("lang"), c.req.header("accept-language")));
    if (o.allowedHosts) {
      const host = c.req.header("host") ?? new URL(c.req.url).host;
      const name = host.replace(/:\d+$/, "").toLowerCase();
      if (!o.allowedHosts.includes(name)) return failJson(c, { status: 403, code: "forbiddenHost", message: apiError.forbiddenHost(host) });
    }
    await next();
    return undefined;
  });
  // Bodies: 2 MB for JSON requests, 5 MB for an uploaded workbook (read up to the limit, never further).
  const jsonLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => failJson(c as Context<Env>, { status: 413, code: "tooLarge", message: apiError.tooLarge("2 MB") }) });
  const workbookLimit = bodyLimit({ maxSize: MAX_WORKBOOK_BYTES, onError: (c) => failJson(c as Context<Env>, { status: 413, code: "tooLarge", message: apiError.tooLarge("5 MB") }) });
  app.use("/api/*", (c, next) => (c.req.path === "/api/variant-from-xlsx" ? workbookLimit(c, next) : jsonLimit(c, next)));
  app.onError((e, c) => {
    if (e instanceof ApiError) return failJson(c, e.failure);
    log(e);
    return failJson(c, { status: 500, code: "internal", message: apiError.internal() });
  });
  app.notFound((c) => failJson(c, { status: 404, code: "notFound", message: apiError.notFound(c.req.path) }));

  /** The JSON body, parsed with `schema`; its `lang` becomes the request's language. */
  async function body<T>(c: Context<Env>, schema: Parameters<typeof parseBody<T>>[0]): Promise<T> {
    const text = await c.req.text();
    let raw: unknown;
    try {
      raw = text.trim() === "" ? {} : JSON.parse(text);
    } catch (e) {
      return fail({ status: 400, code: "badJson", message: apiError.badJson(e instanceof Error ? e.message : String(e)) });
    }
    const lang = (raw as { lang?: unknown } | null)?.lang;
    c.set("lang", requestLang(lang, c.req.query("lang"), c.req.header("accept-language")));
    return parseBody(schema, raw);
  }

  async function loaded(req: ScenarioRequest, full = false): Promise<LoadedScenario> {
    return loadRequest(await requestDocument(req, shipped), req, full);
  }

  /** Simulate `runs` runs synchronously (stopped after the timeout or when the client goes). */
  /**
   * Warm the pool's threads up on each of the shipped scenarios `ids` in turn: the plan and
   * WARM_UP_EDITS edits of its first editable allocation, `runs` runs each. A thread's code is
   * compiled for the models it has run: a cold thread is several times slower, and the first
   * few edited models of a plan (other numbers, other shapes) still make it recompile — measured
   * on Jiangmen as three to four slow jobs without this. Stopped as soon as a request
   * simulates, so it never holds up a person; resolves to whether it ran to the end.
   */
  const warming = new AbortController();
  async function warmUp(ids: readonly string[], runs: number): Promise<boolean> {
    for (const id of ids) {
      try {
        const d = await requestDocument({ scenarioId: id }, shipped);
        const plan = loadRequest(d, {});
        const first = ledgerView(plan, ledgerFor(plan), "en").editable[0];
        const year = first ? Object.keys(first.allocation)[0] : undefined;
        const edits = first && year !== undefined ? WARM_UP_EDITS.map((f) => ({ [first.id]: { ...first.allocation, [year]: Math.round((first.allocation[year] ?? 0) * f * 100) / 100 } })) : [];
        for (const [k, allocations] of [undefined, ...edits].entries()) {
          if (!pool || warming.signal.aborted) return false;
          const l = allocations ? loadRequest(d, { allocations }) : plan;
          const r = await simulateInStages(l, { stages: [runs], seed: plan.scenario.simulation.seed + k, pool, populations, slice: 5, signal: warming.signal });
          if (!r.ok || r.value?.summary.runs !== runs) return false;
        }
      } catch (e) {
        // A scenario not shipped here (another scenarios folder) is skipped.
        if (!(e instanceof ApiError)) log(e);
      }
    }
    return pool !== undefined && !warming.signal.aborted;
  }
  const stopWarmUp = (): void => warming.abort();

  async function simulateNow(c: Context<Env>, l: LoadedScenario, runs: number, seed: number | undefined): Promise<StageEstimate> {
    stopWarmUp();
    const threads = runs >= 400 ? Math.min(2, availableParallelism()) : 1;
    const signal = anySignal([AbortSignal.timeout(timeoutMs), c.req.raw.signal]);
    const how = pool ? { pool, slice: 25 } : { threads, slice: threads > 1 ? 200 : 50 };
    const r = await simulateInStages(l, { stages: [runs], ...(seed !== undefined ? { seed } : {}), ...how, populations, signal });
    if (!r.ok) return fail({ status: 422, code: "population", message: apiError.population(), issues: r.error.map((i) => ({ path: "population", message: populationIssue(i) })) });
    if (!r.value || r.value.summary.runs < runs) return fail({ status: 503, code: "timeout", message: apiError.timeout(Math.round(timeoutMs / 1000)) });
    return r.value;
  }

  // ── Description and shipped scenarios ────────────────────────────────────────────
  app.get("/api/openapi.json", (c) => c.json(openApiDocument(fundsimVersion())));
  app.get("/api/scenarios", async (c) => c.json({ scenarios: await shipped.all() }));
  app.get("/api/scenarios/:id", async (c) => {
    const id = c.req.param("id");
    const meta = (await shipped.all()).find((s) => s.id === id);
    const text = meta ? await shipped.text(id) : undefined;
    if (!meta || text === undefined) return fail({ status: 404, code: "unknownScenario", message: apiError.unknownScenario(id, (await shipped.all()).map((s) => s.id).join(", ")) });
    return c.json({ ...meta, text });
  });

  // ── The exact steps ──────────────────────────────────────────────────────────────
  app.post("/api/validate", async (c) => {
    const req = await body(c, scenarioRequest);
    const l = await loaded(req, true);
    const s = l.scenario;
    return c.json({ valid: true, scenario: { id: s.meta.id, file: l.file, hash: l.hash, years: l.years, variant: l.variant ?? null, variants: (s.variants ?? []).map((v) => v.id) } });
  });
  app.post("/api/ledger", async (c) => {
    const req = await body(c, scenarioRequest);
    const l = await loaded(req);
    return c.json(ledgerView(l, ledgerFor(l), c.get("lang")));
  });
  app.post("/api/ledger.xlsx", async (c) => {
    const req = await body(c, xlsxRequest);
    const l = await loaded(req);
    const lang = c.get("lang");
    const bytes = await ledgerWorkbook(ledgerFor(l), { lang, unit: req.unit ?? (lang === "zh" ? "wan" : "yuan"), scenario: { file: l.file, id: l.scenario.meta.id, hash: l.hash }, version: fundsimVersion() });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { "content-type": XLSX_TYPE, "content-disposition": attachment(`${l.scenario.meta.id}-ledger.xlsx`) });
  });
  app.post("/api/template.xlsx", async (c) => {
    const req = await body(c, scenarioRequest);
    const l = await loaded(req);
    const ids = l.scenario.programmes.filter((p) => p.allocation !== undefined).map((p) => p.id);
    const bytes = await allocationTemplate(ledgerFor(l), ids, { lang: c.get("lang"), unit: "yuan", scenario: { file: l.file, id: l.scenario.meta.id, hash: l.hash }, version: fundsimVersion(), scenarioArg: l.file });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { "content-type": XLSX_TYPE, "content-disposition": attachment(`${l.scenario.meta.id}-allocations.xlsx`) });
  });
  app.post("/api/variant.yaml", async (c) => {
    const req = await body(c, scenarioRequest);
    const d = await requestDocument(req, shipped);
    const l = loadRequest(d, req);
    const v = editedVariant(d.raw, req) ?? { id: EDITED_VARIANT_ID, label: { en: "Unchanged", zh: "未修改" }, set: {} };
    return c.body(variantYamlText(v, l.file), 200, { "content-type": "application/yaml; charset=utf-8", "content-disposition": attachment(`${v.id}.yaml`) });
  });
  app.post("/api/variant-from-xlsx", async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const name = (c.req.query("name") ?? "allocations.xlsx").replace(/[^\w.\-\u4e00-\u9fff]+/g, "_").slice(0, 100);
    const dir = await mkdtemp(join(tmpdir(), "fundsim-serve-"));
    try {
      const file = join(dir, /\.xlsx$/i.test(name) ? name : `${name}.xlsx`);
      await writeFile(file, bytes);
      const v = await loadVariantFile(file);
      if (!v.ok) return fail({ status: 422, code: "invalidVariant", message: apiError.invalidVariant(v.error.length), issues: v.error.map((i) => ({ scenario: { ...i, file: name } })) });
      return c.json({ variant: v.value });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // ── Monte-Carlo ──────────────────────────────────────────────────────────────────
  app.post("/api/simulate", async (c) => {
    const req = await body(c, simulateRequest);
    const runs = req.runs ?? DEFAULT_RUNS;
    checkRuns(runs);
    const l = await loaded(req);
    return c.json(simulationView(await simulateNow(c, l, runs, req.seed), c.get("lang")));
  });
  app.post("/api/simulate/runs.csv", async (c) => {
    const req = await body(c, simulateRequest);
    const runs = req.runs ?? DEFAULT_RUNS;
    checkRuns(runs);
    const l = await loaded(req);
    const sim = await simulateNow(c, l, runs, req.seed);
    return c.body(runsCsvText(sim.results), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": attachment(`${l.scenario.meta.id}-runs.csv`) });
  });
  app.post("/api/compare", async (c) => {
    const req = await body(c, compareRequest);
    const runs = req.runs ?? DEFAULT_RUNS;
    checkRuns(runs);
    const d = await requestDocument(req, shipped);
    const all = loadVariants(d, req.sets, req.variants).map((v) => v.loaded);
    const seed = req.seed ?? all[0]!.scenario.simulation.seed;
    const sims: StageEstimate[] = [];
    for (const l of all) sims.push(await simulateNow(c, l, runs, seed));
    const diffs = sims.slice(1).map((b) => pairedAgainst(all[0]!, sims[0]!, b));
    return c.json(comparisonView(req.variants.map((v) => v.name), sims, diffs, c.get("lang")));
  });

  // ── Jobs: estimates refined in stages ────────────────────────────────────────────
  app.post("/api/jobs", async (c) => {
    const req = await body(c, jobRequest);
    const stages = req.stages ?? [...DEFAULT_STAGES];
    stages.forEach((n, i) => checkRuns(n, `stages.${i}`));
    const sorted = [...new Set(stages)].sort((a, b) => a - b);
    const l = await loaded(req);
    stopWarmUp();
    const job = jobs.start(l, { stages: sorted, seed: req.seed, lang: c.get("lang"), client: req.client });
    return c.json({ id: job.id, status: job.status, stages: job.stages, seed: job.seed, events: `/api/jobs/${job.id}/events` }, 202);
  });
  const jobOf = (id: string) => jobs.get(id) ?? fail({ status: 404, code: "jobNotFound", message: apiError.jobNotFound(id) });
  app.get("/api/jobs/:id", (c) => {
    const job = jobOf(c.req.param("id"));
    const estimates = job.events.filter((e) => e.type === "estimate");
    return c.json({ id: job.id, status: job.status, stages: job.stages, seed: job.seed, estimate: estimates.at(-1)?.data ?? null });
  });
  app.delete("/api/jobs/:id", (c) => {
    const job = jobOf(c.req.param("id"));
    jobs.cancel(job.id);
    return c.json({ id: job.id, status: job.status });
  });
  app.get("/api/jobs/:id/events", (c) => {
    const job = jobOf(c.req.param("id"));
    return streamSSE(c, async (stream) => {
      let n = 0;
      const send = (e: JobEvent) => stream.writeSSE({ event: e.type, data: JSON.stringify(e.data), id: String(n++) });
      const queue: JobEvent[] = [...job.events];
      let wake: (() => void) | undefined;
      const listener = (e: JobEvent) => {
        queue.push(e);
        wake?.();
      };
      job.listeners.add(listener);
      // Closing the stream cancels the job (nobody is waiting for it).
      stream.onAbort(() => {
        jobs.cancel(job.id);
        wake?.();
      });
      try {
        for (;;) {
          const e = queue.shift();
          if (e) {
            await send(e);
            if (isFinal(e)) break;
            continue;
          }
          if (stream.aborted || job.status !== "running") {
            if (queue.length === 0) break;
            continue;
          }
          await new Promise<void>((res) => (wake = res));
          wake = undefined;
        }
      } finally {
        job.listeners.delete(listener);
      }
    });
  });

  // ── Analyses: sensitivity, optimisation, the report (server/analysis.ts) ──────────
  app.post("/api/sensitivity", async (c) => {
    const req = await body(c, sensitivityRequest);
    const l = await loaded(req);
    const lang = c.get("lang");
    return c.json(analysisView(analyses.start("sensitivity", lang, (p) => sensitivityAnalysis(l, req, lang, p))), 202);
  });
  app.post("/api/optimise", async (c) => {
    const req = await body(c, optimiseRequest);
    const l = await loaded(req);
    const lang = c.get("lang");
    return c.json(analysisView(analyses.start("optimise", lang, (p) => optimiseAnalysis(l, req, lang, p))), 202);
  });
  app.post("/api/report", async (c) => {
    const req = await body(c, reportRequest);
    const d = await requestDocument(req, shipped);
    const l = loadRequest(d, req);
    const variants = loadVariants(d, req.sets, req.variants ?? []);
    const lang = c.get("lang");
    return c.json(analysisView(analyses.start("report", lang, (p) => reportAnalysis(l, variants, req, lang, p))), 202);
  });
  app.get("/api/analyses/:id", (c) => c.json(analysisView(analysisOf(analyses, c.req.param("id")))));
  app.delete("/api/analyses/:id", (c) => {
    const a = analysisOf(analyses, c.req.param("id"));
    analyses.cancel(a.id);
    return c.json(analysisView(a));
  });
  app.get("/api/analyses/:id/file", (c) => {
    const a = analysisOf(analyses, c.req.param("id"));
    const f = a.outcome?.file ?? fail({ status: 404, code: "noFile", message: apiError.noFile(a.id) });
    return c.body(f.bytes as Uint8Array<ArrayBuffer>, 200, { "content-type": f.type, "content-disposition": attachment(f.name) });
  });

  // ── The page ─────────────────────────────────────────────────────────────────────
  const TYPES: Readonly<Record<string, string>> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2" };
  const page = async (c: Context<Env>, file: string) => {
    try {
      const data = await readFile(join(webDir, file));
      return c.body(data, 200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": file.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache" });
    } catch {
      if (file === "index.html") return c.html(`<!doctype html><meta charset="utf-8"><title>fundsim</title><p>${serveNoBundle().en}</p><p lang="zh">${serveNoBundle().zh}</p>`, 503);
      return fail({ status: 404, code: "notFound", message: apiError.notFound(c.req.path) });
    }
  };
  app.get("/", (c) => page(c, "index.html"));
  app.get("/assets/:file", (c) => {
    const f = c.req.param("file");
    if (!/^[\w.-]+$/.test(f) || f.startsWith(".")) return fail({ status: 404, code: "notFound", message: apiError.notFound(c.req.path) });
    return page(c, `assets/${f}`);
  });

  return { app, jobs, analyses, warmUp, stopWarmUp };
}

/** A signal aborted when any of `signals` is (AbortSignal.any, which Node has from 20.3). */
function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === "function") return AbortSignal.any([...signals]);
  const ctl = new AbortController();
  for (const s of signals) {
    if (s.aborted) ctl.abort();
    else s.addEventListener("abort", () => ctl.abort(), { once: true });
  }
  return ctl.signal;
}
