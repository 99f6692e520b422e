import { describe, expect, it } from "vitest";
import { summaryText, differencesText } from "../../src/present/resultsText.js";
import { summarize } from "../../src/results/summarize.js";
import { makeManifest } from "../../src/results/manifest.js";
import { pairedDifferences } from "../../src/results/paired.js";
import { CORE_METRICS } from "../../src/model/results.js";
import * as M from "../../src/messages/results.js";
import { formatMoney, formatNumber, formatPercent } from "../../src/messages/format.js";
import { makeResults, lcg } from "../results/fixtures.js";
import { dynamicsFacts } from "../../src/results/dynamics.js";
import { v2Results } from "./v2fixture.js";

const years = [2017, 2018, 2019];
function fake(shift: number) {
  const rand = lcg(1);
  return makeResults(100, years, CORE_METRICS, (run, y, m) => {
    const u = rand();
    switch (m) {
      case "cumulativeExits":
        return 800 * (y + 1) + 200 * u + shift;
      case "exitedPeople":
        return 700 * (y + 1) + 100 * u + shift;
      case "exitRate":
        return 0.3 * (y + 1) + 0.01 * u;
      case "fiscalCost":
        return 1e6 + 1e5 * u;
      case "poolLoss":
        return 5e4 * u;
      case "poolDepleted":
        return run % 50 === 0 && y === 2 ? 1 : 0;
      case "interestSubsidy":
        return 2e5;
      default:
        return 0;
    }
  });
}
const manifest = makeManifest({ scenario: { file: "s.yaml", id: "s", hash: "0".repeat(64) }, variant: null, sets: [], seed: 7, runs: 100, threads: 1, years, wallTimeSeconds: 1, households: 1234 });
// Targets meet the people out of poverty at year end (700–800, 1,400–1,500, 2,100–2,200 here).
const targets = { exits: [700, 1400, 2100] };

describe("summaryText", () => {
  for (const lang of ["en", "zh"] as const) {
    it(`states targets, exits, pool, subsidy and cost with uncertainty (${lang})`, () => {
      const results = fake(0);
      const summary = summarize(results, { targets });
      const text = summaryText({ results, summary, manifest }, { lang, name: "Test county" });
      const fin = summary.targets!.byYear[2]!.exitsMet!;
      // Every run has 2,100 out of poverty at the end of 2019: the 95% lower bound is given instead of "100% ± 0%".
      expect(fin.p).toBe(1);
      expect(text).toContain(M.exitTargetLine(formatNumber(2100), 2019, M.probAll("100", formatPercent(Math.pow(0.05, 1 / 100), 2)))[lang]);
      const some = summarize(results, { targets: { exits: [700, 1400, 2150] } });
      const p = some.targets!.byYear[2]!.exitsMet!;
      expect(p.p).toBeGreaterThan(0);
      expect(p.p).toBeLessThan(1);
      expect(summaryText({ results, summary: some, manifest }, { lang, name: "x" })).toContain(
        M.exitTargetLine(formatNumber(2150), 2019, M.probWithSe(formatPercent(p.p, 1), formatPercent(p.se, 1)))[lang],
      );
      const none = summarize(results, { targets: { exits: [700, 1400, 9999] } });
      expect(summaryText({ results, summary: none, manifest }, { lang, name: "x" })).toContain(
        M.exitTargetLine(formatNumber(9999), 2019, M.probNone("100", formatPercent(1 - Math.pow(0.05, 1 / 100), 2)))[lang],
      );
      const ex = summary.metrics["exitedPeople"]!.byYear[2]!;
      expect(text).toContain(M.exitsLine(2019, formatNumber(ex.mean), formatNumber(ex.q05), formatNumber(ex.q95))[lang]);
      expect(text).toContain(M.poolLossLine("2017–2019", formatMoney(summary.pool!.loss.mean, lang), formatMoney(summary.pool!.loss.se, lang), formatMoney(summary.pool!.lossVaR99, lang))[lang]);
      expect(text).toContain(M.poolDepletedLine("2%", formatPercent(summary.pool!.depleted.se, 1))[lang]);
      expect(text).toContain(M.subsidyLine("2017–2019", formatMoney(6e5, lang), formatMoney(6e5, lang), formatMoney(6e5, lang))[lang]);
      expect(text).toContain(M.costPerExitLine(formatMoney(summary.costPerExit!.value, lang), formatMoney(summary.costPerExit!.se, lang))[lang]);
      // Every probability says what it includes: shocks, not the population draw nor parameters.
      expect(text).toContain(M.uncertaintyIncludes(false)[lang]);
      expect(summaryText({ results, summary, manifest: { ...manifest, register: { file: "r.csv", households: 1234 } } }, { lang, name: "x" })).toContain(M.uncertaintyIncludes(true)[lang]);
      // Short enough to read at a glance: 16 lines before model v2's exit rates, inflow, relapse and target measure (5 more).
      expect(text.split("\n").length).toBeLessThan(23);
    });
  }

  it("states a pool no run exhausted with its 95% upper bound, and a pool that never lent as such", () => {
    const zeroing = (names: readonly string[]) => {
      const base = fake(0);
      const data = Float64Array.from(base.data);
      for (const name of names) {
        const k = base.metrics.indexOf(name);
        for (let i = k; i < data.length; i += base.metrics.length) data[i] = 0;
      }
      return { ...base, data };
    };
    const safe = zeroing(["poolDepleted"]);
    const text = summaryText({ results: safe, summary: summarize(safe), manifest }, { lang: "en", name: "x" });
    expect(text).toContain(M.poolNeverDepletedLine("100", formatPercent(1 - Math.pow(0.05, 1 / 100), 2)).en);
    expect(text).not.toContain(M.poolDepletedLine("0%", "0%").en);
    const none = zeroing(["poolDepleted", "poolLoss", "poolBalance", "newLending", "loansOutstanding"]);
    const quiet = summaryText({ results: none, summary: summarize(none), manifest }, { lang: "zh", name: "x" });
    expect(quiet).toContain(M.noPoolLending().zh);
    expect(quiet).not.toContain(M.poolLossLine("2017–2019", "0", "0", "0").zh.slice(0, 8));
    // Differences leave out quantities that are zero in every run of both variants.
    const diff = differencesText(pairedDifferences(none, none), "a", "b", "en");
    expect(diff).not.toContain(M.whatPoolLoss("2017–2019").en);
    expect(diff).not.toContain(M.whatDepleted().en);
  });

  it("says when precision was not reached", () => {
    const results = fake(0);
    const m = { ...manifest, precision: { target: 0.0001, achieved: 0.001, converged: false, maxRuns: 100, batches: 3 } };
    const text = summaryText({ results, summary: summarize(results), manifest: m }, { lang: "en", name: "x" });
    expect(text).toContain(M.precisionLine(formatPercent(0.0001, 2), formatPercent(0.001, 1), false, "100").en);
  });
});

describe("differencesText", () => {
  it("reports signed differences with confidence intervals", () => {
    const d = pairedDifferences(fake(0), fake(50), { targets });
    const text = differencesText(d, "baseline", "more", "en");
    expect(text).toContain(M.compareVariant("more", "baseline").en);
    expect(text).toContain(M.diffLine(M.whatExits(2019), "+50", "+50", "+50").en);
    expect(text).toContain(M.diffLine(M.whatCost("2017–2019"), "0 yuan", "0 yuan", "0 yuan").en);
  });
  it("reports the difference in newly registered people, and leaves out what no run defines", () => {
    const years = [2016, 2017, 2018];
    const a = v2Results(50, years);
    const data = Float64Array.from(a.data);
    const k = a.metrics.indexOf("newlyRegistered");
    for (let i = k; i < data.length; i += a.metrics.length) data[i] = (data[i] as number) + 10;
    const d = pairedDifferences(a, { ...a, data });
    for (const lang of ["en", "zh"] as const) {
      const text = differencesText(d, "a", "b", lang);
      expect(text).toContain(M.diffLine(M.whatInflow("2016–2018"), "+30", "+30", "+30")[lang]);
      expect(text).not.toMatch(/NaN|—/);
    }
  });
});

describe("summaryText: registration, exits, inflow and relapse (model v2)", () => {
  const runs = 200;
  const set = (years: readonly number[], results = v2Results(runs, years)) => {
    const m = makeManifest({ scenario: { file: "s.yaml", id: "s", hash: "0".repeat(64) }, variant: null, sets: [], seed: 7, runs, threads: 1, years, wallTimeSeconds: 1, households: 1234 });
    const summary = summarize(results, { targets: { exits: years.map((_, i) => (i === years.length - 1 ? 700 * years.length : null)) } });
    return { results, summary, manifest: m };
  };
  const short = [2016, 2017, 2018];
  const long = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
  for (const lang of ["en", "zh"] as const) {
    it(`says the exit rates per year, inflow, relapse and the target measure, never NaN (${lang})`, () => {
      const s = set(short);
      const text = summaryText(s, { lang, name: "x" });
      expect(text).not.toMatch(/NaN|undefined|null/);
      expect(text).toContain(M.targetMeasureLine()[lang]);
      const d = dynamicsFacts(s.summary);
      // Per year, median and 90% interval; the last year is defined in 199 of 200 runs (no registered poor left in run 0).
      const h = d.exitHazard!;
      expect(h[2]!.n).toBe(runs - 1);
      const items = h.map((y) => M.yearItem(y.year, formatPercent(y.median), formatPercent(y.q05), formatPercent(y.q95), y.n < runs ? M.definedInRuns("199", "200") : undefined)[lang]);
      expect(text).toContain(M.registeredExitLine(items.join(" · "))[lang]);
      expect(text).toContain(M.definedInRuns("199", "200")[lang]);
      const p = d.poorExitRate!.map((y) => M.yearItem(y.year, formatPercent(y.median), formatPercent(y.q05), formatPercent(y.q95), undefined)[lang]);
      expect(text).toContain(M.poorExitLine(p.join(" · "))[lang]);
      const inflow = s.summary.metrics["newlyRegistered"]!.horizon;
      const perYear = d.inflow!.byYear.map((y) => M.yearItem(y.year, formatNumber(y.median), formatNumber(y.q05), formatNumber(y.q95), undefined)[lang]);
      expect(inflow.mean).toBeGreaterThan(0);
      expect(text).toContain(M.inflowLine(perYear.join(" · "), "2016–2018", { mean: formatNumber(inflow.mean), lo: formatNumber(inflow.q05), hi: formatNumber(inflow.q95) })[lang]);
      // Three years of horizon: nobody is followed 3 years after an exit; the longest observable (2) is said instead, and 5 not at all.
      expect(text).toContain(M.relapseNotObservableLine(3, "2016–2018", 2)[lang]);
      const r2 = s.summary.metrics["relapseWithin2"]!.byYear[2]!;
      expect(text).toContain(M.relapseLine(2, 2016, 2018, formatPercent(r2.q50), formatPercent(r2.q05), formatPercent(r2.q95), undefined)[lang]);
      expect(text).not.toContain(M.relapseNotObservableLine(5, "2016–2018", 2)[lang]);
      // Seven years: within 3 and within 5 years, of the latest cohorts followed that long.
      const l = set(long);
      const lt = summaryText(l, { lang, name: "x" });
      expect(lt).not.toMatch(/NaN/);
      const r3 = l.summary.metrics["relapseWithin3"]!.byYear[6]!;
      const r5 = l.summary.metrics["relapseWithin5"]!.byYear[6]!;
      expect(lt).toContain(M.relapseLine(3, 2019, 2022, formatPercent(r3.q50), formatPercent(r3.q05), formatPercent(r3.q95), undefined)[lang]);
      expect(lt).toContain(M.relapseLine(5, 2017, 2022, formatPercent(r5.q50), formatPercent(r5.q05), formatPercent(r5.q95), undefined)[lang]);
      expect(lt).not.toContain(M.notObservable()[lang]);
    });
  }

  it("says not observable where no run defines a value (the v1 kernel's placeholders), and nothing for results without the columns", () => {
    const base = v2Results(runs, short);
    const data = Float64Array.from(base.data);
    for (const name of ["exitHazard", "poorExitRate", "relapseWithin1", "relapseWithin2", "relapseWithin3", "relapseWithin4", "relapseWithin5"]) {
      const k = base.metrics.indexOf(name);
      for (let i = k; i < data.length; i += base.metrics.length) data[i] = Number.NaN;
    }
    for (const lang of ["en", "zh"] as const) {
      const text = summaryText(set(short, { ...base, data }), { lang, name: "x" });
      expect(text).not.toMatch(/NaN/);
      expect(text).toContain(M.registeredExitLine(M.notObservable()[lang], false)[lang]);
      expect(text).toContain(M.poorExitLine(M.notObservable()[lang], false)[lang]);
      expect(text).toContain(M.relapseNotObservableLine(3, "2016–2018", 2)[lang]);
      expect(text).not.toContain(lang === "en" ? "had relapsed by" : "已返贫");
    }
    // A results folder from before these columns: no line about them.
    const old = fake(0);
    const keep = CORE_METRICS.filter((m) => !["exitHazard", "poorExitRate", "newlyRegistered", "relapseWithin3", "relapseWithin2", "relapseWithin1"].includes(m));
    const idx = keep.map((m) => old.metrics.indexOf(m));
    const trimmed = { ...old, metrics: keep, data: Float64Array.from({ length: old.runs * old.years.length * keep.length }, (_, i) => old.data[Math.floor(i / keep.length) * old.metrics.length + idx[i % keep.length]!]!) };
    const t = summaryText({ results: trimmed, summary: summarize(trimmed), manifest }, { lang: "en", name: "x" });
    expect(t).not.toContain(M.registeredExitLine("").en.slice(0, 20));
    expect(t).not.toMatch(/NaN/);
  });
});
