/**
 * The model-v2 parts of Scenario → EngineModel (model.md "Who is poor", "Income"): the
 * guarantees an exit requires, the floor standard, what a programme provides, and the
 * cohorts' log-income moments used to split observed incomes into level + transitory shock.
 * fromScenario.ts calls these; each is a pure function of the scenario (and households).
 *
 * @example
 * guaranteeMask(s.poverty)            // requireSafeHousing: true → 1 (safeHousing)
 * floorStandardOf(s, exitLine, Y)     // per segment × year; no floor standard → the exit line
 */
import type { Households } from "../model/households.js";
import { GUARANTEES, SEGMENTS, type Guarantee } from "../model/households.js";
import { scalarNumber, series } from "../scenario/param.js";
import type { Scenario } from "../scenario/types.js";
import { distLogMoments, householdLogMoments } from "../population/logMoments.js";
import { prepareDist } from "../population/sampleDist.js";

type ScenarioProgramme = Scenario["programmes"][number];

const mask = (gs: readonly Guarantee[]): number => gs.reduce((m, g) => m | (1 << GUARANTEES.indexOf(g)), 0);

/** Guarantees an exit requires: poverty.verification.guarantees, plus safeHousing when poverty.requireSafeHousing. */
export function guaranteeMask(poverty: Scenario["poverty"]): number {
  return mask(poverty.verification?.guarantees ?? []) | (poverty.requireSafeHousing ? mask(["safeHousing"]) : 0);
}

/** Guarantees a programme provides by default, by kind (model.md "Programmes"). */
const DEFAULT_PROVIDES: Partial<Record<ScenarioProgramme["kind"], readonly Guarantee[]>> = {
  housing: ["safeHousing"],
  health: ["medicalCover"],
  education: ["schooling"],
};

/** A programme's `provides` as a bit set over GUARANTEES (absent: its kind's default). */
export function providesOf(p: ScenarioProgramme): number {
  return mask(p.provides ?? DEFAULT_PROVIDES[p.kind] ?? []);
}

/**
 * Floor standard at [segment × Y + y]: for each segment, the highest yearly target among the
 * floor programmes eligible to it — a programme's `standard`, or the segment's exit line
 * where it has none (两线合一). A segment no floor programme serves: its exit line.
 */
export function floorStandardOf(s: Scenario, exitLine: Float64Array, Y: number): Float64Array {
  const out = Float64Array.from(exitLine);
  SEGMENTS.forEach((seg, k) => {
    const floors = s.programmes.filter((p) => p.kind === "floor" && (p.eligibility?.segments === undefined || p.eligibility.segments.includes(seg)));
    if (floors.length === 0) return;
    for (let y = 0; y < Y; y++) {
      const e = exitLine[k * Y + y] as number;
      out[k * Y + y] = Math.max(...floors.map((p) => (p.standard === undefined ? e : (series(p.standard)[y] as number))));
    }
  });
  return out;
}

/**
 * The floors' phase-in per segment (EngineModel.floorPhaseIn): [first, last year index,
 * share before] at [3·segment], from the first floor programme covering the segment that
 * has a `phaseIn`; [1, 0, 1] (none) elsewhere.
 */
export function floorPhaseInOf(s: Scenario, years: readonly number[]): Float64Array | undefined {
  const out = new Float64Array(3 * SEGMENTS.length);
  let any = false;
  SEGMENTS.forEach((seg, k) => {
    const p = s.programmes.find((q) => q.kind === "floor" && q.phaseIn !== undefined && (q.eligibility?.segments === undefined || q.eligibility.segments.includes(seg)));
    const ph = p?.phaseIn;
    if (ph === undefined) {
      out.set([1, 0, 1], 3 * k);
      return;
    }
    any = true;
    out.set([years.indexOf(ph.from), years.indexOf(ph.to), scalarNumber(ph.before)], 3 * k);
  });
  return any ? out : undefined;
}

/**
 * The floors' village coverage per segment (EngineModel.floorCoverage): the share of
 * villages covered in year y at [segment × Y + y], from the first floor programme covering
 * the segment that has a `coverage`; NaN elsewhere. Undefined when no floor has one.
 */
export function floorCoverageOf(s: Scenario, Y: number): Float64Array | undefined {
  const out = new Float64Array(SEGMENTS.length * Y).fill(Number.NaN);
  let any = false;
  SEGMENTS.forEach((seg, k) => {
    const p = s.programmes.find((q) => q.kind === "floor" && q.coverage !== undefined && (q.eligibility?.segments === undefined || q.eligibility.segments.includes(seg)));
    if (p?.coverage === undefined) return;
    any = true;
    out.set(series(p.coverage).slice(0, Y), k * Y);
  });
  return any ? out : undefined;
}

/**
 * Mean and sd of log base-year income per cohort index. A register population (households
 * with external ids): the sample moments of its households of each cohort. A synthetic one:
 * each scenario cohort's income law (population/logMoments.ts says how, law by law).
 */
export function cohortLogMoments(s: Scenario, households: Households | undefined): { readonly mean: Float64Array; readonly sd: Float64Array } {
  if (households?.ids !== undefined) {
    let cohorts = Math.max(s.population.cohorts.length, households.cohortNames?.length ?? 0);
    for (let i = 0; i < households.count; i++) cohorts = Math.max(cohorts, (households.cohort[i] as number) + 1);
    return householdLogMoments(households, cohorts);
  }
  const moments = s.population.cohorts.map((c) => distLogMoments(prepareDist(c.income)));
  return { mean: Float64Array.from(moments, (m) => m.mean), sd: Float64Array.from(moments, (m) => m.sd) };
}
