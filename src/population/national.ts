/**
 * A synthetic national register: the scale of China's 2014 registered poor population
 * (建档立卡: 29.48 M households, 89.62 M people, 128,000 poor villages — State Council
 * Leading Group office, see parameters.md), for scale checks of the engine.
 *
 * Segment split, labour shares, flag and cause shares and the income distribution are
 * assumptions (no public breakdown at this grain), stated in NATIONAL_COHORTS. People
 * per household average 89.62 / 29.48 ≈ 3.04 at any scale.
 *
 * @example
 * const h = nationalRegister({ households: 30_000_000, seed: 1 }); // ≈ 0.6 GB of typed arrays
 */
import { unwrap } from "../util/result.js";
import { buildCohorts, type CohortSpec } from "./cohorts.js";
import type { Households } from "../model/households.js";
import { scaleCohorts } from "./synthetic.js";

export const NATIONAL_HOUSEHOLDS = 29_480_000;
export const NATIONAL_PEOPLE = 89_620_000;
export const NATIONAL_VILLAGES = 128_000;

/** Assumed national cohorts, at the 2014 baseline size (households and people sum to the sourced totals). */
export const NATIONAL_COHORTS: readonly CohortSpec[] = (() => {
  const wubaoH = Math.round(0.05 * NATIONAL_HOUSEHOLDS); // assumption: 5% wubao, one person each
  const dibaoH = Math.round(0.25 * NATIONAL_HOUSEHOLDS); // assumption: 25% dibao, 2.5 people each
  const generalH = NATIONAL_HOUSEHOLDS - wubaoH - dibaoH;
  const dibaoP = Math.round(2.5 * dibaoH);
  const generalP = NATIONAL_PEOPLE - wubaoH - dibaoP;
  const income = (median: number) => ({ kind: "lognormal" as const, median, sigma: 0.45 }); // assumption: below the 2014 line of 2,800
  const flags = { remote: 0.1, unsafeHousing: 0.1, chronicIllness: 0.2, student: 0.15 }; // assumption (remote ≈ 9.6 M relocated ÷ 89.62 M)
  const causes = { illness: 0.42, disability: 0.05, lackLabour: 0.15, lackSkills: 0.1, lackCapital: 0.1, disaster: 0.05 }; // assumption
  return [
    { id: "general", segment: "general", households: generalH, people: generalP, labourShare: 0.8, income: income(2500), flags, causes },
    { id: "dibao", segment: "dibao", households: dibaoH, people: dibaoP, labourShare: 0.4, income: income(2100), flags, causes },
    { id: "wubao", segment: "wubao", households: wubaoH, people: wubaoH, labourShare: 0, income: income(1800), flags, causes: { illness: 0.5, disability: 0.2, lackLabour: 0.3 } },
  ];
})();

/** National-scale synthetic households (default: 29.48 M), deterministic from the seed. */
export function nationalRegister(options: { readonly households?: number; readonly seed: number }): Households {
  const n = options.households ?? NATIONAL_HOUSEHOLDS;
  const villages = Math.max(1, Math.round((NATIONAL_VILLAGES * n) / NATIONAL_HOUSEHOLDS));
  return unwrap(buildCohorts(scaleCohorts(NATIONAL_COHORTS, n), { seed: options.seed, villages }));
}
