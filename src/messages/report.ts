/** Messages of the report: the plain-language summary, section titles, figure labels. */
import { loc, type Localized } from "./lang.js";
import type { SpendingStatus } from "../results/reconcile.js";

export const reportTitle = (name: string): Localized => loc(`${name}: budget and risk report`, `${name}：预算与风险评估报告`);
export const reportSubtitle = (years: string, runs: number, seed: string | number): Localized =>
  loc(`Horizon ${years} · ${runs.toLocaleString("en")} Monte-Carlo runs · seed ${seed}`, `规划期 ${years} · 蒙特卡洛模拟 ${runs.toLocaleString("en")} 次 · 随机种子 ${seed}`);

export const sectionSummary = (): Localized => loc("Summary", "摘要");
export const sectionExits = (): Localized => loc("Exits and targets", "脱贫与目标");
export const sectionUncertainty = (): Localized => loc("Where the uncertainty comes from", "不确定性来源");
export const sectionBudget = (): Localized => loc("Budget", "预算");
export const sectionLedger = (): Localized => loc("Ledger tables", "预算台账");
export const sectionPool = (): Localized => loc("Guarantee pool", "风险补偿资金池");
export const sectionRelocation = (): Localized => loc("Relocation", "易地扶贫搬迁");
export const sectionWhatMatters = (): Localized => loc("What matters and what to change", "关键因素与调整建议");
export const whatMattersIntro = (): Localized =>
  loc(
    "Which of the plan's numbers move the people out of poverty (each varied over its range, the rest held, every point on the same runs), and which split of the money between the spending lines serves the plan best, compared with the plan's own on runs the search never saw.",
    "规划中哪些数值影响脱贫人数（各自在其范围内变化、其余不变、各点使用相同的模拟），以及资金在各支出项目间怎样分配最有利于规划——在搜索未使用过的模拟上与规划本身的分配比较。",
  );
export const whatMattersFailed = (part: "sensitivity" | "optimise", why: string): Localized =>
  part === "sensitivity"
    ? loc(`The sensitivity study did not run: ${why}`, `敏感性分析未运行：${why}`)
    : loc(`The optimisation did not run: ${why}`, `资金分配优化未运行：${why}`);
export const sectionVariants = (): Localized => loc("Variants", "方案比较");
export const sectionChecks = (): Localized => loc("Checks", "检查结果");
export const sectionManifest = (): Localized => loc("Provenance", "来源与可重复性");

export const targetsLikely = (p: string, target: string, year: number): Localized =>
  loc(
    `The targets are likely to be met: in ${p} of runs at least ${target} are out of poverty at the end of ${year} (exited and not relapsed), and every earlier target is met too.`,
    `目标很可能实现：${p} 的模拟中，到 ${year} 年末至少 ${target}脱贫且未返贫，且此前各年度目标均已达成。`,
  );
export const targetsUncertain = (p: string, target: string, year: number): Localized =>
  loc(
    `The targets are uncertain: only ${p} of runs meet every year's target (${target} out of poverty at the end of ${year}). Plan for a shortfall or strengthen the programmes.`,
    `目标能否实现存在不确定性：仅 ${p} 的模拟达成全部年度目标（${year} 年末脱贫 ${target}）。应预留不足的应对措施或加强帮扶项目。`,
  );
export const targetsUnlikely = (p: string, target: string, year: number): Localized =>
  loc(
    `The targets are unlikely to be met: only ${p} of runs meet every year's target (${target} out of poverty at the end of ${year}). The allocation needs to change.`,
    `目标难以实现：仅 ${p} 的模拟达成全部年度目标（${year} 年末脱贫 ${target}）。需要调整资金分配。`,
  );
export const targetsNever = (runs: string, target: string, year: number): Localized =>
  loc(
    `The targets are unlikely to be met: none of the ${runs} runs meets every year's target (${target} out of poverty at the end of ${year}). The allocation needs to change.`,
    `目标难以实现：${runs} 次模拟中没有一次达成全部年度目标（${year} 年末脱贫 ${target}）。需要调整资金分配。`,
  );
export const exitsMedian = (median: string, lo: string, hi: string, year: number): Localized =>
  loc(
    `At the end of ${year}, the median projection is ${median} out of poverty (90% of runs between ${lo} and ${hi}).`,
    `${year} 年末，脱贫人口的中位数为 ${median}（90% 的模拟介于 ${lo} 与 ${hi} 之间）。`,
  );
export const poolSafe = (p: string, mean: string, var99: string, fund: string): Localized =>
  loc(
    `The guarantee pool is expected to survive: it is depleted in ${p} of runs. Expected losses charged to the pool are ${mean}; in the worst 1% of runs they exceed ${var99} (fund: ${fund}).`,
    `风险补偿资金池预计可以维持：仅 ${p} 的模拟出现资金池耗尽。资金池预计承担损失 ${mean}；最坏的 1% 情形下超过 ${var99}（资金规模 ${fund}）。`,
  );
export const poolNeverDepleted = (runs: string, mean: string, var99: string, fund: string): Localized =>
  loc(
    `The guarantee pool is expected to survive: it is depleted in none of the ${runs} runs. Expected losses charged to the pool are ${mean}; in the worst 1% of runs they exceed ${var99} (fund: ${fund}).`,
    `风险补偿资金池预计可以维持：${runs} 次模拟中资金池均未耗尽。资金池预计承担损失 ${mean}；最坏的 1% 情形下超过 ${var99}（资金规模 ${fund}）。`,
  );
export const poolAtRisk = (p: string, mean: string, var99: string, fund: string): Localized =>
  loc(
    `The guarantee pool is at risk: it is depleted in ${p} of runs. Expected losses charged to the pool are ${mean}; in the worst 1% of runs they exceed ${var99} (fund: ${fund}). Consider a top-up rule or lower leverage.`,
    `风险补偿资金池存在风险：${p} 的模拟出现资金池耗尽。资金池预计承担损失 ${mean}；最坏的 1% 情形下超过 ${var99}（资金规模 ${fund}）。建议设立补充机制或降低放大倍数。`,
  );
export const costSentence = (mean: string, lo: string, hi: string, perExit: string): Localized =>
  loc(
    `It costs the treasury ${mean} over the horizon (90% of runs between ${lo} and ${hi}), about ${perExit} per person lifted out of poverty.`,
    `规划期内财政总支出约 ${mean}（90% 的模拟介于 ${lo} 与 ${hi} 之间），平均每脱贫一人约 ${perExit}。`,
  );
export const subsidySentence = (mean: string): Localized =>
  loc(`The interest subsidy alone is expected to cost ${mean}.`, `其中财政贴息预计支出 ${mean}。`);
export const ledgerBalanced = (): Localized => loc("The ledger balances in every year: sources cover the planned uses.", "预算台账各年度收支平衡：资金来源足以覆盖计划支出。");
export const ledgerProblems = (n: number): Localized =>
  loc(`The ledger raises ${n} problem(s); see Checks below.`, `预算台账发现 ${n} 个问题，详见下文“检查结果”。`);

export const tableDynamics = (): Localized =>
  loc(
    "Exits and inflow by year: median over runs (90% interval); the total is expected (mean) people",
    "分年脱贫与新识别：各次模拟的中位数（90% 区间）；合计为期望（均值）人数",
  );
export const colRegisteredExit = (): Localized => loc("Exit rate of the registered poor", "建档立卡贫困户脱贫率");
export const colPoorExit = (): Localized => loc("Exit rate of the truly poor", "实际贫困户脱贫率");
export const colInflow = (): Localized => loc("Newly registered (people)", "新识别贫困人口（人）");
/** What the two exit rates are, under the table. */
export const dynamicsDefinitions = (): Localized =>
  loc(
    "The registered poor's exit rate is households exited at the year's verification ÷ registered poor at the start of the year; the truly poor's is the share at or above the line among households below it a year earlier, registered or not. Newly registered people are those the yearly verification finds below the line.",
    "建档立卡贫困户脱贫率 = 当年核查脱贫户数 ÷ 年初在册贫困户数；实际贫困户脱贫率 = 上一年收入低于贫困线的农户（无论是否建档立卡）中本年达到或超过贫困线的比例。新识别贫困人口为年度核查发现低于贫困线而新纳入建档立卡的人口。",
  );

export const figTargetProbability = (): Localized => loc("P(every exit target met)", "脱贫人数目标全部达成概率");
export const figExits = (year: number): Localized => loc(`Out of poverty at the end of ${year} (median)`, `${year} 年末脱贫人口（中位数）`);
export const figPoolDepleted = (): Localized => loc("P(pool depleted)", "资金池耗尽概率");
export const figRunsDepleted = (depleted: string, runs: string): Localized => loc(`${depleted} of ${runs} runs`, `${runs} 次模拟中 ${depleted} 次`);
export const figPoolVar99 = (): Localized => loc("Pool loss, 99% worst case", "资金池损失（99% 风险价值）");
export const figCost = (): Localized => loc("Fiscal cost (mean)", "财政总成本（均值）");
export const figCostPerExit = (): Localized => loc("Cost per exit", "每脱贫一人成本");
export const figRange = (lo: string, hi: string): Localized => loc(`90%: ${lo} – ${hi}`, `90% 区间：${lo} – ${hi}`);
export const figSe = (se: string): Localized => loc(`± ${se} (standard error)`, `± ${se}（标准误）`);

export const linkPng = (): Localized => loc("PNG", "PNG");
export const linkSvg = (): Localized => loc("SVG", "SVG");
export const linkCsv = (): Localized => loc("data (CSV)", "数据（CSV）");
export const linkSpec = (): Localized => loc("Vega-Lite spec", "Vega-Lite 规范");

/** Check severities and the "no problems" line are the ledger's own words. */
export { severityName as severity, noChecks } from "./ledger.js";
export const footer = (version: string): Localized =>
  loc(`Generated by fundsim ${version}. Self-contained: works offline.`, `由 fundsim ${version} 生成。本文件自包含，可离线打开。`);
export const wroteReport = (dir: string, files: number): Localized => loc(`Wrote report to ${dir} (${files} files).`, `报告已写入 ${dir}（共 ${files} 个文件）。`);
export { wrote as wroteChart } from "./cli.js";

export const tableSources = (unit: string): Localized => loc(`Sources of funds (${unit})`, `资金来源（${unit}）`);
export const tableUses = (unit: string): Localized => loc(`Uses of funds (${unit})`, `资金使用（${unit}）`);
export const tableBalance = (unit: string): Localized => loc(`Balance per year (${unit})`, `年度收支平衡（${unit}）`);
export const tablePools = (unit: string): Localized => loc(`Credit pools (${unit})`, `风险补偿资金池（${unit}）`);
export const tableTarget = (unit: string): Localized => loc(`Per-person investment target (${unit})`, `人均投入目标（${unit}）`);
export const colItem = (): Localized => loc("Item", "项目");
export const tableSpending = (unit: string): Localized => loc(`Budgeted and simulated spending (${unit}; simulated: mean and 90% interval over runs)`, `预算与模拟支出对照（${unit}；模拟值为各次模拟的均值及 90% 区间）`);
export const colBudgeted = (): Localized => loc("Budgeted", "预算");
export const colSimulated = (): Localized => loc("Simulated", "模拟");
export const colInterval = (): Localized => loc("90% interval", "90% 区间");
export const colDifference = (): Localized => loc("Difference", "差额");
export const colNote = (): Localized => loc("Note", "说明");
export const spendingStatus = (status: SpendingStatus): Localized => {
  switch (status) {
    case "asBudgeted":
      return loc("as budgeted", "按预算支出");
    case "under":
      return loc("under budget (too few left to serve or borrow)", "低于预算（可扶持对象不足）");
    case "over":
      return loc("over budget", "超出预算");
    case "demandDriven":
      return loc("demand-driven: no budget line", "按需支出：无预算科目");
    default:
      return status satisfies never;
  }
};
export const colTotal = (): Localized => loc("Total", "合计");
export const colBeyond = (): Localized => loc("After horizon", "规划期后");
export const colYear = (): Localized => loc("Year", "年份");
export const colOpening = (): Localized => loc("Opening", "年初结转");
export const colSources = (): Localized => loc("Sources", "来源");
export const colUses = (): Localized => loc("Uses", "使用");
export const colNet = (): Localized => loc("Sources − uses", "来源 − 使用");
export const colClosing = (): Localized => loc("Closing", "年末结余");
export const colPool = (): Localized => loc("Pool", "资金池");
export const colDeposit = (): Localized => loc("Deposit", "存入");
export const colFund = (): Localized => loc("Fund", "资金余额");
export const colCapacity = (): Localized => loc("Capacity", "放贷能力");
export const colLending = (): Localized => loc("New lending", "新增贷款");
export const colOutstanding = (): Localized => loc("Outstanding", "贷款余额");
export const colSubsidy = (): Localized => loc("Expected subsidy", "预计贴息");
export const rowRequired = (): Localized => loc("Required (per person × people)", "所需资金（人均 × 人数）");
export const rowFund = (name: string): Localized => loc(`Provided by ${name}`, `${name} 提供`);
export const rowGap = (): Localized => loc("Gap shared by contributors", "由各出资方分担的缺口");
export const rowShare = (name: string, weight: string): Localized => loc(`  ${name} (weight ${weight})`, `  ${name}（权重 ${weight}）`);
export const rowInvested = (): Localized => loc("Invested (all sources)", "实际投入（全部来源）");
export const rowPerPerson = (): Localized => loc("Per person", "人均");
export const rowShortfall = (): Localized => loc("Shortfall", "缺口");
export const unitYuan = (): Localized => loc("yuan", "元");
export const unitWan = (): Localized => loc("10,000 yuan", "万元");

export const villagesSentence = (target: number, year: number, p: string, median: string): Localized =>
  loc(
    `Village target: ${target} poor villages to exit by ${year} — reached in ${p} of runs (median ${median} villages).`,
    `贫困村退出目标：到 ${year} 年 ${target} 个贫困村退出——${p} 的模拟达到（中位数 ${median} 个村）。`,
  );
export const figVillages = (year: number): Localized => loc(`P(village target ${year})`, `${year} 年贫困村退出目标达成概率`);

export const tableVariants = (level: string, unit: string): Localized =>
  loc(`Variants against the baseline: mean paired differences with ${level} confidence intervals (money in ${unit})`, `各方案与基准方案对比：配对差值均值及 ${level} 置信区间（金额单位：${unit}）`);
export const colVariant = (): Localized => loc("Variant", "方案");
/** A variant's description with the id it goes by on the command line (`--variant ID`). */
export const variantNote = (description: string, id: string): Localized =>
  description === "" ? loc(`(--variant ${id})`, `（--variant ${id}）`) : loc(`${description} (--variant ${id})`, `${description}（--variant ${id}）`);
export const colDeltaExits = (): Localized => loc("Δ people out of poverty at the end", "期末脱贫人数差值（人）");
export const colDeltaCost = (): Localized => loc("Δ fiscal cost", "财政成本差值");
export const colDeltaPoolLoss = (): Localized => loc("Δ pool loss", "资金池损失差值");
export const colDeltaTargets = (): Localized => loc("Δ P(all targets), points", "全部目标达成概率差值（百分点）");

export const MANIFEST_KEYS = [
  "fundsim",
  "scenario",
  "scenarioId",
  "scenarioHash",
  "variant",
  "comparedVariants",
  "sets",
  "seed",
  "runs",
  "threads",
  "households",
  "years",
  "wallTimeSeconds",
  "node",
  "created",
] as const;
export type ManifestKey = (typeof MANIFEST_KEYS)[number];

/** Names of the provenance entries shown in the report. */
export const manifestKey = (k: ManifestKey): Localized => {
  switch (k) {
    case "fundsim":
      return loc("fundsim version", "fundsim 版本");
    case "scenario":
      return loc("Scenario file", "情景文件");
    case "scenarioId":
      return loc("Scenario id", "情景编号");
    case "scenarioHash":
      return loc("Scenario hash (sha256)", "情景哈希（sha256）");
    case "variant":
      return loc("Variant applied", "所用方案");
    case "comparedVariants":
      return loc("Variants compared", "比较的方案");
    case "sets":
      return loc("Overrides (--set)", "参数覆盖（--set）");
    case "seed":
      return loc("Random seed", "随机种子");
    case "runs":
      return loc("Monte-Carlo runs", "蒙特卡洛模拟次数");
    case "threads":
      return loc("Threads", "线程数");
    case "households":
      return loc("Households simulated", "模拟户数");
    case "years":
      return loc("Years", "年份");
    case "wallTimeSeconds":
      return loc("Simulation time (s)", "模拟用时（秒）");
    case "node":
      return loc("Node.js", "Node.js");
    case "created":
      return loc("Created (UTC)", "生成时间（UTC）");
    default:
      return k satisfies never;
  }
};

/** After "what the probabilities include": how much the population draw they leave out adds. */
export const populationShareLine = (share: string, lo: string, hi: string, year: number): Localized =>
  loc(
    `Redrawing the synthetic population adds ${share} (${lo}–${hi}) of the variance of people out of poverty at the end of ${year} (section "Where the uncertainty comes from").`,
    `重抽合成人口使 ${year} 年末脱贫人口的方差增加 ${share}（${lo}–${hi}）（见“不确定性来源”一节）。`,
  );
