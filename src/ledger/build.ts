/**
 * Stage 2 of the pipeline: Scenario → Ledger, exactly and deterministically.
 *
 *   1. sources      each funding rule's yearly amounts            sources.ts
 *   2. target       per-person target, gap shared by weights      target.ts
 *   3. programmes   allocations / unit costs, capacities          programmes.ts
 *   4. schedules    cohort payments by year                       schedules.ts
 *   5. pools        deposits, capacity, expected interest subsidy pools.ts
 *   6. balance      sources − uses per year, carried forward      balance.ts
 *   7. checks       findings as data, messages in en/zh           checks.ts
 *
 * @example
 * const r = await loadScenario("scenarios/jiangmen-2016.yaml");
 * if (r.ok) {
 *   const ledger = buildLedger(r.value.scenario);
 *   ledger.target?.required.toString(); // "333180000"
 * }
 */
import type { Decimal } from "decimal.js";
import type { Scenario } from "../scenario/types.js";
import type { Param } from "../scenario/num.js";
import { sumOf, ZERO } from "../model/money.js";
import * as M from "../messages/ledger.js";
import { ruleAmounts } from "./sources.js";
import { planTarget } from "./target.js";
import { programmeSpending, programmeYears, type ProgrammeSpending } from "./programmes.js";
import { scheduleEntries } from "./schedules.js";
import { poolLedger } from "./pools.js";
import { yearBalances, unspentOf } from "./balance.js";
import { ledgerChecks } from "./checks.js";
import { labelOf, labelText, named } from "../messages/label.js";
import { addYears, zeros } from "./yearly.js";
import type { Ledger, ProgrammeLedger, ScheduleEntry, SourceLine, UseLine, TargetLedger, Label } from "./types.js";

export interface LedgerOptions {
  /**
   * The horizon years (LoadedScenario.years). Optional: they follow from meta.years; when
   * given they must be exactly that horizon.
   */
  readonly years?: readonly number[];
}

const horizonOf = (s: Scenario): number[] => Array.from({ length: s.meta.years.end - s.meta.years.start + 1 }, (_, i) => s.meta.years.start + i);

/** Build the ledger of a validated scenario (with its variant and overlays already applied). */
export function buildLedger(s: Scenario, options: LedgerOptions = {}): Ledger {
  const years = horizonOf(s);
  if (options.years && (options.years.length !== years.length || options.years.some((y, i) => y !== years[i]))) {
    throw new Error(`buildLedger: years ${options.years.join(",")} are not the scenario horizon ${years[0]}–${years[years.length - 1]}`);
  }
  const carryForward = s.funding.carryForward;

  // 1–2. Sources, with the gap shared by weights.
  const direct = new Map(s.funding.sources.map((src) => [src.id, ruleAmounts(src.rule, years)]));
  const target = s.funding.perPersonTarget ? planTarget(s, years, direct.get(s.funding.perPersonTarget.fund) ?? zeros(years)) : undefined;
  const gapParts = new Map(target?.shares.map((sh) => [sh.source, sh.byYear]) ?? []);
  const sources: SourceLine[] = s.funding.sources.map((src) => {
    const byYear = src.rule.kind === "gapShare" ? [...(gapParts.get(src.id) ?? zeros(years))] : direct.get(src.id)!;
    const params = Object.values(src.rule).filter((v): v is Param => typeof v === "object" && v !== null && "values" in v);
    const prov = { source: params.find((q) => q.source)?.source, assumption: params.find((q) => q.assumption)?.assumption };
    return {
      id: src.id,
      label: labelOf(src.label, src.id),
      level: src.level,
      rule: src.rule.kind,
      byYear,
      total: sumOf(byYear),
      ...(src.source ?? prov.source ? { source: (src.source ?? prov.source)! } : {}),
      ...(src.assumption ?? prov.assumption ? { assumption: (src.assumption ?? prov.assumption)! } : {}),
    };
  });

  // 3–4. Programmes and their schedules.
  const spending = new Map<string, ProgrammeSpending>();
  const uses: UseLine[] = [];
  const programmes: ProgrammeLedger[] = [];
  const allEntries: ScheduleEntry[] = [];
  const useLine = (u: Omit<UseLine, "total">): UseLine => ({ ...u, total: sumOf(u.byYear) });
  for (const p of s.programmes) {
    const sp = programmeSpending(p, years);
    spending.set(p.id, sp);
    const label = labelOf(p.label, p.id);
    if (sp.kind !== undefined) {
      uses.push(useLine({ key: `programme:${p.id}`, kind: sp.kind, programme: p.id, pool: undefined, schedule: undefined, label, byYear: sp.spend, beyondHorizon: sumOf(sp.beyond.map((b) => b.amount)) }));
    }
    const entries = scheduleEntries(p, years);
    allEntries.push(...entries);
    let scheduled = zeros(years);
    let schedBeyond: Decimal = ZERO;
    for (const sch of p.schedules ?? []) {
      const mine = entries.filter((e) => e.schedule === sch.id);
      const byYear = years.map((y) => sumOf(mine.filter((e) => e.year === y).map((e) => e.amount)));
      const beyond = sumOf(mine.filter((e) => e.beyondHorizon).map((e) => e.amount));
      const schLabel = labelOf(sch.label, sch.id);
      uses.push(useLine({ key: `schedule:${p.id}:${sch.id}`, kind: "schedule", programme: p.id, pool: undefined, schedule: sch.id, label: joinLabels(label, schLabel), byYear, beyondHorizon: beyond }));
      scheduled = addYears(scheduled, byYear);
      schedBeyond = schedBeyond.plus(beyond);
    }
    programmes.push({
      id: p.id,
      kind: p.kind,
      label,
      costUnit: p.unitCost?.per,
      recurringYears: p.unitCost?.recurringYears ? p.unitCost.recurringYears.values[0]!.toNumber() : undefined,
      fundedBy: p.fundedBy,
      pool: p.pool,
      byYear: programmeYears(sp, scheduled, years),
      total: sumOf(sp.spend).plus(sumOf(scheduled)),
      beyondHorizon: sumOf(sp.beyond.map((b) => b.amount)).plus(schedBeyond),
    });
  }

  // 5. Credit pools: deposits and the expected interest subsidy are uses (the subsidy line
  //    only when some subsidy is due).
  const pools = s.creditPools.map((pool) => poolLedger(pool, s, years));
  for (const pl of pools) {
    const programme = pl.programmes[0];
    const name = pl.label;
    uses.push(useLine({ key: `pool:${pl.id}:deposits`, kind: "poolDeposit", programme, pool: pl.id, schedule: undefined, label: mapLabel(name, M.usePoolDeposit), byYear: pl.byYear.map((y) => y.deposit), beyondHorizon: ZERO }));
    if (pl.totalSubsidy.gt(0) || pl.subsidyBeyond.some((b) => b.amount.gt(0))) {
      uses.push(useLine({ key: `pool:${pl.id}:subsidy`, kind: "interestSubsidy", programme, pool: pl.id, schedule: undefined, label: mapLabel(name, M.useSubsidy), byYear: pl.byYear.map((y) => y.expectedSubsidy), beyondHorizon: sumOf(pl.subsidyBeyond.map((b) => b.amount)) }));
    }
  }

  // 6. Balance.
  const sourceYears = years.map((_, i) => sumOf(sources.map((l) => l.byYear[i]!)));
  const useYears = years.map((_, i) => sumOf(uses.map((u) => u.byYear[i]!)));
  const balance = yearBalances(years, sourceYears, useYears, carryForward);
  const totals = {
    sources: sumOf(sources.map((l) => l.total)),
    uses: sumOf(uses.map((u) => u.total)),
    unspent: unspentOf(balance, carryForward),
    beyondHorizon: sumOf(uses.map((u) => u.beyondHorizon)),
  };

  // 7. Checks.
  const checks = ledgerChecks({ scenario: s, years, sources, uses, spending, schedules: allEntries, pools, target, balance, carryForward });

  let targetLedger: TargetLedger | undefined;
  if (target) {
    const invested = totals.sources;
    const shortfall = target.required.minus(invested);
    targetLedger = {
      amountPerPerson: target.amountPerPerson,
      people: target.people,
      required: target.required,
      fundSource: target.fundSource,
      fundAmount: target.fundAmount,
      gap: target.gap,
      phasing: target.phasing,
      shares: target.shares,
      invested,
      perPerson: target.people.isZero() ? ZERO : invested.div(target.people),
      shortfall: shortfall.gt(0) ? shortfall : ZERO,
      met: !shortfall.gt(0),
    };
  }

  return {
    scenario: s.meta.id,
    name: s.meta.name,
    years,
    carryForward,
    sources,
    uses,
    programmes,
    schedules: allEntries,
    pools,
    target: targetLedger,
    balance,
    totals,
    checks,
  };
}

/** "programme: schedule" in each language. */
function joinLabels(a: Label, b: Label): Label {
  return { en: M.useSchedule(labelText(a, "en"), labelText(b, "en")).en, zh: M.useSchedule(labelText(a, "zh"), labelText(b, "zh")).zh };
}

function mapLabel(l: Label, f: (name: string) => { en: string; zh: string }): Label {
  const n = named(l);
  return { en: f(n.en).en, zh: f(n.zh).zh };
}
