/**
 * Assemble a report's input from what the pipeline computed (pipeline/report.ts): facts
 * for the summary, chart inputs, ledger tables, checks and the manifest. Nothing here
 * simulates or builds a stage's output; the ledger and the paired differences arrive.
 *
 * @example
 * const input = assembleReport(loaded, base, base.ledger, [{ name: "full-capacity", set, paired }], "zh");
 * await writeReport("out/linghai", input);
 */
import { TARGET_MEASURE } from "../model/results.js";
import { formatNumber } from "../messages/format.js";
import type { Lang } from "../messages/lang.js";
import { say } from "../messages/lang.js";
import type { LoadedScenario } from "../scenario/types.js";
import { labelText, programmeLabel } from "../messages/label.js";
import type { Ledger } from "../ledger/types.js";
import type { PairedDifferences } from "../results/paired.js";
import type { ResultSet } from "../results/write.js";
import { lendingFacts } from "../results/lending.js";
import { dynamicsFacts } from "../results/dynamics.js";
import type { ChartData } from "../charts/registry.js";
import { exitTargetProbabilityInput, exitsVsCostInput, resultsChartData, variantDifferencesInput } from "../charts/adapters.js";
import { ledgerChartData, poolChartData, poolReferences } from "../charts/ledgerAdapters.js";
import { mergeChartData } from "./chartData.js";
import { ledgerDisplayTables, spendingDisplayTable } from "./ledgerTables.js";
import { manifestEntries } from "./manifest.js";
import { noEffectItems, runOffSentence, spendingSummary, subsidyGap } from "../present/resultsText.js";
import { decompositionParts } from "../present/uncertaintyText.js";
import { BASELINE_ID, baselineShown, variantLabel, variantNotes, variantTable } from "./variants.js";
import type { ReportFacts, ReportInput } from "./types.js";

/** A simulated variant and its paired differences from the baseline (common random numbers). */
export interface ComparedVariant {
  readonly name: string;
  readonly set: ResultSet;
  readonly paired: PairedDifferences;
}

/** Share of runs in which `metric` reaches `target` in year index `y`, and the median value. */
function reach(set: ResultSet, metric: string, y: number, target: number): { p: number; median: number } | undefined {
  const r = set.results;
  const m = r.metrics.indexOf(metric);
  if (m < 0 || y < 0 || r.runs === 0) return undefined;
  let hits = 0;
  for (let run = 0; run < r.runs; run++) if ((r.data[(run * r.years.length + y) * r.metrics.length + m] ?? Number.NaN) >= target) hits++;
  return { p: hits / r.runs, median: set.summary.metrics[metric]?.byYear[y]?.q50 ?? Number.NaN };
}

/** Headline facts from the baseline's results and ledger (exit targets in people; village targets apart). */
export function reportFacts(set: ResultSet, ledger: Ledger): ReportFacts {
  const s = set.summary;
  const exits = s.metrics[TARGET_MEASURE];
  const exitTargets = (s.targets?.byYear ?? []).flatMap((t) => (t.exits !== null ? [{ year: t.year, value: t.exits }] : []));
  const tp = exitTargetProbabilityInput(set.results, exitTargets);
  const targets = exitTargets.flatMap((t) => {
    const st = exits?.byYear[s.years.indexOf(t.year)];
    const p = tp?.points.find((x) => x.year === t.year);
    return st && p ? [{ year: t.year, target: t.value, probability: p.probability, median: st.q50, q05: st.q05, q95: st.q95 }] : [];
  });
  const villageTarget = [...(s.targets?.byYear ?? [])].reverse().find((t) => t.villages !== null);
  const village = villageTarget?.villages != null ? reach(set, "villagesExited", s.years.indexOf(villageTarget.year), villageTarget.villages) : undefined;
  const refs = poolReferences(ledger);
  const cost = s.metrics["fiscalCost"]?.horizon;
  const subsidy = s.metrics["interestSubsidy"]?.horizon.mean;
  const facts = lendingFacts(set);
  const lending = facts ? { ...facts, span: `${s.years[0] ?? ""}–${s.years[s.years.length - 1] ?? ""}` } : undefined;
  const gap = subsidyGap(set.spending);
  return {
    runs: s.runs,
    register: set.manifest.register !== null,
    incomeDraws: set.manifest.uncertainty?.incomeDraws === true,
    populationRedrawn: set.manifest.uncertainty?.populationRedrawn === true,
    unknowns: set.manifest.uncertainty?.unknowns?.length ?? 0,
    ...(set.manifest.uncertainty?.fixedUnknowns?.length ? { fixedUnknowns: set.manifest.uncertainty.fixedUnknowns.map((f) => `${f.parameter} = ${formatNumber(f.value, 4)}`) } : {}),
    seed: set.manifest.seed,
    targets,
    ...(tp?.overall !== undefined ? { allTargets: { probability: tp.overall, se: tp.overallSe ?? 0 } } : {}),
    ...(village && villageTarget?.villages != null ? { villages: { year: villageTarget.year, target: villageTarget.villages, probability: village.p, median: village.median } } : {}),
    ...(refs && s.pool ? { pool: { fund: refs.fund, depletionProbability: s.pool.depleted.p, meanLoss: s.pool.loss.mean, var99: s.pool.lossVaR99, ...(lending ? { lending } : {}) } } : {}),
    dynamics: dynamicsFacts(s),
    ...(set.inertProgrammes && set.inertProgrammes.length > 0
      ? { inertProgrammes: set.inertProgrammes.map((id) => {
          const label = programmeLabel(set.spending, id);
          return label === undefined ? { id } : { id, label };
        }) }
      : {}),
    fiscalCost: { mean: cost?.mean ?? Number.NaN, q05: cost?.q05 ?? Number.NaN, q95: cost?.q95 ?? Number.NaN },
    ...(subsidy !== undefined && refs ? { interestSubsidy: subsidy } : {}),
    ...(gap ? { subsidyGap: gap } : {}),
    ...(set.funding ? { funding: set.funding } : {}),
    ...(s.costPerExit && Number.isFinite(s.costPerExit.value) ? { costPerExit: s.costPerExit.value } : {}),
    ...(set.decomposition && set.decomposition.populations > 0
      ? { populationShare: { year: set.decomposition.year, share: set.decomposition.shares.population, lo: set.decomposition.sharesCi.population[0], hi: set.decomposition.sharesCi.population[1] } }
      : {}),
  };
}

/** Share of a budget line missed (either way) that makes the spending sentence a warning. */
export const SPENDING_WARN = 0.1;

/** The spending sentence of the summary, when the results reconcile spending with the ledger. */
function spendingFact(set: ResultSet, lang: Lang): Pick<ReportFacts, "spending"> {
  const rows = set.spending;
  if (!rows || rows.length === 0) return {};
  const text = `${say(lang, spendingSummary(rows, lang))}${lang === "zh" ? "。" : "."}`;
  const budgeted = rows.filter((r) => r.status !== "demandDriven");
  // Good when every line is spent as budgeted; a warning when a line misses by more than 10%.
  const tone = budgeted.every((r) => r.status === "asBudgeted")
    ? "good"
    : budgeted.some((r) => Math.abs(r.difference) > SPENDING_WARN * Math.abs(r.budgeted))
      ? "warn"
      : undefined;
  return { spending: { text, ...(tone ? { tone } : {}) } };
}

/**
 * Every chart input for one simulated scenario (and its variants, if any). Variants keep
 * their ids in the data and are shown by their labels in `lang` (from `loaded`).
 */
export function reportChartData(set: ResultSet, ledger: Ledger, lang: Lang, variants: readonly ComparedVariant[] = [], loaded?: LoadedScenario): ChartData {
  const parts: ChartData[] = [resultsChartData(set.summary, set.results, { pool: poolReferences(ledger) !== undefined, precision: set.manifest.precision }), ledgerChartData(ledger, lang), poolChartData(set.summary, set.results, ledger)];
  if (variants.length > 0) {
    const diffs = variants.map((v) => ({ variant: v.name, label: variantLabel(loaded, v.name, lang), paired: v.paired }));
    const baseline = { name: loaded?.variant ?? BASELINE_ID, label: baselineShown(loaded, lang), summary: set.summary };
    parts.push({
      "variant-differences": variantDifferencesInput(loaded?.variant !== undefined ? baseline.label : undefined, diffs),
      "exits-vs-cost": exitsVsCostInput([baseline, ...variants.map((v) => ({ name: v.name, label: variantLabel(loaded, v.name, lang), summary: v.set.summary }))]),
    });
  }
  return mergeChartData(...parts);
}

/**
 * Everything a report shows, from the baseline's simulation (with the ledger it was
 * simulated against) and the variants compared with it: facts, charts, tables, checks,
 * labels and the manifest. Pure: nothing is simulated or built again here.
 */
export function assembleReport(loaded: LoadedScenario, base: ResultSet, ledger: Ledger, variants: readonly ComparedVariant[], lang: Lang): ReportInput {
  const names = variants.map((v) => v.name);
  return {
    lang,
    name: labelText(ledger.name, lang, loaded.scenario.meta.id),
    years: [...ledger.years],
    facts: { ...reportFacts(base, ledger), ...spendingFact(base, lang), ...runOffFact(base, lang), ...(base.noEffect?.length ? { noEffect: noEffectItems(base.noEffect, base.spending, lang) } : {}), ...(base.followUpDelivery ? { followUpDelivery: base.followUpDelivery } : {}) },
    charts: reportChartData(base, ledger, lang, variants, loaded),
    tables: [...ledgerDisplayTables(ledger, lang), ...(base.spending?.length ? [spendingDisplayTable(base.spending, lang)] : [])],
    ...(base.spending ? { spending: base.spending } : {}),
    ...(base.decomposition ? { uncertainty: uncertaintyTable(base, lang) } : {}),
    ...(variants.length > 0
      ? {
          variantTable: variantTable(variants.map((v) => ({ variant: v.name, label: variantLabel(loaded, v.name, lang), paired: v.paired })), lang),
          variantNotes: variantNotes(names, loaded, lang),
        }
      : {}),
    checks: ledger.checks.map((c) => ({ severity: c.severity, message: say(lang, c.message) })),
    manifest: manifestEntries(base, names, lang),
    manifestFile: base.manifest,
    version: base.manifest.fundsim,
    workbook: { ledger, summary: base.summary, scenario: { file: loaded.file, id: loaded.scenario.meta.id, hash: loaded.hash } },
  };
}

/** The decomposition as a report table with its heading and note. */
function uncertaintyTable(set: ResultSet, lang: Lang): NonNullable<ReportInput["uncertainty"]> {
  const d = decompositionParts(set.decomposition!, lang); // the caller checked it is there
  const [columns = [], ...rows] = d.rows;
  return { heading: d.heading, note: d.note, table: { title: d.heading, columns, rows, numeric: columns.map((_, j) => j > 0) } };
}

/** The pools' run-off sentence, when the runs have any. */
function runOffFact(set: ResultSet, lang: Lang): Pick<ReportFacts, "runOff"> {
  const x = runOffSentence(set.summary, lang);
  return x ? { runOff: say(lang, x) } : {};
}
