/**
 * Messages of the simulation summary printed by `fundsim simulate` and `fundsim compare`.
 * Numbers arrive already formatted (see src/present/resultsText.ts), so each message is only
 * the sentence around them.
 */
import { loc, type Localized } from "./lang.js";

export const heading = (name: string, runs: string, seed: number, first: number, last: number, households: string): Localized =>
  loc(
    `${name} — ${runs} simulated runs (seed ${seed}), ${first}–${last}, ${households} households`,
    `${name} —— 模拟 ${runs} 次（随机种子 ${seed}），${first}–${last} 年，${households} 户`,
  );

export const uncertaintyNote = (): Localized =>
  loc(
    "(± is the Monte-Carlo standard error; intervals are 90% of runs unless marked)",
    "（± 为蒙特卡洛标准误；区间为 90% 的模拟结果，另有说明者除外）",
  );

/**
 * What the probabilities and intervals include, and what they leave out (model.md,
 * "Uncertainty"): every run redraws the shocks; the synthetic population is redrawn per run
 * unless held fixed (--fixed-population); the scenario's unknowns are drawn per run.
 */
export const uncertaintyIncludes = (register: boolean, incomeDraws = false, unknowns = 0, populationRedrawn = false): Localized => {
  const en = ["the yearly shocks (common, household, illness, disaster, loan defaults)"];
  const zh = ["各年冲击（共同冲击、农户冲击、疾病、灾害、贷款违约）"];
  if (incomeDraws) {
    en.push("each household's hidden income level (its recorded income less that year's transitory shock) and its own income trend, drawn anew in every run");
    zh.push("每次模拟重新抽取的农户潜在收入水平（登记收入减去当年暂时性冲击）和农户自身收入趋势");
  }
  if (!register && populationRedrawn) {
    en.push("the draw of the synthetic population (household sizes, labour, guarantees lacking, causes, villages, recorded incomes, who is registered), drawn anew in every run");
    zh.push("合成人口的抽样（户规模、劳动力、未达保障、致贫原因、村、登记收入、是否建档立卡），每次模拟重新抽取");
  }
  if (unknowns > 0) {
    en.push(`${unknowns} unknown parameter${unknowns === 1 ? "" : "s"} (the scenario's unknowns: effect sizes, success probabilities, growth, default rates), each drawn once per run and shared by all households`);
    zh.push(`${unknowns} 个未知参数（情景中的 unknowns：效果大小、成功概率、增长率、违约率），每次模拟抽取一次、全体农户共用`);
  }
  const notEn: string[] = [];
  const notZh: string[] = [];
  if (!register && !populationRedrawn) {
    notEn.push(incomeDraws ? "the rest of the synthetic population (household sizes, labour, villages, who is registered), drawn once from the seed and held fixed (--fixed-population)" : "the draw of the synthetic population, which is drawn once from the seed and held fixed (--fixed-population)");
    notZh.push(incomeDraws ? "合成人口的其余部分（户规模、劳动力、村、是否建档立卡，按随机种子抽取一次后固定；--fixed-population）" : "合成人口的抽样（按随机种子抽取一次后固定；--fixed-population）");
  }
  if (unknowns === 0) {
    notEn.push("uncertainty in parameters such as programme effects (the scenario declares no unknowns)");
    notZh.push("项目效果等参数的不确定性（情景未声明 unknowns）");
  }
  return loc(
    `Probabilities and intervals include ${en.join("; ")}${register ? " (for the households of the register as given)" : ""}.${notEn.length > 0 ? ` They do not include ${notEn.join(", nor ")}.` : ""}`,
    `概率与区间包含：${zh.join("；")}${register ? "（针对名册中的农户）" : ""}。${notZh.length > 0 ? `不包含${notZh.join("，也不包含")}。` : ""}`,
  );
};

/** Unknowns a variant or --set fixed: "path = value (drawn per run in the baseline, centre …)". */
export const fixedUnknownsLine = (items: readonly string[]): Localized =>
  loc(
    `Fixed by this variant or --set, so not drawn: ${items.join("; ")} (the baseline draws ${items.length === 1 ? "it" : "them"} once per run).`,
    `本方案或 --set 固定了以下参数，因此不再抽样：${items.join("；")}（基准情景中每次模拟抽取一次）。`,
  );

/** A probability with its Monte-Carlo standard error. */
export const probWithSe = (p: string, se: string): Localized => loc(`${p} ± ${se}`, `${p} ± ${se}`);
/** No run met it: the one-sided 95% upper bound 1 − 0.05^(1/runs) instead of "0% ± 0%". */
export const probNone = (runs: string, upper: string): Localized =>
  loc(`0% (none of the ${runs} runs; below ${upper} at 95% confidence)`, `0%（${runs} 次模拟均未达到；95% 置信度下低于 ${upper}）`);
/** Every run met it: the one-sided 95% lower bound 0.05^(1/runs). */
export const probAll = (runs: string, lower: string): Localized =>
  loc(`100% (all ${runs} runs; above ${lower} at 95% confidence)`, `100%（${runs} 次模拟全部达到；95% 置信度下高于 ${lower}）`);

export const exitTargetLine = (people: string, year: number, prob: Localized): Localized =>
  loc(
    `Probability of reaching the exit target (${people} people out of poverty at the end of ${year}, exited and not relapsed): ${prob.en}`,
    `实现脱贫目标（${year} 年末脱贫且未返贫 ${people} 人）的概率：${prob.zh}`,
  );

export const villageTargetLine = (villages: string, year: number, prob: Localized): Localized =>
  loc(
    `Probability of reaching the village target (${villages} villages exited by ${year}): ${prob.en}`,
    `实现贫困村退出目标（${year} 年前 ${villages} 个村退出）的概率：${prob.zh}`,
  );

export const exitsAgainstTarget = (year: number, mean: string, lo: string, hi: string, target: string): Localized =>
  loc(
    `Out of poverty at the end of ${year} (the target's measure): ${mean} people expected (90% interval ${lo} – ${hi}) against the target of ${target}`,
    `${year} 年末脱贫人口（目标口径）：期望 ${mean} 人（90% 区间 ${lo} – ${hi}），目标 ${target} 人`,
  );

export const villagesAgainstTarget = (year: number, mean: string, lo: string, hi: string, target: string): Localized =>
  loc(
    `Villages exited by ${year}: ${mean} expected (90% interval ${lo} – ${hi}) against the target of ${target}`,
    `${year} 年前退出贫困村：期望 ${mean} 个（90% 区间 ${lo} – ${hi}），目标 ${target} 个`,
  );

export const allTargetsLine = (prob: Localized): Localized =>
  loc(`Probability of meeting all targets together (every year): ${prob.en}`, `所有目标（各年）同时实现的概率：${prob.zh}`);

export const targetByYear = (items: string): Localized => loc(`  by year: ${items}`, `  分年：${items}`);

export const noTargets = (): Localized =>
  loc("The scenario sets no exit targets (targets.exits).", "情景未设定脱贫目标（targets.exits）。");

export const exitsLine = (year: number, mean: string, lo: string, hi: string): Localized =>
  loc(
    `People out of poverty at the end of ${year}: ${mean} expected (90% interval ${lo} – ${hi})`,
    `${year} 年末已脱贫人口：期望 ${mean} 人（90% 区间 ${lo} – ${hi} 人）`,
  );

export const exitRateLine = (year: number, rate: string, se: string): Localized =>
  loc(
    `Share of the ever-registered poor households exited and not relapsed at the end of ${year}: ${rate} ± ${se}`,
    `${year} 年末建档立卡贫困户（含期间新识别）中脱贫且未返贫的比例：${rate} ± ${se}`,
  );

/** The measure targets are compared with (TARGET_MEASURE), said once wherever targets are. */
export const targetMeasureLine = (): Localized =>
  loc(
    "Targets are compared with people exited and not relapsed at year end (脱贫且未返贫人口); a household that relapses and exits again counts once.",
    "目标按年末脱贫且未返贫人口口径比较；返贫后再次脱贫的农户只计一次。",
  );

/** The target measure's short name. */
export const targetMeasureName = (): Localized => loc("people exited and not relapsed", "脱贫且未返贫人口");

/** A value no run defines: relapse before an exit cohort is followed long enough, a rate with nobody to count. */
export const notObservable = (): Localized => loc("not observable", "不可观测");

/** One year of a per-year list: "2017 37.2% (30.1% – 44%)"; `note` says in how many runs it is defined, when not all. */
export const yearItem = (year: number, median: string, lo: string, hi: string, note: Localized | undefined): Localized =>
  loc(`${year} ${median} (${lo} – ${hi}${note ? `; ${note.en}` : ""})`, `${year} 年 ${median}（${lo} – ${hi}${note ? `；${note.zh}` : ""}）`);
/** A median with its 90% interval in a table cell. */
export const spreadCell = (median: string, lo: string, hi: string, note: Localized | undefined): Localized =>
  loc(`${median} (${lo} – ${hi}${note ? `; ${note.en}` : ""})`, `${median}（${lo} – ${hi}${note ? `；${note.zh}` : ""}）`);
export const yearNotObservable = (year: number): Localized => loc(`${year} not observable`, `${year} 年不可观测`);
/** A value defined in only some runs: its median and interval are over those runs. */
export const definedInRuns = (n: string, runs: string): Localized => loc(`defined in ${n} of ${runs} runs`, `${runs} 次模拟中 ${n} 次有定义`);

/** exitHazard per year. */
export const registeredExitLine = (items: string, observed = true): Localized =>
  loc(
    `Exit rate of the registered poor (households exited at the year's verification ÷ registered poor at the start of the year)${observed ? ", median (90% interval)" : ""}: ${items}`,
    `建档立卡贫困户年度脱贫率（当年核查脱贫户数 ÷ 年初在册贫困户数）${observed ? "，中位数（90% 区间）" : ""}：${items}`,
  );

/** poorExitRate per year. */
export const poorExitLine = (items: string, observed = true): Localized =>
  loc(
    `Exit rate of the truly poor, registered or not (households at or above the line among those below it a year earlier)${observed ? ", median (90% interval)" : ""}: ${items}`,
    `实际贫困户（无论是否建档立卡）的脱贫率（上一年收入低于贫困线的农户中本年达到或超过贫困线的比例）${observed ? "，中位数（90% 区间）" : ""}：${items}`,
  );

/** newlyRegistered per year and over the horizon. */
export const inflowLine = (items: string, years: string, total: { readonly mean: string; readonly lo: string; readonly hi: string } | undefined): Localized =>
  total
    ? loc(
        `Newly registered poor (people found below the line at the yearly verification), median (90% interval): ${items}; in all ${years}: ${total.mean} expected (90% interval ${total.lo} – ${total.hi})`,
        `新识别贫困人口（年度核查新纳入建档立卡的人口），中位数（90% 区间）：${items}；${years} 年合计：期望 ${total.mean} 人（90% 区间 ${total.lo} – ${total.hi} 人）`,
      )
    : loc(
        `Newly registered poor (people found below the line at the yearly verification): ${items}`,
        `新识别贫困人口（年度核查新纳入建档立卡的人口）：${items}`,
      );

/** relapseWithin<k> of the latest exit cohort followed k years. */
export const relapseLine = (k: number, exitYear: number, year: number, median: string, lo: string, hi: string, note: Localized | undefined): Localized =>
  loc(
    `Exiters relapsed within ${k} year${k === 1 ? "" : "s"}: ${median} of the households exited in ${exitYear} had relapsed by ${year} (median; 90% interval ${lo} – ${hi}${note ? `; ${note.en}` : ""})`,
    `脱贫户 ${k} 年内返贫比例：${exitYear} 年脱贫的农户到 ${year} 年已返贫 ${median}（中位数；90% 区间 ${lo} – ${hi}${note ? `；${note.zh}` : ""}）`,
  );

/** relapseWithin<k> is NaN in every year: no exit cohort is followed k years within the horizon. */
export const relapseNotObservableLine = (k: number, years: string, followed: number): Localized =>
  loc(
    `Exiters relapsed within ${k} years: not observable within the horizon ${years} (an exit is followed at most ${followed} year${followed === 1 ? "" : "s"})`,
    `脱贫户 ${k} 年内返贫比例：在 ${years} 年规划期内不可观测（脱贫户最多只能跟踪 ${followed} 年）`,
  );

export const poolLossLine = (years: string, mean: string, se: string, var99: string): Localized =>
  loc(
    `Guarantee-pool losses ${years}: ${mean} expected (± ${se}); 99% worst case ${var99}`,
    `风险补偿金损失（${years}）：期望 ${mean}（± ${se}）；99% 最坏情形 ${var99}`,
  );

export const poolDepletedLine = (p: string, se: string): Localized =>
  loc(`Probability the pool is exhausted in some year: ${p} ± ${se}`, `风险补偿金在某一年耗尽的概率：${p} ± ${se}`);

/** No run exhausted the pool: the one-sided 95% upper bound on the probability, 1 − 0.05^(1/runs) (≈ 3/runs). */
export const poolNeverDepletedLine = (runs: string, upper: string): Localized =>
  loc(
    `The pool was exhausted in none of the ${runs} runs (probability below ${upper} at 95% confidence)`,
    `${runs} 次模拟中风险补偿金均未耗尽（95% 置信度下耗尽概率低于 ${upper}）`,
  );

/** Budget lines (line × year) spent as budgeted, and the largest gaps ("" when none). */
export const spendingLine = (asBudgeted: string, lines: string, gaps: string): Localized =>
  loc(
    `Spending against the ledger: ${asBudgeted} of ${lines} budget lines (by year) as budgeted${gaps ? `; largest gaps: ${gaps}` : ""}`,
    `与预算账对照：${lines} 项（按年）预算中 ${asBudgeted} 项按预算支出${gaps ? `；差额最大：${gaps}` : ""}`,
  );

/** One budget line's gap over the years it misses: "Industry 2017–2018 −2.2 M yuan (−29%)". */
export const spendingGap = (item: string, years: string, diff: string, share: string): Localized =>
  loc(`${item} ${years} ${diff} (${share})`, `${item} ${years} 年 ${diff}（${share}）`);

export const itemFollowUp = (): Localized => loc("Relocation follow-up payments", "搬迁后续扶持");
export const itemInterestSubsidy = (): Localized => loc("Interest subsidy", "贴息");

/** Lending against the plan and how often it was suspended (non-performing ratio over the pool's trigger). */
export const lendingLine = (years: string, lent: string, planned: string | undefined, share: string | undefined, suspended: Localized): Localized =>
  planned !== undefined && share !== undefined
    ? loc(
        `New lending ${years}: ${lent} expected against ${planned} planned (${share}); lending suspended in at least one year (non-performing loans over the trigger): ${suspended.en}`,
        `${years} 新增贷款：期望 ${lent}，计划 ${planned}（${share}）；至少一年暂停放贷（不良率超过触发线）的概率：${suspended.zh}`,
      )
    : loc(
        `New lending ${years}: ${lent} expected; lending suspended in at least one year (non-performing loans over the trigger): ${suspended.en}`,
        `${years} 新增贷款：期望 ${lent}；至少一年暂停放贷（不良率超过触发线）的概率：${suspended.zh}`,
      );

/** The pools' run-off after the horizon. */
export const runOffLine = (loss: string, loss95: string, bank: string, subsidy: string, depleted: string): Localized =>
  loc(
    `After the horizon the loans still outstanding run to term (no new lending, the last year's PD): pool losses ${loss} expected (95% of runs below ${loss95}), bank losses ${bank}, interest subsidy ${subsidy}; the pool cannot cover its share after the horizon: ${depleted}.`,
    `规划期后，未到期贷款持续至到期（不再放贷，沿用最后一年的违约率）：资金池损失期望 ${loss}（95% 的模拟低于 ${loss95}），银行损失 ${bank}，贴息 ${subsidy}；规划期后资金池无力承担其损失份额的概率：${depleted}。`,
  );

/** Share of runs with lending suspended at each year's end, and why lending falls short when it does. */
export const suspendedByYearLine = (items: string): Localized =>
  loc(
    `Lending suspended at year end (share of runs): ${items}. While suspended the bank makes no new loans, so lending falls short of the plan; a pool at its capacity (fund × leverage) lends no more either.`,
    `年末暂停放贷的模拟比例：${items}。暂停期间银行不发放新贷款，放贷因此低于计划；资金池达到放大上限（资金 × 放大倍数）时同样不能再放贷。`,
  );

/** Budget lines the model counts but cannot follow into any household's income or risk. */
export const inertProgrammesLine = (ids: string): Localized =>
  loc(
    `No modelled effect on any household (their money is counted, not what it buys): ${ids}. Exits and relapses do not respond to these lines (README, "Model limits").`,
    `以下项目对任何农户都没有模型化的效果（只计其资金，不计其成效）：${ids}。脱贫和返贫不随这些项目变化（见 README“模型局限”）。`,
  );

/** Relocation follow-up money by delivery. */
export const followUpDeliveryLine = (project: string, cash: string): Localized =>
  loc(
    `Relocation follow-up: ${project} is project money (follow-up industry funds: spent on projects whose effect is the relocation's, not added to households' income, so no income cliff when it ends); ${cash} is paid to households as cash (e.g. the land-transfer subsidy).`,
    `易地扶贫搬迁后续扶持：${project}为项目资金（后续产业发展扶持资金：用于产业项目，其效果即搬迁项目的效果，不计入农户收入，停发时不会造成收入断崖）；${cash}以现金发给农户（如土地流转补助）。`,
  );

/** Lines the scenario declares without an effect: "label (reason)", joined. */
export const declaredNoEffectLine = (items: string): Localized =>
  loc(
    `Declared without a modelled effect by the scenario (their money is counted): ${items}.`,
    `情景声明以下项目不模拟效果（只计其资金）：${items}。`,
  );

export const noPoolLending = (): Localized =>
  loc("No guarantee-pool lending in this scenario", "本方案没有风险补偿金贷款");

/** How often the plan's money runs short, by year. */
export const fundingLine = (items: string, any: string, uncertain: string, carryForward: boolean): Localized =>
  loc(
    `Money running short (the plan's uses above its sources${carryForward ? ", unspent money carried forward" : ""}), share of runs: ${items}; in any year: ${any}.${uncertain ? ` Drawn per run: ${uncertain} (a factor on the planned amounts; the ledger shows the plan).` : ""} Floor top-ups and pool top-ups are not paid from these sources.`,
    `资金不足（计划用途超过来源${carryForward ? "，结余结转" : ""}）的模拟比例：${items}；任一年份：${any}。${uncertain ? `每次模拟抽取：${uncertain}（对计划金额乘以系数；台账显示计划数）。` : ""}兜底补差和资金池补充不由这些来源支付。`,
  );

/** Why the simulated interest subsidy falls short of the ledger's. */
export const subsidyGapLine = (budgeted: string, simulated: string, share: string): Localized =>
  loc(
    `The ledger's interest subsidy (${budgeted}) assumes every planned loan is made and carried to term; in the runs a defaulted loan stops receiving it and suspended lending makes fewer loans: ${simulated} expected (${share} of the ledger's).`,
    `台账中的贴息（${budgeted}）假定所有计划贷款均已发放并持有至到期；模拟中违约贷款停止贴息、暂停放贷减少新贷款：期望 ${simulated}（为台账的 ${share}）。`,
  );

export const subsidyLine = (years: string, mean: string, lo: string, hi: string): Localized =>
  loc(
    `Interest subsidy ${years}: ${mean} expected (90% interval ${lo} – ${hi})`,
    `贴息支出（${years}）：期望 ${mean}（90% 区间 ${lo} – ${hi}）`,
  );

export const costLine = (years: string, mean: string, lo: string, hi: string): Localized =>
  loc(`Fiscal cost ${years}: ${mean} expected (90% interval ${lo} – ${hi})`, `财政支出（${years}）：期望 ${mean}（90% 区间 ${lo} – ${hi}）`);

export const costPerExitLine = (value: string, se: string): Localized =>
  loc(`Cost per person out of poverty: ${value} ± ${se}`, `每脱贫一人的财政成本：${value} ± ${se}`);

export const precisionLine = (target: string, achieved: string, converged: boolean, runs: string, metric = "exitRate"): Localized => {
  const name = precisionMetricName(metric);
  return converged
    ? loc(
        `Precision: standard error of ${name.en} ${achieved} ≤ ${target} after ${runs} runs.`,
        `精度：${runs} 次模拟后${name.zh}的标准误 ${achieved} ≤ ${target}。`,
      )
    : loc(
        `Precision NOT reached: standard error of ${name.en} ${achieved} > ${target} after the maximum of ${runs} runs. Raise --max-runs or relax --precision.`,
        `未达到精度：已达最大模拟次数 ${runs}，${name.zh}的标准误 ${achieved} > ${target}。请提高 --max-runs 或放宽 --precision。`,
      );
};

export const wroteResults = (dir: string, files: string): Localized => loc(`Results written to ${dir} (${files})`, `结果已写入 ${dir}（${files}）`);

export const compareHeading = (runs: string, level: string): Localized =>
  loc(
    `Paired differences over ${runs} runs with common random numbers (${level} confidence intervals):`,
    `基于共同随机数的 ${runs} 次配对差异（${level} 置信区间）：`,
  );

export const compareVariant = (b: string, a: string): Localized => loc(`${b} minus ${a}:`, `${b} 减 ${a}：`);

/** A variant shown by its label, with the id that selects it (`--variant id`). */
export const variantShown = (label: string, id: string): Localized => loc(`${label} (${id})`, `${label}（${id}）`);

export const diffLine = (what: Localized, diff: string, lo: string, hi: string): Localized =>
  loc(`  ${what.en}: ${diff} (CI ${lo} to ${hi})`, `  ${what.zh}：${diff}（置信区间 ${lo} 至 ${hi}）`);

export const whatExits = (year: number): Localized => loc(`People out of poverty at the end of ${year}`, `${year} 年末已脱贫人口`);
export const whatTargets = (): Localized => loc("Probability of meeting every target", "全部目标实现的概率");
export const whatExitTarget = (): Localized => loc("Probability of reaching the exit target(s)", "实现脱贫人数目标的概率");
/** A difference in probability, in percentage points. */
export const points = (x: string): Localized => loc(`${x} pp`, `${x} 个百分点`);
export const whatInflow = (years: string): Localized => loc(`Newly registered poor people ${years}`, `新识别贫困人口（${years}）`);
export const whatCost = (years: string): Localized => loc(`Fiscal cost ${years}`, `财政支出（${years}）`);
export const whatPoolLoss = (years: string): Localized => loc(`Pool losses ${years}`, `风险补偿金损失（${years}）`);
export const whatSubsidy = (years: string): Localized => loc(`Interest subsidy ${years}`, `贴息支出（${years}）`);
export const whatDepleted = (): Localized => loc("Probability the pool is exhausted", "风险补偿金耗尽的概率");

export const baselineName = (): Localized => loc("baseline", "基准方案");

export const compareNeedsTwo = (): Localized =>
  loc(
    "compare needs at least one --variant (compared with the baseline) or two (the first is the reference).",
    "compare 至少需要一个 --variant（与基准方案比较）或两个（以第一个为参照）。",
  );

export const duplicateVariant = (name: string): Localized =>
  loc(`--variant ${name} is given twice.`, `--variant ${name} 重复给出。`);

export const badNumberOption = (option: string, found: string, expected: Localized): Localized =>
  loc(`--${option}: expected ${expected.en}, found ${JSON.stringify(found)}.`, `--${option}：应为${expected.zh}，实际为 ${JSON.stringify(found)}。`);

export const positiveInteger = (): Localized => loc("a whole number ≥ 1", "≥ 1 的整数");
export const seedNumber = (): Localized => loc("a whole number from 0 to 4294967295", "0 至 4294967295 的整数");
export const positiveNumber = (): Localized => loc("a number > 0 (e.g. 0.002)", "大于 0 的数（如 0.002）");
export const shareNumber = (): Localized => loc("a share between 0 and 1 (e.g. 0.002 = 0.2 percentage points)", "0 到 1 之间的比例（如 0.002 即 0.2 个百分点）");
export const oneOf = (items: readonly string[]): Localized => loc(`one of ${items.join(", ")}`, `以下之一：${items.join("、")}`);

/** The headline --precision controls, named in a sentence. */
export const precisionMetricName = (metric: string): Localized =>
  metric === "exitedPeople"
    ? loc("people out of poverty at the last target year", "末个目标年脱贫人口")
    : metric === "pTarget"
      ? loc("P(every exit target met)", "全部脱贫目标达成概率")
      : metric === "poolLoss99"
        ? loc("the pool's 99% worst-case loss", "资金池 99% 最坏情形损失")
        : loc("the exit rate", "脱贫率");

export const populationFailed = (): Localized =>
  loc("The population could not be built from the scenario's cohorts:", "无法根据情景的人口队列生成农户：");


/** Variance decomposition (pipeline/decompose.ts): heading, step names, the table's header and the notes. */
export const decompositionHeading = (year: number, measure: string): Localized =>
  loc(`Where the uncertainty comes from: ${measure} at the end of ${year}`, `不确定性来自哪里：${year} 年末${measure}`);
export const decompositionStep = (id: "shocks" | "parameters" | "population"): Localized =>
  id === "shocks"
    ? loc("yearly shocks and household draws", "各年冲击与农户抽样")
    : id === "parameters"
      ? loc("+ unknown parameters", "+ 未知参数")
      : loc("+ population draw", "+ 人口抽样");
export const decompositionColumns = (): Localized[] => [
  loc("sources included", "包含的来源"),
  loc("runs", "模拟次数"),
  loc("mean", "均值"),
  loc("sd", "标准差"),
  loc("P(target)", "达标概率"),
  loc("share of variance (interval)", "方差占比（区间）"),
];
export const decompositionNote = (unknowns: number, populations: number, level: string): Localized =>
  loc(
    `Sources are switched on one after another on common random numbers (shocks, then ${unknowns} unknown parameter${unknowns === 1 ? "" : "s"} drawn per run${populations > 0 ? ", then the synthetic population redrawn in every run" : "; the register is the population, so it is not redrawn"}); each share is the variance a step adds, so interactions count with the later source. In brackets: ${level} bootstrap intervals of the shares (Monte-Carlo error).`,
    `各来源依次加入，使用共同随机数（先冲击，再加入每次模拟抽取的 ${unknowns} 个未知参数${populations > 0 ? "，再加入每次模拟重抽的合成人口" : "；名册即为全部人口，不重抽"}）；占比为每一步增加的方差，交互作用计入后加入的来源。括号内为占比的 ${level} 自助法区间（蒙特卡洛误差）。`,
  );
