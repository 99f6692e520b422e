/**
 * Words of the ledger workbook (`fundsim export-xlsx`): sheet names, headings, row labels and
 * the About sheet, in en and zh.
 *
 * @example
 * say("zh", ledgerSheet()); // "台账"
 */
import { loc, type Localized } from "./lang.js";
import type { CheckSeverity, UseKind } from "../ledger/types.js";

export const ledgerSheet = (): Localized => loc("Ledger", "台账");
export const checksSheet = (): Localized => loc("Checks", "核查");
export const aboutSheet = (): Localized => loc("About", "说明");
export const unitLine = (unit: "yuan" | "wan"): Localized =>
  unit === "wan"
    ? loc("Amounts in 10,000 yuan (万元); totals and the balance are formulas.", "金额单位：万元；合计与结余为公式。")
    : loc("Amounts in yuan; totals and the balance are formulas.", "金额单位：元；合计与结余为公式。");
export const itemHead = (): Localized => loc("item", "项目");
export const kindHead = (): Localized => loc("kind", "类别");
export const totalHead = (): Localized => loc("total", "合计");
export const sourceKind = (): Localized => loc("source", "资金来源");
const USE: Readonly<Record<UseKind, Localized>> = {
  allocation: loc("allocation", "项目资金"),
  unitCost: loc("unit cost × units", "单位成本 × 数量"),
  schedule: loc("schedule", "分年支付"),
  poolDeposit: loc("pool deposit", "风险补偿金"),
  interestSubsidy: loc("interest subsidy", "贴息"),
};
export const useKind = (k: UseKind): Localized => USE[k];
export const sourcesTotal = (): Localized => loc("Sources, total", "资金来源合计");
export const usesTotal = (): Localized => loc("Uses, total", "资金使用合计");
export const openingRow = (): Localized => loc("Opening balance", "年初结余");
export const netRow = (): Localized => loc("Sources − uses", "来源 − 使用");
export const closingRow = (): Localized => loc("Closing balance (negative: over-committed)", "年末结余（负数：超支）");
export const unspentRow = (carry: boolean): Localized =>
  carry ? loc("Unspent at the end (carried forward)", "期末未使用资金（结转）") : loc("Unspent over the horizon (lapses each year)", "规划期未使用资金（逐年清零）");
export const severityHead = (): Localized => loc("severity", "级别");
export const yearHead = (): Localized => loc("year", "年份");
export const lineHead = (): Localized => loc("line", "项目");
export const messageHead = (): Localized => loc("finding", "核查结果");
const SEVERITY: Readonly<Record<CheckSeverity, Localized>> = { info: loc("info", "提示"), warning: loc("warning", "警告"), error: loc("error", "错误") };
export const severity = (s: CheckSeverity): Localized => SEVERITY[s];

/** The About sheet: [label, value] pairs. */
export const aboutRows = (file: string, id: string, hash: string, version: string, unit: "yuan" | "wan", command = "export-xlsx"): [Localized, Localized][] => [
  [loc("scenario", "情景"), loc(`${file} (${id})`, `${file}（${id}）`)],
  [loc("scenario sha256", "情景 sha256"), loc(hash, hash)],
  [loc("written by", "生成工具"), loc(`fundsim ${version} (fundsim ${command})`, `fundsim ${version}（fundsim ${command}）`)],
  [loc("unit", "单位"), unit === "wan" ? loc("10,000 yuan (万元)", "万元") : loc("yuan", "元")],
  [
    loc("how to read it", "阅读说明"),
    loc(
      "The amounts are fundsim's exact ledger (decimal, to the fen); the totals, the balance and the unspent money are formulas over them, so they follow any amount you change. The ledger's own checks are on the Checks sheet; they are not recomputed here.",
      "各金额为 fundsim 的精确台账（十进制，精确到分）；合计、结余和未使用资金是对这些金额的公式，修改任一金额时随之更新。台账自身的核查结果见“核查”工作表，此处不重新计算。",
    ),
  ],
];

export const wroteWorkbook = (file: string): Localized => loc(`Wrote ${file}: the ledger, its checks and what the numbers are.`, `已写入 ${file}：台账、核查结果及数据说明。`);

export const allocationsSheet = (): Localized => loc("Allocations", "资金分配");
export const howToSheet = (): Localized => loc("How to use", "使用说明");
export const howToRows = (scenario: string): Localized[] => [
  loc("Fill in each programme's allocation in yuan, one column per year (plain numbers; an empty cell is 0).", "按年填写各项目的资金分配（元，纯数字；留空表示 0）。"),
  loc("Keep the id column and the header row as they are; delete a programme's row to keep the scenario's own allocation for it.", "请保留 id 列和表头行不变；删除某项目所在行，则该项目沿用情景中的资金分配。"),
  loc(`Then run, e.g.: fundsim simulate ${scenario} --variant THIS-FILE.xlsx --out DIR (also ledger, compare, report).`, `然后运行，例如：fundsim simulate ${scenario} --variant 本文件.xlsx --out DIR（ledger、compare、report 同样适用）。`),
  loc("Problems are reported with the sheet and cell (e.g. 资金分配!C5), in the language you choose (--lang).", "如有问题，将按工作表和单元格（如 资金分配!C5）报告，语言由 --lang 选择。"),
];
export const wroteTemplate = (file: string, scenario: string): Localized =>
  loc(`Wrote ${file}. Fill in the amounts, then: fundsim simulate ${scenario} --variant ${file} --out DIR`, `已写入 ${file}。填写金额后运行：fundsim simulate ${scenario} --variant ${file} --out DIR`);

// The report workbook (report.xlsx in a report folder): results beside the ledger.
export const summarySheet = (): Localized => loc("Summary", "结果概要");
export const spendingSheet = (): Localized => loc("Spending", "预算执行");
export const variantsSheet = (): Localized => loc("Variants", "方案比较");
export const indicatorHead = (): Localized => loc("indicator", "指标");
export const unitHead = (): Localized => loc("unit", "单位");
export const meanHead = (): Localized => loc("mean", "均值");
export const q05Head = (): Localized => loc("5%", "5% 分位");
export const medianHead = (): Localized => loc("median", "中位数");
export const q95Head = (): Localized => loc("95%", "95% 分位");
export const seHead = (): Localized => loc("Monte-Carlo se of the mean", "均值的蒙特卡洛标准误");
export const targetHead = (): Localized => loc("target (people out)", "目标（脱贫人数）");
export const probabilityHead = (): Localized => loc("P(target met)", "达标概率");
export const allTargetsRow = (): Localized => loc("Every year's target met in the same run", "同一次模拟中各年目标全部达成");
export const budgetedHead = (): Localized => loc("budgeted", "预算");
export const simulatedHead = (): Localized => loc("simulated (mean)", "模拟（均值）");
export const differenceHead = (): Localized => loc("difference", "差额");
export const statusHead = (): Localized => loc("status", "状态");
export const peopleUnit = (): Localized => loc("people", "人");
export const shareUnit = (): Localized => loc("share", "比例");
export const amountsIn = (unit: "yuan" | "wan"): Localized => (unit === "wan" ? loc("Amounts in 10,000 yuan (万元).", "金额单位：万元。") : loc("Amounts in yuan.", "金额单位：元。"));
export const moneyUnit = (unit: "yuan" | "wan"): Localized => (unit === "wan" ? loc("10,000 yuan", "万元") : loc("yuan", "元"));
export const summaryHeading = (runs: number, seed: string | number): Localized =>
  loc(`Results over ${runs} runs (seed ${seed}): mean, 90% of runs between the 5% and 95% columns.`, `${runs} 次模拟结果（随机种子 ${seed}）：均值；90% 的模拟结果介于 5% 与 95% 分位之间。`);
/** Indicators of the summary sheet: metric name → label and whether it is money. */
export const SUMMARY_METRICS: readonly { readonly metric: string; readonly label: Localized; readonly money: boolean }[] = [
  { metric: "exitedPeople", label: loc("People out of poverty (exited, not relapsed)", "脱贫且未返贫人口"), money: false },
  { metric: "poorPeople", label: loc("Registered poor people", "建档立卡贫困人口"), money: false },
  { metric: "newlyRegistered", label: loc("Newly registered people (inflow)", "新识别贫困人口"), money: false },
  { metric: "relapses", label: loc("People relapsing", "返贫人口"), money: false },
  { metric: "belowLinePeople", label: loc("People below the line", "收入低于贫困线人口"), money: false },
  { metric: "fiscalCost", label: loc("Fiscal cost", "财政支出"), money: true },
  { metric: "programmeSpending", label: loc("Programme spending", "项目支出"), money: true },
  { metric: "floorTopUps", label: loc("Floor top-ups (dibao)", "兜底补差"), money: true },
  { metric: "interestSubsidy", label: loc("Interest subsidy", "贴息"), money: true },
  { metric: "poolBalance", label: loc("Risk-compensation pool balance", "风险补偿金余额"), money: true },
  { metric: "poolLoss", label: loc("Pool loss", "风险补偿金损失"), money: true },
];
export const wroteReportWorkbook = (): Localized => loc("report.xlsx: the results, spending against the budget, variants and the ledger", "report.xlsx：结果、预算执行、方案比较与台账");
