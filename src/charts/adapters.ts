/**
 * From simulation results to chart inputs: a Summary (and, where a chart needs each
 * run, the RunResults) become the small interfaces in types.ts. Pure functions; a
 * chart whose metric is missing from the results gets `undefined`.
 *
 * @example
 * const data = resultsChartData(summary, results);   // exits fan, target probability, pool …
 * const spec = buildChart("exits-fan", data["exits-fan"]!, "zh");
 */
import type { Summary } from "../results/summarize.js";
import type { Stats } from "../results/stats.js";
import type { PairedDifferences } from "../results/paired.js";
import { TARGET_MEASURE, type RunResults } from "../model/results.js";
import type { ChartData } from "./registry.js";
import type { PrecisionRecord } from "../results/manifest.js";
import type {
  ConvergenceInput,
  ExitsVsCost,
  FanInput,
  LendingInput,
  LossDistribution,
  PoolInput,
  QuantileBand,
  SubsidyInput,
  TargetProbabilityInput,
  VariantDifferences,
  YearValue,
} from "./types.js";

/** Quantile bands from per-year statistics. */
export function bands(years: readonly number[], stats: readonly Stats[]): QuantileBand[] {
  return years.flatMap((year, i) => {
    const s = stats[i];
    return s && s.n > 0 ? [{ year, q05: s.q05, q25: s.q25, median: s.q50, q75: s.q75, q95: s.q95 }] : [];
  });
}

const byYear = (s: Summary, metric: string): QuantileBand[] | undefined => {
  const m = s.metrics[metric];
  return m ? bands(s.years, m.byYear) : undefined;
};

/** True when a chart would show nothing but zeros (such charts are left out). */
const allZero = (bands: readonly QuantileBand[], ...lines: readonly (readonly YearValue[] | undefined)[]): boolean =>
  bands.every((b) => b.q05 === 0 && b.q95 === 0 && b.median === 0) && lines.every((l) => (l ?? []).every((v) => v.value === 0));

/** People out of poverty at each year end (TARGET_MEASURE) with the plan's exit targets. */
export function exitsFanInput(s: Summary): FanInput | undefined {
  const b = byYear(s, TARGET_MEASURE);
  if (!b) return undefined;
  const targets = (s.targets?.byYear ?? []).flatMap((t) => (t.exits !== null ? [{ year: t.year, value: t.exits }] : []));
  return { bands: b, targets };
}

/**
 * Probability of meeting each year's exit target (people out of poverty, TARGET_MEASURE), and all of them in
 * the same run, counted from the runs. Standard errors are binomial, √(p(1−p)/n).
 * Village targets are not mixed in: this is the people-exit target the chart is titled with.
 */
export function exitTargetProbabilityInput(r: RunResults, targets: readonly YearValue[]): TargetProbabilityInput | undefined {
  const m = r.metrics.indexOf(TARGET_MEASURE);
  const ys = targets.map((t) => ({ ...t, y: r.years.indexOf(t.year) })).filter((t) => t.y >= 0);
  if (m < 0 || ys.length === 0 || r.runs === 0) return undefined;
  const ny = r.years.length;
  const nm = r.metrics.length;
  const hits = new Array<number>(ys.length).fill(0);
  let all = 0;
  for (let run = 0; run < r.runs; run++) {
    let every = true;
    ys.forEach((t, i) => {
      const met = (r.data[(run * ny + t.y) * nm + m] ?? Number.NaN) >= t.value;
      if (met) hits[i] = (hits[i] ?? 0) + 1;
      every &&= met;
    });
    if (every) all++;
  }
  const se = (p: number): number => Math.sqrt((p * (1 - p)) / r.runs);
  const points = ys.map((t, i) => {
    const p = (hits[i] ?? 0) / r.runs;
    return { year: t.year, probability: p, se: se(p) };
  });
  const overall = all / r.runs;
  return { points, overall, overallSe: se(overall) };
}

/** Probability of meeting each year's targets (people and villages together, as the summary counts them) and all of them. */
export function targetProbabilityInput(s: Summary): TargetProbabilityInput | undefined {
  if (!s.targets) return undefined;
  const points = s.targets.byYear.flatMap((t) => (t.met ? [{ year: t.year, probability: t.met.p, se: t.met.se }] : []));
  if (points.length === 0) return undefined;
  return { points, overall: s.targets.overall.p };
}

/** Per year: share of runs in which the pool was depleted in that year or earlier. */
export function cumulativeDepletion(r: RunResults): YearValue[] | undefined {
  const m = r.metrics.indexOf("poolDepleted");
  if (m < 0) return undefined;
  const ny = r.years.length;
  const nm = r.metrics.length;
  const hits = new Array<number>(ny).fill(0);
  for (let run = 0; run < r.runs; run++) {
    let gone = false;
    for (let y = 0; y < ny; y++) {
      gone ||= (r.data[(run * ny + y) * nm + m] ?? 0) > 0;
      if (gone) hits[y] = (hits[y] ?? 0) + 1;
    }
  }
  return r.years.map((year, y) => ({ year, value: r.runs > 0 ? (hits[y] ?? 0) / r.runs : 0 }));
}

/**
 * Pool balance fan with depletion probabilities (cumulative when the runs are given). `fund`
 * is the fund deposited: one amount, or the cumulative deposits per year (see `poolReferences`).
 */
export function poolFanInput(s: Summary, r?: RunResults, fund?: number | readonly YearValue[]): PoolInput | undefined {
  const b = byYear(s, "poolBalance");
  if (!b || !s.pool) return undefined;
  const cumulative = r ? cumulativeDepletion(r) : undefined;
  const depletion = cumulative
    ? cumulative.map((c) => ({ year: c.year, probability: c.value }))
    : s.years.map((year, i) => ({ year, probability: s.pool?.depletedByYear[i]?.p ?? 0 }));
  if (fund === undefined) return { bands: b, depletion };
  return typeof fund === "number" ? { bands: b, depletion, fund } : { bands: b, depletion, deposited: fund };
}

/** Total pool loss per run over the horizon (undefined when no run loses anything: nothing to draw). */
export function poolLossInput(s: Summary, r: RunResults): LossDistribution | undefined {
  const m = r.metrics.indexOf("poolLoss");
  if (m < 0 || !s.pool) return undefined;
  const ny = r.years.length;
  const nm = r.metrics.length;
  const losses: number[] = [];
  for (let run = 0; run < r.runs; run++) {
    let sum = 0;
    for (let y = 0; y < ny; y++) sum += r.data[(run * ny + y) * nm + m] ?? 0;
    losses.push(sum);
  }
  if (losses.every((x) => x === 0)) return undefined;
  return { losses, var95: s.pool.lossVaR95, var99: s.pool.lossVaR99, mean: s.pool.loss.mean };
}

/** Loans outstanding against capacity (and planned lending) from the ledger; undefined when nothing is lent or planned. */
export function lendingInput(s: Summary, capacity: readonly YearValue[], planned?: readonly YearValue[]): LendingInput | undefined {
  const b = byYear(s, "loansOutstanding");
  if (!b || allZero(b, planned)) return undefined;
  const stopped = s.metrics["suspended"]?.byYear;
  const suspended = stopped ? s.years.map((year, y) => ({ year, value: stopped[y]?.mean ?? 0 })) : [];
  return { bands: b, capacity, ...(planned ? { planned } : {}), ...(suspended.some((x) => x.value > 0) ? { suspended } : {}) };
}

/** Interest subsidy per year against the ledger's expected amount; undefined when both are zero throughout. */
export function subsidyInput(s: Summary, expected?: readonly YearValue[]): SubsidyInput | undefined {
  const b = byYear(s, "interestSubsidy");
  if (!b || allZero(b, expected)) return undefined;
  return { bands: b, ...(expected ? { expected } : {}) };
}

/** The convergence of a --precision run from its record (manifest `precision`); undefined without batches. */
export function convergenceInput(precision: PrecisionRecord | null | undefined): ConvergenceInput | undefined {
  const h = precision?.history;
  if (!precision || !h || h.length === 0) return undefined;
  const m = precision.metric ?? "exitRate";
  const metric = m === "exitedPeople" || m === "pTarget" || m === "poolLoss99" ? m : "exitRate";
  return { metric, target: precision.target, points: h.filter((p) => Number.isFinite(p.estimate) && Number.isFinite(p.se)) };
}

/** Charts that need only the results (pool charts only when the results have a pool; convergence with a --precision record). */
export function resultsChartData(s: Summary, r?: RunResults, options: { readonly pool?: boolean; readonly precision?: PrecisionRecord | null } = {}): ChartData {
  const withPool = options.pool ?? (s.pool !== null && (s.metrics["poolBalance"]?.horizon.max ?? 0) > 0);
  const data: { -readonly [K in keyof ChartData]: ChartData[K] } = {};
  const fan = exitsFanInput(s);
  if (fan) data["exits-fan"] = fan;
  const exitTargets = (s.targets?.byYear ?? []).flatMap((t) => (t.exits !== null ? [{ year: t.year, value: t.exits }] : []));
  const tp = (r ? exitTargetProbabilityInput(r, exitTargets) : undefined) ?? targetProbabilityInput(s);
  if (tp) data["target-probability"] = tp;
  const conv = convergenceInput(options.precision);
  if (conv && conv.points.length > 0) data.convergence = conv;
  if (withPool) {
    const pool = poolFanInput(s, r);
    if (pool) data["pool-fan"] = pool;
    const loss = r ? poolLossInput(s, r) : undefined;
    if (loss) data["pool-loss"] = loss;
    const sub = subsidyInput(s);
    if (sub) data["interest-subsidy"] = sub;
  }
  return data;
}

const interval = (st: Stats | undefined): { median: number; q05: number; q95: number } => ({ median: st?.q50 ?? Number.NaN, q05: st?.q05 ?? Number.NaN, q95: st?.q95 ?? Number.NaN });

/** Exits at the end of the horizon against total fiscal cost, per variant (`name` is its id; `label`, if any, what the chart shows). */
export function exitsVsCostInput(variants: readonly { readonly name: string; readonly label?: string | undefined; readonly summary: Summary }[]): ExitsVsCost {
  return {
    points: variants.map((v) => ({
      variant: v.name,
      ...(v.label !== undefined ? { label: v.label } : {}),
      // People out of poverty at the end (a stock: someone who relapsed and exited again counts once).
      exits: interval(v.summary.metrics["exitedPeople"]?.horizon),
      cost: interval(v.summary.metrics["fiscalCost"]?.horizon),
    })),
  };
}

/**
 * Paired differences of each variant against the baseline on the four headline measures
 * (`baseline` as shown when the reference is itself a variant; each variant by id, with the
 * label the chart shows, if any).
 */
export function variantDifferencesInput(
  baseline: string | undefined,
  diffs: readonly { readonly variant: string; readonly label?: string | undefined; readonly paired: PairedDifferences }[],
): VariantDifferences {
  const rows: VariantDifferences["rows"][number][] = [];
  let level = 0.95;
  for (const { variant, label, paired } of diffs) {
    level = paired.level;
    const add = (metric: VariantDifferences["rows"][number]["metric"], st: { mean: number; lo: number; hi: number } | null | undefined): void => {
      if (st) rows.push({ variant, ...(label !== undefined ? { label } : {}), metric, mean: st.mean, lo: st.lo, hi: st.hi });
    };
    add("exits", paired.metrics["exitedPeople"]?.horizon);
    add("fiscalCost", paired.metrics["fiscalCost"]?.horizon);
    add("poolLoss", paired.metrics["poolLoss"]?.horizon);
    add("targetProbability", paired.targetsMet);
  }
  return { ...(baseline !== undefined ? { baseline } : {}), rows, level };
}
