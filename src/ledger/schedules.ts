/**
 * Multi-year payment schedules by cohort (Zhengzhou: relocation follow-up of 2,000 yuan
 * per person per year for 5 years, for 15,000 people relocated in 2016 and 6,000 in 2017;
 * the land-transfer subsidy of 200 kg of wheat per mu per year × a wheat price).
 *
 * A cohort of n units starting in year c is paid n × amountPerUnitYear(y) in each year
 * y = c … c + years − 1. The amount per unit is a level: its value in the paying year, and
 * after the horizon the last horizon year's value. Payments after the horizon are kept as
 * entries flagged `beyondHorizon` (and raised as a check), never dropped.
 *
 * @example
 * // 15,000 people × 2,000 × 5 years from 2016 → 30,000,000 in each of 2016 … 2020
 * scheduleEntries(programme, years)
 */
import type { Scenario } from "../scenario/types.js";
import { scalar } from "../scenario/param.js";
import { yuan } from "../model/money.js";
import { levelAt } from "./yearly.js";
import { labelOf } from "../messages/label.js";
import type { ScheduleEntry } from "./types.js";

export type ProgrammeSpec = Scenario["programmes"][number];

/** Every payment of every schedule of a programme, cohort by cohort, year by year. */
export function scheduleEntries(p: ProgrammeSpec, years: readonly number[]): ScheduleEntry[] {
  const last = years[years.length - 1]!;
  const out: ScheduleEntry[] = [];
  for (const sch of p.schedules ?? []) {
    const n = scalar(sch.years).toNumber();
    for (const c of sch.cohorts) {
      const units = yuan(scalar(c.units));
      for (let k = 0; k < n; k++) {
        const year = c.year + k;
        const perUnit = levelAt(sch.amountPerUnitYear, year, years);
        out.push({
          programme: p.id,
          schedule: sch.id,
          label: labelOf(sch.label, sch.id),
          unit: sch.unit,
          cohortYear: c.year,
          cohortLabel: c.label,
          units,
          amountPerUnitYear: perUnit,
          year,
          amount: units.times(perUnit),
          beyondHorizon: year > last,
        });
      }
    }
  }
  return out;
}
