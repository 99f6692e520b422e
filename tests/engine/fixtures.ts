/**
 * Small populations and models for engine tests.
 *
 * @example
 * const h = referencePopulation(5000, 1);
 * const m = referenceAsEngineModel();
 */
import { allocateHouseholds } from "../../src/model/households.js";
import type { Households } from "../../src/model/households.js";
import { ANY_ELIGIBLE, baseEngineModel, blankProgramme } from "../../src/engine/model.js";
import type { EngineModel, EnginePool } from "../../src/engine/model.js";
import { REFERENCE_MODEL } from "../../src/engine/reference.js";
import { PURPOSE, nextUniform, seedStream } from "../../src/random/rng.js";

/** Households at the reference median income, labour with probability 0.7, sizes 1–5, `villages` villages. */
export function referencePopulation(n: number, seed: number, villages = 50): Households {
  const h = allocateHouseholds(n, villages);
  const s = new Int32Array(4);
  seedStream(s, seed, 0, PURPOSE.labour, 999);
  for (let i = 0; i < n; i++) {
    h.income[i] = REFERENCE_MODEL.incomeMedian;
    h.labour[i] = nextUniform(s) < REFERENCE_MODEL.labourProbability ? 1 : 0;
    h.size[i] = 1 + Math.floor(nextUniform(s) * 5);
    h.village[i] = i % villages;
    h.segment[i] = nextUniform(s) < 0.2 ? 1 : 0;
    h.cause[i] = Math.floor(nextUniform(s) * 10);
    h.flags[i] = nextUniform(s) < 0.1 ? 1 : 0;
  }
  return h;
}

/** The reference model expressed as an EngineModel (uplift = an unlimited programme for labour households with lag 1). */
export function referenceAsEngineModel(years = 5): EngineModel {
  const r = REFERENCE_MODEL;
  const ys = Array.from({ length: years }, (_, i) => 2016 + i);
  const base = baseEngineModel(ys, r.line);
  const Y = ys.length;
  const uplift = {
    ...blankProgramme("uplift", Y),
    capacity: Float64Array.from(ys, (_, y) => (y === 0 ? Infinity : 0)),
    eligibility: { ...ANY_ELIGIBLE, labour: "required" as const },
    effect: { successProbability: 1, mode: "multiplicative" as const, uplift: { kind: "lognormal" as const, a: r.upliftMedian, b: r.upliftSigma, c: 0 }, lagYears: 1, decay: 0 },
  };
  return {
    ...base,
    baseIncomeSigma: r.incomeSigma,
    commonSigma: r.commonSigma,
    idioSigma: r.idioSigma,
    illnessProbability: new Float64Array(Y).fill(r.illnessProbability),
    illnessLoss: new Float64Array(Y).fill(r.illnessLoss),
    programmes: [uplift],
  };
}

/** A credit pool with homogeneous loans, lending `loans` loans in year 0 (bullet, long term). */
export function creditPool(loans: number, pd: number, rho: number, lgd: number, Y: number, over: Partial<EnginePool> = {}): EnginePool {
  const size = 10_000;
  return {
    id: "pool",
    deposits: Float64Array.from({ length: Y }, (_, y) => (y === 0 ? loans * size : 0)),
    leverage: 1,
    plannedLending: Float64Array.from({ length: Y }, (_, y) => (y === 0 ? loans * size : 0)),
    loanSize: size,
    termYears: Y,
    rate: new Float64Array(Y).fill(0.0435),
    subsidyShare: new Float64Array(Y).fill(1),
    amortisation: "bullet",
    householdsPerLoan: 1,
    pd: new Float64Array(Y).fill(pd),
    correlation: rho,
    lgd,
    poolLossShare: 1,
    shockLink: 0,
    nplThreshold: Infinity,
    topUpMax: new Float64Array(Y),
    restoreTo: 1,
    eligibility: ANY_ELIGIBLE,
    targeting: "random",
    effect: null,
    ...over,
  };
}
