/**
 * Raw Monte-Carlo output: runs × years × metrics in one Float64Array.
 *
 * Layout: value(run r, year index y, metric m) = data[(r * years.length + y) * metrics.length + m].
 * Core metrics come first in the fixed order of CORE_METRICS; the per-programme columns
 * follow (`programmeColumns`: `spend:<programmeId>`, `served:<programmeId>` per programme).
 * This file is the engine's output contract: the engine writes it, results read it.
 */

/**
 * Metrics every run reports for every year (model.md "Outputs"). Counts of people unless
 * the name says households; money in yuan (float64 in the engine; the ledger is exact).
 */
export const CORE_METRICS = [
  "poorHouseholds", // registered-poor households at year end (registered and not exited; stock)
  "poorPeople", // people of those households
  "exitRate", // share of ever-registered households exited (and not relapsed) at year end
  "exitedPeople", // people of households exited and not relapsed at year end (stock; TARGET_MEASURE)
  "newExits", // people exited at this year's verification
  "relapses", // people of exited households found below the line this year (re-registered)
  "cumulativeExits", // sum of newExits so far (people); a re-exit after a relapse counts again
  "targetGap", // exit target − exitedPeople (people; ≤ 0 means met; see TARGET_MEASURE)
  "targetMet", // 1 when the year's exit target is met by exitedPeople (see TARGET_MEASURE)
  "villagesExited",
  "programmeSpending", // money spent by programmes this year (allocation actually used)
  "floorTopUps", // demand-driven social-security floor top-ups
  "followUpPayments", // relocation follow-up and land-transfer payments
  "interestSubsidy", // treasury interest subsidy on outstanding subsidised loans
  "fiscalCost", // everything the treasury paid this year, pool top-ups included
  "poolBalance", // risk-compensation pool balance at year end (all pools)
  "poolLoss", // losses charged to the pool this year
  "bankLoss", // losses borne by the bank this year
  "poolTopUps",
  "poolDepleted", // 1 when a pool could not cover its share of losses (before any top-up)
  "loansOutstanding",
  "newLending",
  "defaults", // loans defaulting this year
  "suspended", // 1 when lending was suspended at year end
  "meanIncome", // mean per-capita income of ever-registered households
  "exitedHouseholds", // households exited and not relapsed at year end (stock)
  "unregisteredHouseholds", // households not registered at year end (never registered; stock)
  "newlyRegistered", // people registered at this year's verification (inflow of newly poor; flow)
  "belowLinePeople", // people of every household, registered or not, whose income is below the line (stock)
  "exitHazard", // households exited this year ÷ registered-poor households at the start of the year (the registered poor's one-year exit)
  "poorExitRate", // spell-based: households at or above the line among those below it a year earlier (all households, registered or not; NaN in the first year)
  "newSpellExitRate", // households exited among those that entered registered poverty at the previous verification (newly registered or re-registered): the one-year exit of a new spell (CFPS: 37.2%; NaN when there were none)
  "relapseWithin1", // among households that exited 1 year earlier, the share that relapsed since (NaN in the first year)
  "relapseWithin2", // … 2 years earlier (NaN before the third year)
  "relapseWithin3",
  "relapseWithin4",
  "relapseWithin5",
  // The pools' run-off after the horizon (loans still outstanding at its end run to term, no new
  // lending, the last year's PD, rate and subsidy share): totals in the final year's row, 0 before.
  "poolLossAfter", // losses charged to the pools after the horizon
  "bankLossAfter", // losses borne by the bank after the horizon
  "subsidyAfter", // interest subsidy paid after the horizon
  "poolDepletedAfter", // 1 when a pool could not cover its share of losses after the horizon
] as const;
export type CoreMetric = (typeof CORE_METRICS)[number];

/**
 * Metrics that are NaN in a year where they are not defined (no target that year; no
 * household at risk: a rate with an empty denominator; a relapse horizon before the
 * first exits it could follow). Every other metric is always finite.
 */
export const NAN_WHEN_UNDEFINED: readonly CoreMetric[] = [
  "targetGap", "targetMet", "exitHazard", "poorExitRate", "newSpellExitRate",
  "relapseWithin1", "relapseWithin2", "relapseWithin3", "relapseWithin4", "relapseWithin5",
];

/** Horizons k of the relapseWithin<k> metrics. */
export const RELAPSE_HORIZONS = [1, 2, 3, 4, 5] as const;

/**
 * The measure a plan's people-exit targets are compared with: people of registered
 * households exited at a verification and not relapsed at the end of the year — exited and not relapsed, the
 * stock the plans count (脱贫人口). A household that relapses and exits again counts once;
 * `cumulativeExits` would count it twice (Zhengzhou 2021: 39,267 "exits" from 39,000
 * people), so it is reported as a flow total but never compared with a target.
 */
export const TARGET_MEASURE = "exitedPeople" as const satisfies CoreMetric;

/** Per-programme columns, each a flow within a year: money spent, people served. */
export const PROGRAMME_COLUMNS = ["spend", "served"] as const;
export type ProgrammeColumn = (typeof PROGRAMME_COLUMNS)[number];

/** The name of one per-programme column, e.g. `programmeColumn("spend", "industry")` → "spend:industry". */
export const programmeColumn = (column: ProgrammeColumn, programmeId: string): string => `${column}:${programmeId}`;

/** The per-programme columns of programmes `ids`, in result order (for each programme, PROGRAMME_COLUMNS). */
export function programmeColumns(ids: readonly string[]): string[] {
  return ids.flatMap((id) => PROGRAMME_COLUMNS.map((c) => programmeColumn(c, id)));
}

/** Whether `name` is a per-programme column. */
export const isProgrammeColumn = (name: string): boolean => PROGRAMME_COLUMNS.some((c) => name.startsWith(`${c}:`));

export interface RunResults {
  readonly runs: number;
  readonly years: readonly number[];
  readonly metrics: readonly string[];
  readonly data: Float64Array;
}

/** Index of a metric, or -1. */
export const metricIndex = (r: RunResults, name: string): number => r.metrics.indexOf(name);

/** Read one value. */
export function valueAt(r: RunResults, run: number, yearIndex: number, metric: number): number {
  return r.data[(run * r.years.length + yearIndex) * r.metrics.length + metric] ?? Number.NaN;
}
