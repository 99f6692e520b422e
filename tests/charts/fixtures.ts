/**
 * Fixed chart inputs shaped like the shipped plans (Linghai pool, Zhengzhou relocation,
 * Jiangmen per-person target). Deterministic: no random numbers.
 */
import type { ChartData } from "../../src/charts/registry.js";

/** Deterministic "sample" of n losses: quantiles of a zero-inflated lognormal-ish curve. */
function losses(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    out.push(u < 0.35 ? 0 : 180_000 * Math.exp(2.2 * (u - 0.35)) * (1 + 3 * Math.max(0, u - 0.9)));
  }
  return out;
}

export const fixtureData: ChartData = {
  "exits-fan": {
    bands: [
      { year: 2017, q05: 1890, q25: 2210, median: 2420, q75: 2630, q95: 2910 },
      { year: 2018, q05: 2950, q25: 3400, median: 3700, q75: 3990, q95: 4380 },
      { year: 2019, q05: 3600, q25: 4100, median: 4450, q75: 4780, q95: 5200 },
    ],
    targets: [
      { year: 2017, value: 2400 },
      { year: 2018, value: 3600 },
      { year: 2019, value: 4800 },
    ],
  },
  "target-probability": {
    points: [
      { year: 2017, probability: 0.534, se: 0.0158 },
      { year: 2018, probability: 0.612, se: 0.0154 },
      { year: 2019, probability: 0.201, se: 0.0127 },
    ],
    overall: 0.143,
  },
  convergence: {
    metric: "pTarget",
    target: 0.01,
    points: [
      { runs: 100, estimate: 0.17, se: 0.0376 },
      { runs: 1550, estimate: 0.2232, se: 0.0106 },
      { runs: 2330, estimate: 0.2240, se: 0.0086 },
    ],
  },
  "budget-sources": {
    rows: [
      { year: 2017, category: "Central and provincial funds 中央和省级资金", amount: 6_467_000 },
      { year: 2017, category: "City fiscal funds 市级财政", amount: 5_000_000 },
      { year: 2017, category: "Risk compensation fund 风险补偿金", amount: 9_900_000 },
      { year: 2018, category: "Central and provincial funds 中央和省级资金", amount: 6_800_000 },
      { year: 2018, category: "City fiscal funds 市级财政", amount: 5_000_000 },
      { year: 2019, category: "Central and provincial funds 中央和省级资金", amount: 7_100_000 },
      { year: 2019, category: "City fiscal funds 市级财政", amount: 5_000_000 },
    ],
  },
  "budget-uses": {
    rows: [
      { year: 2017, category: "Industry projects 产业项目", amount: 3_678_000 },
      { year: 2017, category: "House rebuilding 危房改造", amount: 1_750_000 },
      { year: 2017, category: "Medical premiums 新农合", amount: 527_400 },
      { year: 2017, category: "Technology extension 技术推广", amount: 390_000 },
      { year: 2017, category: "Skills training 技能培训", amount: 240_000 },
      { year: 2017, category: "Pool deposit 风险补偿金", amount: 9_900_000 },
      { year: 2017, category: "Interest subsidy 贴息", amount: 1_250_000 },
      { year: 2018, category: "Industry projects 产业项目", amount: 4_000_000 },
      { year: 2018, category: "Interest subsidy 贴息", amount: 1_900_000 },
      { year: 2019, category: "Industry projects 产业项目", amount: 4_200_000 },
      { year: 2019, category: "Interest subsidy 贴息", amount: 2_100_000 },
    ],
  },
  "per-person": {
    points: [
      { year: 2016, perPerson: 6_650 },
      { year: 2017, perPerson: 13_300 },
      { year: 2018, perPerson: 20_000 },
    ],
    target: 20_000,
  },
  balance: {
    points: [
      { year: 2017, balance: 3_631_600, carried: 3_631_600 },
      { year: 2018, balance: -1_100_000, carried: 2_531_600 },
      { year: 2019, balance: 5_800_000, carried: 8_331_600 },
    ],
  },
  "pool-fan": {
    bands: [
      { year: 2017, q05: 8_100_000, q25: 9_300_000, median: 9_650_000, q75: 9_820_000, q95: 9_900_000 },
      { year: 2018, q05: 5_600_000, q25: 8_200_000, median: 9_100_000, q75: 9_600_000, q95: 9_850_000 },
      { year: 2019, q05: 2_400_000, q25: 7_000_000, median: 8_500_000, q75: 9_300_000, q95: 9_800_000 },
    ],
    depletion: [
      { year: 2017, probability: 0 },
      { year: 2018, probability: 0.004 },
      { year: 2019, probability: 0.031 },
    ],
    fund: 9_900_000,
  },
  "pool-loss": { losses: losses(400), var95: 1_180_000, var99: 1_560_000, mean: 420_000 },
  lending: {
    bands: [
      { year: 2017, q05: 46_000_000, q25: 48_500_000, median: 50_000_000, q75: 50_000_000, q95: 50_000_000 },
      { year: 2018, q05: 52_000_000, q25: 60_000_000, median: 66_000_000, q75: 70_000_000, q95: 74_000_000 },
      { year: 2019, q05: 40_000_000, q25: 62_000_000, median: 72_000_000, q75: 80_000_000, q95: 88_000_000 },
    ],
    capacity: [
      { year: 2017, value: 99_000_000 },
      { year: 2018, value: 99_000_000 },
      { year: 2019, value: 99_000_000 },
    ],
    planned: [
      { year: 2017, value: 50_000_000 },
      { year: 2018, value: 70_000_000 },
      { year: 2019, value: 80_000_000 },
    ],
  },
  "interest-subsidy": {
    bands: [
      { year: 2017, q05: 1_150_000, q25: 1_210_000, median: 1_240_000, q75: 1_250_000, q95: 1_250_000 },
      { year: 2018, q05: 1_400_000, q25: 1_600_000, median: 1_700_000, q75: 1_780_000, q95: 1_850_000 },
      { year: 2019, q05: 1_100_000, q25: 1_650_000, median: 1_850_000, q75: 2_000_000, q95: 2_200_000 },
    ],
    expected: [
      { year: 2017, value: 1_250_000 },
      { year: 2018, value: 1_750_000 },
      { year: 2019, value: 2_000_000 },
    ],
  },
  relocation: {
    rows: [2016, 2017, 2018, 2019, 2020, 2021].flatMap((year) => [
      ...(year <= 2020 ? [{ year, cohort: "2016", amount: 15_000 * 2_000 }] : []),
      ...(year >= 2017 ? [{ year, cohort: "2017", amount: 6_000 * 2_000 }] : []),
    ]),
  },
  "variant-differences": {
    level: 0.95,
    rows: [
      { variant: "double-pool", label: "Double the pool 资金池翻倍", metric: "exits", mean: 182, lo: 121, hi: 243 },
      { variant: "double-pool", label: "Double the pool 资金池翻倍", metric: "fiscalCost", mean: 11_200_000, lo: 10_800_000, hi: 11_600_000 },
      { variant: "double-pool", label: "Double the pool 资金池翻倍", metric: "poolLoss", mean: 310_000, lo: 220_000, hi: 400_000 },
      { variant: "double-pool", label: "Double the pool 资金池翻倍", metric: "targetProbability", mean: 0.09, lo: 0.06, hi: 0.12 },
      { variant: "more-training", metric: "exits", mean: 35, lo: -12, hi: 82 },
      { variant: "more-training", metric: "fiscalCost", mean: 480_000, lo: 480_000, hi: 480_000 },
      { variant: "more-training", metric: "poolLoss", mean: 0, lo: 0, hi: 0 },
      { variant: "more-training", metric: "targetProbability", mean: 0.02, lo: -0.01, hi: 0.05 },
    ],
  },
  "exits-vs-cost": {
    points: [
      { variant: "baseline", label: "baseline", exits: { median: 4450, q05: 3600, q95: 5200 }, cost: { median: 41_000_000, q05: 39_500_000, q95: 43_800_000 } },
      { variant: "double-pool", label: "Double the pool 资金池翻倍", exits: { median: 4630, q05: 3790, q95: 5390 }, cost: { median: 52_200_000, q05: 50_100_000, q95: 55_900_000 } },
      { variant: "more-training", exits: { median: 4490, q05: 3640, q95: 5240 }, cost: { median: 41_500_000, q05: 40_000_000, q95: 44_300_000 } },
    ],
  },
};
