/**
 * The full-model kernel: prepares per-thread state for an EngineModel and a population,
 * then computes any slice of runs. Each run, year by year (model.md):
 *
 *   1. common income shock of the run-year; disaster occurrence and the villages it hits;
 *   2. programmes enrol households up to their capacity (eligibility, targeting, uncertain
 *      effect with lag and decay; cash paid in the year served; relocation, health cover,
 *      agricultural insurance, housing), paying unit costs (recurring for N years where the
 *      scenario says so); village programmes serve villages (lagged uplift, collective income);
 *   3. credit pools: deposits, lending to selected borrowers, interest subsidy, Vasicek
 *      defaults linked to the common shock, loss sharing, suspension, top-ups (credit.ts);
 *   4. the household pass: incomes, illness and disaster losses, transfers, floor top-ups,
 *      and the yearly verification — exits, relapses (re-registration), inflow (step.ts);
 *      relapsed households become eligible again for programmes that serve them again;
 *   5. village exits; metrics (CORE_METRICS, then spend:/served: per programme).
 * After the last year the pools run off the loans still outstanding (credit.ts), totals in the
 * final year's row.
 *
 * Per run, before year one (model v2): each household's level is its observed base-year income
 * minus a registration-year transitory shock drawn given the observation (regression to the
 * mean), and its own trend is drawn; the population's composition (sizes, labour, villages,
 * flags, registration) is the one given — the "modelRedrawn" kernel (kernels.ts) gives a
 * new one per run, rewritten in place and loaded with ModelKernel.reload (docs/model-v2.md).
 *
 * Engine state per household, bytes (checked by tests/engine/model.test.ts):
 *   logBase 4 (read-only and shared by all threads when base incomes carry no per-run
 *   noise, see `logIncomes`) + persist 4 (only with persistent shocks) + lastLog 4
 *   + status 1 + reloc 2 + served mask 1, 2 or 4 (up to 8, 16 or 32 programmes and pools)
 *   + effect slots 3 × (source 1 + start 1 + value 4) = 18
 *   + selection scratch (list 4 + keys 4, the same 8 bytes serve the household pass as its
 *   float64 scratch) + floor eligibility 1 + list of households with effects 4
 *   + exit year 1 + guarantee flags 1 (the list of status changes shares the selection scratch)
 *   + the status every run starts from 1 + the shock loop's slow-path queue 0.75 (3 int32 for
 *   1 household in 16, step.ts) = 46.75–49.75 bytes, + 1 when the exit requires guarantees
 *   (the guarantee flags every run starts from), + 4 with persistent shocks, + 4 with a per-run level (base-income noise,
 *   or a transitory shock with ρ < 1), + 4 with household trends, + 8 (sum of additive
 *   effects) when a source's effect is additive, + 4 with cash delivery (the year's cash),
 *   + 1 with agricultural insurance (insured), + 1/8 per programme and pool (year-one
 *   selections kept as bit masks) — 47.75 for the v1 national model, 55.75 for it with the
 *   shipped v2 income process (engineBytesPerHousehold), 74.75 at most (31 sources, every option);
 * plus per programme/pool a candidate list (4 bytes per eligible household) and per
 * village 9 bytes; the loan book is O(years) (credit.ts). The population itself (src/population) is shared, read-only;
 * redrawn per run, each thread holds its own (20 bytes a household: model/households.ts) and its own log incomes.
 *
 * @example
 * const run = prepareModelKernel({ model, households });
 * const data = run({ seed: 1, runStart: 0, runEnd: 10 }); // 10 × years × metrics
 */
import type { Households } from "../model/households.js";
import { SEGMENTS, guaranteeFlags } from "../model/households.js";
import { householdLogMoments } from "../population/logMoments.js";
import { CORE_METRICS, PROGRAMME_COLUMNS, RELAPSE_HORIZONS, programmeColumns } from "../model/results.js";
import { newPoolState, newPoolYearOut, outstandingAt, poolDefaultsAndClose, poolIssue, poolLoansAllowed, resetPoolState } from "./credit.js";
import type { PoolState } from "./credit.js";
import { MAX_PROGRAMMES } from "./model.js";
import type { EngineEffect, EngineEligibility, EngineModel } from "./model.js";
import { ZK, ZW, addressedNormal, fillNormals, nextNormal, zigguratSlow } from "../random/normal.js";
import type { RunSlice } from "./reference.js";
import { PURPOSE, addressedUniform, nextUniform, seedStream, seedTailStream, streamKey } from "../random/rng.js";
import { sampleDist, sampleDistAddressed } from "./sample.js";
import { drawRunParameters } from "./runDraws.js";
import { newBins, selectLowest } from "./select.js";
import {
  ACC_SIZE, A_BELOW_H, A_BELOW_P, A_EXITED_H, A_EXITED_P, A_EXITS_H, A_FLOOR, A_FLOOR_UNITS_H, A_FLOOR_UNITS_P, A_FOLLOW, A_INCOME, A_NEW,
  A_NEWREG_H, A_NEWREG_P, A_PEX_NUM, A_RELAPSE, A_SPELLS_NEXT, A_SPELL_NUM,
  NO_SLOT, PAR_SIZE, P_COMMON, P_DISASTER, P_ILLQ, P_INFLOW, P_LNDIS, P_LNDIS_INS, P_LNILL0, P_LNILL1, P_MARGIN, P_PHI, P_SIGMA, P_TREND,
  P_TRENDYEARS, P_TSIGMA, P_TWOYEAR, SLOTS, ST_BLOCKED, ST_COVERED, ST_EXITED, ST_ILL, ST_REGISTERED, effectTables, makeHouseholdPass,
} from "./step.js";
import type { PassContext } from "./step.js";

/** What a worker needs to run the full model. */
export interface ModelKernelInput {
  readonly model: EngineModel;
  readonly households: Households;
  /**
   * Optional `logIncomes(households)`, for models whose base incomes carry no per-run
   * noise: every thread then reads this one copy (in a SharedArrayBuffer) instead of
   * computing its own.
   */
  readonly logIncome?: Float32Array;
  /** Households the shock loop's slow-path queue holds (default max(256, n/16)); set small by a test. */
  readonly slowQueue?: number;
}

/**
 * log(max(1, income)) per household as float32 — the run-invariant log base income of
 * models without per-run base-income noise (the value each kernel would compute itself).
 */
export function logIncomes(h: Households, share = false): Float32Array {
  const out = share ? new Float32Array(new SharedArrayBuffer(4 * h.count)) : new Float32Array(h.count);
  for (let i = 0; i < h.count; i++) out[i] = Math.log(Math.max(1, h.income[i] as number));
  return out;
}

/** Per-household bit mask of the sources (programmes, then pools) that served a household: as narrow as their count allows. */
type ServedMask = Uint8Array | Uint16Array | Uint32Array;
const servedMask = (sources: number, n: number): ServedMask => (sources <= 8 ? new Uint8Array(n) : sources <= 16 ? new Uint16Array(n) : new Uint32Array(n));

/** Result columns of a model: CORE_METRICS, then the per-programme columns (model/results.ts). */
export function modelMetrics(m: EngineModel): string[] {
  return [...CORE_METRICS, ...programmeColumns(m.programmes.map((p) => p.id))];
}

/** Engine state bytes per household for a model (see the file comment). */
export function engineBytesPerHousehold(m: EngineModel): number {
  const additive = [...m.programmes.map((p) => p.effect), ...m.pools.map((q) => q.effect)].some((e) => e?.mode === "additive");
  const sources = m.programmes.length + m.pools.length;
  const servedBytes = servedMask(sources, 0).BYTES_PER_ELEMENT;
  const perRunBase = m.baseIncomeSigma > 0 || (m.transitorySigma > 0 && m.idioPersistence !== 1);
  return 4 + (perRunBase ? 4 : 0) + (m.trendSigma > 0 ? 4 : 0) + (m.idioPersistence > 0 ? 4 : 0) + 4 + 1 + 2 + servedBytes + SLOTS * 6 + 8 + 1 + 4 + (additive ? 8 : 0) + Math.ceil(sources / 8)
    + 1 + 1 // exit year, guarantee flags (the list of status changes shares the selection scratch)
    + 1 + (guaranteeFlags(m.guarantees) !== 0 ? 1 : 0) // the status and guarantee flags every run starts from
    + (m.programmes.some((p) => p.cash === true) ? 4 : 0) // cash paid this year (float32)
    + (m.programmes.some((p) => (p.disasterCover ?? 0) > 0) ? 1 : 0) // insured
    + 0.75; // the shock loop's slow-path queue: 3 int32 per 16 households (step.ts)
}

/** Slots of the year's pool totals. */
const PY_DEPOSITS = 0, PY_NEW = 1, PY_SUBSIDY = 2, PY_BALANCE = 3, PY_LOSS = 4, PY_BANK = 5, PY_TOPUPS = 6, PY_DEPLETED = 7, PY_OUTSTANDING = 8, PY_DEFAULTS = 9, PY_SUSPENDED = 10;

const M = Object.fromEntries(CORE_METRICS.map((k, i) => [k, i])) as { readonly [K in (typeof CORE_METRICS)[number]]: number };
/** Where each programme's columns go (model/results.ts `programmeColumns`): after the core metrics, PROGRAMME_COLUMNS per programme. */
const PROGRAMME_FIRST_COLUMN = CORE_METRICS.length;
const PROGRAMME_STRIDE = PROGRAMME_COLUMNS.length;
const SPEND_COLUMN = PROGRAMME_COLUMNS.indexOf("spend");
const SERVED_COLUMN = PROGRAMME_COLUMNS.indexOf("served");

function isEligible(e: EngineEligibility, h: Households, i: number, useCause: boolean): boolean {
  if (((e.segmentMask >>> (h.segment[i] as number)) & 1) === 0) return false;
  if (((h.flags[i] as number) & e.flagsAll) !== e.flagsAll) return false;
  if (useCause && e.causeMask !== 0 && ((e.causeMask >>> (h.cause[i] as number)) & 1) === 0) return false;
  const lab = h.labour[i] as number;
  if (e.labour === "required" && lab === 0) return false;
  if (e.labour === "none" && lab !== 0) return false;
  return true;
}

/**
 * The households meeting static eligibility e (isEligible, inlined), in household order:
 * one pass writing into `tmp` (at least h.count long), copied out at its exact length.
 */
/** Write the households eligible for `e` (static eligibility) into tmp[0..k) in index order; returns k. */
function candidates(e: EngineEligibility, h: Households, useCause: boolean, tmp: Int32Array): number {
  const seg = h.segment;
  const fl = h.flags;
  const ca = h.cause;
  const lab = h.labour;
  const sm = e.segmentMask;
  const fa = e.flagsAll;
  const cm = useCause ? e.causeMask : 0;
  const needLabour = e.labour === "required" ? 1 : e.labour === "none" ? 0 : -1;
  let k = 0;
  for (let i = 0; i < h.count; i++) {
    tmp[k] = i;
    const ok =
      ((sm >>> (seg[i] as number)) & 1) !== 0 &&
      ((fl[i] as number) & fa) === fa &&
      (cm === 0 || ((cm >>> (ca[i] as number)) & 1) !== 0) &&
      (needLabour < 0 || +((lab[i] as number) !== 0) === needLabour);
    k += +ok;
  }
  return k;
}

/**
 * The floor phase-in as the household pass reads it: the year each village's floor is full,
 * per segment, and the share of the standard paid before it (model.ts floorPhaseIn and
 * floorCoverage; a segment's coverage, where it has one, takes precedence and pays nothing
 * before a village's year — Y where a village is never covered).
 */
function floorPhase(m: EngineModel, V: number): { floorYear: Int16Array; floorBefore: Float64Array } {
  const p = m.floorPhaseIn;
  const cov = m.floorCoverage;
  const S = SEGMENTS.length;
  const Y = m.years.length;
  const phased = (k: number): boolean => p !== undefined && (p[3 * k] as number) <= (p[3 * k + 1] as number);
  const covered = (k: number): boolean => cov !== undefined && !Number.isNaN(cov[k * Y] as number);
  if (!Array.from({ length: S }, (_, k) => phased(k) || covered(k)).some(Boolean)) {
    return { floorYear: new Int16Array(0), floorBefore: new Float64Array(S).fill(1) };
  }
  const floorYear = new Int16Array(S * V);
  const floorBefore = new Float64Array(S).fill(1);
  for (let k = 0; k < S; k++) {
    if (covered(k)) {
      floorBefore[k] = 0;
      for (let v = 0; v < V; v++) {
        let y = 0;
        while (y < Y && !(v < (cov?.[k * Y + y] as number) * V)) y++;
        floorYear[k * V + v] = y;
      }
      continue;
    }
    if (!phased(k) || p === undefined) continue;
    const first = p[3 * k] as number;
    const last = p[3 * k + 1] as number;
    floorBefore[k] = p[3 * k + 2] as number;
    for (let v = 0; v < V; v++) floorYear[k * V + v] = first + Math.floor((v * (last - first + 1)) / V);
  }
  return { floorYear, floorBefore };
}

/** Check the model's shape; a malformed model is a bug in whoever built it. */
export function checkModel(m: EngineModel, h: Households): void {
  const Y = m.years.length;
  const bad = (what: string): never => {
    throw new Error(`EngineModel: ${what}`);
  };
  if (Y < 1 || Y > 250) bad(`horizon must have 1–250 years, has ${Y}`);
  if (m.programmes.length + m.pools.length > MAX_PROGRAMMES) bad(`at most ${MAX_PROGRAMMES} programmes and pools together`);
  if (m.line.length !== SEGMENTS.length * Y || m.exitLine.length !== SEGMENTS.length * Y) bad("line/exitLine must have segments × years values");
  for (const [k, a] of [["growth", m.growth], ["illnessProbability", m.illnessProbability], ["illnessLoss", m.illnessLoss], ["illnessReimbursement", m.illnessReimbursement], ["disasterProbability", m.disasterProbability], ["exitTarget", m.exitTarget], ["villageTarget", m.villageTarget], ["villageCollectiveMet", m.villageCollectiveMet]] as const) {
    if (a.length !== Y) bad(`${k} must have one value per year`);
  }
  for (const p of m.programmes) {
    if (p.capacity.length !== Y || p.unitCost.length !== Y || p.fixedSpend.length !== Y) bad(`programme ${p.id}: capacity, unitCost and fixedSpend need one value per year`);
    if (p.behaviour === "relocation" && p.followUp.length !== 0 && p.followUp.length !== Y * Y) bad(`programme ${p.id}: followUp must have years × years values`);
    if (p.followUpProject !== undefined && p.followUpProject.length !== 0 && p.followUpProject.length !== Y * Y) bad(`programme ${p.id}: followUpProject must have years × years values`);
    if (!(p.recurringYears >= 1)) bad(`programme ${p.id}: recurringYears must be ≥ 1`);
    if (p.cash === true && p.recurringYears !== 1) bad(`programme ${p.id}: cash delivery is paid in the year served (recurringYears 1)`);
    if (p.disasterCover !== undefined && !(p.disasterCover >= 0 && p.disasterCover <= 1)) bad(`programme ${p.id}: disasterCover must be in [0, 1]`);
    if (p.behaviour === "village" && (p.village === undefined || !(p.village.lagYears >= 0) || !(p.village.decay >= 0 && p.village.decay <= 1))) bad(`programme ${p.id}: a village programme needs its village effect (lag ≥ 0, decay in [0, 1])`);
  }
  for (const q of m.pools) {
    if (!(q.loanSize > 0) || !(q.termYears >= 1)) bad(`pool ${q.id}: loan size and term must be positive`);
    if (!(q.correlation >= 0 && q.correlation <= 1) || !(q.lgd >= 0 && q.lgd <= 1) || !(q.poolLossShare >= 0 && q.poolLossShare <= 1)) bad(`pool ${q.id}: correlation, LGD and loss share must be in [0, 1]`);
    if (!(Math.abs(q.shockLink) <= 1)) bad(`pool ${q.id}: shockLink must be in [−1, 1]`);
    if (q.existing && !(q.existing.loans >= 0 && q.existing.start <= 0 && q.existing.start > -q.termYears)) bad(`pool ${q.id}: existing loans need loans ≥ 0 and −term < start ≤ 0`);
  }
  for (const d of m.runDraws ?? []) {
    const S = m.programmes.length + m.pools.length;
    const inRange = d.target === "growth" ? d.source === -1 : d.target === "pd" || d.target === "lgd" ? d.source >= 0 && d.source < m.pools.length : d.source >= 0 && d.source < S;
    if (!inRange) bad(`run draw ${d.path}: source ${d.source} does not exist for ${d.target}`);
    if ((d.target === "success" || d.target === "upliftCentre") && (d.source < m.programmes.length ? m.programmes[d.source]?.effect : m.pools[d.source - m.programmes.length]?.effect) == null) bad(`run draw ${d.path}: source has no effect`);
    if ((d.target === "villageSuccess" || d.target === "villageUplift") && m.programmes[d.source]?.village === undefined) bad(`run draw ${d.path}: source has no village effect`);
    if (!(d.min <= d.max)) bad(`run draw ${d.path}: min must not exceed max`);
  }
  if (m.floorCoverage !== undefined && m.floorCoverage.length !== SEGMENTS.length * Y) bad("floorCoverage must have segments × years entries");
  if (h.count >= 2 ** 27) bad("at most 134,217,727 households");
}

/** Prepare the full-model kernel on this thread. */
export function prepareModelKernel(input: ModelKernelInput): (slice: RunSlice) => Float64Array {
  return makeModelKernel(input).run;
}

/** A prepared model kernel that can be pointed at a redrawn population. */
export interface ModelKernel {
  /** Computes runs [runStart, runEnd) into runs × years × metrics values. */
  readonly run: (slice: RunSlice) => Float64Array;
  /**
   * The population's arrays were rewritten in place (the same count, villages and cohorts;
   * population/cohorts.ts `into`): recompute what the kernel derived from them (candidate
   * lists, floor eligibility, village counts, log incomes, the year-one selection memo).
   * Not with a given `logIncome`.
   */
  readonly reload: () => void;
}

/** Prepare the model kernel (allocates its state once; see prepareModelKernel). */
export function makeModelKernel(input: ModelKernelInput): ModelKernel {
  const m = input.model;
  const h = input.households;
  checkModel(m, h);
  // Status bits held by the kernel's closures (an imported constant is reloaded from its module cell, and checked, in every iteration).
  const REGISTERED = ST_REGISTERED, ILL = ST_ILL, BLOCKED = ST_BLOCKED;
  const n = h.count;
  const Y = m.years.length;
  const P = m.programmes.length;
  const Q = m.pools.length;
  const metrics = modelMetrics(m);
  const nm = metrics.length;
  const V = Math.max(1, h.villages);

  // Effect sources: programmes 0..P−1, pools P..P+Q−1.
  const effects: (EngineEffect | null)[] = [...m.programmes.map((p) => p.effect), ...m.pools.map((q) => q.effect)];
  const S = effects.length;
  const { effMul, effAdd, srcLag } = effectTables(
    Y,
    effects.map((e) => (e?.mode === "additive" ? 1 : 0)),
    effects.map((e) => Math.max(0, Math.round(e?.lagYears ?? 0))),
    effects.map((e) => e?.decay ?? 0),
  );

  // Candidate lists (static eligibility); the cause is a priority, not a filter, for "cause" targeting.
  // Sources with the same eligibility share one list. Derived from the population (in load).
  // A population redrawn per run reloads them: each list keeps its buffer from run to run
  // (grown with 1/16 headroom when a run has more candidates), so a reload allocates nothing.
  const lists = new Map<string, Int32Array>();
  const listBuffers = new Map<string, Int32Array>();
  const listFor = (e: EngineEligibility, useCause: boolean): Int32Array => {
    const key = `${e.segmentMask}/${e.flagsAll}/${useCause ? e.causeMask : 0}/${e.labour}`;
    let l = lists.get(key);
    if (l === undefined) {
      const k = candidates(e, h, useCause, list);
      let buffer = listBuffers.get(key);
      if (buffer === undefined || buffer.length < k) listBuffers.set(key, (buffer = new Int32Array(buffer === undefined ? k : k + (k >> 4))));
      buffer.set(list.subarray(0, k));
      lists.set(key, (l = buffer.subarray(0, k)));
    }
    return l;
  };
  const cand: Int32Array[] = [];
  const loadCandidates = (): void => {
    lists.clear();
    cand.length = 0;
    for (const p of m.programmes) cand.push(p.behaviour === "floor" || p.behaviour === "cost" || p.behaviour === "village" ? new Int32Array(0) : listFor(p.eligibility, p.targeting !== "cause"));
    for (const q of m.pools) cand.push(listFor(q.eligibility, q.targeting !== "cause"));
  };
  const causeMask = [...m.programmes.map((p) => p.eligibility.causeMask), ...m.pools.map((q) => q.eligibility.causeMask)];
  const targeting = [...m.programmes.map((p) => p.targeting), ...m.pools.map((q) => q.targeting)];

  const floorIdx = m.programmes.findIndex((p) => p.behaviour === "floor");
  const floorEligible = new Uint8Array(n);
  const loadFloor = (): void => {
    floorEligible.fill(0);
    for (const p of m.programmes) {
      if (p.behaviour !== "floor") continue;
      // Bit 1: topped up when registered; bit 2: whether registered or not (reach everyone).
      const bits = p.reachAll === true ? 3 : 1;
      for (let i = 0; i < n; i++) if (isEligible(p.eligibility, h, i, true)) floorEligible[i] = (floorEligible[i] as number) | bits;
    }
  };
  const relocIndex = new Int32Array(P).fill(-1);
  let R = 0;
  m.programmes.forEach((p, i) => {
    if (p.behaviour === "relocation") relocIndex[i] = R++;
  });
  const followUp = new Float64Array(Math.max(1, R * Y * Y));
  m.programmes.forEach((p, i) => {
    const r = relocIndex[i] as number;
    if (r >= 0 && p.followUp.length === Y * Y) followUp.set(p.followUp, r * Y * Y);
  });
  const illCover = Math.max(0, ...m.programmes.filter((p) => p.behaviour === "health").map((p) => p.illnessCover));
  const trendLog = new Float64Array(Y);
  const setTrend = (growthAt: (y: number) => number): void => {
    for (let y = 0, acc = 0; y < Y; y++) trendLog[y] = acc += Math.log1p(growthAt(y));
  };
  setTrend((y) => m.growth[y] as number);
  // Unknown parameters (src/engine/runDraws.ts): the run's effects and pools, replaced where a draw applies.
  const draws = m.runDraws ?? [];
  const drawn = new Float64Array(draws.length);
  const runEffects = effects.slice();
  const runPools = m.pools.slice();
  const runVillage = m.programmes.map((p) => p.village);
  const applyRunDraws = (seed: number, run: number): void => {
    drawRunParameters(draws, seed, run, drawn);
    for (let s = 0; s < S; s++) runEffects[s] = effects[s] ?? null;
    for (let q = 0; q < Q; q++) runPools[q] = m.pools[q]!;
    for (let p = 0; p < P; p++) runVillage[p] = m.programmes[p]!.village;
    let growth = Number.NaN;
    draws.forEach((d, k) => {
      const v = drawn[k] as number;
      const e = runEffects[d.source];
      if (d.target === "success" && e) runEffects[d.source] = { ...e, successProbability: v };
      else if (d.target === "upliftCentre" && e) runEffects[d.source] = { ...e, uplift: { ...e.uplift, a: v } };
      else if (d.target === "pd") runPools[d.source] = { ...runPools[d.source]!, pd: new Float64Array(Y).fill(v) };
      else if (d.target === "lgd") runPools[d.source] = { ...runPools[d.source]!, lgd: v };
      else if (d.target === "growth") growth = v;
      else if (d.target === "villageSuccess") runVillage[d.source] = { ...runVillage[d.source]!, successProbability: v };
      else if (d.target === "villageUplift") runVillage[d.source] = { ...runVillage[d.source]!, uplift: { ...runVillage[d.source]!.uplift, a: v } };
    });
    setTrend(Number.isNaN(growth) ? (y) => m.growth[y] as number : () => growth);
  };
  let people = 0;
  const villageTotal = new Int32Array(V);

  // Per-household state (see the byte count in the file comment).
  const noisyBase = m.baseIncomeSigma > 0;
  const given = input.logIncome;
  if (given !== undefined && given.length !== n) throw new Error("ModelKernelInput.logIncome: one value per household");
  // Observed base-year log incomes (read-only, shared by threads where given) and, where the
  // level differs from run to run (base-income noise, or the registration-year transitory
  // shock), a per-run level of this thread.
  const splitBase = m.transitorySigma > 0;
  // With a random-walk persistent component (ρ = 1, the shipped process) the level's
  // registration-year correction is carried by the persistent component from year one
  // (it never decays), so the observed log incomes serve as the base: 4 bytes a household fewer.
  const foldLevel = splitBase && !noisyBase && m.idioPersistence === 1;
  const perRunBase = noisyBase || (splitBase && !foldLevel);
  // Observed log incomes (in load, unless given); without a per-run level they are the base.
  const logObs = given ?? new Float32Array(n);
  const logBase = perRunBase ? new Float32Array(n) : logObs;
  const trendDev = new Float32Array(m.trendSigma > 0 ? n : 0);
  const exitYear = new Uint8Array(n);
  const relapseBy = new Float64Array((Y + 1) * Y);
  const exitsAt = new Float64Array(Y);
  const gflags = new Uint8Array(n);
  const requiredFlags = guaranteeFlags(m.guarantees);
  // What every run starts from (set in load): each household's status (registered, a required
  // guarantee missing) and missing guarantees; registered households and the others' people.
  const status0 = new Uint8Array(n);
  const gflags0 = new Uint8Array(requiredFlags !== 0 ? n : 0);
  let regStart0 = n;
  let unregP0 = 0;
  // Guarantee flags each programme clears for the households it serves (housing: safe housing; health: medical cover).
  const clearFlags = m.programmes.map((p) => guaranteeFlags(p.provides ?? 0) & requiredFlags);
  let againMask = 0;
  m.programmes.forEach((p, i) => {
    if (p.serveAgain === true) againMask |= 1 << i;
  });
  const relCount = new Int32Array(1);
  // Per cohort: shrinkage k = σ_e² / sd², centre and residual sd of the registration-year transitory shock given the observation.
  let cohorts = 1;
  for (let i = 0; i < n; i++) cohorts = Math.max(cohorts, (h.cohort[i] as number) + 1);
  // At least 9 entries (over 64 bytes): off the V8 heap, so the per-run loop holds their addresses as constants.
  const shrink = new Float64Array(Math.max(cohorts, 9));
  const centre = new Float64Array(Math.max(cohorts, 9));
  const resid = new Float64Array(Math.max(cohorts, 9));
  const loadShrink = (): void => {
    if (!splitBase) return;
    const se2 = m.transitorySigma ** 2;
    // The cohorts' laws where the model gives them, else the population's own moments per cohort.
    const given = m.cohortLogMean.length >= cohorts && m.cohortLogSd.length >= cohorts;
    const { mean, sd } = given ? { mean: m.cohortLogMean, sd: m.cohortLogSd } : householdLogMoments(h, cohorts);
    for (let c = 0; c < cohorts; c++) {
      const v = (sd[c] as number) ** 2;
      const k = v > se2 ? se2 / v : 1;
      shrink[c] = k;
      centre[c] = mean[c] as number;
      resid[c] = Math.sqrt(se2 * (1 - k));
    }
  };
  const persist = new Float32Array(m.idioPersistence > 0 ? n : 0);
  const lastLog = new Float32Array(n);
  const status = new Uint8Array(n);
  const reloc = new Uint16Array(n);
  const served = servedMask(P + Q, n);
  const slotSrc = new Uint8Array(n * SLOTS);
  const slotStart = new Uint8Array(n * SLOTS);
  const slotVal = new Float32Array(n * SLOTS);
  // The selection scratch (list, keys) and the household pass's float64 scratch (pre) are
  // never in use at the same time: they share one buffer of 8 bytes per household (a
  // candidate list is never longer than the population).
  const scratch = new ArrayBuffer(8 * n);
  const pre = new Float64Array(scratch, 0, n);
  // The household pass's list of status changes shares the scratch too (see PassContext.events).
  const events = new Int32Array(scratch, 0, n);
  const list = new Int32Array(scratch, 0, n);
  const keys = new Float32Array(scratch, 4 * n, n);
  const bins = newBins();
  const effList = new Int32Array(n);
  const effCount = new Int32Array(1);
  const addS = new Float64Array(effects.some((e) => e?.mode === "additive") ? n : 0);
  // Per-village arrays the household pass reads per household hold at least VA entries: a typed
  // array over 64 bytes lives off the V8 heap, and optimised code then embeds its address instead
  // of reloading it for every household (entries past V stay 0; see illTab in step.ts).
  const VA = Math.max(V, 65);
  const villageHit = new Uint8Array(VA);
  const villageEta = new Float64Array(VA);
  const villagePoor = new Int32Array(VA);
  const villageOut = new Uint8Array(V);
  // Village programmes (behaviour "village"): per programme and village, the year it was
  // served (−1: not yet) and the log uplift drawn for it (0 where the investment failed).
  const vIndex = new Int32Array(Math.max(1, P)).fill(-1);
  let VP = 0;
  m.programmes.forEach((p, i) => {
    if (p.behaviour === "village" && p.village) vIndex[i] = VP++;
  });
  const vServed = new Int16Array(Math.max(1, VP * V));
  const vLog = new Float64Array(Math.max(1, VP * V));
  const villageLift = new Float64Array(VA);
  // Cash delivery and agricultural insurance (per household, only when a programme has them).
  const anyCash = m.programmes.some((p) => p.cash === true);
  const cash = new Float32Array(anyCash ? n : 0);
  const disasterCover = Math.max(0, ...m.programmes.map((p) => p.disasterCover ?? 0));
  const insured = new Uint8Array(disasterCover > 0 ? n : 0);
  const villageCollective = new Uint8Array(V);
  const vRank = new Float64Array(V);
  // Registered households per village at the start (h.registered: absent means all).
  const villageRegistered = new Int32Array(V);
  const vOrder = new Int32Array(V);
  const servedUnits = new Float64Array(Math.max(1, P * Y));
  // People relocated per relocation programme and cohort year (for follow-up project money).
  const relocPeople = new Float64Array(Math.max(1, P * Y));
  const pools: PoolState[] = m.pools.map(() => newPoolState(Y));
  // Pools whose defaults depend on the borrowers' own shocks (ownShockRisk ≠ 1): their
  // borrowers (a household borrows at most once per run from a pool) and the year they borrowed.
  const linkedPools = m.pools.map((q) => q.ownShockRisk !== undefined && q.ownShockRisk !== 1);
  const anyLinked = linkedPools.some(Boolean);
  const borrowers: Int32Array[] = m.pools.map(() => new Int32Array(0));
  const borrowedIn: Uint8Array[] = m.pools.map(() => new Uint8Array(0));
  const borrowerCount = new Int32Array(Math.max(1, Q));
  // The year's pool totals (step 3, or at the household pass when defaults wait for the borrowers' shocks).
  const poolYear = new Float64Array(11);
  /** Where the household pass's call to closeLinkedPools reads its run-year (set in step 3). */
  const linkAt = { seed: 0, run: 0, zc: 0 };
  const ds = new Int32Array(4);
  const dAddr = { seed: 0, run: 0, base: 0 };
  const seedDefault = (c: number): void => seedStream(ds, dAddr.seed, dAddr.run, PURPOSE.loanDefault, dAddr.base + c);
  const poolOut = newPoolYearOut();
  const successKeys = new Int32Array(Math.max(1, S));
  const effectKeys = new Int32Array(Math.max(1, S));
  const s4 = new Int32Array(4);
  const t4 = new Int32Array(4);
  const es = new Int32Array(4);
  const et = new Int32Array(4);
  const par = new Float64Array(PAR_SIZE);
  const acc = new Float64Array(ACC_SIZE);
  const spend = new Float64Array(Math.max(1, P));
  const units = new Float64Array(Math.max(1, P));
  const ctx: PassContext = {
    n, Y, size: h.size, segment: h.segment, village: h.village, floorEligible, logBase, trendDev, villageEta, villageShared: m.villageShare > 0, exitYear, relapseBy, events, relCount,
    persist, lastLog, status, reloc,
    slotSrc, slotStart, slotVal, srcLag, effMul, effAdd, pre, effList, effCount, addS, villageDis: new Float64Array(VA), villageLift, villageDisInsured: new Float64Array(VA), insured, cash, beforeMain: { fn: null }, followUp, line: m.line, exitLine: m.exitLine,
    floorStandard: m.floorStandard, villageHit, villagePoor, ...floorPhase(m, V),
    idio: new Int32Array(4), idioTail: new Int32Array(4), illness: new Int32Array(4), transitory: new Int32Array(4), transitoryTail: new Int32Array(4), par, acc,
    ...(input.slowQueue !== undefined ? { slowQueue: input.slowQueue } : {}),
  };

  const householdPass = makeHouseholdPass(ctx);
  if (anyLinked) ctx.beforeMain.fn = (y: number) => closeLinkedPools(linkAt.seed, linkAt.run, y, linkAt.zc);

  /**
   * A village programme serves up to its capacity of villages not yet served by it — those
   * with the largest share of registered poor first ("poorest"; ties by index; a village
   * that has exited still gets its investment, after the others), or in random order — and
   * draws, per village, whether the investment works and its income factor (addressed by
   * programme and village). Returns the villages served.
   */
  const serveVillages = (seed: number, run: number, p: number, y: number): number => {
    const pg = m.programmes[p]!;
    const ve = runVillage[p]!; // the run's draws of its unknowns applied
    const base = (vIndex[p] as number) * V;
    const cap = pg.capacity[y] as number;
    if (!(cap >= 1)) return 0;
    let c = 0;
    const random = pg.targeting === "random";
    const rk = streamKey(seed, run, PURPOSE.targeting, (1 << 20) | (p << 8) | y); // away from the households' targeting keys (index = source)
    for (let v = 0; v < V; v++) {
      const tot = villageTotal[v] as number;
      if ((vServed[base + v] as number) >= 0 || tot === 0) continue;
      vOrder[c++] = v;
      vRank[v] = random ? addressedUniform(rk, v) : (villagePoor[v] as number) / tot;
    }
    const order = vOrder.subarray(0, c);
    order.sort((a, b) => (vRank[b] as number) - (vRank[a] as number) || a - b);
    const k = Math.min(c, Math.floor(cap));
    const successKey = successKeys[p] as number;
    const effectKey = effectKeys[p] as number;
    for (let j = 0; j < k; j++) {
      const v = order[j] as number;
      vServed[base + v] = y;
      if (!(addressedUniform(successKey, v) < ve.successProbability)) continue;
      let f: number;
      if (ve.uplift.kind === "beta") {
        seedStream(es, seed, run, PURPOSE.programmeEffect, (p << 27) | v);
        seedTailStream(et, seed, run, PURPOSE.programmeEffect, (p << 27) | v);
        f = sampleDist(ve.uplift, es, et);
      } else f = sampleDistAddressed(ve.uplift, effectKey, v);
      vLog[base + v] = Math.log(Math.max(1e-9, f));
    }
    return k;
  };

  /** The year's log uplift per village from the village programmes whose lag has passed (decaying), and their collective income. */
  const villageUplift = (y: number): void => {
    villageLift.fill(0);
    m.programmes.forEach((pg, p) => {
      const vi = vIndex[p] as number;
      if (vi < 0 || !pg.village) return;
      const { lagYears, decay, collective } = pg.village;
      for (let v = 0; v < V; v++) {
        const sy = vServed[vi * V + v] as number;
        if (sy < 0) continue;
        const age = y - sy - lagYears;
        if (age < 0) continue;
        villageLift[v] = (villageLift[v] as number) + (vLog[vi * V + v] as number) * (1 - decay) ** age;
        if (collective) villageCollective[v] = 1;
      }
    });
  };

  /** The common income shock of run-year (run, y), a standard normal. */
  const commonShock = (seed: number, run: number, y: number): number => {
    seedStream(s4, seed, run, PURPOSE.commonShock, y);
    seedTailStream(t4, seed, run, PURPOSE.commonShock, y);
    return nextNormal(s4, t4);
  };

  /**
   * Steps 3–6 of pool qi in year y (credit.ts): the credit factor — linked to the common shock
   * `zc` by the pool's shockLink — then defaults, losses, subsidy, amortisation, suspension.
   */
  const poolYearEnd = (seed: number, run: number, qi: number, y: number, zc: number, own?: { share: number; expected: number }): void => {
    const pool = runPools[qi]!;
    seedStream(s4, seed, run, PURPOSE.creditFactor, qi * 256 + y);
    seedTailStream(t4, seed, run, PURPOSE.creditFactor, qi * 256 + y);
    const link = pool.shockLink;
    const z = link * zc + Math.sqrt(Math.max(0, 1 - link * link)) * nextNormal(s4, t4);
    dAddr.seed = seed;
    dAddr.run = run;
    dAddr.base = qi * 65536 + y * 256;
    poolDefaultsAndClose(pool, pools[qi]!, y, z, ds, seedDefault, poolOut, own);
  };

  /** Steps 3–6 of pool qi in year y, added to the year's pool totals (`own`: its borrowers' shocks). */
  const closePool = (seed: number, run: number, qi: number, y: number, zc: number, own: { share: number; expected: number } | undefined): void => {
    poolYearEnd(seed, run, qi, y, zc, own);
    const st = pools[qi]!;
    poolYear[PY_SUBSIDY] = (poolYear[PY_SUBSIDY] as number) + poolOut.interestSubsidy;
    poolYear[PY_BALANCE] = (poolYear[PY_BALANCE] as number) + st.balance;
    poolYear[PY_LOSS] = (poolYear[PY_LOSS] as number) + poolOut.poolLoss;
    poolYear[PY_BANK] = (poolYear[PY_BANK] as number) + poolOut.bankLoss;
    poolYear[PY_TOPUPS] = (poolYear[PY_TOPUPS] as number) + poolOut.topUp;
    poolYear[PY_DEPLETED] = Math.max(poolYear[PY_DEPLETED] as number, poolOut.depleted);
    poolYear[PY_OUTSTANDING] = (poolYear[PY_OUTSTANDING] as number) + poolOut.outstanding;
    poolYear[PY_DEFAULTS] = (poolYear[PY_DEFAULTS] as number) + poolOut.defaults;
    poolYear[PY_SUSPENDED] = Math.max(poolYear[PY_SUSPENDED] as number, poolOut.suspended);
  };

  /**
   * Every pool's year end, during the household pass once the year's illness is drawn: for a
   * pool linked to its borrowers' shocks, the share of its borrowers with a loan still running
   * who fell ill or whose village a disaster hit, against the model's chance of either.
   */
  const closeLinkedPools = (seed: number, run: number, y: number, zc: number): void => {
    const disaster = (par[P_DISASTER] as number) > 0;
    const expected = 1 - (1 - (m.illnessProbability[y] as number)) * (1 - (m.disasterProbability[y] as number) * m.disasterVillageShare);
    for (let qi = 0; qi < Q; qi++) {
      if (!linkedPools[qi]) {
        closePool(seed, run, qi, y, zc, undefined);
        continue;
      }
      const b = borrowers[qi] as Int32Array;
      const by = borrowedIn[qi] as Uint8Array;
      const village = h.village;
      const term = runPools[qi]!.termYears;
      let live = 0;
      let hit = 0;
      for (let j = 0, nb = borrowerCount[qi] as number; j < nb; j++) {
        if (y - (by[j] as number) >= term) continue;
        const i = b[j] as number;
        live++;
        hit += +(((status[i] as number) & ILL) !== 0 || (disaster && villageHit[village[i] as number] !== 0));
      }
      closePool(seed, run, qi, y, zc, { share: live > 0 ? hit / live : expected, expected });
    }
  };

  /**
   * Give the households list[0..k) the effect of source src from year y (success and size
   * are addressed by household, so the order of the list does not matter). Uses list and
   * keys as scratch: call it after everything else done with the selection.
   */
  // The slot code of an empty slot, held by the closure (an imported constant is reloaded from its module cell in every iteration).
  const EMPTY = NO_SLOT;
  if (SLOTS !== 3) throw new Error("applyEffects is written for three effect slots per household");
  const applyEffects = (seed: number, run: number, src: number, e: EngineEffect, k: number, y: number): void => {
    const successKey = successKeys[src] as number;
    const effectKey = effectKeys[src] as number;
    const pSuccess = e.successProbability;
    const d = e.uplift;
    const additive = e.mode === "additive";
    const logNormal = d.kind === "lognormal" && !additive;
    const beta = d.kind === "beta";
    const logA = Math.log(d.a);
    const b = d.b;
    // Who succeeds: list compacted in place, branch-free (a success is a coin flip).
    let m = 0;
    for (let jj = 0; jj < k; jj++) {
      const i = list[jj] as number;
      list[m] = i;
      m += +(addressedUniform(successKey, i) < pSuccess);
    }
    // Effect sizes into keys (float32, as the slots store them): independent iterations.
    if (logNormal) {
      // log of a lognormal draw, without the exp/log round trip (the same addressed normal as sampleDistAddressed)
      for (let t = 0; t < m; t++) keys[t] = logA + b * addressedNormal(effectKey, list[t] as number);
    } else {
      for (let t = 0; t < m; t++) {
        const i = list[t] as number;
        let v: number;
        if (beta) {
          // No closed-form inverse: a stream addressed by (source, household), gamma ratio.
          const idx = (src << 27) | i;
          seedStream(es, seed, run, PURPOSE.programmeEffect, idx);
          seedTailStream(et, seed, run, PURPOSE.programmeEffect, idx);
          v = sampleDist(d, es, et);
        } else v = sampleDistAddressed(d, effectKey, i);
        keys[t] = additive || d.kind === "lognormal" ? v : Math.log(Math.max(v, 1e-9));
      }
    }
    for (let t = 0; t < m; t++) {
      const i = list[t] as number;
      const val = keys[t] as number;
      // First empty slot, else the oldest one (the earliest of equals), written out for the three slots.
      const j0 = i * 3;
      let j = j0;
      if (slotSrc[j0] === EMPTY) {
        // First effect of this household in the run: the household pass now visits its slots.
        const e0 = effCount[0] as number;
        effList[e0] = i;
        effCount[0] = e0 + 1;
      } else if (slotSrc[j0 + 1] === EMPTY) j = j0 + 1;
      else if (slotSrc[j0 + 2] === EMPTY) j = j0 + 2;
      else {
        if ((slotStart[j0 + 1] as number) < (slotStart[j] as number)) j = j0 + 1;
        if ((slotStart[j0 + 2] as number) < (slotStart[j] as number)) j = j0 + 2;
      }
      slotSrc[j] = src;
      slotStart[j] = y;
      slotVal[j] = val;
    }
  };

  // Year-one selections do not change from run to run when base incomes carry no per-run
  // noise and targeting is not random: in year one nobody is served or out of poverty yet,
  // and the keys are the (fixed) base log incomes. They are computed in the first run and
  // replayed from a bit mask over the candidates after (1/8 byte per candidate and source).
  const memoOk = !(m.baseIncomeSigma > 0);
  const memoBits: Int32Array[] = Array.from({ length: S }, () => new Int32Array(0));
  const memoCap = new Float64Array(Math.max(1, S)).fill(Number.NaN);

  /**
   * Fill list/keys with source src's candidates not yet served by it and still poor
   * (relocation: whatever their income); select up to capacity; returns the count.
   * Selections in year one are computed once per kernel where they cannot differ between runs.
   */
  const choose = (seed: number, run: number, src: number, capacity: number, byPeople: boolean, y: number): number => {
    const c = cand[src] as Int32Array;
    const memo = y === 0 && memoOk && targeting[src] !== "random";
    if (memo && memoCap[src] === capacity) {
      // Replay the first run's year-one selection (same candidates, keys and capacity): the
      // set bits of each 32-candidate word, lowest first (candidate order, as recorded).
      const bits = memoBits[src] as Int32Array;
      let k = 0;
      for (let w = 0; w < bits.length; w++) {
        let b = bits[w] as number;
        const at = (w << 5) + 31;
        while (b !== 0) {
          const low = b & -b;
          list[k] = c[at - Math.clz32(low)] as number;
          k = (k + 1) | 0;
          b ^= low;
        }
      }
      return k;
    }
    const k = chooseNow(seed, run, src, capacity, byPeople);
    if (memo) {
      // Record the selection as a bit mask over the candidate list (both are in household order).
      let bits = memoBits[src] as Int32Array;
      if (bits.length !== (c.length + 31) >> 5) memoBits[src] = bits = new Int32Array((c.length + 31) >> 5);
      bits.fill(0);
      for (let t = 0, j = 0; t < k; t++) {
        const i = list[t] as number;
        while ((c[j] as number) !== i) j++;
        bits[j >> 5] = (bits[j >> 5] as number) | (1 << (j & 31));
      }
      memoCap[src] = capacity;
    }
    return k;
  };

  const chooseNow = (seed: number, run: number, src: number, capacity: number, byPeople: boolean): number => {
    const c = cand[src] as Int32Array;
    // Yearly programmes serve anew every year: neither earlier service nor an exit excludes.
    const yearly = src < P && m.programmes[src]!.yearly === true;
    const bit = yearly ? 0 : 1 << src;
    // Programmes and pools serve registered households not out of poverty; relocation follows
    // where people live, not their income, and yearly programmes keep serving after an exit
    // (脱贫不脱政策): registered households whether exited or not.
    const need = yearly || (src < P && m.programmes[src]!.behaviour === "relocation") ? ST_REGISTERED : ST_REGISTERED | ST_EXITED;
    const tg = targeting[src];
    const cm = causeMask[src] as number;
    const tKey = streamKey(seed, run, PURPOSE.targeting, src);
    let k = 0;
    // Households already served by this source, not registered or (see above) out of poverty
    // are skipped, branch-free: each candidate is written at k, and k advances only for the
    // kept ones ((status ^ REGISTERED) & need is 0 exactly when status & need = REGISTERED).
    if (tg === "random") {
      for (let j = 0; j < c.length; j++) {
        const i = c[j] as number;
        list[k] = i;
        k += +((((served[i] as number) & bit) | (((status[i] as number) ^ REGISTERED) & need)) === 0);
      }
      // The random priorities (addressed by household) are drawn only when the capacity binds.
      let total = k;
      if (byPeople) {
        total = 0;
        for (let t = 0; t < k; t++) total += h.size[list[t] as number] as number;
      }
      if (total <= capacity) return k;
      for (let t = 0; t < k; t++) keys[t] = addressedUniform(tKey, list[t] as number);
    } else if (tg === "cause" && cm !== 0) {
      const cause = h.cause;
      for (let j = 0; j < c.length; j++) {
        const i = c[j] as number;
        list[k] = i;
        keys[k] = (lastLog[i] as number) + (((cm >>> (cause[i] as number)) & 1) === 0 ? 1000 : 0);
        k += +((((served[i] as number) & bit) | (((status[i] as number) ^ REGISTERED) & need)) === 0);
      }
    } else {
      for (let j = 0; j < c.length; j++) {
        const i = c[j] as number;
        list[k] = i;
        keys[k] = (lastLog[i] as number) + 0;
        k += +((((served[i] as number) & bit) | (((status[i] as number) ^ REGISTERED) & need)) === 0);
      }
    }
    return selectLowest(list, keys, k, byPeople ? h.size : null, capacity, bins);
  };

  /**
   * Per run, before year one, with both a registration-year transitory shock and household
   * trends (the shipped income process): each household's level (the registration shock drawn
   * given its observed income, see runOne) and its own trend, in one pass over the households —
   * the two streams stepped side by side, each giving its words in the order it would alone,
   * so the numbers are those of drawing them one stream at a time (fillNormals). The two-stream
   * step is written out as in step.ts's shock loop, on purpose: a call per household to share it
   * would cost more than the step.
   */
  // The ziggurat's tables held by the kernel's closure, so optimised code embeds them (module imports are reloaded and map-checked in every iteration).
  const zkTab = ZK;
  const zwTab = ZW;
  const levelsAndTrends = (seed: number, run: number): void => {
    seedStream(s4, seed, run, PURPOSE.registration, 0);
    seedTailStream(t4, seed, run, PURPOSE.registration, 0);
    seedStream(es, seed, run, PURPOSE.trend, 0);
    seedTailStream(et, seed, run, PURPOSE.trend, 0);
    const cohort = h.cohort;
    const zk = zkTab;
    const zw = zwTab;
    const ts = m.trendSigma;
    let a0 = s4[0] as number, a1 = s4[1] as number, a2 = s4[2] as number, a3 = s4[3] as number;
    let b0 = es[0] as number, b1 = es[1] as number, b2 = es[2] as number, b3 = es[3] as number;
    // One flat loop, the ziggurat's rare slow path a call inside it: a loop nest that breaks out
    // to the slow path makes V8 re-check every array's map on every household (measured).
    for (let i = 0; i < n; i++) {
      let r = Math.imul(a1, 5);
      r = Math.imul((r << 7) | (r >>> 25), 9);
      const t = a1 << 9;
      a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
      let u = Math.imul(b1, 5);
      u = Math.imul((u << 7) | (u >>> 25), 9);
      const tb = b1 << 9;
      b2 ^= b0; b3 ^= b1; b1 ^= b2; b0 ^= b3; b2 ^= tb; b3 = (b3 << 11) | (b3 >>> 21);
      const hz = r >> 7;
      const iz = r & 127;
      const hu = u >> 7;
      const iu = u & 127;
      const z = (hz ^ (hz >> 31)) < (zk[iz] as number) ? 1 * ((hz + 0.5) * (zw[iz] as number)) : 1 * zigguratSlow(r, t4);
      const c = cohort[i] as number;
      const eps = (shrink[c] as number) * ((logObs[i] as number) - (centre[c] as number)) + (resid[c] as number) * z;
      if (foldLevel) persist[i] = -eps;
      else logBase[i] = (logBase[i] as number) - eps;
      trendDev[i] = (hu ^ (hu >> 31)) < (zk[iu] as number) ? ts * ((hu + 0.5) * (zw[iu] as number)) : ts * zigguratSlow(u, et);
    }
  };

  /**
   * Programme p serves the k households list[0..k) in year y, in one pass over them: units
   * (households, or people for a per-person programme), cash paid to them, insurance,
   * relocation, medical cover, the guarantees the programme provides and the served mark.
   * The list is compacted to the households served by p for the first time (a yearly programme
   * serves some again), serveOut[0] of them. Returns the units.
   */
  const serveOut = new Int32Array(1);
  const serveSelected = (p: number, k: number, y: number): number => {
    const pg = m.programmes[p]!;
    const byPeople = pg.unit === "person";
    const bit = 1 << p;
    const yearly = pg.yearly === true;
    const payCash = pg.cash === true;
    const unitCost = pg.unitCost[y] as number;
    const insure = (pg.disasterCover ?? 0) > 0;
    const relocation = pg.behaviour === "relocation";
    const rcode = 1 + (relocIndex[p] as number) * Y + y;
    const cover = pg.behaviour === "health" ? ST_COVERED : 0;
    const clear = clearFlags[p] as number;
    const hsize = h.size;
    let u = 0;
    let ppl = 0;
    let kNew = 0;
    for (let j = 0; j < k; j++) {
      const i = list[j] as number;
      const s = hsize[i] as number;
      u += byPeople ? s : 1;
      // Cash: each unit's cost paid to its household this year (per person: ÷ size for a household unit).
      if (payCash) cash[i] = (cash[i] as number) + (byPeople ? unitCost : unitCost / s);
      if (insure) insured[i] = 1;
      if (relocation) {
        reloc[i] = rcode;
        ppl += s;
      }
      let st = (status[i] as number) | cover;
      // Guarantees the programme provides (safe housing, medical cover, …): blocking flags cleared.
      if (clear !== 0) {
        const g = (gflags[i] as number) & ~clear;
        gflags[i] = g;
        if (g === 0) st &= ~BLOCKED;
      }
      status[i] = st;
      // First service: kept in the list and marked as served.
      const sv = served[i] as number;
      list[kNew] = i;
      kNew += yearly ? +((sv & bit) === 0) : 1;
      served[i] = sv | bit;
    }
    if (relocation) relocPeople[p * Y + y] = ppl;
    serveOut[0] = kNew;
    return u;
  };

  const runOne = (seed: number, run: number, out: Float64Array, base: number): void => {
    // Reset per-run state.
    // Registered households at the start, and the people of the others (from load).
    const regStart = regStart0;
    const unregP = unregP0;
    status.set(status0);
    if (requiredFlags === 0) gflags.fill(0);
    else gflags.set(gflags0);
    exitYear.fill(Y);
    relapseBy.fill(0);
    reloc.fill(0);
    served.fill(0);
    slotSrc.fill(NO_SLOT);
    slotVal.fill(0); // empty slots add 0 × value in the household pass
    effCount[0] = 0;
    addS.fill(0);
    persist.fill(0);
    villageOut.fill(0);
    servedUnits.fill(0);
    relocPeople.fill(0);
    insured.fill(0);
    cash.fill(0);
    if (VP > 0) {
      vServed.fill(-1);
      vLog.fill(0);
      villageLift.fill(0);
      villageCollective.fill(0);
      // Year one's village targeting sees the registered households per village (the same every run).
      villagePoor.set(villageRegistered);
    }
    pools.forEach((st, qi) => resetPoolState(st, m.pools[qi]));
    borrowerCount.fill(0);
    if (draws.length > 0) applyRunDraws(seed, run);
    const bs = m.baseIncomeSigma;
    if (noisyBase) {
      // Per-run noise on base incomes (one normal per household from the initIncome stream).
      seedStream(s4, seed, run, PURPOSE.initIncome, 0);
      seedTailStream(t4, seed, run, PURPOSE.initIncome, 0);
      for (let i = 0; i < n; i++) logBase[i] = Math.log(Math.max(1, h.income[i] as number)) + bs * nextNormal(s4, t4);
    } else if (splitBase && !foldLevel) logBase.set(logObs);
    if (splitBase && trendDev.length > 0) levelsAndTrends(seed, run);
    else if (splitBase) {
      // The population's incomes are observations of the registration (base) year: each is a
      // level plus that year's transitory shock. The shock is drawn from its law given the
      // observation — mean k·(obs − cohort mean), sd σ_e·√(1 − k), k = σ_e² / cohort variance —
      // so households observed far below their cohort had, on average, a bad year (regression to the mean).
      seedStream(s4, seed, run, PURPOSE.registration, 0);
      seedTailStream(t4, seed, run, PURPOSE.registration, 0);
      fillNormals(pre, 1, s4, t4);
      const cohort = h.cohort;
      for (let i = 0; i < n; i++) {
        const c = cohort[i] as number;
        const obs = logObs[i] as number;
        const eps = (shrink[c] as number) * (obs - (centre[c] as number)) + (resid[c] as number) * (pre[i] as number);
        if (foldLevel) persist[i] = -eps;
        else logBase[i] = (logBase[i] as number) - eps;
      }
    } else if (trendDev.length > 0) {
      // Household-specific trends around the jurisdiction's growth, drawn per run.
      seedStream(s4, seed, run, PURPOSE.trend, 0);
      seedTailStream(t4, seed, run, PURPOSE.trend, 0);
      fillNormals(pre, m.trendSigma, s4, t4);
      for (let i = 0; i < n; i++) trendDev[i] = pre[i] as number;
    }
    // Targeting in the first year sees what the register recorded: the observed income.
    lastLog.set(splitBase ? logObs : logBase);
    for (let s = 0; s < S; s++) {
      successKeys[s] = streamKey(seed, run, PURPOSE.programmeSuccess, s);
      effectKeys[s] = streamKey(seed, run, PURPOSE.programmeEffect, s);
    }
    let cumExits = 0;
    let villagesOut = 0;
    // Denominators carried from one verification to the next: registered poor, households
    // below the line (none observed before the first year), new spells.
    let regPoorBefore = regStart;
    // Registered households and people (registered poor or exited): only registrations change them.
    let regH = regPoorBefore;
    let regP = people - unregP;
    let belowBefore = 0;
    let spellsBefore = 0;

    for (let y = 0; y < Y; y++) {
      // 1. Common shock, disaster.
      const zc = commonShock(seed, run, y);
      seedStream(s4, seed, run, PURPOSE.disaster, y);
      const disaster = nextUniform(s4) < (m.disasterProbability[y] as number);
      if (disaster) {
        const dk = streamKey(seed, run, PURPOSE.disaster, y);
        for (let v = 0; v < V; v++) villageHit[v] = addressedUniform(dk, v) < m.disasterVillageShare ? 1 : 0;
      }

      // 2. Programmes.
      let programmeSpending = 0;
      for (let p = 0; p < P; p++) {
        const pg = m.programmes[p]!;
        spend[p] = 0;
        units[p] = 0;
        if (pg.behaviour === "floor") continue;
        if (pg.behaviour === "village") {
          const k = serveVillages(seed, run, p, y);
          units[p] = k;
          servedUnits[p * Y + y] = k;
          spend[p] = k * (pg.unitCost[y] as number);
          programmeSpending += spend[p] as number;
          continue;
        }
        if (pg.behaviour === "cost") {
          spend[p] = pg.fixedSpend[y] as number;
          const cap = pg.capacity[y] as number;
          units[p] = Number.isFinite(cap) ? cap : 0;
          programmeSpending += spend[p] as number;
          continue;
        }
        const cap = pg.capacity[y] as number;
        const byPeople = pg.unit === "person";
        const k = cap > 0 ? choose(seed, run, p, cap, byPeople, y) : 0;
        const u = serveSelected(p, k, y);
        const kNew = serveOut[0] as number;
        const eff = runEffects[p];
        if (eff) applyEffects(seed, run, p, eff, kNew, y);
        servedUnits[p * Y + y] = u;
        units[p] = u;
        // Recurring costs: each year's units are paid at the unit cost of their year of support (as the ledger pays them).
        let paid = 0;
        for (let s = Math.max(0, y - pg.recurringYears + 1); s <= y; s++) paid += (servedUnits[p * Y + s] as number) * (pg.unitCost[s] as number);
        spend[p] = paid;
        programmeSpending += spend[p] as number;
      }

      // 3. Credit pools: deposits and new loans; defaults and closing now, or — when they depend
      // on the borrowers' own shocks — at the household pass, once the year's illness is drawn.
      poolYear.fill(0);
      for (let qi = 0; qi < Q; qi++) {
        const pool = runPools[qi]!;
        const st = pools[qi]!;
        const src = P + qi;
        const allowed = poolLoansAllowed(pool, st, y, poolOut);
        let issued = 0;
        if (allowed > 0) {
          const kh = pool.householdsPerLoan > 0 ? pool.householdsPerLoan : 1;
          const need = Math.ceil(allowed * kh - 1e-9);
          const k = choose(seed, run, src, need, false, y);
          issued = Math.min(allowed, Math.floor(k / kh + 1e-9));
          const carried = Math.min(k, Math.ceil(issued * kh - 1e-9));
          const bit = 1 << src;
          for (let j = 0; j < carried; j++) {
            const i = list[j] as number;
            served[i] = (served[i] as number) | bit;
          }
          // Remember who borrowed this year, before applyEffects reuses the list as scratch.
          if (linkedPools[qi]) {
            const b = borrowers[qi] as Int32Array;
            const by = borrowedIn[qi] as Uint8Array;
            const at = borrowerCount[qi] as number;
            const take = Math.min(carried, b.length - at);
            for (let j = 0; j < take; j++) {
              b[at + j] = list[j] as number;
              by[at + j] = y;
            }
            borrowerCount[qi] = at + take;
          }
          const eff = runEffects[src];
          if (eff) applyEffects(seed, run, src, eff, carried, y);
        }
        poolIssue(pool, st, issued, y, poolOut);
        poolYear[PY_DEPOSITS] = (poolYear[PY_DEPOSITS] as number) + poolOut.deposit;
        poolYear[PY_NEW] = (poolYear[PY_NEW] as number) + poolOut.newLending;
        if (!anyLinked) closePool(seed, run, qi, y, zc, undefined);
      }
      linkAt.seed = seed;
      linkAt.run = run;
      linkAt.zc = zc;

      // 4. Household pass (village programmes' uplift first: it applies to every household of a served village).
      if (VP > 0) villageUplift(y);
      const reimb = m.illnessReimbursement[y] as number;
      const lossNet = (m.illnessLoss[y] as number) * (1 - reimb);
      par[P_TREND] = trendLog[y] as number;
      par[P_COMMON] = m.commonSigma * zc;
      par[P_SIGMA] = m.idioSigma;
      par[P_PHI] = m.idioPersistence;
      par[P_ILLQ] = m.illnessProbability[y] as number;
      par[P_LNILL0] = Math.log(Math.max(0, 1 - lossNet));
      par[P_LNILL1] = Math.log(Math.max(0, 1 - lossNet * (1 - illCover)));
      par[P_DISASTER] = disaster && m.disasterVillageShare > 0 ? 1 : 0;
      par[P_LNDIS] = Math.log(Math.max(0, 1 - m.disasterLoss));
      par[P_LNDIS_INS] = Math.log(Math.max(0, 1 - m.disasterLoss * (1 - disasterCover)));
      par[P_MARGIN] = m.relapseMargin;
      const vShare = m.villageShare;
      par[P_SIGMA] = vShare > 0 ? m.idioSigma * Math.sqrt(1 - vShare) : m.idioSigma;
      if (vShare > 0) {
        // The village-shared part of the persistent innovation: one normal per village and year.
        seedStream(s4, seed, run, PURPOSE.villageShock, y);
        seedTailStream(t4, seed, run, PURPOSE.villageShock, y);
        const sv = m.idioSigma * Math.sqrt(vShare);
        for (let v = 0; v < V; v++) villageEta[v] = sv * nextNormal(s4, t4);
      }
      par[P_TSIGMA] = m.transitorySigma;
      par[P_TRENDYEARS] = y + 1;
      par[P_INFLOW] = m.inflow ? 1 : 0;
      par[P_TWOYEAR] = m.twoYearExit ? 1 : 0;
      if (m.transitorySigma > 0) {
        seedStream(ctx.transitory, seed, run, PURPOSE.transitory, y);
        seedTailStream(ctx.transitoryTail, seed, run, PURPOSE.transitory, y);
      }
      seedStream(ctx.idio, seed, run, PURPOSE.idioShock, y);
      seedTailStream(ctx.idioTail, seed, run, PURPOSE.idioShock, y);
      seedStream(ctx.illness, seed, run, PURPOSE.illness, y);
      villagePoor.fill(0);
      householdPass(y);
      // Relapsed households become eligible again for the programmes that allow it.
      for (let t = 0, rc = againMask !== 0 ? (relCount[0] as number) : 0; t < rc; t++) {
        const i = events[t] as number;
        served[i] = (served[i] as number) & ~againMask;
      }
      if (floorIdx >= 0) {
        spend[floorIdx] = acc[A_FLOOR] as number;
        units[floorIdx] = m.programmes[floorIdx]!.unit === "person" ? (acc[A_FLOOR_UNITS_P] as number) : (acc[A_FLOOR_UNITS_H] as number);
      }

      // 5. Villages.
      if (!Number.isNaN(m.villageIncidenceBelow)) {
        const vk = streamKey(seed, run, PURPOSE.village, y);
        const met = m.villageCollectiveMet[y] as number;
        for (let v = 0; v < V; v++) {
          const tot = villageTotal[v] as number;
          if (villageOut[v] !== 0 || tot === 0) continue;
          const poor = villagePoor[v] as number;
          if ((poor === 0 || poor < m.villageIncidenceBelow * tot) && (villageCollective[v] !== 0 || addressedUniform(vk, v) < met)) {
            villageOut[v] = 1;
            villagesOut++;
          }
        }
      }

      // 6. Metrics.
      const o = base + y * nm;
      const exitedH = acc[A_EXITED_H] as number;
      const exitedP = acc[A_EXITED_P] as number;
      cumExits += acc[A_NEW] as number;
      const target = m.exitTarget[y] as number;
      const floorCost = acc[A_FLOOR] as number;
      // Follow-up paid to households (cash, in the household pass) plus follow-up project money.
      let follow = acc[A_FOLLOW] as number;
      for (let p = 0; p < P; p++) {
        const fp = m.programmes[p]!.followUpProject;
        if (fp === undefined || fp.length === 0) continue;
        for (let c = 0; c <= y; c++) follow += (fp[c * Y + y] as number) * (relocPeople[p * Y + c] as number);
      }
      regH += acc[A_NEWREG_H] as number;
      regP += acc[A_NEWREG_P] as number;
      out[o + M.poorHouseholds] = regH - exitedH;
      out[o + M.poorPeople] = regP - exitedP;
      out[o + M.exitRate] = regH > 0 ? exitedH / regH : 0;
      out[o + M.exitedPeople] = exitedP;
      out[o + M.newExits] = acc[A_NEW] as number;
      out[o + M.relapses] = acc[A_RELAPSE] as number;
      out[o + M.cumulativeExits] = cumExits;
      // Targets against the stock out of poverty (TARGET_MEASURE), not the cumulative count.
      out[o + M.targetGap] = Number.isNaN(target) ? Number.NaN : target - exitedP;
      out[o + M.targetMet] = Number.isNaN(target) ? Number.NaN : exitedP >= target ? 1 : 0;
      out[o + M.villagesExited] = villagesOut;
      out[o + M.programmeSpending] = programmeSpending;
      out[o + M.floorTopUps] = floorCost;
      out[o + M.followUpPayments] = follow;
      const subsidy = poolYear[PY_SUBSIDY] as number;
      out[o + M.interestSubsidy] = subsidy;
      out[o + M.fiscalCost] = programmeSpending + floorCost + follow + subsidy + (poolYear[PY_TOPUPS] as number) + (poolYear[PY_DEPOSITS] as number);
      out[o + M.poolBalance] = poolYear[PY_BALANCE] as number;
      out[o + M.poolLoss] = poolYear[PY_LOSS] as number;
      out[o + M.bankLoss] = poolYear[PY_BANK] as number;
      out[o + M.poolTopUps] = poolYear[PY_TOPUPS] as number;
      out[o + M.poolDepleted] = poolYear[PY_DEPLETED] as number;
      out[o + M.loansOutstanding] = poolYear[PY_OUTSTANDING] as number;
      out[o + M.newLending] = poolYear[PY_NEW] as number;
      out[o + M.defaults] = poolYear[PY_DEFAULTS] as number;
      out[o + M.suspended] = poolYear[PY_SUSPENDED] as number;
      out[o + M.meanIncome] = regH > 0 ? (acc[A_INCOME] as number) / regH : 0;
      out[o + M.exitedHouseholds] = exitedH;
      out[o + M.unregisteredHouseholds] = n - regH;
      out[o + M.newlyRegistered] = acc[A_NEWREG_P] as number;
      out[o + M.belowLinePeople] = acc[A_BELOW_P] as number;
      const ratio = (num: number, den: number): number => (den > 0 ? num / den : Number.NaN);
      out[o + M.exitHazard] = ratio(acc[A_EXITS_H] as number, regPoorBefore);
      out[o + M.poorExitRate] = ratio(acc[A_PEX_NUM] as number, belowBefore);
      out[o + M.newSpellExitRate] = ratio(acc[A_SPELL_NUM] as number, spellsBefore);
      regPoorBefore = regH - exitedH;
      belowBefore = acc[A_BELOW_H] as number;
      spellsBefore = acc[A_SPELLS_NEXT] as number;
      exitsAt[y] = acc[A_EXITS_H] as number;
      // Relapse of the households that exited k years ago, at any verification since.
      for (let k = 1; k <= RELAPSE_HORIZONS.length; k++) {
        const t = y - k;
        let num = 0;
        if (t >= 0) for (let yy = t + 1; yy <= y; yy++) num += relapseBy[t * Y + yy] as number;
        out[o + M.relapseWithin1 + k - 1] = t >= 0 ? ratio(num, exitsAt[t] as number) : Number.NaN;
      }
      for (let p = 0; p < P; p++) {
        const first = o + PROGRAMME_FIRST_COLUMN + PROGRAMME_STRIDE * p;
        out[first + SPEND_COLUMN] = spend[p] as number;
        out[first + SERVED_COLUMN] = units[p] as number;
      }
    }

    // The pools' run-off after the horizon, totals in the final year's row.
    let lossAfter = 0, bankAfter = 0, subsidyAfter = 0, depletedAfter = 0;
    for (let qi = 0; qi < Q; qi++) {
      const pool = runPools[qi]!;
      const st = pools[qi]!;
      for (let y = Y; y < Y + pool.termYears - 1 && y < 255; y++) {
        if (!(outstandingAt(pool, st, y) > 0)) break;
        poolYearEnd(seed, run, qi, y, commonShock(seed, run, y));
        lossAfter += poolOut.poolLoss;
        bankAfter += poolOut.bankLoss;
        subsidyAfter += poolOut.interestSubsidy;
        depletedAfter = Math.max(depletedAfter, poolOut.depleted);
      }
    }
    const last = base + (Y - 1) * nm;
    out[last + M.poolLossAfter] = lossAfter;
    out[last + M.bankLossAfter] = bankAfter;
    out[last + M.subsidyAfter] = subsidyAfter;
    out[last + M.poolDepletedAfter] = depletedAfter;
  };

  /** Everything the kernel derives from the population (at preparation, and after a redraw in place). */
  const load = (): void => {
    loadCandidates();
    loadFloor();
    // People, households per village; observed log incomes (without a per-run level, the
    // run-invariant base), unless given.
    people = 0;
    villageTotal.fill(0);
    let topCohort = 0;
    const size = h.size;
    const village = h.village;
    const cohort = h.cohort;
    const income = h.income;
    const own = given === undefined;
    for (let i = 0; i < n; i++) {
      people += size[i] as number;
      villageTotal[village[i] as number]! += 1;
      topCohort = Math.max(topCohort, cohort[i] as number);
      if (own) logObs[i] = Math.log(Math.max(1, income[i] as number));
    }
    if (topCohort >= cohorts) throw new RangeError("reload: the population has more cohorts than the kernel was prepared for");
    loadShrink();
    const flags = h.flags;
    const registered = h.registered;
    regStart0 = n;
    unregP0 = 0;
    for (let i = 0; i < n; i++) {
      const g = (flags[i] as number) & requiredFlags;
      if (requiredFlags !== 0) gflags0[i] = g;
      const r = registered === undefined ? 1 : +((registered[i] as number) !== 0);
      status0[i] = (r << 4) | (g !== 0 ? ST_BLOCKED : 0);
      regStart0 -= r ^ 1;
      unregP0 += (r ^ 1) * (size[i] as number);
    }
    villageRegistered.fill(0);
    if (VP > 0) for (let i = 0; i < n; i++) villageRegistered[h.village[i] as number]! += h.registered === undefined || (h.registered[i] as number) !== 0 ? 1 : 0;
    for (let qi = 0; qi < Q; qi++) {
      const len = linkedPools[qi] ? (cand[P + qi] as Int32Array).length : 0;
      if ((borrowers[qi] as Int32Array).length !== len) {
        borrowers[qi] = new Int32Array(len);
        borrowedIn[qi] = new Uint8Array(len);
      }
    }
    memoCap.fill(Number.NaN);
  };
  load();

  return {
    run: (slice: RunSlice): Float64Array => {
      const out = new Float64Array((slice.runEnd - slice.runStart) * Y * nm);
      for (let run = slice.runStart; run < slice.runEnd; run++) runOne(slice.seed, run, out, (run - slice.runStart) * Y * nm);
      return out;
    },
    reload: (): void => {
      if (given !== undefined) throw new Error("reload: the kernel was given shared log incomes for a fixed population");
      load();
    },
  };
}
