/**
 * The plain-language summary a bureau director reads first: will the targets be met
 * and with what probability, will the pool survive, what it costs — as sentences and
 * headline figures, in the report's language.
 *
 * @example
 * const blocks = summaryBlocks(facts, checks, "zh");
 */
import type { Lang } from "../messages/lang.js";
import { say } from "../messages/lang.js";
import * as M from "../messages/report.js";
import { labelText } from "../messages/label.js";
import { subsidyGapLine, declaredNoEffectLine, fixedUnknownsLine, followUpDeliveryLine, inertProgrammesLine, targetMeasureLine, uncertaintyIncludes } from "../messages/results.js";
import { fundingSentence, lendingSentence, relapseSentences, spreadCell, suspendedByYear } from "../present/resultsText.js";
import type { DynamicsFacts } from "../results/dynamics.js";
import type { Block } from "../render/html.js";
import { formatMoney, formatNumber, formatPeople, formatPercent } from "../messages/format.js";
import type { ReportCheck, ReportFacts } from "./types.js";

/** Thresholds for the verdict on targets (probability that every year's target is met). */
export const LIKELY = 0.8;
export const UNLIKELY = 0.5;
/** Money running short in more than this share of runs is a warning. */
export const FUNDING_RISK = 0.05;
/** A pool depleted in more than this share of runs is "at risk". */
export const POOL_RISK = 0.05;

export function summaryBlocks(facts: ReportFacts, checks: readonly ReportCheck[], lang: Lang): Block[] {
  const blocks: Block[] = [];
  const figures: { label: string; value: string; note?: string; tone?: "good" | "warn" | "bad" }[] = [];
  const last = facts.targets[facts.targets.length - 1];
  if (last && facts.allTargets) {
    const p = facts.allTargets.probability;
    const args = [formatPercent(p), formatPeople(last.target, lang), last.year] as const;
    const tone = p >= LIKELY ? "good" : p >= UNLIKELY ? "warn" : "bad";
    const msg =
      tone === "good"
        ? M.targetsLikely(...args)
        : tone === "warn"
          ? M.targetsUncertain(...args)
          : p === 0 && facts.runs > 0
            ? M.targetsNever(formatNumber(facts.runs), args[1], args[2])
            : M.targetsUnlikely(...args);
    blocks.push({ kind: "paragraph", text: say(lang, msg), emphasis: tone });
    blocks.push({ kind: "paragraph", text: say(lang, M.exitsMedian(formatPeople(last.median, lang), formatNumber(last.q05), formatNumber(last.q95), last.year)) });
    // Every probability says what it includes.
    blocks.push({ kind: "paragraph", text: say(lang, uncertaintyIncludes(facts.register === true, facts.incomeDraws === true, facts.unknowns ?? 0, facts.populationRedrawn === true)) });
    if (facts.fixedUnknowns) blocks.push({ kind: "paragraph", text: say(lang, fixedUnknownsLine(facts.fixedUnknowns)) });
    const ps = facts.populationShare;
    if (ps) blocks.push({ kind: "paragraph", text: say(lang, M.populationShareLine(formatPercent(ps.share, 0), formatPercent(ps.lo, 0), formatPercent(ps.hi, 0), ps.year)) });
    figures.push({ label: say(lang, M.figTargetProbability()), value: formatPercent(p), note: say(lang, M.figSe(formatPercent(facts.allTargets.se, 1))), tone });
    figures.push({ label: say(lang, M.figExits(last.year)), value: formatNumber(last.median), note: say(lang, M.figRange(formatNumber(last.q05), formatNumber(last.q95))) });
  }
  if (facts.targets.length > 0) blocks.push({ kind: "paragraph", text: say(lang, targetMeasureLine()) });
  if (facts.villages) {
    const v = facts.villages;
    blocks.push({ kind: "paragraph", text: say(lang, M.villagesSentence(v.target, v.year, formatPercent(v.probability), formatNumber(v.median))) });
    figures.push({ label: say(lang, M.figVillages(v.year)), value: formatPercent(v.probability), tone: v.probability >= LIKELY ? "good" : v.probability >= UNLIKELY ? "warn" : "bad" });
  }
  // Who enters, leaves and falls back, after the targets (people and villages).
  if (facts.dynamics) blocks.push(...dynamicsBlocks(facts.dynamics, lang));
  if (facts.pool) {
    const { depletionProbability: p, meanLoss, var99, fund } = facts.pool;
    const risky = p > POOL_RISK;
    const money = [formatMoney(meanLoss, lang), formatMoney(var99, lang), formatMoney(fund, lang)] as const;
    const args = [formatPercent(p), ...money] as const;
    // "only 0% of runs" reads oddly: say that no run depleted the pool, out of how many.
    const never = p === 0 && facts.runs > 0;
    const msg = risky ? M.poolAtRisk(...args) : never ? M.poolNeverDepleted(formatNumber(facts.runs), ...money) : M.poolSafe(...args);
    blocks.push({ kind: "paragraph", text: say(lang, msg), emphasis: risky ? "bad" : "good" });
    const l = facts.pool.lending;
    if (l) {
      const short = l.planned !== undefined && l.mean < 0.9 * l.planned;
      const byYear = suspendedByYear(l, lang);
      const text = say(lang, lendingSentence(l, l.span, lang)) + (byYear ? ` ${say(lang, byYear)}` : "");
      blocks.push({ kind: "paragraph", text, ...(short ? { emphasis: "warn" as const } : {}) });
    }
    if (facts.runOff) blocks.push({ kind: "paragraph", text: facts.runOff });
    const depletedRuns = Math.round(p * facts.runs);
    figures.push({ label: say(lang, M.figPoolDepleted()), value: formatPercent(p), note: say(lang, M.figRunsDepleted(formatNumber(depletedRuns), formatNumber(facts.runs))), tone: risky ? "bad" : "good" });
    figures.push({ label: say(lang, M.figPoolVar99()), value: formatMoney(var99, lang) });
  }
  const c = facts.fiscalCost;
  blocks.push({
    kind: "paragraph",
    text: say(lang, M.costSentence(formatMoney(c.mean, lang), formatMoney(c.q05, lang), formatMoney(c.q95, lang), facts.costPerExit !== undefined ? formatMoney(facts.costPerExit, lang) : "—")),
  });
  if (facts.interestSubsidy !== undefined && facts.interestSubsidy > 0) blocks.push({ kind: "paragraph", text: say(lang, M.subsidySentence(formatMoney(facts.interestSubsidy, lang))) });
  if (facts.funding) {
    blocks.push({ kind: "paragraph", text: say(lang, fundingSentence(facts.funding, lang)), ...(facts.funding.any.p > FUNDING_RISK ? { emphasis: "warn" as const } : {}) });
  }
  if (facts.subsidyGap) {
    const g = facts.subsidyGap;
    blocks.push({ kind: "paragraph", text: say(lang, subsidyGapLine(formatMoney(g.budgeted, lang), formatMoney(g.simulated, lang), formatPercent(g.simulated / g.budgeted, 0))) });
  }
  figures.push({ label: say(lang, M.figCost()), value: formatMoney(c.mean, lang), note: say(lang, M.figRange(formatMoney(c.q05, lang), formatMoney(c.q95, lang))) });
  if (facts.costPerExit !== undefined) figures.push({ label: say(lang, M.figCostPerExit()), value: formatMoney(facts.costPerExit, lang) });
  if (facts.spending) blocks.push({ kind: "paragraph", text: facts.spending.text, ...(facts.spending.tone ? { emphasis: facts.spending.tone } : {}) });
  if (facts.inertProgrammes && facts.inertProgrammes.length > 0) {
    blocks.push({ kind: "paragraph", text: say(lang, inertProgrammesLine(facts.inertProgrammes.map((p) => labelText(p.label, lang, p.id)).join(lang === "zh" ? "、" : ", "))), emphasis: "warn" });
  }
  if (facts.noEffect) blocks.push({ kind: "paragraph", text: say(lang, declaredNoEffectLine(facts.noEffect)) });
  if (facts.followUpDelivery) {
    blocks.push({ kind: "paragraph", text: say(lang, followUpDeliveryLine(formatMoney(facts.followUpDelivery.project, lang), formatMoney(facts.followUpDelivery.cash, lang))) });
  }
  const problems = checks.filter((k) => k.severity !== "info").length;
  blocks.push({ kind: "paragraph", text: say(lang, problems === 0 ? M.ledgerBalanced() : M.ledgerProblems(problems)), emphasis: problems === 0 ? "good" : "warn" });
  return [{ kind: "figures", items: figures }, ...blocks];
}

/**
 * Exits and inflow by year as a table (the registered poor's exit rate, the truly poor's,
 * newly registered people, with the inflow's total), what the rates are, and relapse of
 * exiters within 3 (and 5) years. Values no run defines read "not observable".
 */
export function dynamicsBlocks(d: DynamicsFacts, lang: Lang): Block[] {
  const pct = (x: number): string => formatPercent(x, 1);
  const people = (x: number): string => formatNumber(x);
  const cols: { readonly title: string; readonly cells: readonly string[]; readonly total: string }[] = [];
  if (d.exitHazard) cols.push({ title: say(lang, M.colRegisteredExit()), cells: d.exitHazard.map((x) => spreadCell(x, d.runs, pct, lang)), total: "" });
  if (d.poorExitRate) cols.push({ title: say(lang, M.colPoorExit()), cells: d.poorExitRate.map((x) => spreadCell(x, d.runs, pct, lang)), total: "" });
  if (d.inflow) {
    const t = d.inflow.total;
    // The total is the expected (mean) number of people, with the 90% interval of the runs' totals.
    cols.push({ title: say(lang, M.colInflow()), cells: d.inflow.byYear.map((x) => spreadCell(x, d.runs, people, lang)), total: spreadCell({ ...t, median: t.mean }, d.runs, people, lang) });
  }
  const blocks: Block[] = [];
  if (cols.length > 0) {
    const rows = d.years.map((year, y) => [String(year), ...cols.map((c) => c.cells[y] ?? "")]);
    const withTotal = d.inflow !== undefined;
    blocks.push({
      kind: "table",
      caption: say(lang, M.tableDynamics()),
      columns: [say(lang, M.colYear()), ...cols.map((c) => c.title)],
      rows: withTotal ? [...rows, [say(lang, M.colTotal()), ...cols.map((c) => c.total)]] : rows,
      numeric: [false, ...cols.map(() => true)],
      ...(withTotal ? { totalRow: true } : {}),
    });
    blocks.push({ kind: "paragraph", text: say(lang, M.dynamicsDefinitions()) });
  }
  const stop = lang === "zh" ? "。" : ".";
  for (const r of relapseSentences(d)) blocks.push({ kind: "paragraph", text: `${say(lang, r)}${stop}` });
  return blocks;
}
