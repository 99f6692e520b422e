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
import { inertProgrammesLine, uncertaintyIncludes } from "../messages/results.js";
import { lendingSentence } from "../present/resultsText.js";
import type { Block } from "../render/html.js";
import { formatMoney, formatNumber, formatPeople, formatPercent } from "../messages/format.js";
import type { ReportCheck, ReportFacts } from "./types.js";

/** Thresholds for the verdict on targets (probability that every year's target is met). */
export const LIKELY = 0.8;
export const UNLIKELY = 0.5;
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
    blocks.push({ kind: "paragraph", text: say(lang, uncertaintyIncludes(facts.register === true)) });
    figures.push({ label: say(lang, M.figTargetProbability()), value: formatPercent(p), note: say(lang, M.figSe(formatPercent(facts.allTargets.se, 1))), tone });
    figures.push({ label: say(lang, M.figExits(last.year)), value: formatNumber(last.median), note: say(lang, M.figRange(formatNumber(last.q05), formatNumber(last.q95))) });
  }
  if (facts.villages) {
    const v = facts.villages;
    blocks.push({ kind: "paragraph", text: say(lang, M.villagesSentence(v.target, v.year, formatPercent(v.probability), formatNumber(v.median))) });
    figures.push({ label: say(lang, M.figVillages(v.year)), value: formatPercent(v.probability), tone: v.probability >= LIKELY ? "good" : v.probability >= UNLIKELY ? "warn" : "bad" });
  }
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
      const text = say(lang, lendingSentence(l, l.span, lang));
      blocks.push({ kind: "paragraph", text, ...(short ? { emphasis: "warn" as const } : {}) });
    }
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
  figures.push({ label: say(lang, M.figCost()), value: formatMoney(c.mean, lang), note: say(lang, M.figRange(formatMoney(c.q05, lang), formatMoney(c.q95, lang))) });
  if (facts.costPerExit !== undefined) figures.push({ label: say(lang, M.figCostPerExit()), value: formatMoney(facts.costPerExit, lang) });
  if (facts.spending) blocks.push({ kind: "paragraph", text: facts.spending.text, ...(facts.spending.tone ? { emphasis: facts.spending.tone } : {}) });
  if (facts.inertProgrammes && facts.inertProgrammes.length > 0) {
    blocks.push({ kind: "paragraph", text: say(lang, inertProgrammesLine(facts.inertProgrammes.join(lang === "zh" ? "、" : ", "))), emphasis: "warn" });
  }
  const problems = checks.filter((k) => k.severity !== "info").length;
  blocks.push({ kind: "paragraph", text: say(lang, problems === 0 ? M.ledgerBalanced() : M.ledgerProblems(problems)), emphasis: problems === 0 ? "good" : "warn" });
  return [{ kind: "figures", items: figures }, ...blocks];
}
