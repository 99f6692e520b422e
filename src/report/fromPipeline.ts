/**
 * Run the pipeline for a report: ledger, simulation of the baseline and of each
 * variant (same seed, so variants are compared with common random numbers), paired
 * differences, and everything the report shows — facts for the summary, chart inputs,
 * ledger tables, checks and the manifest.
 *
 * @example
 * const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
 * const r = await reportInputFor(loaded, { lang: "zh", runs: 500 });
 * if (r.ok) await writeReport("out/linghai", r.value);
 */
import type { Lang } from "../messages/lang.js";
import { say } from "../messages/lang.js";
import { populationIssue } from "../messages/population.js";
import type { LoadedScenario } from "../scenario/types.js";
import type { Localized } from "../messages/lang.js";
import { err, ok, type Result } from "../util/result.js";
import { buildLedger } from "../ledger/build.js";
import { labelText } from "../ledger/label.js";
import type { Ledger } from "../ledger/types.js";
import { simulateScenario, type PipelineOptions } from "../results/pipeline.js";
import { pairedDifferences, type PairedDifferences, type PairedStat } from "../results/paired.js";
import { formatNumber, moneyScale } from "../messages/format.js";
import * as M from "../messages/report.js";
import { baselineName as baselineWord } from "../messages/results.js";
import { MANIFEST_KEYS, manifestKey, type ManifestKey } from "../messages/report.js";
import { targetsFromScenario } from "../results/targets.js";
import type { ResultSet } from "../results/write.js";
import type { ChartData } from "../charts/registry.js";
import { exitTargetProbabilityInput, exitsVsCostInput, lendingInput, poolFanInput, resultsChartData, subsidyInput, variantDifferencesInput } from "../charts/adapters.js";
import { ledgerChartData, poolReferences } from "../charts/ledgerAdapters.js";
import { mergeChartData } from "./chartData.js";
import { ledgerDisplayTables, spendingDisplayTable } from "./ledgerTables.js";
import { spendingSummary } from "../present/resultsText.js";
import type { DisplayTable, ReportFacts, ReportInput } from "./types.js";

export interface ReportOptions extends Pick<PipelineOptions, "runs" | "seed" | "threads" | "onProgress"> {
  readonly lang: Lang;
}

/** A variant to compare with the baseline, already loaded (the same file with its overlay applied). */
export interface LoadedVariant {
  readonly name: string;
  readonly loaded: LoadedScenario;
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
  const exits = s.metrics["cumulativeExits"];
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
  return {
    runs: s.runs,
    seed: set.manifest.seed,
    targets,
    ...(tp?.overall !== undefined ? { allTargets: { probability: tp.overall, se: tp.overallSe ?? 0 } } : {}),
    ...(village && villageTarget?.villages != null ? { villages: { year: villageTarget.year, target: villageTarget.villages, probability: village.p, median: village.median } } : {}),
    ...(refs && s.pool ? { pool: { fund: refs.fund, depletionProbability: s.pool.depleted.p, meanLoss: s.pool.loss.mean, var99: s.pool.lossVaR99 } } : {}),
    fiscalCost: { mean: cost?.mean ?? Number.NaN, q05: cost?.q05 ?? Number.NaN, q95: cost?.q95 ?? Number.NaN },
    ...(subsidy !== undefined && refs ? { interestSubsidy: subsidy } : {}),
    ...(s.costPerExit && Number.isFinite(s.costPerExit.value) ? { costPerExit: s.costPerExit.value } : {}),
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

/** The id the baseline goes by in chart data: the variant it applies, or "baseline". */
export const BASELINE_ID = "baseline";

/** A variant's label from the scenario in `lang`; undefined when the scenario gives none. */
export function variantLabel(loaded: LoadedScenario | undefined, id: string, lang: Lang): string | undefined {
  const label = loaded?.scenario.variants.find((v) => v.id === id)?.label;
  const text = label === undefined ? "" : labelText(label, lang);
  return text !== "" ? text : undefined;
}

/** How the baseline is shown: the label of the variant it applies (else its id), or "baseline" in `lang`. */
function baselineShown(loaded: LoadedScenario | undefined, lang: Lang): string {
  return loaded?.variant !== undefined ? (variantLabel(loaded, loaded.variant, lang) ?? loaded.variant) : say(lang, baselineWord());
}

/**
 * Every chart input for one simulated scenario (and its variants, if any). Variants keep
 * their ids in the data and are shown by their labels in `lang` (from `loaded`).
 */
export function reportChartData(set: ResultSet, ledger: Ledger, lang: Lang, variants: readonly { name: string; set: ResultSet }[] = [], loaded?: LoadedScenario): ChartData {
  const refs = poolReferences(ledger);
  const parts: ChartData[] = [resultsChartData(set.summary, set.results, { pool: refs !== undefined }), ledgerChartData(ledger, lang)];
  if (refs) {
    const pool = poolFanInput(set.summary, set.results, refs.deposited);
    const lending = lendingInput(set.summary, refs.capacity, refs.planned);
    const subsidy = subsidyInput(set.summary, refs.expectedSubsidy);
    parts.push({ ...(pool ? { "pool-fan": pool } : {}), ...(lending ? { lending } : {}), ...(subsidy ? { "interest-subsidy": subsidy } : {}) });
  }
  if (variants.length > 0) {
    const diffs = variantDiffs(set, variants, lang, loaded);
    const baseline = { name: loaded?.variant ?? BASELINE_ID, label: baselineShown(loaded, lang), summary: set.summary };
    parts.push({
      "variant-differences": variantDifferencesInput(loaded?.variant !== undefined ? baseline.label : undefined, diffs),
      "exits-vs-cost": exitsVsCostInput([baseline, ...variants.map((v) => ({ name: v.name, label: variantLabel(loaded, v.name, lang), summary: v.set.summary }))]),
    });
  }
  return mergeChartData(...parts);
}

/** Paired differences of each variant against the baseline (common random numbers: same seed, same runs), with the variant's label in `lang`. */
function variantDiffs(
  set: ResultSet,
  variants: readonly { name: string; set: ResultSet }[],
  lang: Lang,
  loaded?: LoadedScenario,
): { variant: string; label: string | undefined; paired: PairedDifferences }[] {
  const targets = loaded ? targetsFromScenario(loaded.scenario, loaded.years) : undefined;
  return variants.map((v) => ({ variant: v.name, label: variantLabel(loaded, v.name, lang), paired: pairedDifferences(set.results, v.set.results, targets ? { targets } : {}) }));
}

const signed = (x: number, text: string): string => (x > 0 ? `+${text}` : text);

/**
 * What each variant changes, from the scenario's labels and descriptions: [label, description
 * and the id it is given by on the command line]; a variant without a label goes by its id.
 */
export function variantNotes(names: readonly string[], loaded: LoadedScenario | undefined, lang: Lang): [string, string][] {
  return names.map((id) => {
    const v = loaded?.scenario.variants.find((x) => x.id === id);
    const label = variantLabel(loaded, id, lang);
    const description = v?.description !== undefined ? labelText(v.description, lang) : "";
    return label !== undefined ? [label, say(lang, M.variantNote(description, id))] : [id, description];
  });
}

/** The variants' paired differences as a table (money in million yuan or 万元, named in the title); a variant shows as its label, else its id. */
export function variantTable(diffs: readonly { variant: string; label?: string | undefined; paired: PairedDifferences }[], lang: Lang): DisplayTable {
  const level = `${Math.round((diffs[0]?.paired.level ?? 0.95) * 100)}%`;
  const { divisor, unit } = moneyScale(lang);
  const num = (st: PairedStat | null | undefined, f: (x: number) => string): string => (st ? `${signed(st.mean, f(st.mean))} (${f(st.lo)} … ${f(st.hi)})` : "—");
  const people = (x: number): string => formatNumber(x, 0);
  const money = (x: number): string => formatNumber(x / divisor, lang === "zh" ? 1 : 2);
  const points = (x: number): string => formatNumber(100 * x, 1);
  const columns = [say(lang, M.colVariant()), say(lang, M.colDeltaExits()), say(lang, M.colDeltaCost()), say(lang, M.colDeltaPoolLoss()), say(lang, M.colDeltaTargets())];
  return {
    title: say(lang, M.tableVariants(level, unit)),
    columns,
    rows: diffs.map((d) => [
      d.label ?? d.variant,
      num(d.paired.metrics["exitedPeople"]?.horizon, people),
      num(d.paired.metrics["fiscalCost"]?.horizon, money),
      num(d.paired.metrics["poolLoss"]?.horizon, money),
      num(d.paired.targetsMet, points),
    ]),
    numeric: [false, true, true, true, true],
  };
}

/** The manifest as display pairs, keyed by localized names. */
function manifestEntries(set: ResultSet, variants: readonly string[], lang: Lang): Record<string, unknown> {
  const m = set.manifest;
  const values: Record<ManifestKey, unknown> = {
    fundsim: m.fundsim,
    scenario: m.scenario.file,
    scenarioId: m.scenario.id,
    scenarioHash: m.scenario.hash,
    variant: m.variant ?? "—",
    comparedVariants: variants.length > 0 ? variants.join(", ") : "—",
    sets: m.sets.length > 0 ? m.sets.join("; ") : "—",
    seed: m.seed,
    runs: m.runs,
    threads: m.threads,
    households: m.households,
    years: m.years.join(", "),
    wallTimeSeconds: Number(m.wallTimeSeconds.toFixed(2)),
    node: m.node,
    created: m.created,
  };
  return Object.fromEntries(MANIFEST_KEYS.map((k) => [say(lang, manifestKey(k)), values[k]]));
}

/** Simulate the baseline and the variants and assemble the report input. */
export async function reportInputFor(loaded: LoadedScenario, o: ReportOptions, variants: readonly LoadedVariant[] = []): Promise<Result<ReportInput, Localized>> {
  const { lang } = o;
  const ledger = buildLedger(loaded.scenario);
  const opts: PipelineOptions = {
    ...(o.runs !== undefined ? { runs: o.runs } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  };
  const base = await simulateScenario(loaded, opts);
  if (!base.ok) return err(joinIssues(base.error.map(populationIssue)));
  const sims: { name: string; set: ResultSet }[] = [];
  for (const v of variants) {
    const r = await simulateScenario(v.loaded, { ...opts, seed: base.value.manifest.seed, runs: base.value.manifest.runs });
    if (!r.ok) return err(joinIssues(r.error.map(populationIssue)));
    sims.push({ name: v.name, set: r.value });
  }
  return ok({
    lang,
    name: labelText(ledger.name, lang, loaded.scenario.meta.id),
    years: [...ledger.years],
    facts: { ...reportFacts(base.value, ledger), ...spendingFact(base.value, lang) },
    charts: reportChartData(base.value, ledger, lang, sims, loaded),
    tables: [...ledgerDisplayTables(ledger, lang), ...(base.value.spending?.length ? [spendingDisplayTable(base.value.spending, lang)] : [])],
    ...(base.value.spending ? { spending: base.value.spending } : {}),
    ...(sims.length > 0
      ? { variantTable: variantTable(variantDiffs(base.value, sims, lang, loaded), lang), variantNotes: variantNotes(sims.map((v) => v.name), loaded, lang) }
      : {}),
    checks: ledger.checks.map((c) => ({ severity: c.severity, message: say(lang, c.message) })),
    manifest: manifestEntries(base.value, sims.map((s) => s.name), lang),
    manifestFile: base.value.manifest,
    version: base.value.manifest.fundsim,
  });
}

const joinIssues = (xs: readonly Localized[]): Localized => ({ en: xs.map((x) => x.en).join("\n"), zh: xs.map((x) => x.zh).join("\n") });
