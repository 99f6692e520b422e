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
 * Randomness: one addressed stream per (cohort, attribute), at the reserved run index
 * POPULATION_RUN (−1) for the population of a seed, or at a run's own index for the
 * population redrawn in that run (`run` option). Either way the purposes (0x100 + attribute)
 * are kept apart from the engine's (0 … 255), so the population never shares a stream with
 * the engine, and a (seed, run) always gives the same households.
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

/**
 * The cumulative probabilities Poisson(λ) inversion walks through (λ ≤ 254 here): c[k] =
 * P(X ≤ k) for k = 0 … 253, summed in the order the walk sums them, so a lookup gives
 * exactly the walk's k. One table per cohort instead of an exp and a division per step.
 */
function poissonTable(lambda: number): Float64Array {
  const c = new Float64Array(254);
  let p = Math.exp(-lambda);
  let acc = p;
  c[0] = acc;
  for (let k = 1; k < 254; k++) {
    p *= lambda / k;
    c[k] = acc += p;
  }
  return c;
}

/** Poisson(λ) by inversion on its table (λ ≤ 0: 0); at most 254. */
function poisson(table: Float64Array | null, s: Int32Array): number {
  if (table === null) return 0;
  const u = nextUniform(s);
  let k = 0;
  while (k < 254 && u > (table[k] as number)) k++;
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
  options: {
    readonly seed: number;
    readonly villages: number;
    readonly villageNames?: readonly string[];
    readonly run?: number;
    /**
     * Write into these households' arrays instead of new ones (a population redrawn per run
     * reuses one set of arrays): they must come from an earlier build of the same specs.
     */
    readonly into?: Households;
  },
): Result<Households, PopulationIssue[]> {
  const run = options.run ?? POPULATION_RUN;
  const issues = checkCohorts(specs);
  if (issues.length > 0) return err(issues);
  const total = specs.reduce((a, c) => a + c.households, 0);
  const villages = Math.max(1, Math.floor(options.villages));
  const into = options.into;
  if (into !== undefined && (into.count !== total || into.villages !== villages)) throw new RangeError(`buildCohorts: into holds ${into.count} households in ${into.villages} villages, the specs ${total} in ${villages}`);
  // Labour and flags are set bit by bit below: a reused set of arrays starts from zero.
  const h = into ?? allocateHouseholds(total, villages);
  if (into !== undefined) {
    h.labour.fill(0);
    h.flags.fill(0);
  }
  const registered = specs.some((c) => c.registered === false) ? (into?.registered ?? new Uint8Array(total)).fill(1) : undefined;
  const s = new Int32Array(4);
  let offset = 0;
  specs.forEach((c, ci) => {
    const n = c.households;
    const o = offset;
    offset += n;
    const stream = (a: PopulationAttribute): Int32Array => {
      seedStream(s, options.seed, run, popPurpose(a), ci);
      return s;
    };
    h.segment.fill(SEGMENTS.indexOf(c.segment), o, o + n);
    h.cohort.fill(ci, o, o + n);
    if (c.registered === false) registered?.fill(0, o, o + n);

    // Sizes summing exactly to the cohort's people.
    let st = stream("size");
    const lambda = c.people / n - 1;
    const table = lambda > 0 ? poissonTable(lambda) : null;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const size = 1 + poisson(table, st);
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

    // Every household with labour (a share of 1): selection sampling would pick them all,
    // drawing from a stream nothing else reads, so they are set without the draws.
    const withLabour = Math.round(c.labourShare * n);
    if (withLabour >= n) h.labour.fill(1, o, o + n);
    else select(n, withLabour, stream("labour"), (i) => void (h.labour[o + i] = 1));

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
    const remaining = Int32Array.from(counts);
    // One cause for the whole cohort (e.g. none listed): no draw decides anything (the
    // cause stream serves nothing else, so the households are the same as with the draws).
    const single = counts.filter((x) => x > 0).length === 1 ? counts.findIndex((x) => x > 0) : -1;
    if (single >= 0) h.cause.fill(single, o, o + n);
    const lastCause = remaining.length - 1;
    const cause = h.cause;
    let left = n;
    for (let i = 0; i < n && single < 0; i++, left--) {
      let u = nextUniform(st) * left;
      let k = 0;
      while (k < lastCause && u >= (remaining[k] as number)) {
        u -= remaining[k] as number;
        k++;
      }
      if ((remaining[k] as number) === 0) k = remaining.findIndex((x) => x > 0); // floating-point guard
      remaining[k] = (remaining[k] as number) - 1;
      cause[o + i] = k;
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
