/**
 * Stages 2–5 composed for one scenario: ledger → population (synthetic or a register)
 * → engine model → Monte-Carlo runs → summary and manifest. What `fundsim simulate`
 * runs, and what `compare` and `report` (pipeline/compare.ts, pipeline/report.ts) run
 * per variant. The ledger it builds travels with the result, so no caller builds it again.
 *
 * @example
 * const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
 * const r = await simulateScenario(loaded, { runs: 1000, seed: 1, threads: 2 });
 * if (r.ok) await writeResults("out/linghai", r.value);
 */
import { buildLedger } from "../ledger/build.js";
import { defaultScale, engineDist, engineModelFromScenario } from "../engine/fromScenario.js";
import { drawAt } from "../engine/runDraws.js";
import { fundingRisk } from "../results/funding.js";
import { simulateModel } from "../engine/simulate.js";
import { hasHouseholdMechanism } from "../engine/model.js";
import type { EngineDist } from "../engine/model.js";
import { defaultThreads } from "../engine/workers.js";
import type { PopulationIssue } from "../population/cohorts.js";
import type { Households } from "../model/households.js";
import type { Ledger } from "../ledger/types.js";
import { buildPopulation, populationSpec } from "../population/synthetic.js";
import type { LoadedScenario } from "../scenario/types.js";
import { err, ok, type Result } from "../util/result.js";
import { makeManifest, type PrecisionRecord } from "../results/manifest.js";
import { runToPrecision, type PrecisionMetric } from "../results/precision.js";
import { reconcileSpending } from "../results/reconcile.js";
import { summarize } from "../results/summarize.js";
import { targetsFromScenario } from "../results/targets.js";
import type { RunResults } from "../model/results.js";
import type { ResultSet } from "../results/write.js";

export { PRECISION_METRICS, isPrecisionMetric } from "../results/precision.js";
export { writeResults, RUNS_CSV, SUMMARY_JSON, MANIFEST_JSON, SPENDING_CSV, DECOMPOSITION_JSON } from "../results/write.js";

export interface PipelineOptions {
  /** Runs (with `precision`: runs of the first batch). Default: the scenario's `simulation.runs`. */
  readonly runs?: number;
  /** Default: the scenario's `simulation.seed`. */
  readonly seed?: number;
  /** Worker threads (default: available cores). */
  readonly threads?: number;
  /** Keep adding runs until the SE of the metric (default: the final-year exit rate) is ≤ target, up to maxRuns. */
  readonly precision?: { readonly target: number; readonly maxRuns: number; readonly metric?: PrecisionMetric };
  /** A household register to simulate instead of the scenario's synthetic cohorts. */
  readonly register?: { readonly file: string; readonly households: Households };
  /**
   * Simulate every run on the seed's one synthetic population instead of redrawing it per
   * run: intervals are then conditional on that population (faster; what sensitivity does).
   */
  readonly fixedPopulation?: boolean;
  /**
   * Index of the first run (default 0): `runs` runs from it, a shard of a larger simulation
   * (runs are addressed by index, so shards concatenate to the single run bit for bit).
   */
  readonly firstRun?: number;
  /**
   * Runs already computed for this scenario, seed and population (merged shards,
   * pipeline/shard.ts): summarised as if simulated here, nothing simulated.
   */
  readonly computed?: RunResults;
  /** Progress: runs done of runs planned (planned grows with `precision`). */
  readonly onProgress?: (done: number, planned: number) => void;
}

/** A simulated scenario: what is written to a results folder, and the ledger it was simulated against. */
export interface Simulation extends ResultSet {
  readonly ledger: Ledger;
}

/** Simulate a loaded scenario and summarise it. Errors: the population cannot be built. */
export async function simulateScenario(loaded: LoadedScenario, o: PipelineOptions = {}): Promise<Result<Simulation, PopulationIssue[]>> {
  const started = performance.now();
  const s = loaded.scenario;
  const seed = o.seed ?? s.simulation.seed;
  const runs = o.runs ?? s.simulation.runs;
  const threads = Math.max(1, o.threads ?? defaultThreads());
  const ledger = buildLedger(s);
  let households: Households;
  if (o.register) households = o.register.households;
  else {
    const pop = buildPopulation(s, { seed });
    if (!pop.ok) return err(pop.error);
    households = pop.value;
  }
  const model = engineModelFromScenario(s, ledger, households);
  // The population is part of every interval: redrawn per run unless a register is the
  // population or the caller holds it fixed.
  const redraw = o.register || o.fixedPopulation === true ? undefined : populationSpec(s);

  // Runs are addressed by index, so any range of runs can be computed on its own and
  // batches concatenate to exactly what one simulation of all the runs gives.
  const batch = (first: number, count: number, planned: number): Promise<RunResults> =>
    simulateModel(model, households, {
      runs: count,
      firstRun: first,
      seed,
      threads,
      ...(redraw ? { redraw } : {}),
      ...(o.onProgress ? { onProgress: (d: number) => o.onProgress?.(first - (o.firstRun ?? 0) + d, planned) } : {}),
    });

  let results: RunResults;
  let precision: PrecisionRecord | null = null;
  if (o.precision) {
    let planned = runs;
    const r = await runToPrecision((first, count) => batch(first, count, (planned = first + count)), {
      target: o.precision.target,
      ...(o.precision.metric ? { metric: o.precision.metric } : {}),
      initialRuns: runs,
      maxRuns: o.precision.maxRuns,
    });
    void planned;
    results = r.results;
    precision = r.record;
  } else if (o.computed) results = o.computed;
  else results = await batch(o.firstRun ?? 0, runs, runs);

  const summary = summarize(results, { targets: targetsFromScenario(s, loaded.years) });
  // Sources against what the runs spent; uncertain sources drawn per run (addressed by their path).
  const scale = defaultScale(s, households);
  const uncertainSources = s.funding.sources.flatMap((x) => (x.uncertainty ? [{ id: x.id, dist: engineDist(x.uncertainty) }] : []));
  const funding = fundingRisk(
    results,
    ledger.sources.map((line) => {
      const byYear = line.byYear.map((d) => d.toNumber() * scale);
      const dist = uncertainSources.find((x) => x.id === line.id)?.dist;
      if (dist === undefined) return { id: line.id, byYear };
      return { id: line.id, label: line.label, byYear, factors: Float64Array.from({ length: results.runs }, (_, run) => drawAt(dist, `funding.sources.${line.id}`, seed, run, 0)) };
    }),
    s.funding.carryForward,
  );
  const manifest = makeManifest({
    scenario: { file: loaded.file, id: s.meta.id, hash: loaded.hash },
    variant: loaded.variant ?? null,
    sets: [...loaded.sets],
    register: o.register
      ? { file: o.register.file, households: households.count, ...(households.sourceSha256 ? { sha256: households.sourceSha256 } : {}) }
      : null,
    households: households.count,
    seed,
    runs: results.runs,
    threads,
    years: [...loaded.years],
    wallTimeSeconds: (performance.now() - started) / 1000,
    precision,
    uncertainty: {
      incomeDraws: model.transitorySigma > 0 || model.trendSigma > 0 || model.baseIncomeSigma > 0,
      ...(o.register ? {} : { populationRedrawn: redraw !== undefined }),
      unknowns: (model.runDraws ?? []).map((d) => ({ parameter: d.path, dist: d.dist.kind, params: distParams(d.dist) })),
      ...(loaded.fixedUnknowns && loaded.fixedUnknowns.length > 0 ? { fixedUnknowns: loaded.fixedUnknowns } : {}),
      ...(uncertainSources.length > 0 ? { funding: uncertainSources.map((x) => ({ source: x.id, dist: x.dist.kind, params: distParams(x.dist) })) } : {}),
    },
  });
  const horizon = new Set(loaded.years);
  const plannedLending = ledger.pools.reduce((sum, p) => sum + p.byYear.reduce((t, y) => t + (horizon.has(y.year) ? y.newLending.toNumber() : 0), 0), 0);
  // Lines without a mechanism: those the scenario declares (effect: {none: reason}) apart from the silent ones.
  const noEffect = s.programmes.flatMap((p) => (p.effect !== undefined && "none" in p.effect ? [{ id: p.id, reason: p.effect.none }] : []));
  const declared = new Set(noEffect.map((x) => x.id));
  // Follow-up money by delivery (schedules marked project are spent, not paid to households).
  const project = new Set(s.programmes.flatMap((p) => (p.schedules ?? []).filter((x) => x.delivery === "project").map((x) => `${p.id}/${x.id}`)));
  const followUpDelivery = { project: 0, cash: 0 };
  for (const e of ledger.schedules) {
    if (e.beyondHorizon) continue;
    followUpDelivery[project.has(`${e.programme}/${e.schedule}`) ? "project" : "cash"] += e.amount.toNumber();
  }
  const inertProgrammes = model.programmes.filter((p) => !hasHouseholdMechanism(p, model.guarantees) && !declared.has(p.id)).map((p) => p.id);
  return ok({
    results,
    summary,
    manifest,
    spending: reconcileSpending(ledger, summary),
    ledger,
    inertProgrammes,
    ...(noEffect.length > 0 ? { noEffect } : {}),
    ...(followUpDelivery.project > 0 ? { followUpDelivery } : {}),
    ...(funding.uncertain.length > 0 || funding.any.p > 0 ? { funding } : {}),
    ...(ledger.pools.length > 0 ? { plannedLending } : {}),
  });
}

/** A distribution's parameters as a flat list (kind order, model.ts EngineDist; discrete: values then weights). */
function distParams(d: EngineDist): number[] {
  switch (d.kind) {
    case "fixed":
      return [d.a];
    case "triangular":
      return [d.a, d.b, d.c];
    case "discrete":
      return [...(d.values ?? []), ...(d.weights ?? [])];
    default:
      return [d.a, d.b];
  }
}
