/**
 * EngineModel — everything the Monte-Carlo kernel needs, as plain numbers and typed
 * arrays (structured-cloneable, so it can be sent to worker threads). The engine never
 * reads a scenario file: src/engine/fromScenario.ts builds this from a resolved
 * Scenario and its Ledger, tests and benchmarks build it by hand.
 *
 * Conventions: `Y` = number of horizon years; arrays "by year" have length Y and index 0
 * is the first horizon year; money in yuan (float64), incomes per capita per year.
 *
 * @example
 * const m = baseEngineModel([2017, 2018]);           // no programmes, no pools, flat line
 * const p: EngineProgramme = { ...effectProgramme("training", 2), capacity: Float64Array.of(800, 0) };
 * simulateModel({ ...m, programmes: [p] }, households, { runs: 100, seed: 1 });
 */
import { GUARANTEES, SEGMENTS } from "../model/households.js";

/** How a programme acts on households (the engine's closed list). */
export const ENGINE_BEHAVIOURS = [
  "effect", // served households get an uncertain income effect (industry, training, education, dividends …)
  "floor", // social-security floor: every eligible household is topped up to the floor standard (EngineModel.floorStandard); cost is demand-driven
  "relocation", // served people are relocated and receive follow-up transfers by cohort (plus any effect)
  "health", // served households' illness losses are further reimbursed (plus any effect)
  "housing", // served households' unsafe housing is rebuilt (plus any effect)
  "village", // serves villages (unit cost per village): a lagged, uncertain income uplift for every household there, and the collective-income test (EngineProgramme.village)
  "cost", // spends its planned units × unit cost each year; no household-level mechanism
] as const;
export type EngineBehaviour = (typeof ENGINE_BEHAVIOURS)[number];

/**
 * Whether a programme changes anything for a household in the model: not a pure cost line,
 * and not an effect programme without an effect unless it provides a guarantee the exit
 * requires (`requiredGuarantees`, EngineModel.guarantees). The money of the others is
 * counted; what it buys is not modelled.
 */
export const hasHouseholdMechanism = (
  p: { readonly behaviour: EngineBehaviour; readonly effect: unknown; readonly provides?: number; readonly cash?: boolean; readonly disasterCover?: number },
  requiredGuarantees = 0,
): boolean =>
  // (a village programme acts on the households of the villages it serves; cash and disaster cover act on those served)
  p.behaviour !== "cost" &&
  !(p.behaviour === "effect" && p.effect === null && p.cash !== true && !((p.disasterCover ?? 0) > 0) && ((p.provides ?? 0) & requiredGuarantees) === 0);

export const ENGINE_TARGETING = ["poorest", "random", "cause"] as const;
export type EngineTargeting = (typeof ENGINE_TARGETING)[number];

export const ENGINE_DISTS = ["fixed", "normal", "lognormal", "beta", "uniform", "triangular", "discrete"] as const;
export type EngineDistKind = (typeof ENGINE_DISTS)[number];

/**
 * A distribution as plain numbers. Parameters by kind: fixed (a = value), normal (a = mean,
 * b = sd), lognormal (a = median, b = sigma), beta (a = alpha, b = beta), uniform (a = min,
 * b = max), triangular (a = min, b = mode, c = max), discrete (values, weights).
 */
export interface EngineDist {
  readonly kind: EngineDistKind;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly values?: Float64Array;
  readonly weights?: Float64Array;
}

/** Static eligibility: all conditions must hold. Masks are bit sets over SEGMENTS, FLAG_NAMES, CAUSES. */
export interface EngineEligibility {
  /** Bit i set: segment SEGMENTS[i] is eligible. */
  readonly segmentMask: number;
  /** Household must have all these flag bits. */
  readonly flagsAll: number;
  /** Bit i set: cause CAUSES[i] is eligible; 0 = any cause. */
  readonly causeMask: number;
  readonly labour: "any" | "required" | "none";
}

/** Uncertain income effect of being served. */
export interface EngineEffect {
  /** Probability that support works for a household at all. */
  readonly successProbability: number;
  /** multiplicative: income × uplift; additive: + uplift yuan per person a year. */
  readonly mode: "multiplicative" | "additive";
  readonly uplift: EngineDist;
  /** Years between support and the first year of effect. */
  readonly lagYears: number;
  /** Share of the effect lost each year after it starts (log-scale for multiplicative effects). */
  readonly decay: number;
}

/** What a village programme does to the villages it serves (behaviour "village"). */
export interface EngineVillageEffect {
  /** Probability the investment works in a served village (drawn per village). */
  readonly successProbability: number;
  /** Multiplicative income factor for every household of a served village, drawn per village. */
  readonly uplift: EngineDist;
  /** Years between the investment and the first year of effect. */
  readonly lagYears: number;
  /** Share of the effect (log scale) lost each year after it starts. */
  readonly decay: number;
  /** A served village meets the collective-income test from the year its effect starts. */
  readonly collective: boolean;
}

export interface EngineProgramme {
  readonly id: string;
  readonly behaviour: EngineBehaviour;
  /** What capacity and unit cost count: households or people. */
  readonly unit: "household" | "person";
  /** New units that can be served each year (allocation ÷ unit cost, or explicit); Infinity = unlimited. */
  readonly capacity: Float64Array;
  /** Cost per unit by year of support; recurring units are paid at the cost of their year of support (as in the ledger). */
  readonly unitCost: Float64Array;
  /** Years a served unit is paid for, from its year of support (1 = one-off). */
  readonly recurringYears: number;
  readonly eligibility: EngineEligibility;
  readonly targeting: EngineTargeting;
  /**
   * Served anew each year up to capacity among all eligible households, whether served
   * before or out of poverty (default false: each household at most once, poor only).
   * The effect applies on a household's first service only.
   */
  readonly yearly?: boolean;
  readonly effect: EngineEffect | null;
  /**
   * relocation: transfer per relocated person in year y for the cohort relocated in year c,
   * at [c * Y + y] (follow-up support, land-transfer subsidy). Length Y × Y, or empty.
   */
  readonly followUp: Float64Array;
  /**
   * relocation: project money per relocated person in year y for the cohort of year c, at
   * [c * Y + y] (follow-up industry funds): spent (followUpPayments) but not paid to
   * households — its effect is the programme's effect. Absent or empty: none.
   */
  readonly followUpProject?: Float64Array;
  /** village: the effect on the villages served (capacity and unit cost are in villages). */
  readonly village?: EngineVillageEffect;
  /**
   * Delivered as cash: each unit served in a year is paid to its household as income that
   * year (unit cost ÷ household size per person, or the unit cost per person served), as
   * per-student aid lowers the household's spending. Needs recurringYears = 1 (paid the year served).
   */
  readonly cash?: boolean;
  /** Agricultural insurance: share of a disaster loss reimbursed for the households served (insured from the year served). */
  readonly disasterCover?: number;
  /** health: extra share of the remaining illness loss reimbursed for served households. */
  readonly illnessCover: number;
  /** cost: money spent each year regardless of households (allocation actually used). */
  readonly fixedSpend: Float64Array;
  /**
   * Guarantees (bit set over GUARANTEES, model/households.ts) the programme provides to the
   * households it serves: their blocking flags are cleared. The one source of what a
   * programme provides (`blankProgramme` and `engineModelFromScenario` fill it by kind:
   * housing → safe housing, health → medical cover). Absent: 0.
   */
  readonly provides?: number;
  /**
   * A household that relapses after an exit can be served by this programme again (its
   * served bit is cleared at re-registration). Absent or false: at most once per run.
   */
  readonly serveAgain?: boolean;
  /**
   * floor: also tops up households that are not registered, in the year their income falls
   * below the standard (防返贫 monitoring: helped without being registered). Absent or false:
   * registered households (poor or exited) only.
   */
  readonly reachAll?: boolean;
}

export interface EnginePool {
  readonly id: string;
  /** Deposits into the fund by year (yuan). */
  readonly deposits: Float64Array;
  /** Loans allowed per yuan of fund. */
  readonly leverage: number;
  /** New lending planned by year (yuan). */
  readonly plannedLending: Float64Array;
  readonly loanSize: number;
  readonly termYears: number;
  readonly rate: Float64Array;
  readonly subsidyShare: Float64Array;
  readonly amortisation: "bullet" | "straightLine";
  /** Poor households carried per loan (1 = household loans). */
  readonly householdsPerLoan: number;
  /**
   * The loan book at the start: `loans` loans of `loanSize` that began in (horizon) year
   * `start` ≤ 0 (start = remaining years − term, so they run `term + start` more years).
   * Absent: none.
   */
  readonly existing?: { readonly loans: number; readonly start: number };
  /**
   * How much more often a loan defaults when its borrower household is hit by illness or a
   * disaster that year (relative risk, ≥ 1; absent or 1: defaults do not depend on the
   * borrower's own shocks). The pool's PD stays the average: PD = q·PD₁ + (1 − q)·PD₀ with
   * PD₁ = RR·PD₀ and q the model's chance of such a shock in a year.
   */
  readonly ownShockRisk?: number;
  /** Probability of default per loan-year, by year. */
  readonly pd: Float64Array;
  /** Asset correlation ρ. */
  readonly correlation: number;
  readonly lgd: number;
  /** Share of each loss the pool pays; the bank bears the rest. */
  readonly poolLossShare: number;
  /** Correlation between the credit factor Z and the common income shock (−1..1). */
  readonly shockLink: number;
  /** Suspend new lending when the year's non-performing ratio exceeds this (Infinity: never). */
  readonly nplThreshold: number;
  /** Largest top-up per year (0: no top-up rule). */
  readonly topUpMax: Float64Array;
  /** Top up to this share of cumulative deposits. */
  readonly restoreTo: number;
  readonly eligibility: EngineEligibility;
  readonly targeting: EngineTargeting;
  readonly effect: EngineEffect | null;
}

export interface EngineModel {
  /** Calendar years of the horizon. */
  readonly years: readonly number[];
  /** Poverty line by segment and year, at [segment * Y + y]. */
  readonly line: Float64Array;
  /** Income needed to exit, by segment and year, at [segment * Y + y]. */
  readonly exitLine: Float64Array;
  /** An exited household relapses when income < line × (1 − margin). */
  readonly relapseMargin: number;
  /**
   * Guarantees an exit requires (bit set over GUARANTEES, model/households.ts): a household
   * whose flags still block one stays registered whatever its income.
   */
  readonly guarantees: number;
  /**
   * The yearly verification registers households that are not registered and are found
   * below the line (inflow); false: only the starting registered cohort is ever registered.
   */
  readonly inflow: boolean;
  /** Exit needs income at or above the exit line at two consecutive verifications. */
  readonly twoYearExit: boolean;
  /**
   * Floor standard by segment and year, at [segment * Y + y]: floor-eligible households are
   * topped up to it. Where it is at or above the exit line (两线合一) they can exit through
   * the floor; below it they are helped but stay poor.
   */
  readonly floorStandard: Float64Array;
  /**
   * Floors that reach their standard village by village (a floor programme's `phaseIn`), per
   * segment at [3·segment]: the first and last year index over which the villages reach it
   * and the share of the standard a village's floor pays before its year. Village v reaches
   * it in year first + ⌊v·(last − first + 1) / V⌋. Absent, or first > last for a segment:
   * every village from the start.
   */
  readonly floorPhaseIn?: Float64Array;
  /**
   * Floors that cover a share of villages by year (a floor programme's `coverage`), per
   * segment at [segment * Y + y]: the share of villages (lowest index first) where the floor
   * pays its standard in year y, non-decreasing; NaN for a segment without one (then
   * floorPhaseIn, if any, applies). Village v is covered from the first year with v < share·V;
   * before it the floor pays nothing there.
   */
  readonly floorCoverage?: Float64Array;
  /** Trend growth of income by year: income in year y includes Π_{k ≤ y} (1 + growth[k]). */
  readonly growth: Float64Array;
  /** Per-run log-normal noise on each household's base income (0 = the population's incomes as given). */
  readonly baseIncomeSigma: number;
  readonly commonSigma: number;
  /** σ of the innovation of the persistent component (v1: the idiosyncratic shock). */
  readonly idioSigma: number;
  /** ρ, AR(1) coefficient of the persistent component (0 = not accumulated; 1 = random walk). */
  readonly idioPersistence: number;
  /** Share of the persistent innovation's variance shared by the village (0 = none). */
  readonly villageShare: number;
  /** σ_g: standard deviation of the household-specific trend around `growth` (log points a year), drawn per run. */
  readonly trendSigma: number;
  /**
   * σ_e: transitory shock, iid every year including the registration year (the base year
   * the population's incomes were observed in). The population's incomes are observations:
   * each household's level is the observation minus a transitory shock drawn per run from
   * its conditional law given the observation (regression to the mean), using its cohort's
   * log mean and sd below.
   */
  readonly transitorySigma: number;
  /** Per cohort index: mean of the log of observed base-year income in the cohort's (untruncated) law. Empty: shrink towards 0 (no regression). */
  readonly cohortLogMean: Float64Array;
  /** Per cohort index: sd of the log of observed base-year income in the cohort's law (includes σ_e). */
  readonly cohortLogSd: Float64Array;
  readonly illnessProbability: Float64Array;
  readonly illnessLoss: Float64Array;
  /** Share of the illness loss reimbursed for everyone (baseline insurance), by year. */
  readonly illnessReimbursement: Float64Array;
  readonly disasterProbability: Float64Array;
  readonly disasterVillageShare: number;
  readonly disasterLoss: number;
  readonly programmes: readonly EngineProgramme[];
  readonly pools: readonly EnginePool[];
  /** Cumulative exit target (people) by year; NaN where none. */
  readonly exitTarget: Float64Array;
  /** Cumulative village-exit target by year; NaN where none. */
  readonly villageTarget: Float64Array;
  /** A village exits when its incidence (poor households ÷ households) falls below this; NaN: villages are not tested. */
  readonly villageIncidenceBelow: number;
  /** Probability a village meets its collective-income test, by year. */
  readonly villageCollectiveMet: Float64Array;
  /** Unknown parameters drawn once per run (absent or empty: every parameter as given). */
  readonly runDraws?: readonly EngineRunDraw[];
}

/** What a run-level draw replaces (scenario/unknowns.ts UNKNOWN_TARGETS, the same list). */
export const RUN_DRAW_TARGETS = ["success", "upliftCentre", "growth", "pd", "lgd", "villageSuccess", "villageUplift"] as const;
export type RunDrawTarget = (typeof RUN_DRAW_TARGETS)[number];

/**
 * A parameter that is not known, drawn once per run and shared by all households
 * (src/engine/runDraws.ts). The draw replaces, for that run: an effect's success
 * probability or its uplift's centre (lognormal median, normal mean, fixed value) for
 * effect source `source` (programme i, or P + pool j); a village programme's success
 * probability or uplift centre (`source` = programme i); a pool's PD in every year or its LGD
 * (`source` = pool j); the income growth in every year (`source` −1).
 */
export interface EngineRunDraw {
  readonly target: RunDrawTarget;
  readonly source: number;
  /** The scenario path it replaces; its hash addresses the draw, so the same path draws the same value in every variant (common random numbers). */
  readonly path: string;
  readonly dist: EngineDist;
  /** Draws are clamped to [min, max] (the scenario checks the distribution fits; the clamp only guards the far tails). */
  readonly min: number;
  readonly max: number;
}

/** Most programmes (plus pools) the kernel tracks per household (served bit mask is 32 bits). */
export const MAX_PROGRAMMES = 31;

const filled = (n: number, v: number): Float64Array => new Float64Array(n).fill(v);

/** Eligibility that admits every household. */
export const ANY_ELIGIBLE: EngineEligibility = Object.freeze({ segmentMask: (1 << SEGMENTS.length) - 1, flagsAll: 0, causeMask: 0, labour: "any" });

/** A minimal model: flat line, no shocks, no programmes or pools (build on it with spreads). */
export function baseEngineModel(years: readonly number[], line = 3300): EngineModel {
  const Y = years.length;
  return {
    years,
    line: filled(SEGMENTS.length * Y, line),
    exitLine: filled(SEGMENTS.length * Y, line),
    relapseMargin: 0,
    guarantees: 0,
    inflow: false,
    twoYearExit: false,
    floorStandard: filled(SEGMENTS.length * Y, line),
    growth: filled(Y, 0),
    baseIncomeSigma: 0,
    commonSigma: 0,
    idioSigma: 0,
    idioPersistence: 0,
    villageShare: 0,
    trendSigma: 0,
    transitorySigma: 0,
    cohortLogMean: new Float64Array(0),
    cohortLogSd: new Float64Array(0),
    illnessProbability: filled(Y, 0),
    illnessLoss: filled(Y, 0),
    illnessReimbursement: filled(Y, 0),
    disasterProbability: filled(Y, 0),
    disasterVillageShare: 0,
    disasterLoss: 0,
    programmes: [],
    pools: [],
    exitTarget: filled(Y, Number.NaN),
    villageTarget: filled(Y, Number.NaN),
    villageIncidenceBelow: Number.NaN,
    villageCollectiveMet: filled(Y, 1),
  };
}

/** A programme with no capacity, no cost and no effect (build on it with spreads). */
export function blankProgramme(id: string, Y: number, behaviour: EngineBehaviour = "effect"): EngineProgramme {
  return {
    id,
    behaviour,
    unit: "household",
    capacity: filled(Y, 0),
    unitCost: filled(Y, 0),
    recurringYears: 1,
    eligibility: ANY_ELIGIBLE,
    targeting: "poorest",
    effect: null,
    followUp: new Float64Array(0),
    illnessCover: 0,
    fixedSpend: filled(Y, 0),
    provides: BEHAVIOUR_PROVIDES[behaviour] ?? 0,
  };
}

/** What a programme of each behaviour provides unless it says otherwise (bits over GUARANTEES). */
const BEHAVIOUR_PROVIDES: Partial<Record<EngineBehaviour, number>> = {
  housing: 1 << GUARANTEES.indexOf("safeHousing"),
  health: 1 << GUARANTEES.indexOf("medicalCover"),
};


