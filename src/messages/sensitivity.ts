/**
 * Messages of `fundsim sensitivity`: problems with its inputs (`--param`, `--metric`,
 * `--year`, `--samples`) as data with a `code`, rendered in en and zh by one switch, and
 * the words of its table and notes.
 *
 * @example
 * say("zh", sensitivityIssue({ code: "paramRange", path: "creditPools.pool.pd", low: 0.05, high: 0.01 }));
 */
import type { Issue } from "../scenario/issues.js";
import { formatNumber } from "./format.js";
import { clip, loc, type Lang, type Localized } from "./lang.js";
import { renderIssues } from "./scenario.js";

/** Sides of a range a `--param` value is checked at. */
export type RangeSide = "low" | "high";

/** A problem with what `fundsim sensitivity` was asked to vary or measure. */
export type SensitivitySetupIssue =
  /** Not `path=low:high`. */
  | { readonly code: "paramSyntax"; readonly arg: string }
  /** The path leads nowhere: `missing` is the first segment not found, under `at`. */
  | { readonly code: "paramPath"; readonly path: string; readonly at: string; readonly missing: string }
  /** The field holds something other than one number (a dated series, an expression, a mapping). */
  | { readonly code: "paramNotNumber"; readonly path: string; readonly found: string }
  /** A field the command itself controls (horizon, runs, seed). */
  | { readonly code: "paramFixed"; readonly path: string }
  /** low ≥ high, or not finite numbers. */
  | { readonly code: "paramRange"; readonly path: string; readonly low: number; readonly high: number }
  | { readonly code: "paramDuplicate"; readonly path: string }
  /** The scenario with the path set to `value` does not validate. */
  | { readonly code: "paramInvalid"; readonly path: string; readonly side: RangeSide; readonly value: number; readonly issues: readonly Issue[] }
  /** A design point (several parameters at once) where the scenario does not validate. */
  | { readonly code: "pointInvalid"; readonly values: readonly { readonly path: string; readonly value: number }[]; readonly issues: readonly Issue[] }
  /** No --param and nothing to vary by default. */
  | { readonly code: "noDefaultParams" }
  | { readonly code: "tooManyParams"; readonly found: number; readonly max: number }
  | { readonly code: "unknownMetric"; readonly metric: string; readonly valid: readonly string[]; readonly total: number }
  | { readonly code: "yearOutsideHorizon"; readonly found: string; readonly first: number; readonly last: number }
  /** --samples: a power of two for Sobol, at least 2 trajectories for Morris. */
  | { readonly code: "samplesInvalid"; readonly method: "morris" | "sobol"; readonly found: string; readonly min: number; readonly max: number }
  | { readonly code: "tooFewRuns"; readonly found: number; readonly min: number }
  /** The metric took one value at every design point: variance shares are undefined. */
  | { readonly code: "metricConstant"; readonly metric: string }
  /** A failure of the analysis library not expected from checked inputs (its code). */
  | { readonly code: "analysisFailed"; readonly detail: string };

export type SensitivitySetupCode = SensitivitySetupIssue["code"];

const num = (x: number): string => (Number.isFinite(x) ? String(x) : "—");

/**
 * One problem as a message: what, where, how to fix. `who` names where a parameter was given
 * (default "--param"; a calibration targets file names its `free:` list).
 */
export function sensitivityIssue(i: SensitivitySetupIssue, who = "--param"): Localized {
  switch (i.code) {
    case "paramSyntax":
      return loc(
        `--param ${clip(i.arg)}: expected path=low:high, e.g. --param programmes.industry.allocation=2000000:4000000.`,
        `--param ${clip(i.arg)}：应为 路径=下限:上限，例如 --param programmes.industry.allocation=2000000:4000000。`,
      );
    case "paramPath":
      return loc(
        `${who} ${clip(i.path)}: the scenario has no "${clip(i.missing)}"${i.at ? ` under ${i.at}` : ""}. Paths are written as for --set (list items by id), e.g. programmes.industry.allocation.`,
        `${who} ${clip(i.path)}：情景中${i.at ? `的 ${i.at} 下` : ""}没有“${clip(i.missing)}”。路径写法与 --set 相同（列表项用 id），例如 programmes.industry.allocation。`,
      );
    case "paramNotNumber":
      return loc(
        `${who} ${clip(i.path)}: the field holds ${clip(i.found)}, not a single number; only a number can be varied (set a dated series year by year, e.g. ${clip(i.path)}.2018).`,
        `${who} ${clip(i.path)}：该字段的值是 ${clip(i.found)}，不是单个数值；只能改变数值字段（按年份的序列请逐年指定，例如 ${clip(i.path)}.2018）。`,
      );
    case "paramFixed":
      return loc(
        `${who} ${clip(i.path)}: the horizon, runs and seed are not varied by a sensitivity study; use --year, --runs and --seed.`,
        `${who} ${clip(i.path)}：敏感性分析不改变期限、模拟次数和随机种子；请使用 --year、--runs 和 --seed。`,
      );
    case "paramRange":
      return loc(
        `${who} ${clip(i.path)}: the range ${num(i.low)}:${num(i.high)} is empty; give two numbers with low < high.`,
        `${who} ${clip(i.path)}：范围 ${num(i.low)}:${num(i.high)} 为空；请给出两个数且下限 < 上限。`,
      );
    case "paramDuplicate":
      return loc(`${who} ${clip(i.path)} is given twice; give each path once.`, `${who} ${clip(i.path)} 给出了两次；每个路径只能给一次。`);
    case "paramInvalid": {
      const side = i.side === "low" ? loc("low", "下限") : loc("high", "上限");
      const issues = (lang: Lang): string => renderIssues(lang, i.issues, 3).replace(/^/gm, "  ");
      return loc(
        `${who} ${clip(i.path)}: at its ${side.en} value ${num(i.value)} the scenario is not valid; narrow the range.\n${issues("en")}`,
        `${who} ${clip(i.path)}：取${side.zh} ${num(i.value)} 时情景无效；请缩小范围。\n${issues("zh")}`,
      );
    }
    case "pointInvalid": {
      const at = i.values.map((v) => `${v.path}=${num(v.value)}`).join(", ");
      const issues = (lang: Lang): string => renderIssues(lang, i.issues, 3).replace(/^/gm, "  ");
      return loc(
        `At the design point ${clip(at, 400)} the scenario is not valid (each range is valid alone, not in this combination); narrow the ranges.\n${issues("en")}`,
        `在设计点 ${clip(at, 400)} 上情景无效（各范围单独有效，但组合无效）；请缩小范围。\n${issues("zh")}`,
      );
    }
    case "noDefaultParams":
      return loc(
        "Nothing to vary: the scenario has no programme with a numeric allocation and no credit pool; give ranges with --param path=low:high.",
        "没有可改变的参数：情景中没有数值型拨款的项目，也没有信贷资金池；请用 --param 路径=下限:上限 指定范围。",
      );
    case "tooManyParams":
      return loc(`${i.found} parameters are more than this method takes (at most ${i.max}).`, `参数有 ${i.found} 个，超过此方法的上限（最多 ${i.max} 个）。`);
    case "unknownMetric": {
      const more = i.total - i.valid.length;
      const list = i.valid.join(", ");
      return loc(
        `--metric ${clip(i.metric)}: no such metric. Valid: ${list}${more > 0 ? ` and ${more} more` : ""}.`,
        `--metric ${clip(i.metric)}：没有这个指标。可用：${list}${more > 0 ? ` 等另 ${more} 个` : ""}。`,
      );
    }
    case "yearOutsideHorizon":
      return loc(
        `--year ${clip(i.found)}: give a year of the horizon, ${i.first}–${i.last}, or "horizon" (the whole horizon: flows summed, stocks at the end).`,
        `--year ${clip(i.found)}：请给出期限内的年份 ${i.first}–${i.last}，或 "horizon"（整个期限：流量求和，存量取期末）。`,
      );
    case "samplesInvalid":
      return i.method === "sobol"
        ? loc(
            `--samples ${clip(i.found)}: Sobol needs a power of two from ${i.min} to ${i.max} base rows (e.g. 64, 128, 256).`,
            `--samples ${clip(i.found)}：Sobol 方法需要 ${i.min} 到 ${i.max} 之间的 2 的幂作为基础行数（例如 64、128、256）。`,
          )
        : loc(
            `--samples ${clip(i.found)}: Morris needs a whole number of trajectories from ${i.min} to ${i.max}.`,
            `--samples ${clip(i.found)}：Morris 方法需要 ${i.min} 到 ${i.max} 之间的整数条轨迹。`,
          );
    case "tooFewRuns":
      return loc(
        `--runs ${i.found}: a standard error needs at least ${i.min} runs per point.`,
        `--runs ${i.found}：计算标准误每个点至少需要 ${i.min} 次模拟。`,
      );
    case "metricConstant":
      return loc(
        `${i.metric} has the same value at every design point, so it has no variance to share out; choose another metric, year or wider ranges.`,
        `${i.metric} 在所有设计点上取值相同，没有可分解的方差；请换一个指标、年份或扩大范围。`,
      );
    case "analysisFailed":
      return loc(`The analysis failed (${i.detail}). This is a bug in fundsim; please report it with the command you ran.`, `分析失败（${i.detail}）。这是 fundsim 的缺陷；请连同所运行的命令一起报告。`);
    default:
      return i satisfies never;
  }
}

/** The first line of a refusal. */
export const sensitivityRefused = (): Localized => loc("Sensitivity analysis not started:", "敏感性分析未开始：");

// ── the table ─────────────────────────────────────────────────────────────────────────

/** Figures with about three significant digits (indices and shares keep three decimals). */
export function fig(x: number): string {
  const a = Math.abs(x);
  return formatNumber(x, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a === 0 ? 0 : 3);
}

const METHOD: Readonly<Record<"tornado" | "morris" | "sobol", Localized>> = {
  tornado: loc("tornado (one at a time)", "龙卷风图（逐一改变）"),
  morris: loc("Morris elementary effects", "Morris 基本效应"),
  sobol: loc("Sobol indices", "Sobol 指数"),
};

/** `exitedPeople in 2019` / `exitedPeople, whole horizon`. */
export const outputShown = (metric: string, year: number | "horizon"): Localized =>
  year === "horizon" ? loc(`${metric} over the whole horizon`, `${metric}（整个期限）`) : loc(`${metric} in ${year}`, `${metric}（${year} 年）`);

export const sensitivityHeading = (name: string, method: "tornado" | "morris" | "sobol", output: Localized, runs: number, seed: number): Localized =>
  loc(
    `${name} — sensitivity of ${output.en}: ${METHOD[method].en}, ${formatNumber(runs)} runs per point, seed ${seed}`,
    `${name} —— ${output.zh} 的敏感性：${METHOD[method].zh}，每点 ${formatNumber(runs)} 次模拟，种子 ${seed}`,
  );

export const defaultsUsed = (paths: readonly string[]): Localized =>
  loc(
    `No --param given: varied by default every programme's allocation ±20% and each credit pool's pd and lgd ±50% (${paths.join(", ")}).`,
    `未给出 --param：默认改变每个项目的拨款 ±20%，以及每个信贷资金池的 pd 和 lgd ±50%（${paths.join("、")}）。`,
  );

export const baseLine = (mean: string, se: string): Localized => loc(`Base value: ${mean} (SE ${se})`, `基准值：${mean}（标准误 ${se}）`);

export const tornadoColumns = (): Localized[] => [
  loc("parameter", "参数"),
  loc("low", "下限"),
  loc("high", "上限"),
  loc("effect at low ± SE", "下限效应 ± 标准误"),
  loc("effect at high ± SE", "上限效应 ± 标准误"),
  loc("swing ± SE", "摆幅 ± 标准误"),
];

export const morrisColumns = (): Localized[] => [
  loc("parameter", "参数"),
  loc("low", "下限"),
  loc("high", "上限"),
  loc("μ* ± SE", "μ* ± 标准误"),
  loc("μ", "μ"),
  loc("σ", "σ"),
];

export const sobolColumns = (): Localized[] => [
  loc("parameter", "参数"),
  loc("low", "下限"),
  loc("high", "上限"),
  loc("S_i [95% CI]", "S_i [95% 置信区间]"),
  loc("S_Ti [95% CI]", "S_Ti [95% 置信区间]"),
];

export const tornadoNote = (runs: number): Localized =>
  loc(
    `Uncertainty: standard errors of the Monte-Carlo shocks of ${formatNumber(runs)} runs, paired by common random numbers (every point sees the same shocks): SE = sd(d)/√runs of the per-run differences. Effects are against the base value; bars sorted by |swing|.`,
    `不确定性：${formatNumber(runs)} 次模拟的蒙特卡洛冲击标准误，采用共同随机数配对（每个点承受相同冲击）：标准误 = 逐次差值的 sd(d)/√次数。效应相对于基准值；按 |摆幅| 排序。`,
  );

export const morrisNote = (r: number, levels: number, runs: number): Localized =>
  loc(
    `μ* = mean |elementary effect| over ${r} trajectories on a ${levels}-level grid, in metric units per full range of the parameter; σ = their SD (interactions, non-linearity). Uncertainty: SE of μ* over the trajectories; each point is the mean of ${formatNumber(runs)} runs with common random numbers.`,
    `μ* = ${r} 条轨迹（${levels} 级网格）上基本效应绝对值的均值，单位为参数取满范围时指标的变化；σ 为其标准差（交互作用、非线性）。不确定性：μ* 在轨迹间的标准误；每个点为 ${formatNumber(runs)} 次共同随机数模拟的均值。`,
  );

export const sobolNote = (n: number, runs: number, evaluations: number): Localized =>
  loc(
    `Shares of the variance of the mean over ${formatNumber(runs)} runs (common random numbers), n = ${n} base rows, ${formatNumber(evaluations)} evaluations. Intervals: bootstrap over the design rows; with scrambled Sobol points they are conservative (valid, but wider than the true uncertainty; docs/sensitivity.md). S_Ti − S_i is the share through interactions.`,
    `${formatNumber(runs)} 次模拟（共同随机数）均值的方差分解，基础行 n = ${n}，共 ${formatNumber(evaluations)} 次评估。区间：对设计行的自助法；对扰乱的 Sobol 点而言区间偏保守（有效，但比真实不确定性宽；见 docs/sensitivity.md）。S_Ti − S_i 为通过交互作用的份额。`,
  );

/** Before a long study: how many evaluations, and about how long. */
export const planLine = (evaluations: number, runs: number, seconds: number): Localized =>
  loc(
    `${formatNumber(evaluations)} evaluations × ${formatNumber(runs)} runs, about ${duration(seconds).en}`,
    `${formatNumber(evaluations)} 次评估 × ${formatNumber(runs)} 次模拟，约需 ${duration(seconds).zh}`,
  );

export const timingLine = (evaluations: number, seconds: number, rebuilt: boolean): Localized => {
  const rate = seconds > 0 ? evaluations / seconds : Number.NaN;
  return loc(
    `${formatNumber(evaluations)} evaluations in ${duration(seconds).en} (${fig(rate)}/s${rebuilt ? "; population rebuilt at every point" : "; one population for every point"}).`,
    `${formatNumber(evaluations)} 次评估，用时 ${duration(seconds).zh}（每秒 ${fig(rate)} 次${rebuilt ? "；每个点重建人口" : "；所有点共用一个人口"}）。`,
  );
};

export function duration(seconds: number): Localized {
  if (!Number.isFinite(seconds)) return loc("—", "—");
  if (seconds < 60) return loc(`${fig(seconds)} s`, `${fig(seconds)} 秒`);
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - 60 * m);
  return loc(`${m} min ${s} s`, `${m} 分 ${s} 秒`);
}

/** Progress label of `sensitivity`. */
export const sensitivityLabel = (): Localized => loc("sensitivity", "敏感性");

/** Vega-Lite chart titles. */
export const tornadoChartTitle = (output: Localized): Localized => loc(`Tornado: ${output.en}`, `龙卷风图：${output.zh}`);
export const sobolChartTitle = (output: Localized): Localized => loc(`Sobol indices: ${output.en}`, `Sobol 指数：${output.zh}`);
export const chartAxis = () =>
  ({
    effect: loc("effect on the metric (vs base), ±1.96·SE", "对指标的效应（相对基准），±1.96·标准误"),
    share: loc("share of variance, 95% CI", "方差份额，95% 置信区间"),
    parameter: loc("parameter", "参数"),
    side: loc("value", "取值"),
    low: loc("low", "下限"),
    high: loc("high", "上限"),
    index: loc("index", "指数"),
  }) as const;
