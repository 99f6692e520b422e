/**
 * The budget ledger: plain data with exact Decimal amounts (yuan), one entry per horizon
 * year in every `byYear` array (aligned with `Ledger.years`). It is what the Monte-Carlo
 * engine spends (see `ledgerNumbers` for the float view) and what tables, CSV, JSON and
 * charts show.
 *
 * @example
 * const l = buildLedger(loaded.scenario);
 * l.totals.sources.equals(l.totals.uses.plus(l.totals.unspent)); // always true
 */
import type { Decimal } from "decimal.js";
import type { Localized } from "../messages/lang.js";
import type { FundingRuleKind, Level, ProgrammeKind, CostUnit, Amortisation } from "../scenario/vocab.js";

/** Text as the scenario wrote it: one string, or both languages. */
export type Label = string | Localized;

/** One funding source: its yearly amounts under its rule. */
export interface SourceLine {
  readonly id: string;
  readonly label: Label;
  readonly level: Level | undefined;
  readonly rule: FundingRuleKind;
  readonly byYear: readonly Decimal[];
  readonly total: Decimal;
  /** The scenario's clause or assumption behind the amount, where given. */
  readonly source?: string;
  readonly assumption?: string;
}

/** What kind of spending a use line is. */
export const USE_KINDS = ["allocation", "unitCost", "schedule", "poolDeposit", "interestSubsidy"] as const;
export type UseKind = (typeof USE_KINDS)[number];

/**
 * One line of spending. `programme` names the programme (for pool lines: the credit
 * programme lending through the pool, if any); `pool` the credit pool for pool lines;
 * `schedule` the schedule id for schedule lines (one line per schedule, all cohorts).
 */
export interface UseLine {
  readonly key: string;
  readonly kind: UseKind;
  readonly programme: string | undefined;
  readonly pool: string | undefined;
  readonly schedule: string | undefined;
  readonly label: Label;
  readonly byYear: readonly Decimal[];
  readonly total: Decimal;
  /** Committed after the horizon's last year (recurring costs, schedules, interest subsidy). */
  readonly beyondHorizon: Decimal;
}

/** A programme's money and reach in one year. */
export interface ProgrammeYear {
  readonly year: number;
  /** Money the programme spends this year from its allocation or unit costs (schedules excluded). */
  readonly allocation: Decimal;
  /** Scheduled payments this year (all schedules and cohorts). */
  readonly scheduled: Decimal;
  /** Unit cost × planned units, with recurring costs of earlier years (undefined without both). */
  readonly required: Decimal | undefined;
  /** Units newly supported this year as planned (undefined when the scenario gives none). */
  readonly plannedUnits: Decimal | undefined;
  /** Unit cost in force this year (undefined without a unit cost). */
  readonly unitCost: Decimal | undefined;
  /**
   * Units the programme can serve this year: ⌊allocation ÷ unit cost⌋ (with an allocation),
   * else the planned units, capped by `capacity`; undefined when nothing limits it
   * (demand-driven programmes such as the social-security floor).
   */
  readonly capacity: Decimal | undefined;
}

/** Everything about one programme. */
export interface ProgrammeLedger {
  readonly id: string;
  readonly kind: ProgrammeKind;
  readonly label: Label;
  readonly costUnit: CostUnit | undefined;
  readonly recurringYears: number | undefined;
  readonly fundedBy: readonly string[] | undefined;
  readonly pool: string | undefined;
  readonly byYear: readonly ProgrammeYear[];
  /** Allocation plus scheduled payments over the horizon. */
  readonly total: Decimal;
  readonly beyondHorizon: Decimal;
}

/** One payment of a multi-year schedule: a cohort's amount in one year. */
export interface ScheduleEntry {
  readonly programme: string;
  readonly schedule: string;
  readonly label: Label;
  readonly unit: CostUnit;
  /** The year the cohort starts (relocated, enrolled…). */
  readonly cohortYear: number;
  readonly cohortLabel: Label | undefined;
  readonly units: Decimal;
  readonly amountPerUnitYear: Decimal;
  readonly year: number;
  readonly amount: Decimal;
  readonly beyondHorizon: boolean;
}

/** A credit pool's deposits, capacity, planned lending and expected interest subsidy in one year. */
export interface PoolYear {
  readonly year: number;
  /** Deposited into the fund this year (a use of budget money). */
  readonly deposit: Decimal;
  /** Cumulative deposits to date. */
  readonly fund: Decimal;
  /** fund × leverage. */
  readonly capacity: Decimal;
  /** New loans planned this year. */
  readonly newLending: Decimal;
  /** Planned loans outstanding during the year (start-of-year balance after new lending). */
  readonly outstanding: Decimal;
  /** outstanding × rate × subsidised share. */
  readonly expectedSubsidy: Decimal;
  /** ⌊new lending ÷ loan size⌋. */
  readonly loans: Decimal;
  /** loans × households per loan (default 1). */
  readonly households: Decimal;
  readonly rate: Decimal;
  readonly subsidyShare: Decimal;
}

export interface PoolLedger {
  readonly id: string;
  readonly label: Label;
  readonly leverage: Decimal;
  readonly loanSize: Decimal;
  readonly termYears: number;
  readonly amortisation: Amortisation;
  readonly householdsPerLoan: Decimal;
  /** Credit programmes that lend through this pool. */
  readonly programmes: readonly string[];
  readonly byYear: readonly PoolYear[];
  readonly totalDeposits: Decimal;
  readonly totalLending: Decimal;
  readonly totalSubsidy: Decimal;
  /** The loan book at the start: loans (whole, at the loan size) and the years they still run; absent without one. */
  readonly existing?: { readonly loans: Decimal; readonly outstanding: Decimal; readonly remainingYears: number };
  /** Interest subsidy on planned loans still outstanding after the horizon, by year. */
  readonly subsidyBeyond: readonly { readonly year: number; readonly amount: Decimal }[];
}

/** The per-person investment target and how its gap is shared. */
export interface TargetLedger {
  readonly amountPerPerson: Decimal;
  readonly people: Decimal;
  /** amountPerPerson × people. */
  readonly required: Decimal;
  /** The source named as the fund, and what it provides over the horizon. */
  readonly fundSource: string;
  readonly fundAmount: Decimal;
  /** max(0, required − fund amount). */
  readonly gap: Decimal;
  /** Weight of each year in phasing the gap (normalised to sum to 1). */
  readonly phasing: readonly Decimal[];
  readonly shares: readonly {
    readonly source: string;
    readonly weight: Decimal;
    readonly amount: Decimal;
    readonly byYear: readonly Decimal[];
  }[];
  /** All sources over the horizon (what counts toward the target). */
  readonly invested: Decimal;
  /** invested ÷ people. */
  readonly perPerson: Decimal;
  /** max(0, required − invested). */
  readonly shortfall: Decimal;
  readonly met: boolean;
}

/** Sources and uses in one year; `closing` carries into the next year when carryForward. */
export interface BalanceYear {
  readonly year: number;
  readonly opening: Decimal;
  readonly sources: Decimal;
  readonly uses: Decimal;
  /** sources − uses. */
  readonly net: Decimal;
  /** opening + net: money left (negative: over-committed). */
  readonly closing: Decimal;
  /** Unspent money that does not carry forward (closing when carryForward is off and positive). */
  readonly lapsed: Decimal;
}

export const CHECK_SEVERITIES = ["info", "warning", "error"] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

export const CHECK_CODES = [
  "targetMet",
  "targetMissed",
  "gapUnshared",
  "phasingEmpty",
  "underFunded",
  "overCommitted",
  "fundedByShortfall",
  "lendingAboveCapacity",
  "lendingWithinCapacity",
  "scheduleBeyondHorizon",
  "recurringBeyondHorizon",
  "subsidyBeyondHorizon",
  "loanAboveHouseholdCeiling",
  "noRevenueIncrease",
  "capacityBelowPlan",
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** A finding about the budget, as data; `message` comes from src/messages/ledger.ts. */
export interface LedgerCheck {
  readonly code: CheckCode;
  readonly severity: CheckSeverity;
  readonly year: number | undefined;
  readonly programme: string | undefined;
  readonly source: string | undefined;
  readonly pool: string | undefined;
  readonly schedule: string | undefined;
  /** The amounts the check is about, by name (yuan, or units where the name says so). */
  readonly amounts: Readonly<Record<string, Decimal>>;
  /** For over-committed years: the uses of that year by programme (largest first). */
  readonly items?: readonly { readonly id: string; readonly amount: Decimal }[];
  readonly message: Localized;
}

export interface LedgerTotals {
  readonly sources: Decimal;
  readonly uses: Decimal;
  /** sources − uses over the horizon = final closing balance (carry forward) or Σ net (no carry). */
  readonly unspent: Decimal;
  /** Payments committed after the horizon (not in `uses`). */
  readonly beyondHorizon: Decimal;
}

export interface Ledger {
  readonly scenario: string;
  readonly name: Label;
  readonly years: readonly number[];
  readonly carryForward: boolean;
  readonly sources: readonly SourceLine[];
  readonly uses: readonly UseLine[];
  readonly programmes: readonly ProgrammeLedger[];
  readonly schedules: readonly ScheduleEntry[];
  readonly pools: readonly PoolLedger[];
  readonly target: TargetLedger | undefined;
  readonly balance: readonly BalanceYear[];
  readonly totals: LedgerTotals;
  readonly checks: readonly LedgerCheck[];
}
