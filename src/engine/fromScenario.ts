/**
 * Scenario + Ledger → EngineModel: the only place where the engine meets the scenario's
 * vocabulary. Money and capacities come from the ledger (what the budget can pay for);
 * behaviour, shocks, effects and rules from the scenario.
 *
 * Mapping of programme kinds: floor → "floor" (demand-driven top-up to the floor standard:
 * the programme's `standard`, else the exit line; see fromScenarioV2.ts);
 * relocation → "relocation" (follow-up schedules become per-person transfers by cohort; a
 * relocation programme given by per-person schedules alone relocates their cohorts);
 * health → "health"; housing → "housing"; credit → handled by its pool (no programme
 * column); a programme with a `villageEffect` (unit cost per village) → "village" (it serves
 * villages: lagged uplift, collective income); infrastructure, and any programme whose cost unit is not a person, household
 * or student (mu, project, village, loan) or that has no unit cost → "cost" (it spends its
 * ledger allocation; the scenario gives no household mechanism for it); everything else
 * → "effect". A health programme's `cover` is its `illnessCover` (share of the loss left
 * after the baseline reimbursement; 0 without it), an insurance programme's `cover` its
 * `disasterCover`; a programme delivered as cash (`delivery`, default cash for education
 * paid per student in the year served) pays its unit cost to the households it serves.
 *
 * Model v2 (fromScenarioV2.ts): guarantees = poverty.verification.guarantees plus
 * safeHousing when requireSafeHousing; inflow (default true) and twoYearExit (default
 * false) from poverty.verification; each programme's `provides` (default by kind: housing
 * → safeHousing, health → medicalCover, education → schooling) and `serveAgain` (default
 * false); villageShare, trend and transitory sigmas from income (default 0); the cohorts'
 * log-income mean and sd from their laws, or from a register's households.
 *
 * Scaling: with `scale` (default: households.count ÷ the cohorts' households when the
 * scenario sets `simulation.households`, else 1) every capacity, money amount and exit
 * target is multiplied by it, so a plan can be run on a larger synthetic population.
 *
 * @example
 * const ledger = buildLedger(loaded.scenario);
 * const model = engineModelFromScenario(loaded.scenario, ledger, households);
 */
import type { Decimal } from "decimal.js";
import type { Ledger, ProgrammeLedger } from "../ledger/types.js";
import type { Households } from "../model/households.js";
import { CAUSES, FLAG_NAMES, SEGMENTS } from "../model/households.js";
import { scalarNumber, series } from "../scenario/param.js";
import type { Param } from "../scenario/num.js";
import { householdEffect, type HouseholdEffect, type Scenario } from "../scenario/types.js";
import { HOUSEHOLD_UNITS, deliveredAsCash, relocatedBySchedules } from "../scenario/crossChecks.js";
import { cohortLogMoments, floorCoverageOf, floorPhaseInOf, floorStandardOf, guaranteeMask, providesOf } from "./fromScenarioV2.js";
import { resolveUnknown } from "../scenario/unknowns.js";
import type { EngineBehaviour, EngineDist, EngineRunDraw, EngineEffect, EngineEligibility, EngineModel, EnginePool, EngineProgramme, EngineTargeting, EngineVillageEffect } from "./model.js";

type ScenarioProgramme = Scenario["programmes"][number];
type ScenarioPool = Scenario["creditPools"][number];
type ScenarioEffect = HouseholdEffect;
type ScenarioEligibility = NonNullable<ScenarioProgramme["eligibility"]>;

export interface FromScenarioOptions {
  /** Multiply capacities, money and exit targets by this factor. */
  readonly scale?: number;
}

const num = (d: Decimal | undefined): number | undefined => (d === undefined ? undefined : d.toNumber());

/** Scenario distribution → EngineDist. */
export function engineDist(d: ScenarioEffect["uplift"]): EngineDist {
  switch (d.dist) {
    case "fixed":
      return { kind: "fixed", a: scalarNumber(d.value), b: 0, c: 0 };
    case "normal":
      return { kind: "normal", a: scalarNumber(d.mean), b: scalarNumber(d.sd), c: 0 };
    case "lognormal":
      return { kind: "lognormal", a: scalarNumber(d.median), b: scalarNumber(d.sigma), c: 0 };
    case "beta":
      return { kind: "beta", a: scalarNumber(d.alpha), b: scalarNumber(d.beta), c: 0 };
    case "uniform":
      return { kind: "uniform", a: scalarNumber(d.min), b: scalarNumber(d.max), c: 0 };
    case "triangular":
      return { kind: "triangular", a: scalarNumber(d.min), b: scalarNumber(d.mode), c: scalarNumber(d.max) };
    case "discrete":
      return { kind: "discrete", a: 0, b: 0, c: 0, values: Float64Array.from(d.values.map(scalarNumber)), weights: Float64Array.from(d.weights.map(scalarNumber)) };
    default:
      return d satisfies never;
  }
}

function engineEffect(e: ScenarioEffect | undefined): EngineEffect | null {
  if (e === undefined) return null;
  return {
    successProbability: scalarNumber(e.successProbability),
    mode: e.mode,
    uplift: engineDist(e.uplift),
    lagYears: e.lagYears === undefined ? 0 : scalarNumber(e.lagYears),
    decay: e.decay === undefined ? 0 : scalarNumber(e.decay),
  };
}

function engineVillageEffect(v: NonNullable<ScenarioProgramme["villageEffect"]>): EngineVillageEffect {
  return {
    successProbability: v.successProbability === undefined ? 1 : scalarNumber(v.successProbability),
    uplift: engineDist(v.uplift),
    lagYears: v.lagYears === undefined ? 1 : scalarNumber(v.lagYears),
    decay: v.decay === undefined ? 0 : scalarNumber(v.decay),
    collective: v.collectiveIncome === true,
  };
}

function engineEligibility(e: ScenarioEligibility | undefined): EngineEligibility {
  const segs = e?.segments ?? SEGMENTS;
  return {
    segmentMask: segs.reduce((m, s) => m | (1 << SEGMENTS.indexOf(s)), 0),
    flagsAll: (e?.flags ?? []).reduce((m, f) => m | (1 << FLAG_NAMES.indexOf(f)), 0),
    causeMask: (e?.causes ?? []).reduce((m, c) => m | (1 << CAUSES.indexOf(c)), 0),
    labour: e?.labour ?? "any",
  };
}


function behaviourOf(p: ScenarioProgramme): EngineBehaviour | null {
  // A village effect (its unit cost per village, checked by the scenario) serves villages.
  if (p.villageEffect !== undefined && p.kind !== "credit") return "village";
  switch (p.kind) {
    case "credit":
      return null;
    case "floor":
      return "floor";
    case "infrastructure":
      return "cost";
    case "relocation":
      // Relocation given by its follow-up schedules alone: the cohorts are the people relocated.
      if (p.unitCost === undefined && relocatedBySchedules(p)) return "relocation";
      break;
    default:
      break;
  }
  if (p.unitCost === undefined || !HOUSEHOLD_UNITS.has(p.unitCost.per)) return "cost";
  switch (p.kind) {
    case "relocation":
      return "relocation";
    case "health":
      return "health";
    case "housing":
      return "housing";
    case "industry":
    case "employment":
    case "assistance":
    case "education":
    case "assetShares":
    case "insurance":
    case "other":
      return "effect";
    default:
      return p.kind satisfies never;
  }
}

/** People relocated in each year by a schedule-only relocation programme: its first per-person schedule's cohorts. */
function scheduledPeople(pl: ProgrammeLedger, ledger: Ledger): Float64Array {
  const years = ledger.years;
  const out = new Float64Array(years.length);
  const first = ledger.schedules.find((e) => e.programme === pl.id && e.unit === "person");
  if (first === undefined) return out;
  const seen = new Set<number>();
  for (const e of ledger.schedules) {
    if (e.programme !== pl.id || e.schedule !== first.schedule || seen.has(e.cohortYear)) continue;
    seen.add(e.cohortYear);
    const c = years.indexOf(e.cohortYear);
    if (c >= 0) out[c] = (out[c] as number) + e.units.toNumber();
  }
  return out;
}

/** Per-person transfers by (cohort year, year) from the ledger's schedule entries of a relocation programme. */
function followUpTable(pl: ProgrammeLedger, ledger: Ledger, include: (schedule: string) => boolean = () => true): Float64Array {
  const years = ledger.years;
  const Y = years.length;
  const t = new Float64Array(Y * Y);
  const scheduled = scheduledPeople(pl, ledger);
  const people = (c: number): number | undefined => {
    const planned = num(pl.byYear[c]?.plannedUnits);
    if (planned !== undefined && planned > 0 && (pl.costUnit === "person" || pl.costUnit === undefined)) return planned;
    return scheduled[c] as number;
  };
  for (const e of ledger.schedules) {
    if (e.programme !== pl.id || e.beyondHorizon || !include(e.schedule)) continue;
    const c = years.indexOf(e.cohortYear);
    const y = years.indexOf(e.year);
    if (c < 0 || y < 0) continue;
    const n = people(c);
    if (n === undefined || !(n > 0)) continue;
    t[c * Y + y] = (t[c * Y + y] as number) + e.amount.toNumber() / n;
  }
  return t;
}

/** Cumulative target by year from increments given in some years; NaN in years without a target. */
function cumulativeTarget(p: Param | undefined, Y: number, scale: number): Float64Array {
  const out = new Float64Array(Y).fill(Number.NaN);
  if (p === undefined) return out;
  let acc = 0;
  for (let y = 0; y < Y; y++) {
    if (p.given[y] !== true) continue;
    acc += (p.values[y]?.toNumber() ?? 0) * scale;
    out[y] = acc;
  }
  return out;
}

/**
 * The engine's capacity is in new units a year; the ledger's capacity of a recurring
 * programme counts unit-years. New units: the planned ones (unit-cost programmes), or
 * what each year's allocation buys after paying the earlier years' units still recurring
 * (⌊(allocation − recurring payments) ÷ unit cost⌋, at least 0), within the ledger's cap.
 * Engine spending then follows the ledger year by year (spending.csv shows any gap).
 */
function newUnitsOfRecurring(p: ScenarioProgramme, pl: ProgrammeLedger, recurring: number, scale: number, capacity: Float64Array, unitCost: Float64Array): void {
  const Y = capacity.length;
  const planned = new Float64Array(Y);
  pl.byYear.forEach((py, y) => {
    if (p.allocation === undefined) planned[y] = num(py.plannedUnits) ?? 0;
    else {
      let committed = 0;
      for (let s = Math.max(0, y - recurring + 1); s < y; s++) committed += (planned[s] as number) * (unitCost[s] as number);
      const c = unitCost[y] as number;
      planned[y] = c > 0 ? Math.max(0, Math.floor((py.allocation.toNumber() - committed) / c + 1e-9)) : 0;
    }
    capacity[y] = Math.min(capacity[y] as number, (planned[y] as number) * scale);
  });
}

/** Default scale: the population's size relative to the scenario's cohorts, when the scenario asks for scaling. */
export function defaultScale(s: Scenario, h: Households | undefined): number {
  if (h === undefined || s.simulation.households === undefined) return 1;
  const total = s.population.cohorts.reduce((a, c) => a + scalarNumber(c.households), 0);
  return total > 0 ? h.count / total : 1;
}

/** Map a resolved scenario and its ledger to the engine's plain-number model. */
export function engineModelFromScenario(s: Scenario, ledger: Ledger, households?: Households, options: FromScenarioOptions = {}): EngineModel {
  const years = ledger.years;
  const Y = years.length;
  const scale = options.scale ?? defaultScale(s, households);
  const filled = (v: number): Float64Array => new Float64Array(Y).fill(v);
  const ser = (p: Param | undefined, dflt = 0): Float64Array => (p === undefined ? filled(dflt) : series(p));

  // Lines by segment and year.
  const line = new Float64Array(SEGMENTS.length * Y);
  const exitLine = new Float64Array(SEGMENTS.length * Y);
  const baseLine = series(s.poverty.line);
  const baseExit = s.poverty.exitLine ? series(s.poverty.exitLine) : baseLine;
  SEGMENTS.forEach((seg, k) => {
    const o = s.poverty.bySegment?.[seg];
    const l = o?.line ? series(o.line) : baseLine;
    const e = o?.exitLine ? series(o.exitLine) : o?.line ? l : baseExit;
    line.set(l, k * Y);
    exitLine.set(e, k * Y);
  });

  const programmes: EngineProgramme[] = [];
  for (const p of s.programmes) {
    const behaviour = behaviourOf(p);
    if (behaviour === null) continue;
    const pl = ledger.programmes.find((x) => x.id === p.id);
    if (pl === undefined) throw new Error(`ledger has no programme ${p.id}`);
    const capacity = new Float64Array(Y);
    const unitCost = new Float64Array(Y);
    const fixedSpend = new Float64Array(Y);
    const recurring = Math.max(1, pl.recurringYears ?? 1);
    pl.byYear.forEach((py, y) => {
      const cap = num(py.capacity);
      // Villages are not scaled with the households (the population keeps its villages).
      capacity[y] = behaviour === "cost" ? (num(py.plannedUnits) ?? 0) * scale : behaviour === "village" ? (cap ?? 0) : cap === undefined ? Infinity : cap * scale;
      // A scaled population has as many villages, each larger: a village costs `scale` times more.
      unitCost[y] = (num(py.unitCost) ?? 0) * (behaviour === "village" ? scale : 1);
      fixedSpend[y] = behaviour === "cost" ? py.allocation.toNumber() * scale : 0;
    });
    if (recurring > 1 && behaviour !== "cost") newUnitsOfRecurring(p, pl, recurring, scale, capacity, unitCost);
    const byScheduleOnly = behaviour === "relocation" && p.unitCost === undefined;
    const projectSchedules = new Set((p.schedules ?? []).filter((sch) => sch.delivery === "project").map((sch) => sch.id));
    if (byScheduleOnly) scheduledPeople(pl, ledger).forEach((people, y) => (capacity[y] = people * scale));
    const targeting: EngineTargeting = p.targeting;
    programmes.push({
      id: p.id,
      behaviour,
      unit: p.unitCost?.per === "person" || byScheduleOnly ? "person" : "household",
      capacity,
      unitCost,
      recurringYears: Math.max(1, pl.recurringYears ?? 1),
      eligibility: engineEligibility(p.eligibility),
      targeting,
      yearly: p.enrolment === "yearly",
      effect: engineEffect(householdEffect(p.effect)),
      followUp: behaviour === "relocation" ? followUpTable(pl, ledger, (id) => !projectSchedules.has(id)) : new Float64Array(0),
      ...(behaviour === "relocation" && projectSchedules.size > 0 ? { followUpProject: followUpTable(pl, ledger, (id) => projectSchedules.has(id)) } : {}),
      illnessCover: p.kind === "health" && p.cover !== undefined ? scalarNumber(p.cover) : 0,
      fixedSpend,
      ...(behaviour !== "village" && behaviour !== "cost" && deliveredAsCash(p) ? { cash: true } : {}),
      ...(p.kind === "insurance" && p.cover !== undefined && behaviour !== "cost" ? { disasterCover: scalarNumber(p.cover) } : {}),
      ...(behaviour === "village" && p.villageEffect ? { village: engineVillageEffect(p.villageEffect) } : {}),
      provides: providesOf(p),
      serveAgain: p.serveAgain ?? false,
      ...(behaviour === "floor" && p.reach === "everyone" ? { reachAll: true } : {}),
    });
  }

  const pools: EnginePool[] = s.creditPools.map((q: ScenarioPool): EnginePool => {
    const ql = ledger.pools.find((x) => x.id === q.id);
    if (ql === undefined) throw new Error(`ledger has no credit pool ${q.id}`);
    const lender = s.programmes.find((p) => p.kind === "credit" && p.pool === q.id);
    return {
      id: q.id,
      deposits: Float64Array.from(ql.byYear, (py) => py.deposit.toNumber() * scale),
      leverage: ql.leverage.toNumber(),
      plannedLending: Float64Array.from(ql.byYear, (py) => py.newLending.toNumber() * scale),
      loanSize: ql.loanSize.toNumber(),
      termYears: ql.termYears,
      rate: series(q.loan.rate),
      subsidyShare: series(q.loan.subsidyShare),
      amortisation: ql.amortisation,
      householdsPerLoan: ql.householdsPerLoan.toNumber(),
      ...(ql.existing ? { existing: { loans: Math.round(ql.existing.loans.toNumber() * scale), start: ql.existing.remainingYears - ql.termYears } } : {}),
      pd: series(q.pd),
      correlation: scalarNumber(q.correlation),
      lgd: scalarNumber(q.lgd),
      poolLossShare: scalarNumber(q.poolLossShare),
      shockLink: q.shockLink === undefined ? 0 : scalarNumber(q.shockLink),
      ...(q.ownShockRisk !== undefined && scalarNumber(q.ownShockRisk) !== 1 ? { ownShockRisk: scalarNumber(q.ownShockRisk) } : {}),
      nplThreshold: q.suspension === undefined ? Infinity : scalarNumber(q.suspension.nplThreshold),
      topUpMax: q.topUp === undefined ? filled(0) : Float64Array.from(series(q.topUp.maxPerYear), (v) => v * scale),
      restoreTo: q.topUp?.restoreTo === undefined ? 1 : scalarNumber(q.topUp.restoreTo),
      eligibility: engineEligibility(q.eligibility ?? lender?.eligibility),
      targeting: lender?.targeting ?? "random",
      effect: engineEffect(q.effect ?? householdEffect(lender?.effect)),
    };
  });

  const inc = s.income;
  const ve = s.poverty.villageExit;
  const verification = s.poverty.verification;
  const logMoments = cohortLogMoments(s, households);
  return {
    years: [...years],
    line,
    exitLine,
    relapseMargin: s.poverty.relapseMargin === undefined ? 0 : scalarNumber(s.poverty.relapseMargin),
    guarantees: guaranteeMask(s.poverty),
    inflow: verification?.inflow ?? true,
    twoYearExit: verification?.twoYearExit ?? false,
    floorStandard: floorStandardOf(s, exitLine, Y),
    ...(floorPhaseInOf(s, years) ? { floorPhaseIn: floorPhaseInOf(s, years) as Float64Array } : {}),
    ...(floorCoverageOf(s, Y) ? { floorCoverage: floorCoverageOf(s, Y) as Float64Array } : {}),
    growth: series(inc.growth),
    baseIncomeSigma: 0,
    commonSigma: scalarNumber(inc.commonShock.sigma),
    idioSigma: scalarNumber(inc.idiosyncratic.sigma),
    idioPersistence: inc.idiosyncratic.persistence === undefined ? 0 : scalarNumber(inc.idiosyncratic.persistence),
    villageShare: inc.idiosyncratic.villageShare === undefined ? 0 : scalarNumber(inc.idiosyncratic.villageShare),
    trendSigma: inc.trend === undefined ? 0 : scalarNumber(inc.trend.sigma),
    transitorySigma: inc.transitory === undefined ? 0 : scalarNumber(inc.transitory.sigma),
    cohortLogMean: logMoments.mean,
    cohortLogSd: logMoments.sd,
    illnessProbability: ser(inc.illness?.probability),
    illnessLoss: ser(inc.illness?.loss),
    illnessReimbursement: ser(inc.illness?.insuranceReimbursement),
    disasterProbability: ser(inc.disaster?.probability),
    disasterVillageShare: inc.disaster ? scalarNumber(inc.disaster.villageShare) : 0,
    disasterLoss: inc.disaster ? scalarNumber(inc.disaster.loss) : 0,
    programmes,
    pools,
    exitTarget: cumulativeTarget(s.targets.exits, Y, scale),
    villageTarget: cumulativeTarget(s.targets.villages, Y, 1),
    villageIncidenceBelow: ve ? scalarNumber(ve.incidenceBelow) : Number.NaN,
    villageCollectiveMet: ser(ve?.collectiveIncomeMetShare, 1),
    runDraws: runDrawsOf(s, programmes),
  };
}

/**
 * The scenario's unknowns as run draws on the engine's lists (programmes the engine keeps,
 * then pools). The scenario checks (scenario/crossChecks.ts) have refused paths that cannot
 * be drawn; a programme the engine does not model (a credit line: its pool carries the
 * effect) is refused here rather than dropped.
 */
export function runDrawsOf(s: Scenario, programmes: readonly EngineProgramme[]): EngineRunDraw[] {
  return s.unknowns.map((u): EngineRunDraw => {
    const r = resolveUnknown(s, u.parameter);
    if (!r.ok) throw new Error(`unknowns: ${u.parameter} cannot be drawn (${r.error.kind})`);
    const ref = r.value;
    let source = ref.index;
    if (ref.owner === "programme") {
      const id = s.programmes[ref.index]!.id;
      source = programmes.findIndex((p) => p.id === id);
      const village = ref.target === "villageSuccess" || ref.target === "villageUplift";
      if (source < 0 || (village ? programmes[source]!.village === undefined : programmes[source]!.effect === null)) throw new Error(`unknowns: programme ${id} has no modelled effect to draw`);
    } else if (ref.owner === "pool" && (ref.target === "success" || ref.target === "upliftCentre")) source = programmes.length + ref.index;
    return { target: ref.target, source, path: u.parameter, dist: engineDist(u.draw), min: ref.min, max: ref.max };
  });
}
