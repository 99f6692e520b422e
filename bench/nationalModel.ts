/**
 * A national-scale EngineModel for the scale check (bench/scale.ts): the registered poor
 * of 2014 (29.48 M households) over 2016–2020 with the national line, the national
 * relocation programme, a social-security floor, industry support and a micro-credit
 * pool. Scaled to any population size; every number is either sourced in parameters.md
 * or a stated assumption — it exists to exercise the engine at scale, not to forecast.
 *
 * @example
 * const model = nationalModel(households.count);
 */
import { ANY_ELIGIBLE, baseEngineModel, blankProgramme } from "../src/engine/model.js";
import type { EngineModel, EnginePool, EngineProgramme } from "../src/engine/model.js";
import { FLAG, SEGMENTS } from "../src/model/households.js";
import { NATIONAL_HOUSEHOLDS } from "../src/population/national.js";

const YEARS = [2016, 2017, 2018, 2019, 2020];
/** National poverty line, current yuan: 2,952 (2016) to about 4,000 (2020), NBS; 2017–2019 interpolated (assumption). */
const LINE = [2952, 3185, 3436, 3707, 4000];

export function nationalModel(households: number): EngineModel {
  const Y = YEARS.length;
  const f = households / NATIONAL_HOUSEHOLDS;
  const base = baseEngineModel(YEARS);
  const line = new Float64Array(SEGMENTS.length * Y);
  for (let s = 0; s < SEGMENTS.length; s++) line.set(LINE, s * Y);
  const labour = { ...ANY_ELIGIBLE, labour: "required" as const };
  const perYear = (v: number): Float64Array => new Float64Array(Y).fill(v);
  const industry: EngineProgramme = {
    ...blankProgramme("industry", Y),
    capacity: perYear(3_000_000 * f), // assumption: 3 M households supported a year nationally
    unitCost: perYear(5000), // assumption: household industry grant
    eligibility: labour,
    effect: { successProbability: 0.7, mode: "multiplicative", uplift: { kind: "lognormal", a: 1.3, b: 0.2, c: 0 }, lagYears: 0, decay: 0.1 },
  };
  const relocation: EngineProgramme = {
    ...blankProgramme("relocation", Y, "relocation"),
    unit: "person",
    capacity: perYear(1_920_000 * f), // 9.6 M people relocated 2016–2020 (parameters.md), evenly
    unitCost: perYear(62_500), // ≈ 600 bn ÷ 9.6 M (parameters.md, derived)
    eligibility: { ...ANY_ELIGIBLE, flagsAll: FLAG.remote },
    followUp: new Float64Array(Y * Y).map((_, k) => (k % Y >= Math.floor(k / Y) ? 2000 : 0)), // assumption: 2,000 per person a year (as Zhengzhou)
    effect: { successProbability: 0.6, mode: "multiplicative", uplift: { kind: "lognormal", a: 1.2, b: 0.2, c: 0 }, lagYears: 1, decay: 0 },
  };
  const floor: EngineProgramme = {
    ...blankProgramme("floor", Y, "floor"),
    eligibility: { ...ANY_ELIGIBLE, segmentMask: (1 << SEGMENTS.indexOf("dibao")) | (1 << SEGMENTS.indexOf("wubao")), labour: "none" },
  };
  const pool: EnginePool = {
    id: "microcredit",
    deposits: Float64Array.of(30e9 * f, 0, 0, 0, 0), // assumption: county risk funds ≈ 30 bn nationally
    leverage: 10,
    plannedLending: perYear(60e9 * f), // ≈ 283 bn cumulative to end-2016, 383 bn by mid-2019 (parameters.md), assumption per year
    loanSize: 40_000, // average loan ≈ 40,000 (parameters.md, derived)
    termYears: 3,
    rate: perYear(0.0475),
    subsidyShare: perYear(1),
    amortisation: "bullet",
    householdsPerLoan: 1,
    pd: perYear(0.02),
    correlation: 0.0946, // Basel retail at PD 2% (parameters.md)
    lgd: 0.45,
    poolLossShare: 0.7,
    shockLink: 0.5,
    nplThreshold: 0.03,
    topUpMax: perYear(5e9 * f),
    restoreTo: 1,
    eligibility: labour,
    targeting: "random",
    effect: { successProbability: 0.6, mode: "multiplicative", uplift: { kind: "lognormal", a: 1.25, b: 0.25, c: 0 }, lagYears: 0, decay: 0.1 },
  };
  return {
    ...base,
    line,
    exitLine: line,
    relapseMargin: 0.05,
    growth: perYear(0.08),
    commonSigma: 0.05,
    idioSigma: 0.15,
    illnessProbability: perYear(0.05),
    illnessLoss: perYear(0.4),
    illnessReimbursement: perYear(0.5),
    disasterProbability: perYear(0.1),
    disasterVillageShare: 0.25,
    disasterLoss: 0.3,
    programmes: [industry, relocation, floor],
    pools: [pool],
    villageIncidenceBelow: 0.15,
  };
}
