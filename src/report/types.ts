/**
 * What a report is made of, independent of how it was computed: headline facts for
 * the plain-language summary, chart inputs, ledger tables, checks and the manifest.
 * `assemble.ts` fills it from a Ledger and a Summary (pipeline/report.ts runs the stages); tests fill it by hand.
 */
import type { Lang } from "../messages/lang.js";
import type { ChartData } from "../charts/registry.js";
import type { SpendingRow } from "../results/reconcile.js";
import type { Label, Ledger } from "../ledger/types.js";
import type { Summary } from "../results/summarize.js";
import type { LendingFacts } from "../results/lending.js";
import type { DynamicsFacts } from "../results/dynamics.js";
import type { FundingRisk } from "../results/funding.js";
import type { Block } from "../render/html.js";

/** A number with its 90% interval over runs. */
export interface Spread {
  readonly mean: number;
  readonly q05: number;
  readonly q95: number;
}

export interface ReportFacts {
  readonly runs: number;
  /** True when a household register was simulated as given (no synthetic population draw). */
  readonly register?: boolean;
  /** True when households' hidden income levels and trends are drawn per run (manifest `uncertainty.incomeDraws`). */
  readonly incomeDraws?: boolean;
  /** True when the synthetic population was redrawn in every run (manifest `uncertainty.populationRedrawn`). */
  readonly populationRedrawn?: boolean;
  /** How many parameters are drawn once per run (manifest `uncertainty.unknowns`). */
  readonly unknowns?: number;
  /** Unknowns a variant or --set fixed at a value (not drawn), as "path = value". */
  readonly fixedUnknowns?: readonly string[];
  readonly seed: string | number;
  /** Cumulative exit target and simulated outcome per target year. */
  readonly targets: readonly { readonly year: number; readonly target: number; readonly probability: number; readonly median: number; readonly q05: number; readonly q95: number }[];
  /** Probability that every year's target is met, with its standard error. */
  readonly allTargets?: { readonly probability: number; readonly se: number };
  /** The last village-exit target: villages by year, share of runs reaching it, median villages exited. */
  readonly villages?: { readonly year: number; readonly target: number; readonly probability: number; readonly median: number };
  readonly pool?: {
    readonly fund: number;
    readonly depletionProbability: number;
    readonly meanLoss: number;
    readonly var99: number;
    /** New lending over the horizon (mean, yuan), the ledger's plan, and the share of runs in which lending was suspended in some year. */
    readonly lending?: LendingFacts & { readonly span: string };
  };
  /**
   * Who enters, leaves and falls back: the registered poor's and the truly poor's exit
   * rates and newly registered people per year, relapse of exiters within 3 (and 5) years.
   */
  readonly dynamics?: DynamicsFacts;
  /** The pools' run-off after the horizon, as a sentence in the report's language. */
  readonly runOff?: string;
  /** How often the plan's uses exceed its sources in the runs (uncertain sources drawn per run). */
  readonly funding?: FundingRisk;
  /** Relocation follow-up money in the horizon by delivery (yuan). */
  readonly followUpDelivery?: { readonly project: number; readonly cash: number };
  /** Lines the scenario declares without an effect, as "label (reason)" in the report's language. */
  readonly noEffect?: string;
  /** Programmes (ids) with no modelled effect on any household. */
  readonly inertProgrammes?: readonly { readonly id: string; readonly label?: Label }[];
  readonly fiscalCost: Spread;
  readonly interestSubsidy?: number;
  /** The ledger's and the runs' interest subsidy over the horizon, when the runs' falls short (present/resultsText.ts subsidyGap). */
  readonly subsidyGap?: { readonly budgeted: number; readonly simulated: number };
  /** Expected fiscal cost per person exited (yuan), if any exits. */
  readonly costPerExit?: number;
  /**
   * Share of the headline outcome's variance that redrawing the synthetic population adds
   * (with its bootstrap interval), from the decomposition; absent without one or with a register.
   */
  readonly populationShare?: { readonly year: number; readonly share: number; readonly lo: number; readonly hi: number };
  /** Budget lines spent as budgeted and the largest gaps, as a sentence in the report's language. */
  readonly spending?: { readonly text: string; readonly tone?: "good" | "warn" };
}

/** A ledger table already formatted for display (strings), with numeric columns flagged. */
export interface DisplayTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly numeric: readonly boolean[];
  readonly totalRow?: boolean;
}

export interface ReportCheck {
  readonly severity: "info" | "warning" | "error";
  readonly message: string;
}

export interface ReportInput {
  readonly lang: Lang;
  readonly name: string;
  readonly years: readonly number[];
  readonly facts: ReportFacts;
  readonly charts: ChartData;
  readonly tables: readonly DisplayTable[];
  /** Budgeted against simulated spending, written as spending.csv beside the page. */
  readonly spending?: readonly SpendingRow[];
  /** Where the uncertainty comes from (pipeline/decompose.ts): a table and the note under it. */
  readonly uncertainty?: { readonly heading: string; readonly table: DisplayTable; readonly note: string };
  /** "What matters and what to change" (report --what-matters): the section's blocks. */
  readonly whatMatters?: readonly Block[];
  /** Variants compared with the baseline: what changes and the paired differences. */
  readonly variantTable?: DisplayTable;
  /** What each compared variant changes: [name, label — description]. */
  readonly variantNotes?: readonly (readonly [string, string])[];
  readonly checks: readonly ReportCheck[];
  /** Provenance shown in the report (display names → values). */
  readonly manifest: Readonly<Record<string, unknown>>;
  /** Provenance written to manifest.json as is (defaults to `manifest`). */
  readonly manifestFile?: unknown;
  readonly version: string;
  /** What report.xlsx needs beyond the page (report/workbook.ts): the exact ledger, the summary, the scenario's file, id and hash. */
  readonly workbook?: { readonly ledger: Ledger; readonly summary: Summary; readonly scenario: { readonly file: string; readonly id: string; readonly hash: string } };
}
