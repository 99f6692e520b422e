import { describe, expect, it } from "vitest";
import { summaryText, differencesText } from "../../src/present/resultsText.js";
import { summarize } from "../../src/results/summarize.js";
import { makeManifest } from "../../src/results/manifest.js";
import { pairedDifferences } from "../../src/results/paired.js";
import { CORE_METRICS } from "../../src/model/results.js";
import * as M from "../../src/messages/results.js";
import { formatMoney, formatNumber, formatPercent } from "../../src/messages/format.js";
import { makeResults, lcg } from "../results/fixtures.js";

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
      expect(text.split("\n").length).toBeLessThan(17);
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
});
