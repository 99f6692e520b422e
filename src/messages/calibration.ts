/**
 * Messages of `fundsim calibrate`: its heading, table columns, notes and problems, in en
 * and zh. Numbers arrive formatted or as plain numbers (formatted here).
 *
 * @example
 * say("zh", calibrationHeading("凌海市", "全国农村贫困人口", "targets.yaml", 3, 1, 100, 2017));
 */
import { formatNumber } from "./format.js";
import { loc, type Localized } from "./lang.js";

/** A number with `digits` significant digits, grouped as formatNumber groups. */
export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return x === Infinity ? "∞" : "—";
  if (x === 0) return "0";
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return formatNumber(Number(x.toPrecision(digits)), Math.min(decimals, 12));
}

export const calibrateLabel = (): Localized => loc("calibrating", "校准");
export const calibrationRefused = (): Localized => loc("Calibration not started:", "校准未开始：");

export const calibrationHeading = (scenario: string, targets: string, file: string, fitted: number, checked: number, runs: number, seed: number): Localized =>
  loc(
    `Calibration of ${scenario} to ${targets} (${file}) — ${fitted} target${fitted === 1 ? "" : "s"} fitted${checked > 0 ? `, ${checked} checked out of sample` : ""}; ${formatNumber(runs)} runs per point (seed ${seed}), the population redrawn in every run, the same runs at every point (common random numbers)`,
    `${scenario} 按 ${targets}（${file}）校准 —— 拟合 ${fitted} 个目标${checked > 0 ? `，另 ${checked} 个作样本外检验` : ""}；每个点模拟 ${formatNumber(runs)} 次（随机种子 ${seed}），每次模拟重抽人口，各点使用相同的模拟（共同随机数）`,
  );

export const parameterColumns = (level: string): Localized[] => [
  loc("parameter", "参数"),
  loc("start", "初始值"),
  loc("fitted", "拟合值"),
  loc("± se", "± 标准误"),
  loc(`${level} interval`, `${level} 区间`),
  loc("prior range", "先验范围"),
];

export const fitColumns = (): Localized[] => [
  loc("target", "目标"),
  loc("metric", "指标"),
  loc("year", "年份"),
  loc("use", "用途"),
  loc("observed ± sd", "观测值 ± 标准差"),
  loc("simulated ± se", "模拟值 ± 标准误"),
  loc("90% of runs", "90% 模拟区间"),
  loc("z", "z"),
];

export const useWord = (fit: boolean): Localized => (fit ? loc("fit", "拟合") : loc("check", "检验"));

export const fitNote = (): Localized =>
  loc(
    "Simulated: the mean over runs at the fitted values, ± its Monte-Carlo standard error; z = (simulated − observed) / √(sd² + se²). Parameters: ± is the standard error from the targets' uncertainty and the simulation's (delta method); the interval is clipped to the prior range.",
    "模拟值：拟合参数下各次模拟的均值 ± 蒙特卡洛标准误；z =（模拟值 − 观测值）/ √(sd² + se²)。参数：± 为由目标的不确定性与模拟误差得到的标准误（delta 方法），区间截断于先验范围。",
  );

/** `misfit`: the objective is far above its degrees of freedom (the targets cannot be matched together). */
export const objectiveLine = (objective: number, df: number, start: number, evaluations: number, seconds: number, misfit: boolean): Localized =>
  loc(
    `Objective (sum of squared misses in sd): ${sig(objective)} with ${df} degree${df === 1 ? "" : "s"} of freedom (${sig(start)} at the start); ${formatNumber(evaluations)} evaluations in ${sig(seconds, 2)} s.${misfit ? " That is far above the degrees of freedom: the model cannot match the fitted targets together (see z)." : ""}`,
    `目标函数（以标准差计的偏差平方和）：${sig(objective)}，自由度 ${df}（初始值 ${sig(start)}）；共 ${formatNumber(evaluations)} 次评估，用时 ${sig(seconds, 2)} 秒。${misfit ? "远大于自由度：模型无法同时拟合这些目标（见 z）。" : ""}`,
  );

export const atBoundWarning = (name: string): Localized =>
  loc(
    `${name} is at the edge of its prior range: the targets push it there; widen the range if the value is plausible, or read it as a sign the model lacks something.`,
    `${name} 位于先验范围的边界：目标将其推向此处；若该取值合理请放宽范围，否则说明模型缺少某种机制。`,
  );

export const unidentifiedWarning = (name: string): Localized =>
  loc(`${name} does not move any fitted target: the targets say nothing about it (its value is the start).`, `${name} 不影响任何拟合目标：这些目标无法确定它（其值即初始值）。`);

export const notConvergedWarning = (): Localized =>
  loc("The search stopped at its evaluation limit before converging; raise --max-evaluations.", "搜索在达到评估次数上限时尚未收敛；请提高 --max-evaluations。");

/** Where a free parameter of a targets file was given (the prefix of its problems). */
export const freeWho = (file: string): string => `${file} free:`;

export const estimateProblem = (code: "noFittedTargets" | "noParameters" | "startInvalid" | "badRange", detail = ""): Localized => {
  switch (code) {
    case "noFittedTargets":
      return loc("No target is marked use: fit.", "没有标记为 use: fit 的目标。");
    case "noParameters":
      return loc("No free parameter to fit.", "没有可拟合的自由参数。");
    case "startInvalid":
      return loc("The scenario is not valid at the free parameters' starting values.", "在自由参数的初始值下情景无效。");
    case "badRange":
      return loc(`${detail}: the prior range is empty; give min < max.`, `${detail}：先验范围为空；请使 min < max。`);
    default:
      return code satisfies never;
  }
};

export const wroteCalibration = (dir: string, variantFile: string, scenario: string): Localized =>
  loc(
    `Calibration written to ${dir}; apply it with: fundsim simulate ${scenario} --variant ${variantFile} --out DIR`,
    `校准结果已写入 ${dir}；应用方式：fundsim simulate ${scenario} --variant ${variantFile} --out DIR`,
  );

/** Words of the fit chart. */
export const fitChart = () =>
  ({
    title: loc("Calibration: simulated against observed, per target", "校准：各目标的模拟值与观测值"),
    value: loc("value (observed: ±1.645 sd; simulated: 90% of runs)", "数值（观测值：±1.645 标准差；模拟值：90% 模拟区间）"),
    target: loc("target", "目标"),
    series: loc("series", "系列"),
    observed: loc("observed", "观测值"),
    simulated: loc("simulated", "模拟值"),
    fit: loc("fitted", "拟合"),
    check: loc("out of sample", "样本外"),
  }) as const;

/** Words of the parameters chart. */
export const parametersChart = () =>
  ({
    title: loc("Calibration: fitted parameters within their prior ranges", "校准：拟合参数在先验范围中的位置"),
    position: loc("position in the prior range (0 = low end, 1 = high end)", "在先验范围中的位置（0 = 下限，1 = 上限）"),
    start: loc("start", "初始值"),
    fitted: loc("fitted, with its interval", "拟合值及其区间"),
  }) as const;

/** Titles and text of the calibration page (calibration.html). */
export const calibrationPageText = () =>
  ({
    title: loc("Calibration", "参数校准"),
    parameters: loc("Fitted parameters", "拟合参数"),
    fit: loc("Fit per target", "各目标的拟合"),
    method: loc("Method", "方法"),
    record: loc("Record", "记录"),
    methodText: loc(
      "Simulated method of moments on common random numbers: every point simulated with the same seed and runs, the population redrawn in every run; the objective is the sum of squared misses of the fitted targets in units of their sd; Nelder–Mead on the prior ranges (logistic transform), restarted once; standard errors by the delta method from central differences, including the simulation's own noise. Targets marked check are compared but not fitted (out of sample). docs/calibration.md has the details.",
      "基于共同随机数的模拟矩估计：每个点使用相同的随机种子和模拟次数，每次模拟重抽人口；目标函数为拟合目标以其标准差计的偏差平方和；在先验范围内（logistic 变换）用 Nelder–Mead 搜索并重启一次；标准误由中心差分的 delta 方法得到，包含模拟本身的误差。标为 check 的目标只作比较、不参与拟合（样本外）。详见 docs/calibration.md。",
    ),
  }) as const;
