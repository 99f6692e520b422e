/**
 * Summaries of Monte-Carlo results: per metric and year, and over the horizon, the
 * mean, its standard error and the 5/25/50/75/95% quantiles; the probability of
 * meeting the plan's targets per year and overall; the probability that a
 * risk-compensation pool is depleted; expected cost per exit; pool-loss VaR.
 *
 * Every estimate that is an average over runs carries its Monte-Carlo standard error,
 * so readers (and tests) know how precise it is.
 *
 * @example
 * const s = summarize(results, { targets: { exits: [null, null, 2400] } });
 * s.targets?.overall.p        // probability that every target was met in the same run
 * s.pool?.lossVaR99           // 99% quantile of the pool's total loss over the horizon
 */
import { horizonColumn, yearColumn, assertLayout } from "./columns.js";
import { metricKind, type MetricKind } from "./metricKinds.js";
import { defined, describe, probability, quantileSorted, ratioOfMeans, QUANTILE_DEFINITION, type Probability, type Stats } from "./stats.js";
import { TARGET_MEASURE, type RunResults } from "../model/results.js";

/** The plan's targets, cumulative from the start of the horizon, per horizon year (null: no target that year). */
export interface Targets {
  /** People out of poverty at the end of each year, as the plan targets them (compared with TARGET_MEASURE). */
  readonly exits?: readonly (number | null)[];
  /** Cumulative villages to have exited by the end of each year (compared with `villagesExited`). */
  readonly villages?: readonly (number | null)[];
}

export interface SummarizeOptions {
  readonly targets?: Targets;
}

export interface MetricSummary {
  readonly kind: MetricKind;
  /** Statistics per horizon year (same order as `years`). */
  readonly byYear: readonly Stats[];
  /** Statistics of the horizon value (sum of flows, final stock, any/all flag). */
  readonly horizon: Stats;
}

export interface TargetYear {
  readonly year: number;
  readonly exits: number | null;
  readonly villages: number | null;
  /** Probability that this year's targets (exits and villages) are met (null: no target this year). */
  readonly met: Probability | null;
  /** Probability that this year's exit target alone is met (null: none). */
  readonly exitsMet: Probability | null;
  /** Probability that this year's village target alone is met (null: none). */
  readonly villagesMet: Probability | null;
}

export interface TargetSummary {
  /** Where the probabilities come from: the targets given, or the engine's `targetMet` metric. */
  readonly basis: "targets" | "targetMetMetric";
  readonly byYear: readonly TargetYear[];
  /** Probability that every year's targets are met in the same run. */
  readonly overall: Probability;
}

export interface PoolSummary {
  /** Probability that a pool could not cover its losses, per year. */
  readonly depletedByYear: readonly Probability[];
  /** Probability that a pool is depleted in any year of the horizon. */
  readonly depleted: Probability;
  /** Pool loss over the horizon (sum of yearly losses): statistics and value-at-risk. */
  readonly loss: Stats;
  readonly lossVaR95: number;
  readonly lossVaR99: number;
  /** Expected shortfall: mean loss in the runs at or beyond the 99% VaR. */
  readonly lossES99: number;
}

export interface CostPerExit {
  /** Mean horizon fiscal cost ÷ mean people out of poverty at the end of the horizon (ratio of means). */
  readonly value: number;
  /** Delta-method standard error of the ratio. */
  readonly se: number;
  readonly meanCost: number;
  readonly meanExits: number;
}

export interface Summary {
  readonly runs: number;
  readonly years: readonly number[];
  readonly quantileDefinition: string;
  readonly metrics: Readonly<Record<string, MetricSummary>>;
  /** Mean and SE of the headline exit rate (`exitRate`: share of the ever-registered households exited and not relapsed) in the final year. */
  readonly headline: { readonly exitRate: number; readonly se: number } | null;
  readonly targets: TargetSummary | null;
  readonly pool: PoolSummary | null;
  readonly costPerExit: CostPerExit | null;
}

/** Summarise RunResults. Metrics the results do not contain leave their sections null. */
export function summarize(r: RunResults, options: SummarizeOptions = {}): Summary {
  assertLayout(r);
  const metrics: Record<string, MetricSummary> = {};
  for (const name of r.metrics) {
    const byYear = r.years.map((_, y) => describe(yearColumn(r, name, y) ?? new Float64Array(0)));
    metrics[name] = { kind: metricKind(name), byYear, horizon: describe(horizonColumn(r, name) ?? new Float64Array(0)) };
  }
  const last = r.years.length - 1;
  const exitRate = metrics["exitRate"]?.byYear[last];
  return {
    runs: r.runs,
    years: [...r.years],
    quantileDefinition: QUANTILE_DEFINITION,
    metrics,
    headline: exitRate ? { exitRate: exitRate.mean, se: exitRate.se } : null,
    targets: targetSummary(r, options.targets),
    pool: poolSummary(r),
    costPerExit: costPerExit(r),
  };
}

/** Per-run 0/1: is one target met in year y? (undefined when no target or the metric is absent). */
function oneTargetHits(r: RunResults, target: number | null, metric: string, y: number): Float64Array | undefined {
  if (target === null) return undefined;
  const col = yearColumn(r, metric, y);
  if (!col) return undefined;
  return col.map((x) => (Number.isNaN(x) ? Number.NaN : x >= target ? 1 : 0));
}

/** Per-run 0/1: are this year's targets met? (undefined when the year has no target or the metric is absent). */
function targetHits(r: RunResults, t: Targets, y: number): Float64Array | undefined {
  const exitsTarget = t.exits?.[y] ?? null;
  const villagesTarget = t.villages?.[y] ?? null;
  if (exitsTarget === null && villagesTarget === null) return undefined;
  const exits = exitsTarget === null ? undefined : yearColumn(r, TARGET_MEASURE, y);
  const villages = villagesTarget === null ? undefined : yearColumn(r, "villagesExited", y);
  if ((exitsTarget !== null && !exits) || (villagesTarget !== null && !villages)) return undefined;
  const hit = new Float64Array(r.runs);
  for (let run = 0; run < r.runs; run++) {
    const e = exits === undefined || exitsTarget === null || (exits[run] as number) >= exitsTarget;
    const v = villages === undefined || villagesTarget === null || (villages[run] as number) >= villagesTarget;
    hit[run] = e && v ? 1 : 0;
  }
  return hit;
}

/**
 * Per run: how far the plan's targets were reached — the mean over every target the plan
 * sets (people exited and not relapsed, villages exited; each year given) of
 * min(1, achieved ÷ target); 1 exactly in the runs where every target was met. A graded
 * companion of {@link overallTargetHits} for searches that need to tell a near miss from a
 * far one (a mean, not a minimum, so one target out of reach does not hide progress on the
 * others). Undefined when no target is set.
 */
export function targetProgress(r: RunResults, t: Targets): Float64Array | undefined {
  const sum = new Float64Array(r.runs);
  let count = 0;
  const take = (target: number | null, metric: string, y: number): void => {
    if (target === null) return;
    const col = yearColumn(r, metric, y);
    if (!col) return;
    count++;
    for (let run = 0; run < r.runs; run++) {
      const x = col[run] as number;
      const ratio = target > 0 ? Math.min(1, Math.max(0, x / target)) : x >= target ? 1 : 0;
      sum[run] = (sum[run] as number) + (Number.isNaN(ratio) ? 0 : ratio);
    }
  };
  r.years.forEach((_, y) => {
    take(t.exits?.[y] ?? null, TARGET_MEASURE, y);
    take(t.villages?.[y] ?? null, "villagesExited", y);
  });
  return count > 0 ? sum.map((x) => x / count) : undefined;
}

/**
 * Per run: 1 when every year's targets were met in that run. Uses `targets` when they
 * set any, else the engine's `targetMet` metric; undefined when neither is available.
 */
export function overallTargetHits(r: RunResults, targets: Targets | undefined): Float64Array | undefined {
  if (targets) {
    const all = new Float64Array(r.runs).fill(1);
    let any = false;
    r.years.forEach((_, y) => {
      const hit = targetHits(r, targets, y);
      if (!hit) return;
      any = true;
      for (let run = 0; run < r.runs; run++) if (!hit[run]) all[run] = 0;
    });
    if (any) return all;
  }
  return horizonColumn(r, "targetMet");
}

function targetSummary(r: RunResults, targets: Targets | undefined): TargetSummary | null {
  const given = targets && (targets.exits?.some((x) => x !== null) || targets.villages?.some((x) => x !== null));
  if (targets && given) {
    const all = new Float64Array(r.runs).fill(1);
    let any = false;
    const byYear = r.years.map((year, y): TargetYear => {
      const hit = targetHits(r, targets, y);
      if (hit) {
        any = true;
        for (let run = 0; run < r.runs; run++) if (!hit[run]) all[run] = 0;
      }
      const exits = targets.exits?.[y] ?? null;
      const villages = targets.villages?.[y] ?? null;
      const eh = oneTargetHits(r, exits, TARGET_MEASURE, y);
      const vh = oneTargetHits(r, villages, "villagesExited", y);
      return {
        year,
        exits,
        villages,
        met: hit ? probability(hit) : null,
        exitsMet: eh ? probability(eh) : null,
        villagesMet: vh ? probability(vh) : null,
      };
    });
    if (any) return { basis: "targets", byYear, overall: probability(all) };
  }
  if (r.metrics.includes("targetMet")) {
    const byYear = r.years.map((year, y): TargetYear => ({
      year,
      exits: null,
      villages: null,
      met: probability(yearColumn(r, "targetMet", y) ?? new Float64Array(0)),
      exitsMet: null,
      villagesMet: null,
    }));
    return { basis: "targetMetMetric", byYear, overall: probability(horizonColumn(r, "targetMet") ?? new Float64Array(0)) };
  }
  return null;
}

function poolSummary(r: RunResults): PoolSummary | null {
  const loss = horizonColumn(r, "poolLoss");
  const depleted = horizonColumn(r, "poolDepleted");
  if (!loss || !depleted) return null;
  const sorted = defined(loss).sort();
  const var99 = quantileSorted(sorted, 0.99);
  let tail = 0;
  let k = 0;
  for (const x of sorted) {
    if (x >= var99) {
      tail += x;
      k++;
    }
  }
  return {
    depletedByYear: r.years.map((_, y) => probability(yearColumn(r, "poolDepleted", y) ?? new Float64Array(0))),
    depleted: probability(depleted),
    loss: describe(loss),
    lossVaR95: quantileSorted(sorted, 0.95),
    lossVaR99: var99,
    lossES99: k > 0 ? tail / k : Number.NaN,
  };
}

function costPerExit(r: RunResults): CostPerExit | null {
  const cost = horizonColumn(r, "fiscalCost");
  const exits = horizonColumn(r, "exitedPeople");
  if (!cost || !exits) return null;
  const { value, se } = ratioOfMeans(cost, exits);
  const mean = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  return { value, se, meanCost: mean(cost), meanExits: mean(exits) };
}
