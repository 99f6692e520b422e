/**
 * Messages of the budget ledger: its checks and the labels of its tables (en, zh).
 *
 * Amounts are exact Decimals, shown in yuan to the fen (en) or in 万元 (zh; plain 元 below
 * 10,000 yuan). Names are passed as Localized so that Chinese text uses Chinese labels.
 *
 * @example
 * overCommitted({ year: 2018, deficit, available, uses, items: [{ name, amount }] }).zh
 */
import type { Decimal } from "decimal.js";
import { loc, type Localized } from "./lang.js";
import { formatCount, formatWan, formatYuan } from "../model/money.js";
import type { CostUnit } from "../scenario/vocab.js";

/** An amount as text: "92,180,000.00 yuan" / "9,218.00 万元". */
export function moneyText(x: Decimal): Localized {
  const zh = x.abs().gte(10_000) ? `${formatWan(x)} 万元` : `${formatYuan(x)} 元`;
  return loc(`${formatYuan(x)} yuan`, zh);
}

const pct = (x: Decimal): string => `${x.times(100).toDecimalPlaces(1).toFixed(1)}%`;

type Named = Localized;
/** A name in quotes, unless it brings its own. */
const qe = (n: Named): string => (/["“”]/.test(n.en) ? n.en : `"${n.en}"`);
const qz = (n: Named): string => (/[“”「」]/.test(n.zh) ? n.zh : `“${n.zh}”`);
const list = (items: readonly { readonly name: Named; readonly amount: Decimal }[], lang: "en" | "zh"): string =>
  items.map((i) => `${i.name[lang]} ${moneyText(i.amount)[lang]}`).join(lang === "en" ? ", " : "，");
const names = (xs: readonly Named[], lang: "en" | "zh"): string => xs.map((x) => x[lang]).join(lang === "en" ? ", " : "、");

export const targetMet = (a: { perPerson: Decimal; amountPerPerson: Decimal; invested: Decimal; people: Decimal; required: Decimal }): Localized =>
  loc(
    `Per-person investment target met: ${moneyText(a.invested).en} for ${formatCount(a.people)} people is ${formatYuan(a.perPerson)} yuan per person (target ${formatYuan(a.amountPerPerson)}; ${moneyText(a.required).en} required).`,
    `人均投入目标已达到：${moneyText(a.invested).zh} 覆盖 ${formatCount(a.people)} 人，人均 ${formatYuan(a.perPerson)} 元（目标 ${formatYuan(a.amountPerPerson)} 元，需投入 ${moneyText(a.required).zh}）。`,
  );

export const targetMissed = (a: { shortfall: Decimal; perPerson: Decimal; amountPerPerson: Decimal; invested: Decimal; people: Decimal; required: Decimal }): Localized =>
  loc(
    `Per-person investment target missed by ${moneyText(a.shortfall).en}: ${moneyText(a.invested).en} for ${formatCount(a.people)} people is ${formatYuan(a.perPerson)} yuan per person against ${formatYuan(a.amountPerPerson)} (${moneyText(a.required).en} required).`,
    `人均投入目标未达到，缺口 ${moneyText(a.shortfall).zh}：${moneyText(a.invested).zh} 覆盖 ${formatCount(a.people)} 人，人均 ${formatYuan(a.perPerson)} 元，低于目标 ${formatYuan(a.amountPerPerson)} 元（需投入 ${moneyText(a.required).zh}）。`,
  );

export const gapUnshared = (a: { gap: Decimal; fund: Named }): Localized =>
  loc(
    `The per-person target leaves a gap of ${moneyText(a.gap).en} beyond what ${qe(a.fund)} provides, but no funding source shares it (add sources with rule kind gapShare and a positive weight).`,
    `人均投入目标在${qz(a.fund)}之外还有 ${moneyText(a.gap).zh} 的缺口，但没有资金来源分担（请添加规则为 gapShare 且权重为正的资金来源）。`,
  );

export const phasingEmpty = (): Localized =>
  loc(
    "funding.perPersonTarget.phasing gives no positive share for any horizon year; the gap is spread evenly over the years.",
    "funding.perPersonTarget.phasing 在规划期内没有任何正的年度比例；缺口按年度平均分摊。",
  );

export const underFunded = (a: { year: number; programme: Named; allocation: Decimal; required: Decimal; shortfall: Decimal }): Localized =>
  loc(
    `${a.year}: ${qe(a.programme)} is under-funded by ${moneyText(a.shortfall).en}: allocation ${moneyText(a.allocation).en}, unit cost × planned units ${moneyText(a.required).en}.`,
    `${a.year} 年：${qz(a.programme)}资金不足 ${moneyText(a.shortfall).zh}：安排 ${moneyText(a.allocation).zh}，单位成本 × 计划数量需 ${moneyText(a.required).zh}。`,
  );

export const overCommitted = (a: {
  year: number;
  /** The negative closing balance, as a positive amount. */
  deficit: Decimal;
  available: Decimal;
  uses: Decimal;
  items: readonly { readonly name: Named; readonly amount: Decimal }[];
}): Localized =>
  loc(
    `${a.year}: over-committed by ${moneyText(a.deficit).en} — uses ${moneyText(a.uses).en} against ${moneyText(a.available).en} available. Spending that year: ${list(a.items, "en")}.`,
    `${a.year} 年：支出超出可用资金 ${moneyText(a.deficit).zh}——支出 ${moneyText(a.uses).zh}，可用 ${moneyText(a.available).zh}。当年支出：${list(a.items, "zh")}。`,
  );

export const fundedByShortfall = (a: { programmes: readonly Named[]; sources: readonly Named[]; needed: Decimal; provided: Decimal; shortfall: Decimal }): Localized =>
  loc(
    `${names(a.programmes, "en")} (paid by ${names(a.sources, "en")}) need ${moneyText(a.needed).en} over the horizon, but those sources provide ${moneyText(a.provided).en}: short by ${moneyText(a.shortfall).en}.`,
    `${names(a.programmes, "zh")}（由 ${names(a.sources, "zh")} 支付）在规划期内需 ${moneyText(a.needed).zh}，而这些来源仅提供 ${moneyText(a.provided).zh}，缺口 ${moneyText(a.shortfall).zh}。`,
  );

export const lendingAboveCapacity = (a: { year: number; pool: Named; outstanding: Decimal; capacity: Decimal; fund: Decimal; leverage: Decimal; excess: Decimal }): Localized =>
  loc(
    `${a.year}: planned loans outstanding in ${qe(a.pool)} (${moneyText(a.outstanding).en}) exceed its lending capacity of ${moneyText(a.capacity).en} (fund ${moneyText(a.fund).en} × leverage ${a.leverage.toString()}) by ${moneyText(a.excess).en}.`,
    `${a.year} 年：${qz(a.pool)}计划贷款余额 ${moneyText(a.outstanding).zh} 超出放贷能力 ${moneyText(a.capacity).zh}（资金 ${moneyText(a.fund).zh} × 放大倍数 ${a.leverage.toString()}）${moneyText(a.excess).zh}。`,
  );

export const lendingWithinCapacity = (a: { year: number; pool: Named; outstanding: Decimal; capacity: Decimal; utilisation: Decimal }): Localized =>
  loc(
    `${qe(a.pool)}: planned loans outstanding peak at ${moneyText(a.outstanding).en} in ${a.year}, within the lending capacity of ${moneyText(a.capacity).en} (${pct(a.utilisation)} used).`,
    `${qz(a.pool)}：计划贷款余额于 ${a.year} 年达到峰值 ${moneyText(a.outstanding).zh}，在放贷能力 ${moneyText(a.capacity).zh}之内（使用 ${pct(a.utilisation)}）。`,
  );

export const scheduleBeyondHorizon = (a: { programme: Named; schedule: Named; cohortYear: number; units: Decimal; unit: CostUnit; lastYear: number; end: number; amount: Decimal }): Localized =>
  loc(
    `${qe(a.programme)} / ${qe(a.schedule)}: the ${a.cohortYear} cohort (${formatCount(a.units)} ${costUnitName(a.unit).en}) is paid until ${a.lastYear}, after the horizon ends in ${a.end}; ${moneyText(a.amount).en} falls due after the horizon and is not in the yearly totals.`,
    `${qz(a.programme)}/${qz(a.schedule)}：${a.cohortYear} 年批次（${formatCount(a.units)} ${costUnitName(a.unit).zh}）支付至 ${a.lastYear} 年，超出规划期（止于 ${a.end} 年）；规划期后应付 ${moneyText(a.amount).zh}，未计入年度合计。`,
  );

export const recurringBeyondHorizon = (a: { programme: Named; lastYear: number; amount: Decimal }): Localized =>
  loc(
    `${qe(a.programme)}: recurring unit costs of ${moneyText(a.amount).en} fall due after the horizon (until ${a.lastYear}) and are not in the yearly totals.`,
    `${qz(a.programme)}：规划期后仍有 ${moneyText(a.amount).zh} 的持续性单位成本（至 ${a.lastYear} 年），未计入年度合计。`,
  );

export const subsidyBeyondHorizon = (a: { pool: Named; lastYear: number; amount: Decimal }): Localized =>
  loc(
    `${qe(a.pool)}: an expected interest subsidy of ${moneyText(a.amount).en} falls due after the horizon (until ${a.lastYear}) on planned loans still outstanding.`,
    `${qz(a.pool)}：规划期后尚未到期的计划贷款预计仍需贴息 ${moneyText(a.amount).zh}（至 ${a.lastYear} 年）。`,
  );

export const loanAboveHouseholdCeiling = (a: { pool: Named; perHousehold: Decimal; loanSize: Decimal; householdsPerLoan: Decimal; ceiling: Decimal }): Localized =>
  loc(
    `${qe(a.pool)}: each household a loan carries gets ${moneyText(a.perHousehold).en} of credit (${moneyText(a.loanSize).en} ÷ ${a.householdsPerLoan.toSignificantDigits(3).toString()} households per loan), above the ${moneyText(a.ceiling).en} ceiling of poverty micro-credit to a household: read these as loans to enterprises or cooperatives that carry poor households, or lower loan.size.`,
    `${qz(a.pool)}：每笔贷款带动的每户获得 ${moneyText(a.perHousehold).zh} 信贷（${moneyText(a.loanSize).zh} ÷ 每笔 ${a.householdsPerLoan.toSignificantDigits(3).toString()} 户），超过扶贫小额信贷每户 ${moneyText(a.ceiling).zh} 的上限：应理解为带动贫困户的企业或合作社贷款，或调低 loan.size。`,
  );

export const noRevenueIncrease = (a: { year: number; source: Named; increase: Decimal }): Localized =>
  loc(
    `${a.year}: ${qe(a.source)} contributes nothing — the assumed revenue increase is ${moneyText(a.increase).en}.`,
    `${a.year} 年：${qz(a.source)}无投入——假定的财政收入增量为 ${moneyText(a.increase).zh}。`,
  );

export const capacityBelowPlan = (a: { year: number; programme: Named; planned: Decimal; capacity: Decimal }): Localized =>
  loc(
    `${a.year}: ${qe(a.programme)} plans ${formatCount(a.planned)} units but can serve only ${formatCount(a.capacity)}.`,
    `${a.year} 年：${qz(a.programme)}计划 ${formatCount(a.planned)} 个单位，但只能覆盖 ${formatCount(a.capacity)} 个。`,
  );

// ---- table and CSV labels ----

/** The table's title; the horizon is added unless the name already states it. */
export const tableTitle = (name: string, years: string, start: number): Localized =>
  name.includes(String(start)) ? loc(`Budget ledger — ${name}`, `预算台账——${name}`) : loc(`Budget ledger — ${name}, ${years}`, `预算台账——${name}（${years}）`);
export const unitYuan = (): Localized => loc("Amounts in yuan", "单位：万元（各数分别四舍五入至 0.01 万元，合计按精确值计算）");
export const colItem = (): Localized => loc("Item", "项目");
export const colTotal = (): Localized => loc("Total", "合计");
export const colAfter = (): Localized => loc("After horizon", "规划期后");
export const sectionSources = (): Localized => loc("Sources", "资金来源");
export const sectionUses = (): Localized => loc("Uses", "资金使用");
export const sectionBalance = (): Localized => loc("Balance", "收支平衡");
export const sectionCapacity = (): Localized => loc("Capacity (units served)", "覆盖能力（单位数）");
export const sectionSchedules = (): Localized => loc("Schedules by cohort", "分批次支付计划");
export const sectionPool = (pool: string): Localized => loc(`Credit pool: ${pool}`, `风险补偿资金池：${pool}`);
/** The unit a cost is counted in, as a table shows it after a programme's name. */
export const costUnitName = (u: CostUnit): Localized => {
  switch (u) {
    case "person":
      return loc("people", "人");
    case "household":
      return loc("households", "户");
    case "student":
      return loc("students", "名学生");
    case "village":
      return loc("villages", "个村");
    case "mu":
      return loc("mu", "亩");
    case "project":
      return loc("projects", "个项目");
    case "loan":
      return loc("loans", "笔贷款");
    default:
      return u satisfies never;
  }
};
export const sectionTarget = (): Localized => loc("Per-person investment target", "人均投入目标");
export const sectionChecks = (): Localized => loc("Checks", "检查结果");
export const totalSources = (): Localized => loc("Total sources", "来源合计");
export const totalUses = (): Localized => loc("Total uses", "使用合计");
export const rowOpening = (): Localized => loc("Opening balance", "年初结余");
export const rowNet = (): Localized => loc("Sources − uses", "当年收支差额");
export const rowClosing = (): Localized => loc("Closing balance", "年末结余");
export const rowLapsed = (): Localized => loc("Lapsed (not carried forward)", "未结转（不滚存）");
export const rowDeposit = (): Localized => loc("Deposits", "存入资金");
export const rowFund = (): Localized => loc("Fund to date", "累计资金");
export const rowCapacity = (leverage: string): Localized => loc(`Lending capacity (fund × ${leverage})`, `放贷能力（资金 × ${leverage}）`);
export const rowNewLending = (): Localized => loc("Planned new lending", "计划新增贷款");
export const rowOutstanding = (): Localized => loc("Planned loans outstanding", "计划贷款余额");
export const rowSubsidy = (): Localized => loc("Expected interest subsidy", "预计贴息");
export const rowLoans = (): Localized => loc("Loans (households reached)", "贷款笔数（覆盖户数）");
export const rowRequired = (perPerson: string, people: string): Localized =>
  loc(`Required: ${perPerson} yuan × ${people} people`, `需投入：${perPerson} 元 × ${people} 人`);
export const rowFundProvides = (fund: string): Localized => loc(`Provided by ${fund}`, `${fund}提供`);
export const rowGap = (): Localized => loc("Gap shared by weights", "按权重分担的缺口");
export const rowShare = (source: string, weight: string): Localized => loc(`${source} (weight ${weight})`, `${source}（权重 ${weight}）`);
export const rowInvested = (): Localized => loc("All sources over the horizon", "规划期全部资金来源");
export const rowPerPerson = (): Localized => loc("Per person (yuan)", "人均（元）");
export const rowCohort = (schedule: string, year: number, units: string, unit: CostUnit): Localized =>
  loc(`${schedule}: ${year} cohort, ${units} ${costUnitName(unit).en}`, `${schedule}：${year} 年批次，${units} ${costUnitName(unit).zh}`);
export const usePoolDeposit = (pool: string): Localized => loc(`${pool}: deposits`, `${pool}：存入资金`);
export const useSubsidy = (pool: string): Localized => loc(`${pool}: expected interest subsidy`, `${pool}：预计贴息`);
export const useSchedule = (programme: string, schedule: string): Localized => loc(`${programme}: ${schedule}`, `${programme}：${schedule}`);
export const capacityUnlimited = (): Localized => loc("demand-driven", "按需");
export const severityName = (s: "info" | "warning" | "error"): Localized => {
  switch (s) {
    case "info":
      return loc("info", "提示");
    case "warning":
      return loc("warning", "警告");
    case "error":
      return loc("error", "错误");
    default:
      return s satisfies never;
  }
};
export const noChecks = (): Localized => loc("No problems found.", "未发现问题。");
export const wroteLedger = (dir: string): Localized => loc(`Wrote ledger.txt, ledger.csv and ledger.json to ${dir}`, `已将 ledger.txt、ledger.csv 和 ledger.json 写入 ${dir}`);
