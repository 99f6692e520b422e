/**
 * The scenario file format (version 1), as one zod schema. Types are derived from it
 * (`ScenarioInput` = what is written, `ParsedScenario` = after parsing, numbers wrapped
 * in NumRef); the JSON Schema for editors is generated from it (jsonSchema.ts).
 *
 * Every number accepts the forms documented in num.ts (plain, expression, dated, with
 * `source:` or `assumption:`).
 */
import { z } from "zod";
import { count, money, share, rate, ratio, real, num, BOUNDS } from "./num.js";
import { distSchema } from "./dist.js";
import {
  SEGMENTS,
  CAUSES,
  FLAG_NAMES,
  GUARANTEES,
  PROGRAMME_KINDS,
  LEVELS,
  COST_UNITS,
  TARGETING, ENROLMENT,
  EFFECT_MODES,
  LABOUR_RULES,
  AMORTISATION,
} from "./vocab.js";
import type { FundingRuleKind } from "./vocab.js";

export const FORMAT_VERSION = 1 as const;

const ID = /^[a-z][a-zA-Z0-9_-]*$/;
const id = () =>
  z.string().regex(ID, { message: "an id: a lower-case letter, then letters, digits, '-' or '_' (e.g. industry-support)" });
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Text in one language or both. */
export const textSchema = z
  .union([z.string().min(1), z.strictObject({ en: z.string().min(1), zh: z.string().min(1) })])
  .describe("text, or {en: …, zh: …}");

const year = () => z.number().int().min(1900).max(2200);
const cite = { source: z.string().min(1).optional(), assumption: z.string().min(1).optional(), note: z.string().optional() };
const segmentList = z.array(z.enum(SEGMENTS)).min(1);

const metaSchema = z.strictObject({
  id: id(),
  name: textSchema,
  jurisdiction: textSchema,
  description: textSchema.optional(),
  years: z.strictObject({ start: year(), end: year() }).describe("Simulation horizon, both years included."),
  currency: z.literal("CNY").default("CNY"),
  language: z.enum(["en", "zh"]).default("zh"),
  documents: z
    .array(z.strictObject({ id: id(), title: textSchema, file: z.string().optional(), date: z.string().optional() }))
    .optional()
    .describe("Source documents that `source:` fields cite."),
});

const cohortSchema = z.strictObject({
  id: id(),
  label: textSchema.optional(),
  segment: z.enum(SEGMENTS),
  households: count({ dated: false }),
  people: count({ dated: false }),
  labourShare: share({ dated: false }).describe("Share of households with labour capacity."),
  income: distSchema.describe("Per-capita annual income at the start of the horizon, yuan."),
  flags: z.partialRecord(z.enum(FLAG_NAMES), share({ dated: false })).optional().describe("Share of households with each flag."),
  causes: z.partialRecord(z.enum(CAUSES), share({ dated: false })).optional().describe("Share of households by main cause; the rest is 'other'."),
  villages: count({ dated: false, max: BOUNDS.villages }).optional().describe("Number of villages the cohort lives in (default: all villages)."),
  registered: z
    .boolean()
    .default(true)
    .describe(
      "true (default): registered poor (建档立卡) at the start. false: near-poor (边缘户) households, not registered at the start; the yearly verification registers one found below the line (poverty.verification.inflow).",
    ),
  ...cite,
});

const populationSchema = z.strictObject({
  villages: z
    .strictObject({
      count: count({ dated: false, max: BOUNDS.villages }).describe("Villages the population lives in."),
      poor: count({ dated: false, max: BOUNDS.villages }).optional().describe("Of which registered poor villages."),
    })
    .optional(),
  cohorts: z.array(cohortSchema).min(1),
});

const segmentLineSchema = z.strictObject({
  line: money().optional(),
  exitLine: money().optional(),
  ...cite,
});

const guaranteeList = z
  .array(z.enum(GUARANTEES))
  .describe("Guarantees of 两不愁三保障: safeHousing (unsafeHousing flag), medicalCover (uninsured), schooling (outOfSchool), safeWater (unsafeWater).");

const verificationSchema = z.strictObject({
  inflow: z
    .boolean()
    .default(true)
    .describe("true (default): a household not registered (near-poor, or exited) found below the line at the yearly verification is registered. false: only the households registered at the start are ever registered."),
  twoYearExit: z
    .boolean()
    .default(false)
    .describe("true: an exit needs income at or above the exit line at two consecutive verifications. Default false (one)."),
  guarantees: guaranteeList
    .default([])
    .describe("Guarantees an exit requires besides income: a household whose flag still blocks one stays registered. Default [] (none; requireSafeHousing: true adds safeHousing)."),
  ...cite,
});

const povertySchema = z.strictObject({
  line: money().describe("Poverty line, per-capita yuan a year (absolute, by year, or an expression for a relative line)."),
  exitLine: money().optional().describe("Income a household must reach to exit (default: the line)."),
  bySegment: z.partialRecord(z.enum(SEGMENTS), segmentLineSchema).optional(),
  relapseMargin: share({ dated: false }).optional().describe("An exited household relapses when income < line × (1 − margin). Default 0."),
  requireSafeHousing: z
    .boolean()
    .default(false)
    .describe("Exit also needs safe housing (unsafe-housing flag cleared). Same as listing safeHousing in verification.guarantees."),
  verification: verificationSchema
    .optional()
    .describe("The yearly verification (一年一核查): who is newly registered and what an exit needs. Absent: inflow on, one-year exit, no guarantee required."),
  villageExit: z
    .strictObject({
      incidenceBelow: share({ dated: false }).describe("A village exits when its poverty incidence falls below this share."),
      collectiveIncome: money().optional().describe("Village collective income required (yuan a year)."),
      collectiveIncomeMetShare: share().optional().describe("Share of villages meeting the collective-income test."),
      ...cite,
    })
    .optional(),
  ...cite,
});

const incomeSchema = z.strictObject({
  growth: rate({ min: BOUNDS.growth[0], max: BOUNDS.growth[1] }).describe("Trend growth of per-capita income per year (0.05 = 5%)."),
  trend: z
    .strictObject({
      sigma: ratio({ dated: false, max: BOUNDS.trendSigma }).describe("σ_g: standard deviation of a household's own trend around `growth`, log points a year (0.02 = ±2 % a year at one sigma)."),
      ...cite,
    })
    .optional()
    .describe("Household-specific trend (heterogeneous growth). Absent: every household grows at `growth`."),
  transitory: z
    .strictObject({
      sigma: ratio({ dated: false, max: BOUNDS.logSigma }).describe("σ_e: standard deviation of the transitory log-income shock, iid every year including the registration year."),
      ...cite,
    })
    .optional()
    .describe(
      "Transitory shock: the starting incomes are observations that include it, so part of a low observed income is luck and regresses to the mean. Absent: σ_e = 0.",
    ),
  commonShock: z.strictObject({ sigma: ratio({ dated: false, max: BOUNDS.logSigma }), ...cite }).describe("Log-normal shock shared by all households in a run-year."),
  idiosyncratic: z.strictObject({
    sigma: ratio({ dated: false, max: BOUNDS.logSigma }),
    persistence: share({ dated: false })
      .optional()
      .describe("ρ, AR(1) coefficient of the persistent component, 0 to 1 (1 = a random walk, a unit root); 0 or absent = not accumulated."),
    villageShare: share({ dated: false })
      .optional()
      .describe("Share of the persistent innovation's variance common to the households of a village (0 to 1). Default 0."),
    ...cite,
  }),
  illness: z
    .strictObject({
      probability: share(),
      loss: share({ max: BOUNDS.loss }).describe("Share of the year's income lost."),
      insuranceReimbursement: share().optional().describe("Share of the loss reimbursed by insurance (before any health programme)."),
      ...cite,
    })
    .optional(),
  disaster: z
    .strictObject({
      probability: share().describe("Probability of a disaster in a run-year."),
      villageShare: share({ dated: false }).describe("Share of villages hit when it happens."),
      loss: share({ dated: false, max: BOUNDS.loss }).describe("Share of the year's income lost in a hit village."),
      ...cite,
    })
    .optional(),
});

const fundingRuleSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("fixed"), amount: money().describe("Yuan a year; dated values apply to the years given only.") }),
  z.strictObject({ kind: z.literal("transfer"), from: z.enum(LEVELS), amount: money() }),
  z.strictObject({
    kind: z.literal("revenueShare"),
    share: share().describe("Share of the year's increase in local fiscal revenue (≥ 0.2 in Anqing's designated counties)."),
    revenueIncrease: real().describe("Increase in local fiscal revenue over the previous year, yuan (negative: no contribution)."),
  }),
  z.strictObject({
    kind: z.literal("perUnit"),
    units: count().describe("Contributing units (e.g. 66 dispatching units)."),
    amountPerUnit: money().describe("Yuan per unit per year."),
  }),
  z.strictObject({
    kind: z.literal("gapShare"),
    weight: ratio({ dated: false }).describe("Weight in sharing the per-person target gap (e.g. share of last year's fund income)."),
  }),
]);

// The schema's rules are the vocabulary's, no more and no fewer (a rule added to one only fails to compile).
type SchemaRuleKind = z.infer<typeof fundingRuleSchema>["kind"];
const sameRuleKinds: [SchemaRuleKind] extends [FundingRuleKind] ? ([FundingRuleKind] extends [SchemaRuleKind] ? true : never) : never = true;
void sameRuleKinds;

const sourceSchema = z.strictObject({
  id: id(),
  label: textSchema.optional(),
  level: z.enum(LEVELS).optional(),
  rule: fundingRuleSchema,
  uncertainty: distSchema
    .optional()
    .describe(
      "A factor on this source's amounts, drawn once per run and shared by its years (e.g. {dist: lognormal, median: 1, sigma: 0.15} for a revenue increase or a transfer not yet promised). The ledger shows the planned amounts; the simulation reports how often the plan's uses exceed its sources.",
    ),
  ...cite,
});

const perPersonTargetSchema = z.strictObject({
  amountPerPerson: money({ dated: false }).describe("Investment per person over the period (≥ 20,000 in Jiangmen)."),
  people: count({ dated: false }),
  fund: id().describe("The source that provides the named fund's part."),
  phasing: share().optional().describe("Share of the required total falling in each year (dated; default: even over the horizon)."),
  ...cite,
});

const fundingSchema = z.strictObject({
  carryForward: z.boolean().default(true).describe("Unspent balance carries into the next year."),
  sources: z.array(sourceSchema).min(1),
  perPersonTarget: perPersonTargetSchema.optional(),
});

const eligibilitySchema = z.strictObject({
  segments: segmentList.optional(),
  flags: z.array(z.enum(FLAG_NAMES)).min(1).optional().describe("Household must have all of these flags."),
  causes: z.array(z.enum(CAUSES)).min(1).optional(),
  labour: z.enum(LABOUR_RULES).default("any"),
});

const effectSchema = z.strictObject({
  successProbability: share({ dated: false }),
  uplift: distSchema.describe("Multiplicative factor on income, or yuan per person added (mode additive)."),
  mode: z.enum(EFFECT_MODES).default("multiplicative"),
  lagYears: count({ dated: false, max: BOUNDS.scheduleYears }).optional().describe("Years between support and effect (default 0)."),
  decay: share({ dated: false }).optional().describe("Share of the effect lost each year after it starts (default 0)."),
  ...cite,
});

/**
 * A village-level mechanism (model.md "Programmes": village infrastructure and collective
 * economy): the villages a programme serves (its unit cost is per village) get, after a lag,
 * an uncertain income uplift for every household living there, and optionally meet the
 * collective-income test of the village exit.
 */
const villageEffectSchema = z.strictObject({
  successProbability: share({ dated: false }).optional().describe("Probability the investment raises incomes in a served village (default 1)."),
  uplift: distSchema.describe("Multiplicative factor on the income of every household in a served village, drawn per village."),
  lagYears: count({ dated: false, max: BOUNDS.scheduleYears }).optional().describe("Years between the investment and its effect (default 1)."),
  decay: share({ dated: false }).optional().describe("Share of the effect lost each year after it starts (default 0)."),
  collectiveIncome: z.boolean().optional().describe("true: a served village meets the collective-income test of the village exit from the year the effect starts."),
  ...cite,
});

/** An explicit "no household or village effect": the line's money is counted, with the reason it changes nobody's income or risk. */
const noEffectSchema = z.strictObject({ none: textSchema.describe("Why the line has no modelled effect (e.g. administration, monitoring).") });

const unitCostSchema = z.strictObject({
  amount: money().describe("Yuan per unit (per year when recurring)."),
  per: z.enum(COST_UNITS),
  recurringYears: count({ dated: false, min: 1, max: BOUNDS.scheduleYears }).optional().describe("Paid each year for this many years from the year of support; absent: one-off."),
  ...cite,
});

const scheduleSchema = z.strictObject({
  id: id(),
  label: textSchema.optional(),
  unit: z.enum(COST_UNITS),
  amountPerUnitYear: money().describe("Yuan per unit per year (e.g. 2000 per person, or '200 * wheatPrice' per mu)."),
  years: count({ dated: false, min: 1, max: BOUNDS.scheduleYears }).describe("Number of years each cohort is paid, starting in its year."),
  delivery: z
    .enum(["cash", "project"])
    .optional()
    .describe(
      "cash (default): paid to the households of the cohort as income (a living allowance, a land-transfer subsidy); project: money for projects whose effect is the programme's effect (follow-up industry funds) — spent, not added to income.",
    ),
  cohorts: z
    .array(z.strictObject({ year: year(), units: count({ dated: false }), label: textSchema.optional(), ...cite }))
    .min(1)
    .max(BOUNDS.scheduleCohorts),
  ...cite,
});

const programmeSchema = z.strictObject({
  id: id(),
  kind: z.enum(PROGRAMME_KINDS),
  label: textSchema.optional(),
  allocation: money().optional().describe("Money allocated per year (dated: the years given). Absent: unit cost × units."),
  units: count().optional().describe("Planned units per year (households, people, students …)."),
  unitCost: unitCostSchema.optional(),
  capacity: count().optional().describe("Explicit cap on units served per year."),
  fundedBy: z.array(id()).min(1).optional().describe("Sources paying for it (default: the common budget)."),
  eligibility: eligibilitySchema.optional(),
  targeting: z.enum(TARGETING).default("poorest"),
  enrolment: z
    .enum(ENROLMENT)
    .default("once")
    .describe(
      "once: a household is served at most once (grants, training, housing); yearly: each year's capacity is served anew among all eligible households, served before or out of poverty (premiums or per-student subsidies paid every year). An effect applies on the first service only.",
    ),
  effect: z.union([effectSchema, noEffectSchema]).optional(),
  villageEffect: villageEffectSchema.optional(),
  delivery: z
    .enum(["cash", "project"])
    .optional()
    .describe(
      "cash: each unit's cost is paid to its household as income in the year served (per-student aid lowers the household's spending); project: the money buys the programme's effect. Default: cash for education with a unit cost per student, household or person paid in the year served, else project.",
    ),
  cover: share({ dated: false })
    .optional()
    .describe("health: share of the illness loss left after the baseline reimbursement that is reimbursed for the households served; insurance: share of a disaster loss reimbursed for the households insured."),
  schedules: z.array(scheduleSchema).optional().describe("Multi-year payment schedules by cohort (relocation follow-up, land subsidy)."),
  pool: id().optional().describe("For credit programmes: the risk-compensation pool it lends through."),
  standard: money()
    .optional()
    .describe(
      "For floor programmes: the floor standard, per-person yuan a year (dated like other amounts), that eligible households are topped up to. Absent: the exit line (两线合一).",
    ),
  phaseIn: z
    .strictObject({
      from: year().describe("First year in which some villages' floor pays the full standard."),
      to: year().describe("Year by which every village's does (villages in equal shares from `from` to `to`)."),
      before: share({ dated: false }).describe("Share of the standard a village's floor pays before its year (e.g. 0.85)."),
      ...cite,
    })
    .optional()
    .describe(
      "For floor programmes: the standard is reached village by village (county by county), not everywhere at once — villages in equal shares from `from` to `to`, each paying `before` × the standard until its year.",
    ),
  coverage: share()
    .optional()
    .describe(
      "For floor programmes: the share of villages where the floor pays, by year (villages reached in a fixed order and kept: the share may not fall). Absent: every village (or phaseIn). E.g. a monitoring floor that starts in some villages in 2019: {2016: 0, 2019: 0.6, 2020: 1} (a gap carries the latest value forward).",
    ),
  reach: z
    .enum(["registered", "everyone"])
    .optional()
    .describe(
      "For floor programmes: registered (default) tops up registered households (poor or exited); everyone also tops up households not registered, in the year their income falls below the standard — they are helped without being registered (防返贫 monitoring: 边缘户 supported when found).",
    ),
  provides: guaranteeList
    .optional()
    .describe(
      "Guarantees the programme gives the households it serves (their blocking flag is cleared). Default: housing → [safeHousing], health → [medicalCover], education → [schooling], others [].",
    ),
  serveAgain: z
    .boolean()
    .optional()
    .describe("true: a household that relapses after an exit can be served by this programme again. Default false (at most once per run; yearly enrolment is unaffected)."),
  ...cite,
});

const poolSchema = z.strictObject({
  id: id(),
  label: textSchema.optional(),
  fund: money().describe("Deposits into the risk-compensation fund by year (yuan)."),
  leverage: ratio({ dated: false, max: BOUNDS.leverage }).describe("Loans allowed per yuan of fund (10 in Linghai)."),
  plannedLending: money().describe("New lending planned per year (yuan)."),
  existingLoans: z
    .strictObject({
      outstanding: money({ dated: false }).describe("Loans already outstanding at the start of the horizon (yuan), at the pool's loan size."),
      remainingYears: count({ dated: false, min: 1, max: BOUNDS.loanTermYears }).describe("Years they still run (at most the loan term)."),
      ...cite,
    })
    .optional()
    .describe("The loan book at the start: it counts against capacity, can default and draws interest subsidy like new loans (its borrowers are not among the households the model serves)."),
  loan: z.strictObject({
    size: money({ dated: false, min: 1 }).describe("Average loan, yuan (≤ 50,000 for household micro-credit)."),
    termYears: count({ dated: false, min: 1, max: BOUNDS.loanTermYears }),
    rate: rate({ min: 0, max: BOUNDS.loanRate }).describe("Interest rate a year (benchmark)."),
    subsidyShare: share().describe("Share of interest paid by the treasury."),
    amortisation: z.enum(AMORTISATION).default("bullet"),
    householdsPerLoan: ratio({ dated: false }).optional().describe("Poor households carried per loan (1 for household loans; more for enterprises)."),
    ...cite,
  }),
  pd: share().describe("Probability of default per loan-year."),
  correlation: share({ dated: false }).describe("Asset correlation ρ of the one-factor model."),
  lgd: share({ dated: false }).describe("Loss given default."),
  poolLossShare: share({ dated: false }).describe("Share of each loss the pool pays (the bank bears the rest)."),
  shockLink: num({ kind: "real", dated: false, min: -1, max: 1 }).optional().describe("Correlation between the credit factor and the common income shock (−1..1)."),
  ownShockRisk: ratio({ dated: false, min: 1, max: 100 })
    .optional()
    .describe(
      "How many times more often a loan defaults when its borrower household falls ill or its village is hit by a disaster that year (≥ 1; default 1: no link). The pool's PD stays the average over borrowers hit and not hit.",
    ),
  suspension: z
    .strictObject({ nplThreshold: share({ dated: false }).describe("Stop new lending when the non-performing ratio exceeds this."), ...cite })
    .optional(),
  topUp: z
    .strictObject({
      maxPerYear: money().describe("Largest yearly top-up the budget will pay to restore the fund."),
      restoreTo: share({ dated: false }).optional().describe("Top up to this share of the deposits (default 1)."),
      ...cite,
    })
    .optional(),
  eligibility: eligibilitySchema.optional(),
  effect: effectSchema.optional().describe("Income effect on borrowing households."),
  ...cite,
});

const unknownSchema = z.strictObject({
  parameter: z
    .string()
    .min(1)
    .describe("Path of the value that is not known, e.g. programmes.industry.effect.successProbability, creditPools.pool.pd, income.growth."),
  draw: distSchema.describe("Its distribution: one draw per run, shared by all households (so it does not average out)."),
  scope: z.enum(["run"]).default("run").describe("run: drawn once per run. (Household-level variation is the field's own distribution, e.g. effect.uplift.)"),
  label: textSchema.optional(),
  ...cite,
});

const targetsSchema = z.strictObject({
  exits: count().optional().describe("People to exit poverty in each year (increments, by year)."),
  villages: count().optional().describe("Villages to exit in each year (increments, by year)."),
  ...cite,
});

/**
 * A parameter `fundsim calibrate` may move: a --set path holding one number, its prior range
 * and why (in the scenario's `calibration.free`, or in a targets file's `free`).
 */
export const freeParameterSchema = z
  .strictObject({
    parameter: z.string().min(1).describe("A --set path of the scenario that holds one number (list items by id), e.g. income.growth."),
    min: z.number().describe("Lower end of the prior range."),
    max: z.number().describe("Upper end of the prior range."),
    label: textSchema.optional(),
    ...cite,
  })
  .refine((f) => f.source !== undefined || f.assumption !== undefined, { message: "a source: or an assumption: saying why this range", path: ["assumption"] });

export const variantSchema = z.strictObject({
  id: id(),
  label: textSchema.optional(),
  description: textSchema.optional(),
  set: z
    .record(z.string().min(1), z.unknown())
    .describe("Overlay: path → value, e.g. {'programmes.industry.allocation': 5000000}. Array items are addressed by id."),
});

const simulationSchema = z.strictObject({
  runs: z.number().int().min(1).max(1_000_000).default(1000),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  households: z.number().int().min(1).max(100_000_000).optional().describe("Scale the synthetic population to this many households (benchmarks)."),
});

/** The whole scenario. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    fundsim: z.literal(FORMAT_VERSION).describe("Scenario format version."),
    meta: metaSchema,
    values: z
      .record(z.string().regex(NAME, { message: "a name: letters, digits and '_' (e.g. wheatPrice)" }), real())
      .optional()
      .describe("Named values that expressions may use."),
    population: populationSchema,
    poverty: povertySchema,
    income: incomeSchema,
    funding: fundingSchema,
    programmes: z.array(programmeSchema).default([]),
    creditPools: z.array(poolSchema).default([]),
    targets: targetsSchema.default({}),
    unknowns: z
      .array(unknownSchema)
      .max(64)
      .default([])
      .describe("Parameters that are not known, each drawn once per run (effect sizes, success probabilities, growth, PD, LGD)."),
    variants: z.array(variantSchema).default([]),
    calibration: z
      .strictObject({ free: z.array(freeParameterSchema).min(1).max(8) })
      .optional()
      .describe("What `fundsim calibrate` may fit: the scenario's free parameters with their prior ranges (a targets file can add or override them)."),
    simulation: simulationSchema.default({ runs: 1000, seed: 1 }),
  })
  .describe("A fundsim scenario: a poverty-alleviation plan's money, people, programmes and credit pools.");

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ParsedScenario = z.output<typeof scenarioSchema>;
