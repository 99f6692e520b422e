/**
 * The short, readable summary `fundsim simulate` prints, and the comparison
 * `fundsim compare` prints — with uncertainty on every figure, in en or zh.
 *
 * @example
 * stdout.write(summaryText(set, { lang: "zh", name: "凌海市" }));
 */
import { TARGET_MEASURE } from "../model/results.js";
import { formatMoney, formatNumber, formatPercent } from "../messages/format.js";
import type { Lang, Localized } from "../messages/lang.js";
import { say } from "../messages/lang.js";
import * as M from "../messages/results.js";
import { labelText, programmeLabel } from "../messages/label.js";
import type { PairedDifferences, PairedStat } from "../results/paired.js";
import type { SpendingRow } from "../results/reconcile.js";
import { noneSeenUpper95 } from "../results/stats.js";
import { lendingFacts, type LendingFacts } from "../results/lending.js";
import { dynamicsFacts, type DynamicsFacts, type YearSpread } from "../results/dynamics.js";
import type { ResultSet } from "../results/write.js";
import type { Summary } from "../results/summarize.js";
import type { Label } from "../ledger/types.js";
import type { FundingRisk } from "../results/funding.js";

const pct = (p: number): string => formatPercent(p, 1);
/** A probability over runs: "p ± se", or for none / all of the runs the 95% one-sided bound (rule of three). */
export function probability(x: { readonly p: number; readonly se: number; readonly n: number }): Localized {
  if (x.n > 0 && x.p === 0) return M.probNone(formatNumber(x.n), formatPercent(noneSeenUpper95(x.n), 2));
  if (x.n > 0 && x.p === 1) return M.probAll(formatNumber(x.n), formatPercent(1 - noneSeenUpper95(x.n), 2));
  return M.probWithSe(pct(x.p), pp(x.se));
}

/** New lending against the plan, with the probability that lending was suspended. */
export function lendingSentence(l: LendingFacts, span: string, lang: Lang): Localized {
  const planned = l.planned;
  return M.lendingLine(span, formatMoney(l.mean, lang), planned === undefined ? undefined : formatMoney(planned, lang), planned === undefined ? undefined : formatPercent(l.mean / planned, 0), probability(l.suspended));
}

/** The funding line: share of runs short by year, in any year, and the sources drawn per run (by label). */
export function fundingSentence(f: FundingRisk, lang: Lang): Localized {
  const items = f.byYear.map((x) => `${x.year} ${formatPercent(x.p, 1)}`).join(lang === "zh" ? "，" : ", ");
  const uncertain = f.uncertain.map((u) => labelText(u.label, lang, u.id)).join(lang === "zh" ? "、" : ", ");
  return M.fundingLine(items, say(lang, probability({ p: f.any.p, se: f.any.se, n: f.runs })), uncertain, f.carryForward);
}

/** Share below which the simulated interest subsidy is explained against the ledger's. */
export const SUBSIDY_GAP = 0.95;

/** The ledger's and the runs' interest subsidy over the horizon, when the runs' falls short by more than 5%. */
export function subsidyGap(rows: readonly SpendingRow[] | undefined): { budgeted: number; simulated: number } | undefined {
  const r = (rows ?? []).filter((x) => x.item === "interestSubsidy");
  const budgeted = r.reduce((a, x) => a + x.budgeted, 0);
  const simulated = r.reduce((a, x) => a + x.mean, 0);
  return budgeted > 0 && simulated < SUBSIDY_GAP * budgeted ? { budgeted, simulated } : undefined;
}

/** The pools' run-off after the horizon (loans still outstanding run to term), when there is any. */
export function runOffSentence(s: Summary, lang: Lang): Localized | undefined {
  const loss = s.metrics["poolLossAfter"]?.horizon;
  const subsidy = s.metrics["subsidyAfter"]?.horizon;
  const bank = s.metrics["bankLossAfter"]?.horizon;
  const depleted = s.metrics["poolDepletedAfter"]?.horizon;
  if (!loss || !subsidy || !bank || !depleted || !(loss.max > 0 || subsidy.max > 0)) return undefined;
  return M.runOffLine(formatMoney(loss.mean, lang), formatMoney(loss.q95, lang), formatMoney(bank.mean, lang), formatMoney(subsidy.mean, lang), say(lang, probability({ p: depleted.mean, se: depleted.se, n: depleted.n })));
}

/** The per-year suspension line, when lending was suspended in any run. */
export function suspendedByYear(l: LendingFacts, lang: Lang): Localized | undefined {
  if (!(l.suspended.p > 0)) return undefined;
  return M.suspendedByYearLine(l.suspendedByYear.map((x) => `${x.year} ${formatPercent(x.p, 0)}`).join(lang === "zh" ? "，" : ", "));
}

/** "in n of N runs" when a value is defined in only some of the runs. */
const definedNote = (n: number, runs: number): Localized | undefined => (n > 0 && n < runs ? M.definedInRuns(formatNumber(n), formatNumber(runs)) : undefined);

/** A per-year list "2017 37.2% (30.1% – 44%) · 2018 …"; one "not observable" when no year is. */
function yearList(items: readonly YearSpread[], runs: number, fmt: (x: number) => string, lang: Lang): string {
  if (items.every((i) => i.n === 0)) return say(lang, M.notObservable());
  return items
    .map((i) => say(lang, i.n === 0 ? M.yearNotObservable(i.year) : M.yearItem(i.year, fmt(i.median), fmt(i.q05), fmt(i.q95), definedNote(i.n, runs))))
    .join(" · ");
}

/**
 * Who enters, leaves and falls back: the registered poor's and the truly poor's exit rates
 * per year, inflow of newly registered people, relapse of exiters within 3 (and 5) years.
 * Values no run defines read "not observable", never NaN.
 */
export function dynamicsSentences(d: DynamicsFacts, lang: Lang): Localized[] {
  const out: Localized[] = [];
  const span = `${d.years[0] ?? ""}–${d.years[d.years.length - 1] ?? ""}`;
  const seen = (xs: readonly YearSpread[]): boolean => xs.some((x) => x.n > 0);
  if (d.exitHazard) out.push(M.registeredExitLine(yearList(d.exitHazard, d.runs, pct, lang), seen(d.exitHazard)));
  if (d.poorExitRate) out.push(M.poorExitLine(yearList(d.poorExitRate, d.runs, pct, lang), seen(d.poorExitRate)));
  if (d.inflow) {
    const t = d.inflow.total;
    const people = (x: number): string => formatNumber(x);
    out.push(M.inflowLine(yearList(d.inflow.byYear, d.runs, people, lang), span, t.n > 0 ? { mean: people(t.mean), lo: people(t.q05), hi: people(t.q95) } : undefined));
  }
  return [...out, ...relapseSentences(d)];
}

/** Relapse of exiters within 3 (and 5) years, or "not observable within the horizon" and the longest that is. */
export function relapseSentences(d: DynamicsFacts): Localized[] {
  const span = `${d.years[0] ?? ""}–${d.years[d.years.length - 1] ?? ""}`;
  return d.relapse.map((r) => {
    const o = r.observed;
    return o ? M.relapseLine(r.k, o.exitYear, o.year, pct(o.median), pct(o.q05), pct(o.q95), definedNote(o.n, d.runs)) : M.relapseNotObservableLine(r.k, span, Math.max(0, d.years.length - 1));
  });
}

/** One cell of a per-year table: "37.2% (30.1% – 44%)", with the runs that define it when not all; "not observable" when none. */
export function spreadCell(x: { readonly median: number; readonly q05: number; readonly q95: number; readonly n: number }, runs: number, fmt: (v: number) => string, lang: Lang): string {
  if (x.n === 0) return say(lang, M.notObservable());
  const note = definedNote(x.n, runs);
  return say(lang, M.spreadCell(fmt(x.median), fmt(x.q05), fmt(x.q95), note));
}

/** Metrics that show a credit pool did something in a run. */
const POOL_ACTIVITY = ["newLending", "loansOutstanding", "poolBalance", "poolLoss"] as const;
const pp = (se: number): string => (se < 0.0005 && se > 0 ? formatPercent(se, 2) : formatPercent(se, 1));

/** Text summary of one simulation. */
export function summaryText(set: ResultSet, o: { readonly lang: Lang; readonly name: string }): string {
  const { summary: s, manifest: m } = set;
  const lang = o.lang;
  const lines: string[] = [];
  const T = (x: Localized): void => void lines.push(say(lang, x));
  const first = s.years[0] ?? 0;
  const lastYear = s.years[s.years.length - 1] ?? 0;
  const last = s.years.length - 1;
  const span = `${first}–${lastYear}`;
  T(M.heading(o.name, formatNumber(s.runs), m.seed, first, lastYear, formatNumber(m.households)));
  T(M.uncertaintyNote());
  T(M.uncertaintyIncludes(m.register !== null, m.uncertainty?.incomeDraws === true, m.uncertainty?.unknowns?.length ?? 0, m.uncertainty?.populationRedrawn === true));
  const fixed = m.uncertainty?.fixedUnknowns ?? [];
  if (fixed.length > 0) T(M.fixedUnknownsLine(fixed.map((f) => `${f.parameter} = ${formatNumber(f.value, 4)}`)));

  const t = s.targets;
  const finalTarget = t?.byYear.filter((y) => (y.exits !== null || y.villages !== null) && y.met !== null).at(-1);
  if (t && finalTarget && finalTarget.met) {
    const { exitsMet, villagesMet } = finalTarget;
    if (finalTarget.exits !== null && exitsMet) {
      T(M.exitTargetLine(formatNumber(finalTarget.exits), finalTarget.year, probability(exitsMet)));
    }
    if (finalTarget.villages !== null && villagesMet) {
      T(M.villageTargetLine(formatNumber(finalTarget.villages), finalTarget.year, probability(villagesMet)));
    }
    const years = t.byYear.filter((y) => y.met !== null);
    if (years.length > 1 || (exitsMet && villagesMet)) T(M.allTargetsLine(probability(t.overall)));
    if (years.length > 1) T(M.targetByYear(years.map((y) => `${y.year} ${pct(y.met?.p ?? Number.NaN)}`).join(" · ")));
    const yi = s.years.indexOf(finalTarget.year);
    const ex = s.metrics[TARGET_MEASURE]?.byYear[yi];
    if (ex && finalTarget.exits !== null) {
      T(M.exitsAgainstTarget(finalTarget.year, formatNumber(ex.mean), formatNumber(ex.q05), formatNumber(ex.q95), formatNumber(finalTarget.exits)));
    }
    const vi = s.metrics["villagesExited"]?.byYear[yi];
    if (vi && finalTarget.villages !== null) {
      T(M.villagesAgainstTarget(finalTarget.year, formatNumber(vi.mean, 1), formatNumber(vi.q05), formatNumber(vi.q95), formatNumber(finalTarget.villages)));
    }
  } else if (t && t.basis === "targetMetMetric") {
    T(M.allTargetsLine(probability(t.overall)));
  } else T(M.noTargets());
  if (t) T(M.targetMeasureLine());

  // Out of poverty at the end of the horizon: the stock (re-exits after a relapse count once).
  const exits = s.metrics["exitedPeople"]?.byYear[last];
  if (exits) T(M.exitsLine(lastYear, formatNumber(exits.mean), formatNumber(exits.q05), formatNumber(exits.q95)));
  if (s.headline) T(M.exitRateLine(lastYear, pct(s.headline.exitRate), pp(s.headline.se)));
  for (const x of dynamicsSentences(dynamicsFacts(s), lang)) T(x);

  if (s.pool) {
    // A pool that never lent, lost or held anything (e.g. a variant without the pool) has nothing to report.
    const active = POOL_ACTIVITY.some((k) => s.metrics[k]?.byYear.some((b) => b.max > 0) ?? false);
    if (!active) T(M.noPoolLending());
    else {
      T(M.poolLossLine(span, formatMoney(s.pool.loss.mean, lang), formatMoney(s.pool.loss.se, lang), formatMoney(s.pool.lossVaR99, lang)));
      const n = s.pool.depleted.n;
      if (s.pool.depleted.p === 0 && n > 0) T(M.poolNeverDepletedLine(formatNumber(n), formatPercent(noneSeenUpper95(n), 2)));
      else T(M.poolDepletedLine(pct(s.pool.depleted.p), pp(s.pool.depleted.se)));
      // Lending against plan, and suspension: a pool that stops lending leaves its plan unmet.
      const lending = lendingFacts(set);
      if (lending) {
        T(lendingSentence(lending, span, lang));
        const line = suspendedByYear(lending, lang);
        if (line) T(line);
      }
      const after = runOffSentence(s, lang);
      if (after) T(after);
    }
  }
  const subsidy = s.metrics["interestSubsidy"]?.horizon;
  if (subsidy && subsidy.max > 0) T(M.subsidyLine(span, formatMoney(subsidy.mean, lang), formatMoney(subsidy.q05, lang), formatMoney(subsidy.q95, lang)));
  if (set.funding) T(fundingSentence(set.funding, lang));
  const gap = subsidyGap(set.spending);
  if (gap) T(M.subsidyGapLine(formatMoney(gap.budgeted, lang), formatMoney(gap.simulated, lang), formatPercent(gap.simulated / gap.budgeted, 0)));
  const cost = s.metrics["fiscalCost"]?.horizon;
  if (cost) T(M.costLine(span, formatMoney(cost.mean, lang), formatMoney(cost.q05, lang), formatMoney(cost.q95, lang)));
  if (s.costPerExit && Number.isFinite(s.costPerExit.value)) {
    T(M.costPerExitLine(formatMoney(s.costPerExit.value, lang), formatMoney(s.costPerExit.se, lang)));
  }
  if (set.spending && set.spending.length > 0) T(spendingSummary(set.spending, lang));
  if (set.inertProgrammes && set.inertProgrammes.length > 0) {
    const label = (id: string): string => labelText(programmeLabel(set.spending, id), lang, id);
    T(M.inertProgrammesLine(set.inertProgrammes.map(label).join(lang === "zh" ? "、" : ", ")));
  }
  if (set.noEffect && set.noEffect.length > 0) T(M.declaredNoEffectLine(noEffectItems(set.noEffect, set.spending, lang)));
  if (set.followUpDelivery) T(M.followUpDeliveryLine(formatMoney(set.followUpDelivery.project, lang), formatMoney(set.followUpDelivery.cash, lang)));
  if (m.precision) {
    const metric = m.precision.metric ?? "exitRate";
    const f = (v: number): string => (metric === "exitedPeople" ? formatNumber(v, 1) : metric === "poolLoss99" ? formatMoney(v, lang) : pp(v));
    T(M.precisionLine(f(m.precision.target), f(m.precision.achieved), m.precision.converged, formatNumber(s.runs), metric));
  }
  return `${lines.join("\n")}\n`;
}

const signed = (x: string, v: number): string => (v > 0 ? `+${x}` : x);

/** What a spending row is called in `lang`. */
export function spendingItemName(r: SpendingRow, lang: Lang): string {
  switch (r.item) {
    case "programme":
      return r.label === undefined ? r.id : labelText(r.label, lang, r.id);
    case "followUp":
      return say(lang, M.itemFollowUp());
    case "interestSubsidy":
      return say(lang, M.itemInterestSubsidy());
    default:
      return r.item satisfies never;
  }
}

/** One line: budget lines (by year) spent as budgeted, and the three lines with the largest gaps over the years they miss. */
export function spendingSummary(rows: readonly SpendingRow[], lang: Lang): Localized {
  const budgeted = rows.filter((r) => r.status !== "demandDriven");
  const byLine = new Map<string, SpendingRow[]>();
  for (const r of budgeted) if (r.status !== "asBudgeted") byLine.set(`${r.item}/${r.id}`, [...(byLine.get(`${r.item}/${r.id}`) ?? []), r]);
  const minus = (s: string): string => s.replace(/^-/, "−");
  const gaps = [...byLine.values()]
    .map((rs) => ({ first: rs[0] as SpendingRow, years: rs.map((r) => r.year), budget: rs.reduce((a, r) => a + r.budgeted, 0), gap: rs.reduce((a, r) => a + r.difference, 0) }))
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap))
    .slice(0, 3)
    .map((g) => {
      const years = g.years.length > 1 ? `${g.years[0]}–${g.years[g.years.length - 1]}` : String(g.years[0]);
      const share = g.budget > 0 ? signed(minus(formatPercent(g.gap / g.budget, 0)), g.gap) : "—";
      return say(lang, M.spendingGap(spendingItemName(g.first, lang), years, signed(formatMoney(g.gap, lang), g.gap), share));
    });
  const asBudgeted = budgeted.filter((r) => r.status === "asBudgeted").length;
  return M.spendingLine(formatNumber(asBudgeted), formatNumber(budgeted.length), gaps.join(lang === "zh" ? "；" : "; "));
}

/** Text of paired differences (B − A) for the headline quantities. */
export function differencesText(d: PairedDifferences, a: string, b: string, lang: Lang): string {
  const lines: string[] = [say(lang, M.compareVariant(b, a))];
  const last = d.years.length - 1;
  const lastYear = d.years[last] ?? 0;
  const span = `${d.years[0]}–${lastYear}`;
  const line = (what: Localized, s: PairedStat | undefined, fmt: (x: number) => string): void => {
    // Nothing to compare where both variants are zero in every run (e.g. pool losses without a pool).
    // Nor where no run pairs defined values (a rate undefined in every run: not observable).
    if (!s || s.n === 0 || (s.meanA === 0 && s.meanB === 0 && s.sd === 0)) return;
    lines.push(say(lang, M.diffLine(what, signed(fmt(s.mean), s.mean), signed(fmt(s.lo), s.lo), signed(fmt(s.hi), s.hi))));
  };
  const money = (x: number): string => formatMoney(x, lang);
  const points = (x: number): string => say(lang, M.points(formatNumber(100 * x, 1)));
  line(M.whatExits(lastYear), d.metrics["exitedPeople"]?.byYear[last], (x) => formatNumber(x));
  if (d.exitTargetsMet) line(M.whatExitTarget(), d.exitTargetsMet, points);
  if (d.targetsMet) line(M.whatTargets(), d.targetsMet, points);
  line(M.whatInflow(span), d.metrics["newlyRegistered"]?.horizon, (x) => formatNumber(x));
  line(M.whatCost(span), d.metrics["fiscalCost"]?.horizon, money);
  line(M.whatPoolLoss(span), d.metrics["poolLoss"]?.horizon, money);
  line(M.whatSubsidy(span), d.metrics["interestSubsidy"]?.horizon, money);
  line(M.whatDepleted(), d.metrics["poolDepleted"]?.horizon, points);
  return `${lines.join("\n")}\n`;
}

/** "label (reason)" for each line declared without an effect, in `lang`. */
export function noEffectItems(items: readonly { readonly id: string; readonly reason: Label }[], spending: readonly SpendingRow[] | undefined, lang: Lang): string {
  const [open, close] = lang === "zh" ? ["（", "）"] : [" (", ")"];
  return items.map((x) => `${labelText(programmeLabel(spending, x.id), lang, x.id)}${open}${labelText(x.reason, lang)}${close}`).join(lang === "zh" ? "；" : "; ");
}
