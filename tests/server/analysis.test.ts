/**
 * The planner's tools over the workbench API: a sensitivity study and an optimisation of the
 * split started as analyses, followed to their result, cancelled, and refused with located
 * errors in the request's language. Results equal the pipeline's own for the same request.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { loadScenario } from "../../src/scenario/index.js";
import { runSensitivity } from "../../src/pipeline/sensitivity.js";
import { studyParts } from "../../src/present/sensitivityText.js";

const logged: unknown[] = [];
const { app } = createApp({ log: (e) => logged.push(e), webDir: "/nonexistent" });
const post = (path: string, body: unknown) => app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

interface View {
  id: string;
  kind: string;
  status: string;
  done: number;
  planned: number;
  result: Record<string, unknown> | null;
  file: { name: string; url: string } | null;
  error: { code: string; message: string; issues: { path: string; message: string }[] } | null;
}

async function started(res: Response): Promise<View> {
  expect(res.status).toBe(202);
  const v = (await res.json()) as View;
  expect(v.status).toBe("running");
  return v;
}

/** Poll until the analysis has ended (at most 2 minutes). */
async function ended(id: string): Promise<View> {
  for (let i = 0; i < 1200; i++) {
    const v = (await (await app.request(`/api/analyses/${id}`)).json()) as View;
    if (v.status !== "running") return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("analysis did not end");
}

const LINGHAI = { scenarioId: "linghai-2017" };

describe("analyses over the API", () => {
  it("runs a tornado study and gives the table the CLI prints for the same study, in the language asked", async () => {
    const loaded = await loadScenario("scenarios/linghai-2017.yaml");
    if (!loaded.ok) throw new Error("Linghai does not load");
    // The scenario's default uncertain parameters, 10 runs per evaluation.
    const v = await started(await post("/api/sensitivity", { ...LINGHAI, method: "tornado", runs: 10, lang: "zh" }));
    const done = await ended(v.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");
    expect(done.done).toBe(done.planned);
    const r = done.result as { rows: string[][]; columns: string[]; heading: string; chart: unknown; text: string; evaluations: number };
    const direct = await runSensitivity(loaded.value, { method: "tornado", runs: 10, threads: 1 });
    if (!direct.ok) throw new Error("direct study failed");
    const parts = studyParts(direct.value, { lang: "zh", name: "凌海市" });
    expect(r.rows).toEqual(parts.rows);
    expect(r.columns).toEqual(parts.columns);
    expect(r.evaluations).toBe(direct.value.evaluations);
    expect(r.heading).toMatch(/[\u4e00-\u9fff]/);
    expect(r.chart).not.toBeNull();
    expect(done.file).toBeNull();
    const noFile = await app.request(`/api/analyses/${v.id}/file?lang=en`);
    expect(noFile.status).toBe(404);
    expect(((await noFile.json()) as { error: { code: string } }).error.code).toBe("noFile");
  });

  it("optimises the split and returns allocations that keep each year's money of the lines moved", async () => {
    const v = await started(await post("/api/optimise", { ...LINGHAI, runs: 10, maxEvaluations: 10 }));
    const done = await ended(v.id);
    expect(done.error).toBeNull();
    const r = done.result as { allocations: Record<string, Record<string, number>>; plan: Record<string, Record<string, number>>; variant: { id: string; set: Record<string, unknown> }; rows: string[][]; verdict: string[] };
    const ids = Object.keys(r.allocations);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(r.plan)).toEqual(ids);
    expect(r.rows.length).toBe(ids.length);
    expect(r.verdict.length).toBeGreaterThan(0);
    // Each year's money of the lines moved is the plan's, to the fen per line; and the split moved some.
    const years = Object.keys(r.allocations[ids[0]!]!);
    let moved = 0;
    for (const y of years) {
      const plan = ids.reduce((a, id) => a + (r.plan[id]![y] ?? 0), 0);
      const opt = ids.reduce((a, id) => a + (r.allocations[id]![y] ?? 0), 0);
      expect(Math.abs(opt - plan)).toBeLessThan(0.01 * ids.length);
      moved += ids.reduce((a, id) => a + Math.abs((r.allocations[id]![y] ?? 0) - (r.plan[id]![y] ?? 0)), 0);
    }
    expect(moved).toBeGreaterThan(0);
    // The plan's money is the scenario's: the ledger endpoint gives the same for a line it lets the page edit.
    const ledger = (await (await post("/api/ledger", LINGHAI)).json()) as { editable: { id: string; allocation: Record<string, number> }[] };
    const shared = ledger.editable.filter((e) => ids.includes(e.id));
    expect(shared.length).toBeGreaterThan(0);
    for (const e of shared) for (const y of years) expect(r.plan[e.id]![y]).toBeCloseTo(e.allocation[y] ?? 0, 2);
    // The split can be kept: as allocations, it is a valid edit of the scenario.
    const edited = await post("/api/ledger", { ...LINGHAI, allocations: r.allocations });
    expect(edited.status).toBe(200);
    // And as the variant object.
    const asVariant = await post("/api/validate", { ...LINGHAI, variant: r.variant });
    expect(asVariant.status).toBe(200);
  });

  it("cancels an analysis: it stops and stays cancelled", async () => {
    const v = await started(await post("/api/optimise", { ...LINGHAI, runs: 50, maxEvaluations: 400 }));
    await new Promise((r) => setTimeout(r, 300));
    const del = await app.request(`/api/analyses/${v.id}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    expect(((await del.json()) as View).status).toBe("cancelled");
    const a = await ended(v.id);
    await new Promise((r) => setTimeout(r, 500));
    const b = (await (await app.request(`/api/analyses/${v.id}`)).json()) as View;
    expect(b.status).toBe("cancelled");
    expect(b.done).toBe(a.done); // no evaluation after the cancel was recorded
    expect(b.result).toBeNull();
    expect(logged).toEqual([]);
  });

  it("refuses bad requests with located errors in the request's language", async () => {
    const bad = await ended((await started(await post("/api/sensitivity", { ...LINGHAI, params: ["leverage=oops"], runs: 5, lang: "zh" }))).id);
    expect(bad.status).toBe("failed");
    expect(bad.error?.code).toBe("badAnalysis");
    expect(bad.error?.issues[0]?.path).toBe("params");
    expect(bad.error?.message).toMatch(/[\u4e00-\u9fff]/);
    const lines = await ended((await started(await post("/api/optimise", { ...LINGHAI, lines: ["nowhere"], runs: 5 }))).id);
    expect(lines.status).toBe("failed");
    expect(lines.error?.issues[0]?.message).toMatch(/nowhere/);
    const tooMany = await post("/api/sensitivity", { ...LINGHAI, runs: 100_000 });
    expect(tooMany.status).toBe(400);
    const unknown = await app.request("/api/analyses/nope");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("analysisNotFound");
    const unknownScenario = await post("/api/report", { scenarioId: "nowhere" });
    expect(unknownScenario.status).toBe(404);
    expect(logged).toEqual([]);
  });
});
