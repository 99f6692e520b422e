/**
 * Messages of `fundsim optimise`: its heading, table, verdict, notes and problems, in en and
 * zh. Numbers arrive as plain numbers and are formatted here.
 *
 * @example
 * say("zh", optimiseHeading("江门市", "p-all-targets", 4, 100, 2016));
 */
import { formatNumber, formatPercent as pct } from "./format.js";
import { loc, type Localized } from "./lang.js";
import { sig } from "./calibration.js";
import type { Issue } from "../scenario/issues.js";
import { renderIssues } from "./scenario.js";

/** Why a line cannot be moved. */
export type NotMovable = "noAllocation" | "floor" | "noMechanism" | "drawn";

export type OptimiseSetupIssue =
  | { readonly code: "unknownLine"; readonly id: string; readonly valid: readonly string[] }
  | { readonly code: "lineNotMovable"; readonly id: string; readonly reason: NotMovable }
  | { readonly code: "tooFewLines"; readonly lines: readonly string[] }
  | { readonly code: "boundLine"; readonly id: string; readonly lines: readonly string[] }
  | { readonly code: "badBound"; readonly id: string; readonly min: number; readonly max: number }
  | { readonly code: "boundsInfeasible"; readonly sumMin: number; readonly sumMax: number }
  | { readonly code: "noTargets" }
  | { readonly code: "badProbability"; readonly found: number }
  | { readonly code: "badScale"; readonly found: number; readonly max: number }
  | { readonly code: "noMoney"; readonly lines: readonly string[] }
  | { readonly code: "candidateInvalid"; readonly issues: readonly Issue[] };


const pp = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)}` : "—");

export const boundSyntax = (): Localized => loc("id=min:max with shares from 0 to 1 (e.g. industry=0.1:0.4)", "id=下限:上限，份额在 0 到 1 之间（如 industry=0.1:0.4）");

export const frontierSyntax = (): Localized => loc("multiples of the plan's money, comma-separated (e.g. 0.5,0.75,1,1.25,1.5)", "规划资金的倍数，逗号分隔（如 0.5,0.75,1,1.25,1.5）");

export const optimiseLabel = (): Localized => loc("optimising", "优化");
export const optimiseRefused = (): Localized => loc("Optimisation not started:", "优化未开始：");

export const objectiveName = (objective: string): Localized =>
  objective === "min-cost"
    ? loc(
        "the least money that meets every target of every year with the probability asked (the split that meets them most often at the plan's money, then its money scaled)",
        "以所要求的概率实现每年全部目标所需的最少资金（先求规划资金下实现目标概率最高的分配，再按比例缩放其资金）",
      )
    : objective === "p-all-targets"
    ? loc("the probability that every target of every year is met (people exited and not relapsed; villages)", "每年所有目标均实现的概率（已脱贫且未返贫人数；出列村数）")
    : loc("people out of poverty in the last year (exited and not relapsed), mean over runs", "末年脱贫人数（已脱贫且未返贫），各次模拟的均值");

export const optimiseHeading = (scenario: string, objective: string, lines: number, runs: number, seed: number): Localized =>
  loc(
    `Allocation of ${scenario} optimised for ${objectiveName(objective).en}: ${lines} lines moved, each year's total of their money kept; ${formatNumber(runs)} runs per split (seed ${seed}), the population redrawn in every run, the same runs for every split (common random numbers)`,
    `${scenario} 的资金分配按${objectiveName(objective).zh}优化：调整 ${lines} 个项目，各年这些项目的资金总额不变；每种分配模拟 ${formatNumber(runs)} 次（随机种子 ${seed}），每次模拟重抽人口，各分配使用相同的模拟（共同随机数）`,
  );

export const linesColumns = (): Localized[] => [
  loc("line", "项目"),
  loc("bounds", "份额范围"),
  loc("plan share", "规划份额"),
  loc("optimised share", "优化份额"),
  loc("plan money (yuan)", "规划资金（万元）"),
  loc("optimised money (yuan)", "优化资金（万元）"),
];

export const scoreColumns = (): Localized[] => [loc("", ""), loc("P(all targets met)", "全部目标实现概率"), loc("people out (last year)", "末年脱贫人数")];
export const planRow = (): Localized => loc("plan", "规划");
export const planSharesRow = (): Localized => loc("plan's shares, timed like the total", "规划份额（随年度总额安排）");
export const optimisedRow = (): Localized => loc("optimised", "优化");

export const confirmNote = (firstRun: number, runs: number): Localized =>
  loc(
    `Both on runs ${formatNumber(firstRun)}–${formatNumber(firstRun + runs - 1)}, which neither the search nor the selection saw (an honest estimate, not the search's own best). P: share of runs meeting every target, 90% Wilson interval; people: mean ± standard error. Uncertainty includes income shocks, unknown parameters drawn per run and the population draw.`,
    `两者均基于第 ${formatNumber(firstRun)}–${formatNumber(firstRun + runs - 1)} 次模拟，搜索与筛选均未使用（无偏估计，而非搜索自身的最优值）。概率：实现全部目标的模拟占比，90% Wilson 区间；人数：均值 ± 标准误。不确定性包括收入冲击、每次模拟抽取的未知参数和人口抽样。`,
  );

export const differenceLine = (objective: string, mean: number, se: number, lo: number, hi: number, better: number, worse: number, runs: number): Localized => {
  const fmt = (x: number): string => (objective === "p-all-targets" ? pp(x) : `${x >= 0 ? "+" : "−"}${formatNumber(Math.abs(Math.round(x)))}`);
  const unit = objective === "p-all-targets" ? loc(" percentage points", " 个百分点") : loc(" people", " 人");
  return loc(
    `Optimised − plan, paired run by run: ${fmt(mean)}${unit.en} (± ${objective === "p-all-targets" ? (100 * se).toFixed(1) : formatNumber(Math.round(se))}; 90% interval ${fmt(lo)} to ${fmt(hi)}); better in ${better} of ${runs} runs, worse in ${worse}.`,
    `优化 − 规划（逐次配对）：${fmt(mean)}${unit.zh}（± ${objective === "p-all-targets" ? (100 * se).toFixed(1) : formatNumber(Math.round(se))}；90% 区间 ${fmt(lo)} 至 ${fmt(hi)}）；${runs} 次模拟中 ${better} 次更好，${worse} 次更差。`,
  );
};

/** P(all targets) the same in every run under both splits (all 0 or all 1): the probability cannot tell them apart. */
/** The plan's shares with the optimised split's timing, against the optimised split. */
export const timingLine = (objective: string, planShares: number, optimised: number, dSplit: number, seSplit: number): Localized => {
  const p = objective === "p-all-targets";
  const f = (x: number): string => (p ? `${(100 * x).toFixed(1)}%` : formatNumber(Math.round(x)));
  const d = (x: number): string => (p ? pp(x) : `${x >= 0 ? "+" : "−"}${formatNumber(Math.abs(Math.round(x)))}`);
  const u = p ? loc(" points", " 个百分点") : loc("", "");
  return loc(
    `Timing or split? With the plan's shares but each line's money following the yearly total as the optimised split's does: ${f(planShares)}; the split itself adds ${d(dSplit)}${u.en} (± ${p ? (100 * seSplit).toFixed(1) : formatNumber(Math.round(seSplit))}) to reach ${f(optimised)}.`,
    `是时间安排还是分配比例？按规划份额、但各项目资金随每年总额变化（与优化分配相同的时间安排）：${f(planShares)}；分配比例本身再带来 ${d(dSplit)}${u.zh}（± ${p ? (100 * seSplit).toFixed(1) : formatNumber(Math.round(seSplit))}），达到 ${f(optimised)}。`,
  );
};

export const degenerateP = (p: number): Localized =>
  p === 0
    ? loc(
        "Neither split meets every target in any of these runs: the probability is 0 under both (a target beyond what the money can reach in this model, see fundsim simulate), so it cannot tell them apart; the search followed how close the runs came to the targets. Compare people out:",
        "两种分配在这些模拟中均未实现全部目标：概率都为 0（目标超出模型中这笔资金能达到的范围，见 fundsim simulate），无法区分二者；搜索依据各次模拟接近目标的程度。请比较脱贫人数：",
      )
    : loc(
        "Both splits meet every target in every one of these runs: the probability cannot tell them apart; compare people out:",
        "两种分配在这些模拟中均实现全部目标：概率无法区分二者；请比较脱贫人数：",
      );

const STOP: Readonly<Record<string, Localized>> = {
  maxEvaluations: loc("its evaluation limit (--max-evaluations)", "达到评估次数上限（--max-evaluations）"),
  xTol: loc("convergence (the splits it tries differ by less than 0.1%)", "收敛（所试分配相差不足 0.1%）"),
  fTol: loc("convergence (no change in the objective)", "收敛（目标值不再变化）"),
  "nothing to search": loc("nothing to search", "无可搜索"),
};
const stopText = (stop: string): Localized => STOP[stop] ?? loc(stop, stop);

export const verdict = (lo: number, hi: number): Localized =>
  lo > 0
    ? loc("The optimised split does better than the plan, beyond Monte-Carlo error.", "优化分配优于规划，且超出蒙特卡洛误差。")
    : hi < 0
      ? loc("The optimised split does worse than the plan on fresh runs: the search found nothing better; keep the plan's split.", "在新的模拟中优化分配劣于规划：搜索未找到更好的分配；应保留规划的分配。")
      : loc(
          "The difference is within Monte-Carlo error: no split found beats the plan with confidence (more --runs would tell smaller differences apart).",
          "差异在蒙特卡洛误差之内：没有找到能确定优于规划的分配（增加 --runs 可以分辨更小的差异）。",
        );

export const searchLine = (evaluations: number, infeasible: number, seconds: number, stop: string): Localized =>
  loc(
    `${formatNumber(evaluations)} splits evaluated${infeasible > 0 ? ` (${formatNumber(infeasible)} infeasible: the ledger found an error the plan does not have)` : ""} in ${sig(seconds, 2)} s; the search stopped at ${stopText(stop).en}.`,
    `共评估 ${formatNumber(evaluations)} 种分配${infeasible > 0 ? `（${formatNumber(infeasible)} 种不可行：台账出现规划没有的错误）` : ""}，用时 ${sig(seconds, 2)} 秒；搜索停止原因：${stopText(stop).zh}。`,
  );

export const planKept = (): Localized =>
  loc(
    "No split the search tried did better than the plan's shares on fresh runs: the plan's split is kept (the lines' money may not be what limits the outcome; see fundsim ledger for capacities and fundsim simulate for spending).",
    "搜索所试的分配在新的模拟中均未优于规划份额：保留规划的分配（限制结果的可能不是各项目的资金；容量见 fundsim ledger，支出见 fundsim simulate）。",
  );

export const retestNote = (count: number): Localized =>
  loc(
    `The best ${count} splits of the search and the plan were re-tested on fresh runs; the best of that re-test is the one shown (the search's own values are biased up by the noise it selected on).`,
    `搜索中最优的 ${count} 种分配与规划在新的模拟上重新检验，取其中最优者（搜索自身的数值因按噪声择优而偏高）。`,
  );

const REASON: Readonly<Record<NotMovable | "notNamed", Localized>> = {
  noAllocation: loc("its money follows from payment schedules, costs paid every year, or units without a unit cost", "其资金由支付计划、每年支付的费用或无单位成本的数量决定"),
  floor: loc("a floor: demand-driven, paid to whoever is below its standard", "兜底保障：按需支付给低于标准的人"),
  noMechanism: loc("no modelled effect on households: moving money to or from it would only say what the model leaves out", "对农户没有建模效果：调入或调出资金只反映模型未包含的内容"),
  drawn: loc("its allocation is an unknown drawn per run", "其分配额是每次模拟抽取的未知参数"),
  notNamed: loc("not named in --lines", "未在 --lines 中列出"),
};

export const fixedLine = (items: readonly { readonly label: string; readonly reason: NotMovable | "notNamed" }[]): Localized =>
  loc(`Not moved: ${items.map((i) => `${i.label} — ${REASON[i.reason].en}`).join("; ")}.`, `未调整：${items.map((i) => `${i.label} —— ${REASON[i.reason].zh}`).join("；")}。`);

export const scopeNote = (): Localized =>
  loc(
    "What this does not say: lines the model gives no effect are left out, not judged; the optimum is the model's, as good as its effects and their sources (fundsim describe lists them); each line's share is the same in every year.",
    "本结果不说明：没有建模效果的项目被排除而非评判；最优分配是模型意义上的，其可信程度取决于各项效果及其来源（见 fundsim describe）；各项目每年的份额相同。",
  );

export const wroteOptimisation = (dir: string, variant: string, scenario: string): Localized =>
  loc(
    `Wrote ${dir}. Run the optimised split with: fundsim simulate ${scenario} --variant ${variant} --out DIR`,
    `已写入 ${dir}。运行优化后的分配：fundsim simulate ${scenario} --variant ${variant} --out DIR`,
  );

/** One setup problem, in full sentences. */
export function optimiseIssue(i: OptimiseSetupIssue): Localized {
  switch (i.code) {
    case "unknownLine":
      return loc(`--lines: no programme "${i.id}". Lines that can be moved: ${i.valid.join(", ") || "(none)"}.`, `--lines：没有项目“${i.id}”。可调整的项目：${i.valid.join("、") || "（无）"}。`);
    case "lineNotMovable":
      return loc(`--lines: "${i.id}" cannot be moved: ${REASON[i.reason].en}. Leave it out of --lines.`, `--lines：“${i.id}”不能调整：${REASON[i.reason].zh}。请从 --lines 中去掉它。`);
    case "tooFewLines":
      return loc(
        `An allocation needs at least two lines to move money between; found ${i.lines.length}${i.lines.length > 0 ? ` (${i.lines.join(", ")})` : ""}. Give programmes an allocation and an effect, or name two or more in --lines.`,
        `至少需要两个项目才能在其间调配资金；找到 ${i.lines.length} 个${i.lines.length > 0 ? `（${i.lines.join("、")}）` : ""}。请为项目设定分配额和效果，或在 --lines 中列出两个以上项目。`,
      );
    case "boundLine":
      return loc(`--bounds: "${i.id}" is not a line being moved (${i.lines.join(", ")}).`, `--bounds：“${i.id}”不是被调整的项目（${i.lines.join("、")}）。`);
    case "badBound":
      return loc(
        `--bounds ${i.id}=${i.min}:${i.max}: expected shares with 0 ≤ min ≤ max ≤ 1 (e.g. ${i.id}=0.1:0.4).`,
        `--bounds ${i.id}=${i.min}:${i.max}：份额应满足 0 ≤ 下限 ≤ 上限 ≤ 1（如 ${i.id}=0.1:0.4）。`,
      );
    case "boundsInfeasible":
      return loc(
        `--bounds: no split meets them: the lower bounds add up to ${pct(i.sumMin)} and the upper bounds to ${pct(i.sumMax)}; shares add up to 100%. Lower some minimums or raise some maximums.`,
        `--bounds：没有满足条件的分配：下限之和 ${pct(i.sumMin)}，上限之和 ${pct(i.sumMax)}，而份额之和须为 100%。请降低部分下限或提高部分上限。`,
      );
    case "noTargets":
      return loc(
        "--objective p-all-targets and min-cost need targets, and the scenario sets none (targets.exits or targets.villages). Add them, or use --objective people-out.",
        "--objective p-all-targets 和 min-cost 需要目标，而情景未设定目标（targets.exits 或 targets.villages）。请添加目标，或使用 --objective people-out。",
      );
    case "badProbability":
      return loc(`--probability: expected a probability between 0 and 1 (e.g. 0.8), found ${i.found}.`, `--probability：应为 0 到 1 之间的概率（如 0.8），实际为 ${i.found}。`);
    case "badScale":
      return loc(
        `--frontier: expected multiples of the plan's money from 0 to ${i.max} (e.g. 0.5,0.75,1,1.25,1.5), found ${i.found}.`,
        `--frontier：应为规划资金的倍数，0 到 ${i.max}（如 0.5,0.75,1,1.25,1.5），实际为 ${i.found}。`,
      );
    case "noMoney":
      return loc(`The lines moved (${i.lines.join(", ")}) have no money in any year: there is nothing to split.`, `被调整的项目（${i.lines.join("、")}）各年均无资金：没有可分配的资金。`);
    case "candidateInvalid":
      return {
        en: `No split of the money gives a valid scenario:\n${renderIssues("en", i.issues)}`,
        zh: `没有任何资金分配能得到有效的情景：\n${renderIssues("zh", i.issues)}`,
      };
  }
}

/** Words of the shares chart. */
export const sharesChart = () =>
  ({
    title: loc("Optimised allocation: each line's share of the money moved", "优化分配：各项目在被调整资金中的份额"),
    share: loc("share of the money moved", "占被调整资金的份额"),
    split: loc("allocation", "分配"),
    plan: loc("plan", "规划"),
    optimised: loc("optimised", "优化"),
    bounds: loc("bounds", "份额范围"),
  }) as const;

export const frontierColumns = (): Localized[] => [
  loc("budget", "预算"),
  loc("money moved (yuan)", "调整资金（万元）"),
  loc("split", "分配"),
  loc("P(all targets met)", "全部目标实现概率"),
  loc("people out (last year)", "末年脱贫人数"),
];
export const splitWord = (split: "plan" | "optimised"): Localized => (split === "plan" ? loc("plan's shares", "规划份额") : loc("optimised", "优化"));
export const infeasibleWord = (): Localized => loc("infeasible (the ledger has an error the plan does not)", "不可行（台账出现规划没有的错误）");
export const frontierNote = (): Localized =>
  loc(
    "Budget: a multiple of the plan's money of the lines moved, each year; above 1 the extra money comes from an added source. Both splits on the comparison's runs (common random numbers), so the points of a line differ by the money, not by luck.",
    "预算：被调整项目每年资金相对规划的倍数；大于 1 时，超出部分来自新增的资金来源。两种分配均使用比较时的模拟（共同随机数），同一条线上各点的差别来自资金而非随机性。",
  );

export const minCostLine = (split: "plan" | "optimised", probability: number, scale: number | null, money: string, p: number, lo: number, hi: number, maxScale: number): Localized => {
  const who = splitWord(split);
  return scale === null
    ? loc(
        `${who.en}: does not meet every target in ${pct(probability, 0)} of runs within ${maxScale} × the plan's money.`,
        `${who.zh}：在规划资金的 ${maxScale} 倍以内，实现全部目标的模拟比例达不到 ${pct(probability, 0)}。`,
      )
    : loc(
        `${who.en}: ${money} yuan (${scale.toFixed(3)} × the plan's money) meets every target in ${pct(p)} of runs (90% interval ${pct(lo)}–${pct(hi)}).`,
        `${who.zh}：${money} 万元（规划资金的 ${scale.toFixed(3)} 倍）时，${pct(p)} 的模拟实现全部目标（90% 区间 ${pct(lo)}–${pct(hi)}）。`,
      );
};
export const minCostHeading = (probability: number): Localized =>
  loc(
    `Least money to meet every target in ${pct(probability, 0)} of runs (bisection on the multiple of the plan's money; the runs of the comparison; a step of the search is 1/128 of its bracket):`,
    `在 ${pct(probability, 0)} 的模拟中实现全部目标所需的最少资金（对规划资金倍数二分搜索；使用比较时的模拟；搜索精度为区间的 1/128）：`,
  );

/** Words of the frontier chart. */
export const frontierChart = () =>
  ({
    title: loc("Budget frontier: money moved against people out and the probability of every target", "预算前沿：调整资金与脱贫人数、全部目标实现概率"),
    money: loc("money of the lines moved, horizon (yuan)", "被调整项目的资金，规划期合计（元）"),
    people: loc("people out, last year (± 1.645 se)", "末年脱贫人数（± 1.645 标准误）"),
    p: loc("P(all targets met), 90% interval", "全部目标实现概率，90% 区间"),
    split: loc("split", "分配"),
  }) as const;
