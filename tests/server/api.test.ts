/**
 * The workbench API in-process (Hono's app.request): the exact steps and the simulation on
 * shipped scenarios, the refined jobs and their cancellation, and bad requests answered
 * with clear JSON errors in the request's language — never a stack trace.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createApp } from "../../src/server/app.js";
import { startServer } from "../../src/server/start.js";
import { runCapture } from "../../src/cli/main.js";
import type { OpenApiDocument } from "../../src/server/openapi.js";
import { MAX_BODY_BYTES, MAX_RUNS } from "../../src/server/requests.js";

const logged: unknown[] = [];
const { app } = createApp({ log: (e) => logged.push(e), webDir: "/nonexistent" });

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

interface ErrorBody {
  error: { code: string; message: string; issues: { path: string; line?: number; column?: number; message: string; hint?: string }[] };
}
async function errorOf(res: Response, status: number): Promise<ErrorBody["error"]> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const b = (await res.json()) as ErrorBody;
  expect(typeof b.error.message).toBe("string");
  expect(JSON.stringify(b)).not.toMatch(/\n\s+at |\.ts:\d+/); // no stack trace
  return b.error;
}

const LINGHAI = { scenarioId: "linghai-2017" };
type Ledger = { ledger: { totals: { uses: string; sources: string }; balance: { year: number; closing: string }[]; uses: { programme?: string; kind: string; byYear: string[] }[] }; editable: { id: string; allocation: Record<string, number> }[] };

describe("workbench API", () => {
  it("describes every route in OpenAPI 3.1, and only routes that exist", async () => {
    const res = await app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDocument;
    expect(doc.openapi).toBe("3.1.0");
    const routes = new Set(app.routes.filter((r) => r.path.startsWith("/api/") && r.method !== "ALL").map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`));
    const described = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    expect([...routes].sort()).toEqual([...described].sort());
    for (const ops of Object.values(doc.paths)) for (const op of Object.values(ops)) expect(op.responses).toBeDefined();
  });

  it("lists the shipped scenarios and gives one with its text", async () => {
    const list = (await (await app.request("/api/scenarios")).json()) as { scenarios: { id: string; variants: { id: string }[] }[] };
    const ids = list.scenarios.map((s) => s.id);
    expect(ids).toContain("linghai-2017");
    expect(ids).toContain("jiangmen-2016");
    expect(list.scenarios.find((s) => s.id === "linghai-2017")!.variants.map((v) => v.id)).toContain("full-capacity");
    const one = (await (await app.request("/api/scenarios/linghai-2017")).json()) as { text: string };
    expect(one.text).toBe(readFileSync("scenarios/linghai-2017.yaml", "utf8"));
    const e = await errorOf(await app.request("/api/scenarios/nowhere"), 404);
    expect(e.code).toBe("unknownScenario");
    expect(e.message).toMatch(/linghai-2017/);
  });

  it("validates a shipped scenario, by id and as text", async () => {
    const a = (await (await post("/api/validate", LINGHAI)).json()) as { valid: boolean; scenario: { id: string; variants: string[] } };
    expect(a.valid).toBe(true);
    expect(a.scenario.variants).toContain("no-pool");
    const res = await post("/api/validate", { scenario: readFileSync("scenarios/jiangmen-2016.yaml", "utf8"), file: "jiangmen.yaml" });
    expect(res.status).toBe(200);
  });

  it("gives the exact ledger, and an edited allocation moves uses by exactly that much", async () => {
    const base = (await (await post("/api/ledger", LINGHAI)).json()) as Ledger;
    const industry = base.editable.find((p) => p.id === "industry")!;
    expect(industry.allocation["2017"]).toBe(3678000);
    const edited = (await (await post("/api/ledger", { ...LINGHAI, allocations: { industry: { ...industry.allocation, "2017": 3678000 + 123456.78 } } })).json()) as Ledger;
    const diff = Number(edited.ledger.totals.uses) - Number(base.ledger.totals.uses);
    expect(diff).toBeCloseTo(123456.78, 2);
    expect(edited.ledger.totals.sources).toBe(base.ledger.totals.sources);
    expect(edited.editable.find((p) => p.id === "industry")!.allocation["2017"]).toBe(3801456.78);
  });

  it("simulates with a seed: the same request gives the same numbers; runs are addressed by (seed, run)", async () => {
    const body = { ...LINGHAI, runs: 20, seed: 11 };
    const a = (await (await post("/api/simulate", body)).json()) as { runs: number; fan: { bands: { year: number; median: number }[] }; summary: { metrics: Record<string, unknown> }; headline: { peopleOut: { mean: number } } };
    const b = (await (await post("/api/simulate", body)).json()) as typeof a;
    expect(a.runs).toBe(20);
    expect(a.fan.bands.map((x) => x.year)).toEqual([2017, 2018, 2019]);
    expect(a.headline.peopleOut.mean).toBeGreaterThan(0);
    expect(b).toEqual(a);
    // A job's 20-run stage is these 20 runs.
    const job = (await (await post("/api/jobs", { ...LINGHAI, seed: 11, stages: [5, 20] })).json()) as { id: string };
    const est = await waitFor(job.id, (j) => j.status === "done");
    expect((est.estimate as { headline: unknown }).headline).toEqual(a.headline);
  });

  it("compares variants on common random numbers with paired intervals", async () => {
    const res = await post("/api/compare", { ...LINGHAI, runs: 20, seed: 3, variants: [{ name: "plan" }, { name: "full", variant: "full-capacity" }, { name: "edited", allocations: { industry: { 2017: 0, 2018: 0, 2019: 0 } } }] });
    expect(res.status).toBe(200);
    const c = (await res.json()) as { variants: { name: string }[]; differences: { a: string; b: string; exitedPeople: { n: number; lo: number; hi: number; mean: number } }[]; chart: unknown };
    expect(c.variants.map((v) => v.name)).toEqual(["plan", "full", "edited"]);
    expect(c.differences.map((d) => d.b)).toEqual(["full", "edited"]);
    for (const d of c.differences) {
      expect(d.exitedPeople.n).toBe(20);
      expect(d.exitedPeople.lo).toBeLessThanOrEqual(d.exitedPeople.mean);
      expect(d.exitedPeople.hi).toBeGreaterThanOrEqual(d.exitedPeople.mean);
    }
    expect(c.chart).not.toBeNull();
  });

  it("downloads the ledger workbook, the allocation template and the edited variant", async () => {
    for (const path of ["/api/ledger.xlsx", "/api/template.xlsx"]) {
      const res = await post(path, LINGHAI);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
      expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="linghai-2017-/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe("PK");
    }
    const y = await post("/api/variant.yaml", { ...LINGHAI, allocations: { industry: { 2017: 100, 2018: 0, 2019: 0 } } });
    expect(y.status).toBe(200);
    const text = await y.text();
    expect(text).toMatch(/programmes\.industry\.allocation:/);
    expect(text).toMatch(/"2017": 100|2017: 100/);
    // Read back as a variant, it validates.
    const v = await post("/api/validate", { ...LINGHAI, variant: (await import("yaml")).parse(text) as object });
    expect(v.status).toBe(200);
    // The allocation template comes back as a variant object.
    const tpl = new Uint8Array(await (await post("/api/template.xlsx", LINGHAI)).arrayBuffer());
    const back = await app.request("/api/variant-from-xlsx?name=alloc.xlsx", { method: "POST", body: tpl });
    expect(back.status).toBe(200);
    expect(((await back.json()) as { variant: { set: Record<string, unknown> } }).variant.set).toHaveProperty(["programmes.industry.allocation"]);
  });

  it("refuses malformed JSON (400), an oversized body (413) and unknown fields (400)", async () => {
    const bad = await errorOf(await post("/api/ledger", "{ scenarioId: "), 400);
    expect(bad.code).toBe("badJson");
    const big = await errorOf(await post("/api/ledger", { scenario: "x".repeat(MAX_BODY_BYTES + 10) }), 413);
    expect(big.code).toBe("tooLarge");
    expect(big.message).toMatch(/2 MB/);
    const book = await errorOf(await app.request("/api/variant-from-xlsx", { method: "POST", body: new Uint8Array(5 * 1024 * 1024 + 1) }), 413);
    expect(book.message).toMatch(/5 MB/);
    const notBook = await errorOf(await app.request("/api/variant-from-xlsx?name=x.xlsx", { method: "POST", body: new Uint8Array(3 * 1024 * 1024) }), 422);
    expect(notBook.code).toBe("invalidVariant");
    const unknown = await errorOf(await post("/api/ledger", { ...LINGHAI, runz: 3 }), 400);
    expect(unknown.code).toBe("badRequest");
    expect(unknown.issues[0]!.message).toMatch(/runz/);
    const neither = await errorOf(await post("/api/ledger", {}), 400);
    expect(neither.issues[0]!.path).toBe("scenario");
    const route = await errorOf(await app.request("/api/nothing"), 404);
    expect(route.code).toBe("notFound");
  });

  it("answers an unknown scenario with 404 and too many runs with 422", async () => {
    const e = await errorOf(await post("/api/simulate", { scenarioId: "atlantis-2020" }), 404);
    expect(e.code).toBe("unknownScenario");
    const runs = await errorOf(await post("/api/simulate", { ...LINGHAI, runs: MAX_RUNS + 1 }), 422);
    expect(runs.code).toBe("tooManyRuns");
    expect(runs.message).toMatch(String(MAX_RUNS));
    const stages = await errorOf(await post("/api/jobs", { ...LINGHAI, stages: [10, 5000] }), 422);
    expect(stages.issues[0]!.path).toBe("stages.1");
    const zh = await errorOf(await post("/api/simulate", { ...LINGHAI, runs: 99999, lang: "zh" }), 422);
    expect(zh.message).toMatch(/最多/);
  });

  it("answers an invalid scenario with 422 and the located issues the CLI prints, in en and zh", async () => {
    const text = readFileSync("scenarios/linghai-2017.yaml", "utf8").replace("simulation: {runs: 1000, seed: 2017}", "simulation: {runs: -5, seed: 2017}");
    const line = text.split("\n").findIndex((l) => l.startsWith("simulation:")) + 1;
    const en = await errorOf(await post("/api/validate", { scenario: text, file: "mine.yaml" }), 422);
    expect(en.code).toBe("invalidScenario");
    expect(en.issues[0]).toMatchObject({ path: "simulation.runs", line });
    expect(en.issues[0]!.message).toMatch(/[a-z]/);
    const zh = await errorOf(await post("/api/validate", { scenario: text, file: "mine.yaml" }, { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" }), 422);
    expect(zh.issues[0]).toMatchObject({ path: "simulation.runs", line });
    expect(zh.issues[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.message).toMatch(/个问题/);
    // A bad allocation edit is located at the variant it makes.
    const alloc = await errorOf(await post("/api/ledger", { ...LINGHAI, allocations: { nosuch: { 2017: 1 } } }), 422);
    expect(alloc.issues.length).toBeGreaterThan(0);
    // YAML syntax errors are located too.
    const syntax = await errorOf(await post("/api/ledger", { scenario: "fundsim: 1\nmeta: [\n" }), 422);
    expect(syntax.issues[0]!.line).toBeGreaterThan(0);
  });

  it("streams refined estimates as Server-Sent Events", async () => {
    const job = (await (await post("/api/jobs", { ...LINGHAI, seed: 5, stages: [5, 15] })).json()) as { id: string; events: string };
    const res = await app.request(job.events);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({ type: m[1], data: JSON.parse(m[2]!) as { runs?: number } }));
    expect(events.map((e) => e.type)).toEqual(["estimate", "estimate", "done"]);
    expect(events.slice(0, 2).map((e) => e.data.runs)).toEqual([5, 15]);
  });

  it("cancels a job: DELETE stops it before its later stages", async () => {
    const job = (await (await post("/api/jobs", { scenarioId: "jiangmen-2016", seed: 1, stages: [5, 2000] })).json()) as { id: string };
    await waitFor(job.id, (j) => j.estimate !== null);
    const del = await app.request(`/api/jobs/${job.id}`, { method: "DELETE" });
    expect(((await del.json()) as { status: string }).status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 300));
    const after = (await (await app.request(`/api/jobs/${job.id}`)).json()) as { status: string; estimate: { runs: number } };
    expect(after.status).toBe("cancelled");
    expect(after.estimate.runs).toBe(5);
    const gone = await errorOf(await app.request("/api/jobs/no-such-job", { method: "DELETE" }), 404);
    expect(gone.code).toBe("jobNotFound");
  });

  it("a client's newer job cancels its older running one; an older one arriving late is not run", async () => {
    const a = (await (await post("/api/jobs", { ...LINGHAI, stages: [5, 2000], client: { id: "tab-1", seq: 1 } })).json()) as { id: string };
    const other = (await (await post("/api/jobs", { ...LINGHAI, stages: [5, 2000], client: { id: "tab-2", seq: 1 } })).json()) as { id: string };
    const b = (await (await post("/api/jobs", { ...LINGHAI, stages: [5], client: { id: "tab-1", seq: 3 } })).json()) as { id: string };
    const late = (await (await post("/api/jobs", { ...LINGHAI, stages: [5], client: { id: "tab-1", seq: 2 } })).json()) as { id: string; status: string };
    expect(late.status).toBe("cancelled");
    expect(((await (await app.request(`/api/jobs/${a.id}`)).json()) as { status: string }).status).toBe("cancelled");
    expect(((await (await app.request(`/api/jobs/${other.id}`)).json()) as { status: string }).status).toBe("running");
    expect((await waitFor(b.id, (j) => j.status !== "running")).status).toBe("done");
    await app.request(`/api/jobs/${other.id}`, { method: "DELETE" });
  });

  it("cancels a job when its event stream is closed", async () => {
    const job = (await (await post("/api/jobs", { ...LINGHAI, seed: 2, stages: [5, 2000] })).json()) as { id: string; events: string };
    const res = await app.request(job.events);
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("event: estimate")) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const after = await waitFor(job.id, (j) => j.status !== "running");
    expect(after.status).toBe("cancelled");
    expect((after.estimate as { runs: number }).runs).toBe(5);
  });

  it("stops a synchronous simulation at the time limit with 503 and a clear error", async () => {
    const slow = createApp({ log: (e) => logged.push(e), webDir: "/nonexistent", timeoutMs: 1 });
    const res = await slow.app.request("/api/simulate", { method: "POST", body: JSON.stringify({ ...LINGHAI, runs: 200, lang: "zh" }) });
    const e = await errorOf(res, 503);
    expect(e.code).toBe("timeout");
    expect(e.message).toMatch(/秒/);
  });

  it("fundsim serve refuses a port or a worker count that is not one, in the user's language", async () => {
    const r = await runCapture(["serve", "--port", "abc", "--lang", "zh"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--port 必须是/);
    const w = await runCapture(["serve", "--workers", "two", "--lang", "en"]);
    expect(w.exitCode).toBe(2);
    expect(w.stderr).toMatch(/--workers must be a whole number from 0 to 64 .*found "two"/);
  });

  it("starts on a free port bound to 127.0.0.1 (fundsim serve)", async () => {
    const s = await startServer({ port: 0, webDir: "/nonexistent", log: (e) => logged.push(e) });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const r = await fetch(`${s.url}api/scenarios`);
      expect(r.status).toBe(200);
      // Only its own names: a page that rebinds another name to 127.0.0.1 is refused.
      const rebound = await createApp({ allowedHosts: ["127.0.0.1", "localhost"], webDir: "/nonexistent" }).app.request("http://evil.example:8731/api/scenarios", { headers: { host: "evil.example:8731" } });
      expect((await errorOf(rebound, 403)).code).toBe("forbiddenHost");
      // Without the built page, / says how to build it (in both languages).
      const page = await fetch(s.url);
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/npm run build/);
    } finally {
      await s.close();
    }
  });

  it("on a server with worker threads, a job's estimates are the in-thread ones, and a cancel stops it at once", async () => {
    const s = await startServer({ port: 0, webDir: "/nonexistent", workers: 2, log: (e) => logged.push(e) });
    try {
      const started = await fetch(`${s.url}api/jobs`, { method: "POST", body: JSON.stringify({ ...LINGHAI, seed: 5, stages: [5, 15] }) });
      const job = (await started.json()) as { id: string; events: string };
      const text = await (await fetch(`${s.url}${job.events.slice(1)}`)).text();
      const estimates = [...text.matchAll(/^event: estimate\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as { runs: number; headline: unknown; fan: unknown });
      expect(estimates.map((e) => e.runs)).toEqual([5, 15]);
      const here = (await (await post("/api/simulate", { ...LINGHAI, seed: 5, runs: 15 })).json()) as { headline: unknown; fan: unknown };
      expect(estimates[1]!.headline).toEqual(here.headline);
      expect(estimates[1]!.fan).toEqual(here.fan);
      // The synchronous simulation on the workers: the same numbers.
      const there = (await (await fetch(`${s.url}api/simulate`, { method: "POST", body: JSON.stringify({ ...LINGHAI, seed: 5, runs: 15 }) })).json()) as { headline: unknown };
      expect(there.headline).toEqual(here.headline);

      const long = (await (await fetch(`${s.url}api/jobs`, { method: "POST", body: JSON.stringify({ scenarioId: "jiangmen-2016", seed: 1, stages: [5, 2000] }) })).json()) as { id: string };
      const status = async () => (await (await fetch(`${s.url}api/jobs/${long.id}`)).json()) as { status: string; estimate: { runs: number } | null };
      for (let i = 0; i < 600 && (await status()).estimate === null; i++) await new Promise((r) => setTimeout(r, 20));
      await fetch(`${s.url}api/jobs/${long.id}`, { method: "DELETE" });
      const after = await status();
      expect(after.status).toBe("cancelled");
      expect(after.estimate!.runs).toBe(5);
    } finally {
      await s.close();
    }
  });

  it("warms its worker threads up once listening, and a request that simulates stops the warm-up", async () => {
    const quiet = await startServer({ port: 0, webDir: "/nonexistent", workers: 1, warmUp: ["linghai-2017", "no-such-plan"], log: (e) => logged.push(e) });
    try {
      expect(await quiet.warmedUp).toBe(true);
    } finally {
      await quiet.close();
    }
    // A warm-up far longer than the request takes to arrive.
    const busy = await startServer({ port: 0, webDir: "/nonexistent", workers: 1, warmUp: Array.from({ length: 50 }, () => "jiangmen-2016"), log: (e) => logged.push(e) });
    try {
      const r = await fetch(`${busy.url}api/simulate`, { method: "POST", body: JSON.stringify({ ...LINGHAI, seed: 5, runs: 15 }) });
      expect(r.status).toBe(200);
      expect(await busy.warmedUp).toBe(false);
    } finally {
      await busy.close();
    }
  });

  it("logged no internal error", () => {
    expect(logged).toEqual([]);
  });
});

async function waitFor(id: string, until: (j: { status: string; estimate: unknown }) => boolean): Promise<{ status: string; estimate: unknown }> {
  for (let i = 0; i < 600; i++) {
    const j = (await (await app.request(`/api/jobs/${id}`)).json()) as { status: string; estimate: unknown };
    if (until(j)) return j;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${id} did not get there`);
}
