/** A hand-filled report input (Linghai-shaped) for report and browser tests. */
import type { Lang } from "../../src/messages/lang.js";
import type { ReportInput } from "../../src/report/types.js";
import { fixtureData } from "../charts/fixtures.js";

export function fixtureReport(lang: Lang): ReportInput {
  return {
    lang,
    name: lang === "zh" ? "凌海市 2017 年脱贫攻坚" : "Linghai 2017 poverty alleviation",
    years: [2017, 2018, 2019],
    facts: {
      runs: 1000,
      seed: 20170101,
      targets: [
        { year: 2017, target: 2400, probability: 0.534, median: 2420, q05: 1890, q95: 2910 },
        { year: 2019, target: 4800, probability: 0.201, median: 4450, q05: 3600, q95: 5200 },
      ],
      allTargets: { probability: 0.143, se: 0.011 },
      pool: { fund: 9_900_000, depletionProbability: 0.031, meanLoss: 420_000, var99: 1_560_000 },
      fiscalCost: { mean: 41_000_000, q05: 39_500_000, q95: 43_800_000 },
      interestSubsidy: 5_000_000,
      costPerExit: 9_213,
    },
    charts: fixtureData,
    tables: [
      {
        title: lang === "zh" ? "资金来源（元）" : "Sources (yuan)",
        columns: [lang === "zh" ? "来源" : "Source", "2017", "2018", "2019", lang === "zh" ? "合计" : "Total"],
        rows: [
          ["Central and provincial 中央和省级", "6,467,000.00", "6,800,000.00", "7,100,000.00", "20,367,000.00"],
          ["City fiscal 市级财政", "5,000,000.00", "5,000,000.00", "5,000,000.00", "15,000,000.00"],
          [lang === "zh" ? "合计" : "Total", "11,467,000.00", "11,800,000.00", "12,100,000.00", "35,367,000.00"],
        ],
        numeric: [false, true, true, true, true],
        totalRow: true,
      },
    ],
    checks: [{ severity: "warning", message: lang === "zh" ? "2018 年支出超过来源 1,100,000.00 元。" : "2018: uses exceed sources by 1,100,000.00 yuan." }],
    manifest: { fundsimVersion: "0.1.0", scenario: "scenarios/linghai-2017.yaml", scenarioHash: "sha256:0123abcd", seed: 20170101, runs: 1000 },
    version: "0.1.0",
  };
}
