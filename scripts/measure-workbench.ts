/**
 * Where the time of a workbench job's first estimate goes: for each plan, an allocation edit
 * (a different amount each repetition, so no cache of the loaded scenario answers it) timed
 * step by step as POST /api/jobs and simulateInStages take them — the request's document and
 * overlays loaded and validated, the ledger, the seed's population, the engine model, the
 * first stage's runs (population redrawn per run, as `simulate` does), the summary, the
 * view (headline, fan, chart) and its JSON — then the whole job through the HTTP API
 * (in-process server) to its first and last Server-Sent Event.
 *
 * --workers N: the server's worker threads (0: every run on the server's thread; default one
 * per core); --api-only skips the step-by-step timing.
 *
 *   npx tsx scripts/measure-workbench.ts [--reps 5] [--first 10] [--workers N] [--api-only] [plan-id …]
 */
import { buildLedger } from "../src/ledger/build.js";
import { engineModelFromScenario } from "../src/engine/fromScenario.js";
import { simulateModel } from "../src/engine/simulate.js";
import { buildPopulation, populationSpec } from "../src/population/synthetic.js";
import { summarize } from "../src/results/summarize.js";
import { targetsFromScenario } from "../src/results/targets.js";
import { loadRequest, requestDocument } from "../src/server/requests.js";
import { Shipped } from "../src/server/scenarios.js";
import { simulationView } from "../src/server/views.js";
import { startServer } from "../src/server/start.js";
import { ledgerView } from "../src/server/views.js";

const args = process.argv.slice(2);
const opt = (name: string, d: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const reps = opt("--reps", 5);
const first = opt("--first", 10);
const workers = args.includes("--workers") ? opt("--workers", 0) : undefined;
const apiOnly = args.includes("--api-only");
const plans = args.filter((a, i) => !a.startsWith("--") && !["--reps", "--first", "--workers"].includes(args[i - 1] ?? ""));
const ids = plans.length > 0 ? plans : ["linghai-2017", "jiangmen-2016"];
const shipped = Shipped.default();

const ms = (a: number): string => `${(performance.now() - a).toFixed(0)}`;

/** The first editable programme and its first year's allocation (as the page's ledger shows it). */
async function editable(id: string): Promise<{ programme: string; year: string; value: number; allocation: Record<string, number> }> {
  const d = await requestDocument({ scenarioId: id }, shipped);
  const l = loadRequest(d, {});
  const p = ledgerView(l, buildLedger(l.scenario), "en").editable[0]!;
  const year = Object.keys(p.allocation)[0]!;
  return { programme: p.id, year, value: p.allocation[year]!, allocation: p.allocation };
}

for (const id of ids) {
  const e = await editable(id);
  process.stdout.write(`\n${id}: edit ${e.programme} ${e.year} (steps in ms; first stage ${first} runs)\n`);
  const cols = ["load", "ledger", "population", "model", "runs", "summary", "view+json", "total"];
  process.stdout.write(`${cols.join("\t")}\n`);
  for (let r = 0; r < (apiOnly ? 0 : reps); r++) {
    const allocations = { [e.programme]: { ...e.allocation, [e.year]: Math.round(e.value * (1.1 + r / 10)) } };
    const t0 = performance.now();
    let t = t0;
    const row: string[] = [];
    const d = await requestDocument({ scenarioId: id }, shipped);
    const l = loadRequest(d, { allocations });
    row.push(ms(t));
    t = performance.now();
    const s = l.scenario;
    const seed = s.simulation.seed;
    const ledger = buildLedger(s);
    row.push(ms(t));
    t = performance.now();
    const pop = buildPopulation(s, { seed });
    if (!pop.ok) throw new Error("population");
    row.push(ms(t));
    t = performance.now();
    const model = engineModelFromScenario(s, ledger, pop.value);
    const redraw = populationSpec(s);
    row.push(ms(t));
    t = performance.now();
    const results = await simulateModel(model, pop.value, { runs: first, seed, threads: 1, redraw });
    row.push(ms(t));
    t = performance.now();
    const summary = summarize(results, { targets: targetsFromScenario(s, l.years) });
    row.push(ms(t));
    t = performance.now();
    JSON.stringify(simulationView({ results, summary, seed }, "en", false));
    row.push(ms(t));
    row.push(ms(t0));
    process.stdout.write(`${row.join("\t")}\n`);
  }
  // Runs alone: the population redrawn per run, against the seed's population held fixed.
  if (!apiOnly) {
    const d = await requestDocument({ scenarioId: id }, shipped);
    const l = loadRequest(d, {});
    const s = l.scenario;
    const seed = s.simulation.seed;
    const pop = buildPopulation(s, { seed });
    if (!pop.ok) throw new Error("population");
    const model = engineModelFromScenario(s, buildLedger(s), pop.value);
    for (const redraw of [true, false]) {
      const t = performance.now();
      await simulateModel(model, pop.value, { runs: 50, seed, threads: 1, ...(redraw ? { redraw: populationSpec(s) } : {}) });
      process.stdout.write(`50 runs, one thread, population ${redraw ? "redrawn per run" : "fixed"}: ${ms(t)} ms\n`);
    }
  }
  // Through the HTTP API: POST /api/jobs to each estimate; then as the page does it, an edit
  // made while the previous job runs (its ledger, the old job cancelled, a new job).
  const server = await startServer({ port: 0, ...(workers !== undefined ? { workers } : {}) });
  const warm = performance.now();
  process.stdout.write(`server warm-up: ${(await server.warmedUp) ? "done" : "none"} in ${ms(warm)} ms\n`);
  try {
    const post = (path: string, body: unknown) => fetch(`${server.url}api/${path}`, { method: "POST", body: JSON.stringify(body) });
    /** Start a job and resolve each estimate's time since t0 as it comes; `firstSeen` resolves at the first. */
    const follow = async (allocations: unknown, t0: number, client: { id: string; seq: number }) => {
      const job = (await (await post("jobs", { scenarioId: id, allocations, stages: [first, 50, 200], client })).json()) as { id: string; events: string };
      let seen: () => void = () => undefined;
      const firstSeen = new Promise<void>((res) => (seen = res));
      const times = (async () => {
        const stream = await fetch(`${server.url}${job.events.slice(1)}`);
        const reader = stream.body!.getReader();
        const dec = new TextDecoder();
        let buf = "";
        const out: string[] = [];
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += dec.decode(value, { stream: true });
          let k: number;
          while ((k = buf.indexOf("\n\n")) >= 0) {
            const ev = buf.slice(0, k);
            buf = buf.slice(k + 2);
            if (ev.includes("event: estimate")) {
              out.push(ms(t0));
              seen();
            }
          }
        }
        return out;
      })();
      return { id: job.id, times, firstSeen };
    };
    process.stdout.write("job through the API, server idle: each estimate (ms)\n");
    for (let r = 0; r < reps; r++) {
      const allocations = { [e.programme]: { ...e.allocation, [e.year]: Math.round(e.value * (2.1 + r / 10)) } };
      const t0 = performance.now();
      const j = await follow(allocations, t0, { id: "idle", seq: r });
      process.stdout.write(`${(await j.times).join(" / ")}\n`);
    }
    process.stdout.write("an edit while the previous job runs: ledger / each estimate (ms)\n");
    for (let r = 0; r < reps; r++) {
      const client = `busy-${r}`;
      const old = await follow({}, performance.now(), { id: client, seq: 0 });
      await old.firstSeen;
      await new Promise((res) => setTimeout(res, 100));
      const allocations = { [e.programme]: { ...e.allocation, [e.year]: Math.round(e.value * (3.1 + r / 10)) } };
      const t0 = performance.now();
      void fetch(`${server.url}api/jobs/${old.id}`, { method: "DELETE" });
      const ledger = post("ledger", { scenarioId: id, allocations }).then(async (res) => {
        await res.json();
        return ms(t0);
      });
      const j = await follow(allocations, t0, { id: client, seq: 1 });
      process.stdout.write(`${await ledger} / ${(await j.times).join(" / ")}\n`);
      await old.times;
    }
  } finally {
    await server.close();
  }
}
