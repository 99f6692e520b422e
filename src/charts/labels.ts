/**
 * Every title, axis and legend label of every chart, in English and Chinese.
 * Charts look labels up by key; nothing user-visible is spelled inside a chart file.
 *
 * @example
 * label("zh", "year") // "年份"
 * moneyTitle("zh", "amount") // "金额（万元）"
 */
import type { Lang, Localized } from "../messages/lang.js";
import { loc } from "../messages/lang.js";
import { moneyScale } from "../messages/format.js";

export const LABELS = {
  year: loc("Year", "年份"),
  people: loc("People", "人数"),
  probability: loc("Probability", "概率"),
  amount: loc("Amount", "金额"),
  perPersonAmount: loc("Per person", "人均"),
  median: loc("Median", "中位数"),
  band50: loc("50% band", "50% 区间"),
  band90: loc("90% band", "90% 区间"),
  target: loc("Plan target", "规划目标"),
  series: loc("Series", "图例"),

  exitsTitle: loc("People out of poverty at year end", "年末脱贫人口"),
  exitsSubtitle: loc("Exited and not relapsed; median with 50% and 90% bands across runs; diamonds: the plan's targets", "已脱贫且未返贫；各次模拟的中位数及 50%、90% 区间；菱形为规划目标"),
  exitsAxis: loc("People out of poverty", "脱贫人口（人）"),

  targetProbTitle: loc("Probability of meeting each year's exit target", "各年度脱贫人数目标达成概率"),
  targetProbSubtitle: loc("Share of runs with at least the target out of poverty at year end (exited, not relapsed); bars: ±2 standard errors", "年末脱贫且未返贫人数达到目标的模拟比例；误差线为 ±2 倍标准误"),
  targetProbAxis: loc("Probability target met", "达成目标的概率"),
  overall: loc("All years", "全部年度"),

  sourcesTitle: loc("Funding sources per year", "各年度资金来源"),
  sourcesSubtitle: loc("Stacked by source", "按资金来源堆叠"),
  usesTitle: loc("Uses of funds per year", "各年度资金使用"),
  usesSubtitle: loc("Stacked by programme", "按项目堆叠"),
  source: loc("Source", "资金来源"),
  programme: loc("Programme", "项目"),

  perPersonTitle: loc("Investment per person against the target", "人均投入与目标"),
  perPersonSubtitle: loc("Cumulative funds divided by the people targeted", "累计投入资金除以帮扶对象人数"),
  perPersonAxis: loc("Cumulative per person", "累计人均投入"),

  balanceTitle: loc("Budget balance per year", "各年度预算结余"),
  balanceSubtitle: loc("Sources minus uses (bars); carried forward (line)", "来源减去使用（柱）；累计结转（线）"),
  balanceYear: loc("Balance of the year", "当年结余"),
  balanceCarried: loc("Carried forward", "累计结转"),
  surplus: loc("Surplus", "结余"),
  deficit: loc("Shortfall", "缺口"),
  balancedNote: loc("Sources equal uses in every year: nothing left over, no shortfall", "各年度资金来源与使用相等：无结余，无缺口"),

  poolTitle: loc("Risk-compensation pool balance", "风险补偿金余额"),
  poolSubtitle: loc("Median with 50% and 90% bands; labels: probability the pool is depleted by that year", "中位数及 50%、90% 区间；标注为截至当年资金池耗尽的概率"),
  poolAxis: loc("Pool balance", "资金池余额"),
  fund: loc("Fund deposited", "已存入资金"),
  depleted: loc("P(depleted)", "耗尽概率"),

  lossTitle: loc("Distribution of pool losses over the horizon", "规划期内资金池损失分布"),
  lossSubtitle: loc("Share of runs by total loss; lines mark the mean and the 95% and 99% value at risk", "按总损失统计的模拟比例；竖线为均值及 95%、99% 风险价值"),
  lossAxis: loc("Total pool loss", "资金池总损失"),
  shareOfRuns: loc("Share of runs", "模拟次数占比"),
  mean: loc("Mean", "均值"),
  var95: loc("VaR 95%", "95% 风险价值"),
  var99: loc("VaR 99%", "99% 风险价值"),

  convergenceTitle: loc("Convergence: the headline as runs were added", "收敛：随模拟次数增加的主要指标"),
  convergenceSubtitle: loc("Estimate after each batch of runs, with ±2 standard errors (--precision)", "每批模拟后的估计值及 ±2 倍标准误（--precision）"),
  convergenceExitRate: loc("Final-year exit rate", "末年脱贫率"),
  convergenceExitedPeople: loc("People out of poverty, last target year", "末个目标年脱贫人口"),
  convergencePTarget: loc("P(every exit target met)", "全部脱贫目标达成概率"),
  convergencePoolLoss99: loc("Pool loss, 99% worst case (yuan)", "资金池损失 99% 最坏情形（元）"),
  runsAxis: loc("Runs", "模拟次数"),
  lendingTitle: loc("Lending against the pool's capacity", "贷款余额与资金池放贷能力"),
  lendingSubtitle: loc("Loans outstanding: median and 90% band; capacity = fund × leverage", "贷款余额：中位数及 90% 区间；放贷能力 = 资金 × 放大倍数"),
  lendingSubtitleSuspended: loc(
    "Loans outstanding: median and 90% band; capacity = fund × leverage; above: share of runs with lending suspended at year end",
    "贷款余额：中位数及 90% 区间；放贷能力 = 资金 × 放大倍数；上方：年末暂停放贷的模拟比例",
  ),
  lendingAxis: loc("Loans outstanding", "贷款余额"),
  capacity: loc("Capacity", "放贷能力"),
  planned: loc("Planned, during the year (ledger)", "计划年内贷款余额（台账）"),
  outstanding: loc("Simulated, at year end (median)", "模拟年末贷款余额（中位数）"),

  subsidyTitle: loc("Interest subsidy paid by the treasury", "财政贴息支出"),
  subsidySubtitle: loc("Simulated median and 90% band; diamonds: ledger's expected amount", "模拟中位数及 90% 区间；菱形为预算台账预计数"),
  subsidyAxis: loc("Interest subsidy", "贴息"),
  simulated: loc("Simulated (median)", "模拟（中位数）"),
  expected: loc("Ledger (expected)", "台账预计"),

  relocationTitle: loc("Relocation follow-up payments by cohort", "易地搬迁后续扶持资金（按批次）"),
  relocationSubtitle: loc("Scheduled payments per year, stacked by year of relocation", "各年度计划支付，按搬迁批次堆叠"),
  cohort: loc("Cohort", "批次"),

  diffTitle: loc("Variants against the baseline", "方案与基准方案的差异"),
  diffSubtitle: loc("Paired differences (variant − baseline) with confidence intervals", "配对差值（方案 − 基准）及置信区间"),
  difference: loc("Difference", "差值"),
  baselineIs: loc("baseline", "基准方案"),
  variant: loc("Variant", "方案"),
  metric: loc("Measure", "指标"),
  diffExits: loc("People out of poverty at the end", "期末脱贫人数（人）"),
  diffFiscalCost: loc("Fiscal cost", "财政成本"),
  diffPoolLoss: loc("Pool loss", "资金池损失"),
  diffTargetProbability: loc("P(all targets met), points", "全部目标达成概率（百分点）"),

  tradeoffTitle: loc("Exits against cost, by variant", "各方案脱贫人数与成本"),
  tradeoffSubtitle: loc("Median with 90% intervals over runs", "各次模拟的中位数及 90% 区间"),
  tradeoffExits: loc("People out of poverty at the end", "期末脱贫人数（人）"),
  tradeoffCost: loc("Total fiscal cost", "财政总成本"),
} as const satisfies Record<string, Localized>;

export type LabelKey = keyof typeof LABELS;

/** The label text in a language. */
export const label = (lang: Lang, key: LabelKey): string => LABELS[key][lang];

/** A money axis title with its unit: "Amount (million yuan)", "金额（万元）". */
export function moneyTitle(lang: Lang, key: LabelKey): string {
  const unit = moneyScale(lang).unit;
  return lang === "zh" ? `${label(lang, key)}（${unit}）` : `${label(lang, key)} (${unit})`;
}

/** A per-person money title: "Cumulative per person (yuan)", "累计人均投入（元）". */
export function perPersonTitle(lang: Lang, key: LabelKey): string {
  return lang === "zh" ? `${label(lang, key)}（元/人）` : `${label(lang, key)} (yuan per person)`;
}

/** "Label: value" with the colon each language uses ("规划目标：20,000"). */
export const labelled = (lang: Lang, key: LabelKey, value: string): string => (lang === "zh" ? `${label(lang, key)}：${value}` : `${label(lang, key)}: ${value}`);
