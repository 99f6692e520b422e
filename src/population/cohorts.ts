/**
 * Households from cohort descriptions, deterministic from a seed.
 *
 * Per cohort (H households, P people):
 * - sizes: 1 + Poisson(P/H − 1) (capped at 255), then single-person adjustments at
 *   random households until they sum to exactly P;
 * - income: one draw per household from the cohort's distribution (negative draws of a
 *   normal are set to 0);
 * - labour and each flag: exactly round(share × H) households, chosen uniformly at
 *   random (selection sampling), so small cohorts match the plan's shares;
 * - cause: exactly round(share × H) households per listed cause, the rest `other`;
 * - village: the first min(H, V) households cover villages 0 … V−1 (V = the cohort's
 *   villages, else all), the rest are spread uniformly at random;
 * - registration: `Households.registered` is set only when some cohort has
 *   `registered: false` (1 for the households of registered cohorts, 0 for the others);
 *   absent, every household is registered. No draw: the other attributes are unchanged.
 *
 * Randomness: one addressed stream per (cohort, attribute) at the reserved run index
 * POPULATION_RUN (−1), which no simulation run uses — so the population never shares a
 * stream with the engine, and a seed always gives the same households.
 *
 * @example
 * const h = buildCohorts([{ id: "dibao", segment: "dibao", households: 536, people: 892,
 *   labourShare: 0.3, income: { kind: "lognormal", median: 2600, sigma: 0.4 } }], { seed: 1, villages: 12 });
 */
import { nextUniform, seedStream } from "../random/rng.js";
import { err, ok, type Result } from "../util/result.js";
import { CAUSES, FLAG, FLAG_NAMES, SEGMENTS, allocateHouseholds, type Cause, type FlagName, type Households, type Segment } from "../model/households.js";
import { sampleDist, type Dist } from "./sampleDist.js";

/** Run index reserved for population draws (never a simulation run). */
export const POPULATION_RUN = -1;

/** Attributes drawn for each cohort, each from its own stream. */
export const POPULATION_ATTRIBUTES = ["size", "income", "labour", "flags", "cause", "village"] as const;
export type PopulationAttribute = (typeof POPULATION_ATTRIBUTES)[number];

/** Stream purpose id of an attribute (kept apart from the engine's purposes 0 … 255). */
export const popPurpose = (a: PopulationAttribute): number => 0x100 + POPULATION_ATTRIBUTES.indexOf(a);

/** Largest synthetic population. */
export const MAX_HOUSEHOLDS = 200_000_000;

export interface CohortSpec {
  readonly id: string;
  readonly segment: Segment;
  readonly households: number;
  readonly people: number;
  readonly labourShare: number;
  readonly income: Dist;
  readonly flags?: Partial<Record<FlagName, number>>;
  readonly causes?: Partial<Record<Cause, number>>;
  /** Villages this cohort lives in (default: all). */
  readonly villages?: number;
  /** false: near-poor households, not registered poor at the start (default true). */
  readonly registered?: boolean;
}

export const POPULATION_ISSUE_CODES = ["tooManyPeople", "tooFewPeople", "tooManyHouseholds", "tooManyCohorts", "noHouseholds"] as const;
export type PopulationIssueCode = (typeof POPULATION_ISSUE_CODES)[number];

export interface PopulationIssue {
  readonly code: PopulationIssueCode;
  /** Cohort id, when the problem is one cohort's. */
  readonly cohort?: string;
  readonly found?: number;
  readonly limit?: number;
}

/** Exactly `k` of `n` slots selected uniformly at random (Knuth's selection sampling); calls `pick` in order. */
function select(n: number, k: number, s: Int32Array, pick: (i: number) => void): void {
  let need = Math.max(0, Math.min(n, k));
  for (let i = 0; i < n && need > 0; i++) {
    if ((n - i) * nextUniform(s) < need) {
      pick(i);
      need--;
    }
  }
}

/** Poisson(λ) by inversion (λ ≤ 254 here). */
function poisson(lambda: number, s: Int32Array): number {
  if (lambda <= 0) return 0;
  let k = 0;
  let p = Math.exp(-lambda);
  let c = p;
  const u = nextUniform(s);
  while (u > c && k < 254) {
    k++;
    p *= lambda / k;
    c += p;
  }
  return k;
}

/** Check cohort sizes. */
export function checkCohorts(specs: readonly CohortSpec[]): PopulationIssue[] {
  const issues: PopulationIssue[] = [];
  if (specs.length > 65_536) issues.push({ code: "tooManyCohorts", found: specs.length, limit: 65_536 });
  let total = 0;
  for (const c of specs) {
    total += c.households;
    if (c.people > 255 * c.households) issues.push({ code: "tooManyPeople", cohort: c.id, found: c.people, limit: 255 * c.households });
    if (c.people < c.households) issues.push({ code: "tooFewPeople", cohort: c.id, found: c.people, limit: c.households });
  }
  if (total > MAX_HOUSEHOLDS) issues.push({ code: "tooManyHouseholds", found: total, limit: MAX_HOUSEHOLDS });
  if (total === 0) issues.push({ code: "noHouseholds", found: 0 });
  return issues;
}

/** Build the households of all cohorts (cohort i's households follow cohort i − 1's). */
export function buildCohorts(
  specs: readonly CohortSpec[],
  options: { readonly seed: number; readonly villages: number; readonly villageNames?: readonly string[] },
): Result<Households, PopulationIssue[]> {
  const issues = checkCohorts(specs);
  if (issues.length > 0) return err(issues);
  const total = specs.reduce((a, c) => a + c.households, 0);
  const villages = Math.max(1, Math.floor(options.villages));
  const h = allocateHouseholds(total, villages);
  const registered = specs.some((c) => c.registered === false) ? new Uint8Array(total).fill(1) : undefined;
  const s = new Int32Array(4);
  let offset = 0;
  specs.forEach((c, ci) => {
    const n = c.households;
    const o = offset;
    offset += n;
    const stream = (a: PopulationAttribute): Int32Array => {
      seedStream(s, options.seed, POPULATION_RUN, popPurpose(a), ci);
      return s;
    };
    h.segment.fill(SEGMENTS.indexOf(c.segment), o, o + n);
    h.cohort.fill(ci, o, o + n);
    if (c.registered === false) registered?.fill(0, o, o + n);

    // Sizes summing exactly to the cohort's people.
    let st = stream("size");
    const lambda = c.people / n - 1;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const size = 1 + poisson(lambda, st);
      h.size[o + i] = size;
      sum += size;
    }
    for (let diff = c.people - sum; diff !== 0; ) {
      const i = o + Math.floor(nextUniform(st) * n);
      const size = h.size[i] as number;
      if (diff > 0 && size < 255) {
        h.size[i] = size + 1;
        diff--;
      } else if (diff < 0 && size > 1) {
        h.size[i] = size - 1;
        diff++;
      }
    }

    st = stream("income");
    for (let i = 0; i < n; i++) h.income[o + i] = Math.max(0, sampleDist(c.income, st));

    select(n, Math.round(c.labourShare * n), stream("labour"), (i) => void (h.labour[o + i] = 1));

    st = stream("flags");
    for (const f of FLAG_NAMES) {
      const share = c.flags?.[f] ?? 0;
      const bit = FLAG[f];
      select(n, Math.round(share * n), st, (i) => void (h.flags[o + i] = (h.flags[o + i] as number) | bit));
    }

    // Causes: exact counts, sequential categorical draw without replacement.
    const other = CAUSES.indexOf("other");
    const counts = CAUSES.map((cause) => (cause === "other" ? 0 : Math.round((c.causes?.[cause] ?? 0) * n)));
    let assigned = counts.reduce((a, b) => a + b, 0);
    while (assigned > n) {
      const big = counts.indexOf(Math.max(...counts));
      counts[big] = (counts[big] as number) - 1;
      assigned--;
    }
    counts[other] = n - assigned;
    st = stream("cause");
    let left = n;
    for (let i = 0; i < n; i++, left--) {
      let u = nextUniform(st) * left;
      let k = 0;
      while (k < counts.length - 1 && u >= (counts[k] as number)) {
        u -= counts[k] as number;
        k++;
      }
      if ((counts[k] as number) === 0) k = counts.findIndex((x) => x > 0); // floating-point guard
      counts[k] = (counts[k] as number) - 1;
      h.cause[o + i] = k;
    }

    const vc = Math.max(1, Math.min(villages, Math.floor(c.villages ?? villages)));
    st = stream("village");
    for (let i = 0; i < n; i++) h.village[o + i] = i < vc ? i : Math.floor(nextUniform(st) * vc);
  });
  return ok({
    ...h,
    ...(registered ? { registered } : {}),
    ...(options.villageNames ? { villageNames: options.villageNames } : {}),
    cohortNames: specs.map((c) => c.id),
  });
}
