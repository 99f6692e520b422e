/**
 * Who enters, leaves and falls back, from a simulation's summary (model.md, "Who is poor"):
 * the registered poor's one-year exit rate and the truly poor's spell-based exit rate per
 * year, inflow of newly registered people per year and in total, and the share of exiters
 * relapsing within 3 (and 5) years. One reading for the `simulate` text and the report.
 *
 * A value no run defines (relapse within k years before an exit cohort has been followed k
 * years; a rate with an empty denominator) has `n` = 0: it is not observable, never NaN on
 * the page. Summaries read back from summary.json hold null where NaN was: both count as
 * undefined.
 *
 * @example
 * const d = dynamicsFacts(set.summary);
 * d.relapse // [{ k: 3, observed: undefined }, { k: 2, observed: { year: 2018, exitYear: 2016, median: 0.081, … } }]
 */
import type { MetricSummary, Summary } from "./summarize.js";

/** Median and 90% interval over the runs that define the value (n of them; 0: not observable). */
export interface Spread90 {
  readonly median: number;
  readonly q05: number;
  readonly q95: number;
  readonly n: number;
}

export interface YearSpread extends Spread90 {
  readonly year: number;
}

export interface RelapseFact {
  /** Years after the exit (relapseWithin<k>). */
  readonly k: number;
  /** The latest exit cohort followed k years (absent: not observable within the horizon). */
  readonly observed?: YearSpread & { readonly exitYear: number };
}

export interface DynamicsFacts {
  readonly runs: number;
  readonly years: readonly number[];
  /** exitHazard per year: households exited ÷ registered poor at the start of the year. */
  readonly exitHazard?: readonly YearSpread[];
  /** poorExitRate per year: at or above the line among households below it a year earlier. */
  readonly poorExitRate?: readonly YearSpread[];
  /** newlyRegistered (people) per year and over the horizon (the total's `mean` is the expected total). */
  readonly inflow?: { readonly byYear: readonly YearSpread[]; readonly total: Spread90 & { readonly mean: number } };
  /**
   * Relapse of exiters within 3 years, and 5 when the horizon allows it; when 3 is not
   * observable, the longest horizon that is (1 or 2) follows it.
   */
  readonly relapse: readonly RelapseFact[];
}

const num = (x: number | null | undefined): number => (typeof x === "number" ? x : Number.NaN);

function spread(s: { readonly n: number; readonly q50: number | null; readonly q05: number | null; readonly q95: number | null } | undefined): Spread90 {
  const median = num(s?.q50);
  const n = s && Number.isFinite(median) ? s.n : 0;
  return { median, q05: num(s?.q05), q95: num(s?.q95), n };
}

function perYear(m: MetricSummary | undefined, years: readonly number[]): YearSpread[] | undefined {
  return m ? years.map((year, y) => ({ year, ...spread(m.byYear[y]) })) : undefined;
}

/** The latest year in which relapseWithin<k> is defined in some run. */
function relapseFact(s: Summary, k: number): RelapseFact | undefined {
  const m = s.metrics[`relapseWithin${k}`];
  if (!m) return undefined;
  for (let y = s.years.length - 1; y >= k; y--) {
    const v = spread(m.byYear[y]);
    const year = s.years[y] as number;
    if (v.n > 0) return { k, observed: { year, exitYear: s.years[y - k] as number, ...v } };
  }
  return { k };
}

export function dynamicsFacts(s: Summary): DynamicsFacts {
  const years = s.years;
  const inflow = s.metrics["newlyRegistered"];
  const relapse: RelapseFact[] = [];
  const three = relapseFact(s, 3);
  if (three) relapse.push(three);
  if (three && !three.observed) {
    const shorter = [2, 1].map((k) => relapseFact(s, k)).find((f) => f?.observed);
    if (shorter) relapse.push(shorter);
  }
  const five = relapseFact(s, 5);
  if (five?.observed) relapse.push(five);
  const exitHazard = perYear(s.metrics["exitHazard"], years);
  const poorExitRate = perYear(s.metrics["poorExitRate"], years);
  const byYear = perYear(inflow, years);
  return {
    runs: s.runs,
    years: [...years],
    ...(exitHazard ? { exitHazard } : {}),
    ...(poorExitRate ? { poorExitRate } : {}),
    ...(inflow && byYear ? { inflow: { byYear, total: { ...spread(inflow.horizon), mean: num(inflow.horizon.mean) } } } : {}),
    relapse,
  };
}
