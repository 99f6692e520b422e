/** Text of `fundsim describe`: a readable summary of a scenario (en, zh). */
import type { Lang } from "../messages/lang.js";
import type { LoadedScenario } from "../scenario/types.js";
import type { Param } from "../scenario/num.js";
import { scalar } from "../scenario/param.js";
import { displayWidth } from "./ledgerText.js";
import { deliveredAsCash } from "../scenario/crossChecks.js";
import { householdEffect } from "../scenario/types.js";

type Text = string | { readonly en: string; readonly zh: string };
const txt = (t: Text | undefined, lang: Lang, fallback = ""): string => (t === undefined ? fallback : typeof t === "string" ? t : t[lang]);

/** Pad to a width in terminal columns (a Chinese character takes two). */
const pad = (s: string, width: number): string => s + " ".repeat(Math.max(0, width - displayWidth(s)));
/** The label column of a section: as wide as its longest label (at most 40 columns). */
const labelWidth = (labels: readonly string[], min = 0): number => Math.min(40, Math.max(min, ...labels.map(displayWidth)));

const fmt = (n: number, lang: Lang): string => n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 4 });

/** A number as shown: its value, or its values by year when dated; expressions keep their text. */
function showParam(p: Param, years: readonly number[], lang: Lang, money = false): string {
  const one = (i: number): string => {
    const d = p.values[i];
    if (d === undefined) return "";
    if (money && lang === "zh" && d.abs().gte(10000)) return `${fmt(d.div(10000).toNumber(), lang)} 万元`;
    return `${fmt(d.toNumber(), lang)}${money ? (lang === "zh" ? " 元" : " yuan") : ""}`;
  };
  const body = p.dated
    ? years
        .map((y, i) => (p.given[i] ? `${y}: ${one(i)}` : undefined))
        .filter((x) => x !== undefined)
        .join(", ")
    : one(0);
  return p.expr !== undefined ? `${body} (= ${p.expr})` : body;
}

export function describeText(l: LoadedScenario, lang: Lang): string {
  const s = l.scenario;
  const zh = lang === "zh";
  const L = (en: string, z: string): string => (zh ? z : en);
  const out: string[] = [];
  const years = l.years;
  out.push(`${txt(s.meta.name, lang)} — ${txt(s.meta.jurisdiction, lang)}`);
  out.push(`${L("Horizon", "模拟期")}: ${s.meta.years.start}–${s.meta.years.end}${l.variant ? `   ${L("variant", "方案")}: ${l.variant}` : ""}`);
  out.push("");
  let hh = 0;
  let people = 0;
  out.push(L("Population", "人口"));
  const cohortW = labelWidth(s.population.cohorts.map((c) => txt(c.label, lang, c.id)), 18);
  for (const c of s.population.cohorts) {
    const h = scalar(c.households).toNumber();
    const p = scalar(c.people).toNumber();
    hh += h;
    people += p;
    out.push(
      `  ${pad(txt(c.label, lang, c.id), cohortW)}  ${c.segment.padEnd(8)} ${fmt(h, lang).padStart(9)} ${L("households", "户")}  ${fmt(p, lang).padStart(9)} ${L("people", "人")}  ${L("labour", "有劳动力")} ${fmt(scalar(c.labourShare).toNumber() * 100, lang)}%`,
    );
  }
  out.push(`  ${pad(L("Total", "合计"), cohortW + 2 + 8)} ${fmt(hh, lang).padStart(9)} ${L("households", "户")}  ${fmt(people, lang).padStart(9)} ${L("people", "人")}`);
  if (s.population.villages) out.push(`  ${L("Villages", "村")}: ${fmt(scalar(s.population.villages.count).toNumber(), lang)}`);
  out.push(`  ${L("Poverty line", "贫困线")}: ${showParam(s.poverty.line, years, lang, true)}`);
  out.push("");
  out.push(L("Money (funding sources)", "资金来源"));
  const sourceW = labelWidth(s.funding.sources.map((src) => txt(src.label, lang, src.id)), 24);
  for (const src of s.funding.sources) {
    const r = src.rule;
    let rule: string;
    switch (r.kind) {
      case "fixed":
        rule = showParam(r.amount, years, lang, true);
        break;
      case "transfer":
        rule = `${L("transfer from", "上级转移支付，来自")} ${r.from}: ${showParam(r.amount, years, lang, true)}`;
        break;
      case "revenueShare":
        rule = `${showParam(r.share, years, lang)} × ${L("revenue increase", "财政收入增量")} (${showParam(r.revenueIncrease, years, lang, true)})`;
        break;
      case "perUnit":
        rule = `${showParam(r.units, years, lang)} ${L("units", "个单位")} × ${showParam(r.amountPerUnit, years, lang, true)}`;
        break;
      case "gapShare":
        rule = `${L("share of the per-person target gap, weight", "分担人均投入缺口，权重")} ${showParam(r.weight, years, lang)}`;
        break;
      default:
        rule = r satisfies never;
    }
    const uncertain = src.uncertainty ? L(`; uncertain: × a factor drawn per run (${distText(src.uncertainty)})`, `；不确定：每次模拟乘以抽样系数（${distText(src.uncertainty)}）`) : "";
    out.push(`  ${pad(txt(src.label, lang, src.id), sourceW)}  ${rule}${uncertain}`);
  }
  const t = s.funding.perPersonTarget;
  if (t) {
    out.push(
      `  ${L("Per-person investment target", "人均投入目标")}: ${showParam(t.amountPerPerson, years, lang, true)} × ${showParam(t.people, years, lang)} ${L("people", "人")}`,
    );
  }
  out.push("");
  out.push(L("Programmes", "项目"));
  const programmeW = labelWidth(s.programmes.map((p) => txt(p.label, lang, p.id)), 24);
  for (const p of s.programmes) {
    const parts: string[] = [p.kind];
    if (p.allocation) parts.push(`${L("allocation", "安排")} ${showParam(p.allocation, years, lang, true)}`);
    if (p.unitCost) parts.push(`${L("unit cost", "单位成本")} ${showParam(p.unitCost.amount, years, lang, true)}/${p.unitCost.per}`);
    if (p.units) parts.push(`${L("units", "数量")} ${showParam(p.units, years, lang)}`);
    if (p.unitCost?.recurringYears) parts.push(L(`paid ${fmt(scalar(p.unitCost.recurringYears).toNumber(), lang)} years`, `连续支付 ${fmt(scalar(p.unitCost.recurringYears).toNumber(), lang)} 年`));
    if (p.enrolment === "yearly") parts.push(L("served anew every year", "每年重新覆盖"));
    for (const sch of p.schedules ?? []) {
      const units = sch.cohorts.map((c) => `${c.year}: ${fmt(scalar(c.units).toNumber(), lang)}`).join(", ");
      parts.push(`${L("schedule", "分年支付")} ${sch.id}: ${showParam(sch.amountPerUnitYear, years, lang, true)}/${sch.unit}/${L("year", "年")} × ${fmt(scalar(sch.years).toNumber(), lang)} ${L("years", "年")} (${units})${sch.delivery === "project" ? L(", project money", "，项目资金") : ""}`);
    }
    out.push(`  ${pad(txt(p.label, lang, p.id), programmeW)}  ${parts.join("; ")}`);
    const does = mechanism(p, years, lang);
    if (does) out.push(`  ${pad("", programmeW)}  → ${does}`);
  }
  if (s.creditPools.length > 0) {
    out.push("");
    out.push(L("Credit pools", "风险补偿资金池"));
    for (const p of s.creditPools) {
      out.push(`  ${txt(p.label, lang, p.id)}`);
      out.push(`    ${L("fund", "资金")} ${showParam(p.fund, years, lang, true)}; ${L("leverage", "放大倍数")} ${showParam(p.leverage, years, lang)}×; ${L("planned lending", "计划放贷")} ${showParam(p.plannedLending, years, lang, true)}`);
      out.push(
        `    ${L("loan", "贷款")} ${showParam(p.loan.size, years, lang, true)}, ${showParam(p.loan.termYears, years, lang)} ${L("years", "年")}, ${L("rate", "利率")} ${showParam(p.loan.rate, years, lang)}, ${L("subsidised share", "贴息比例")} ${showParam(p.loan.subsidyShare, years, lang)}`,
      );
      out.push(`    PD ${showParam(p.pd, years, lang)}, ρ ${showParam(p.correlation, years, lang)}, LGD ${showParam(p.lgd, years, lang)}, ${L("pool share of losses", "资金池承担损失比例")} ${showParam(p.poolLossShare, years, lang)}`);
      if (p.existingLoans) {
        out.push(`    ${L("loans already out at the start", "期初已发放贷款")} ${showParam(p.existingLoans.outstanding, years, lang, true)}, ${L("years left", "剩余年限")} ${showParam(p.existingLoans.remainingYears, years, lang)}`);
      }
    }
  }
  out.push("");
  out.push(L("Targets", "目标"));
  if (s.targets.exits) out.push(`  ${L("People exiting poverty", "脱贫人数")}: ${showParam(s.targets.exits, years, lang)}`);
  if (s.targets.villages) out.push(`  ${L("Villages exiting", "出列村数")}: ${showParam(s.targets.villages, years, lang)}`);
  if (s.unknowns.length > 0) {
    out.push("");
    out.push(L("Unknowns (each drawn once per run, shared by all households)", "未知参数（每次模拟抽取一次，全体农户共用）"));
    for (const u of s.unknowns) out.push(`  ${u.parameter}: ${distText(u.draw)}${u.label ? ` — ${txt(u.label, lang)}` : ""}`);
  }
  if (s.variants.length > 0) {
    out.push("");
    out.push(`${L("Variants", "方案")}: ${s.variants.map((v) => `${v.id}${v.label ? ` (${txt(v.label, lang)})` : ""}`).join(", ")}`);
  }
  out.push(`${L("Simulation defaults", "模拟默认值")}: ${s.simulation.runs} ${L("runs", "次")}, seed ${s.simulation.seed}`);
  return out.join("\n");
}

/** A distribution in one line: "lognormal(median 1.02, sigma 0.02)". */
function distText(d: { readonly dist: string } & object): string {
  const fields = Object.entries(d)
    .filter(([k, v]) => k !== "dist" && k !== "source" && k !== "assumption" && k !== "note" && k !== "unit" && v !== undefined)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? `[${v.map((x) => numText(x)).join(", ")}]` : numText(v)}`);
  return `${d.dist}(${fields.join(", ")})`;
}

const numText = (v: unknown): string => {
  const p = v as Partial<Param>;
  return p && Array.isArray(p.values) && p.values[0] !== undefined ? String(Number(p.values[0].toNumber().toPrecision(6))) : String(v);
};

type Programme = LoadedScenario["scenario"]["programmes"][number];

/** What a programme does to households or villages, in one line (undefined: nothing to add). */
function mechanism(p: Programme, years: readonly number[], lang: Lang): string | undefined {
  const L = (en: string, z: string): string => (lang === "zh" ? z : en);
  const [colon, comma] = lang === "zh" ? ["：", "，"] : [": ", ", "];
  const out: string[] = [];
  if (p.effect !== undefined && "none" in p.effect) return `${L("no modelled effect", "不模拟效果")}${colon}${txt(p.effect.none, lang)}`;
  const e = householdEffect(p.effect);
  if (e) {
    const lag = e.lagYears === undefined ? 0 : scalar(e.lagYears).toNumber();
    out.push(
      `${L("effect", "效果")}${colon}${fmt(scalar(e.successProbability).toNumber() * 100, lang)}% ${L("succeed", "见效")}${comma}${e.mode === "additive" ? `+${distText(e.uplift)} ${L("yuan per person", "元/人")}` : `× ${distText(e.uplift)}`}${lag > 0 ? L(`, from ${lag} year(s) later`, `，${lag} 年后起`) : ""}${e.decay !== undefined ? L(`, fading ${showParam(e.decay, years, lang)} a year`, `，每年衰减 ${showParam(e.decay, years, lang)}`) : ""}`,
    );
  }
  const v = p.villageEffect;
  if (v) {
    out.push(
      `${L("village", "村级")}${colon}${L("every household of a served village", "受益村全体农户")} × ${distText(v.uplift)}${v.successProbability !== undefined ? L(`, works in ${fmt(scalar(v.successProbability).toNumber() * 100, lang)}% of villages`, `，${fmt(scalar(v.successProbability).toNumber() * 100, lang)}% 的村见效`) : ""}${comma}${L("lag", "滞后")} ${v.lagYears === undefined ? 1 : scalar(v.lagYears).toNumber()}${L(" year(s)", " 年")}${v.collectiveIncome ? L("; meets the collective-income test", "；满足村集体收入标准") : ""}`,
    );
  }
  if (deliveredAsCash(p)) out.push(L("cash to the households served, in the year served", "当年以现金发给受益农户"));
  if (p.cover !== undefined) {
    const c = `${fmt(scalar(p.cover).toNumber() * 100, lang)}%`;
    out.push(p.kind === "insurance" ? L(`reimburses ${c} of disaster losses`, `赔付灾害损失的 ${c}`) : L(`reimburses ${c} of the illness loss left after baseline insurance`, `报销基本医保后剩余疾病损失的 ${c}`));
  }
  if (p.provides && p.provides.length > 0) out.push(`${L("provides", "保障")}${colon}${p.provides.join(", ")}`);
  if (p.kind === "floor") out.push(L(p.reach === "everyone" ? "tops eligible households up to the floor standard" : "tops eligible registered households up to the floor standard", p.reach === "everyone" ? "将符合条件的农户补差至兜底标准" : "将符合条件的建档立卡户补差至兜底标准"));
  if (p.kind === "floor" && p.phaseIn) {
    const { from, to } = p.phaseIn;
    const before = `${fmt(scalar(p.phaseIn.before).toNumber() * 100, lang)}%`;
    out.push(L(`reached village by village ${from}–${to}, ${before} of it before`, `${from}–${to} 年逐村达到，此前为标准的 ${before}`));
  }
  if (p.kind === "floor" && p.coverage) out.push(`${L("villages covered", "覆盖村比例")}${colon}${showParam(p.coverage, years, lang)}`);
  if (p.kind === "floor" && p.reach === "everyone") out.push(L("also households not registered, in the year they fall below it", "未建档立卡农户当年跌破标准时同样补差"));
  if (p.kind === "credit" && p.pool) out.push(`${L("lends through pool", "通过资金池放贷")} ${p.pool}`);
  return out.length > 0 ? out.join(lang === "zh" ? "；" : "; ") : undefined;
}
