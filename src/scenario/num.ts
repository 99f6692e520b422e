/**
 * Numbers in scenario files.
 *
 * Any number may be written as
 *   - a plain number:               `leverage: 10`
 *   - a safe expression:            `amount: "0.2 * revenueIncrease"`
 *   - dated values by year:         `amount: {2016: 3000000, 2017: 3500000}`
 *   - any of these with provenance: `amount: {value: 9900000, source: "Linghai plan §3(2)"}`
 *                                   `{value: 0.45, assumption: "Basel unsecured LGD"}`
 *
 * Parsing wraps every such number in a {@link NumRef} (the raw form plus its constraint);
 * resolution (resolve.ts) turns each NumRef into a {@link Param}: one exact decimal per
 * horizon year, with its provenance.
 */
import { z } from "zod";
import type { Decimal } from "decimal.js";

/** What a number means, which fixes its allowed range. */
export const NUM_KINDS = ["money", "count", "share", "rate", "ratio", "real", "year"] as const;
export type NumKind = (typeof NUM_KINDS)[number];

export interface NumConstraint {
  readonly kind: NumKind;
  /** Only whole numbers (counts of households, years). */
  readonly integer?: boolean;
  /** Allow a dated form ({2016: …}). Default true. */
  readonly dated?: boolean;
  /** A field's own bounds, tighter than its kind's (a loan term, a sigma, a correlation). */
  readonly min?: number;
  readonly max?: number;
}

const RANGE: { readonly [K in NumKind]: readonly [number, number] } = {
  money: [0, 1e15],
  count: [0, 1e10],
  share: [0, 1],
  rate: [-1, 10],
  ratio: [0, 1e6],
  real: [-1e15, 1e15],
  year: [1900, 2200],
};

export const rangeOf = (c: NumConstraint): readonly [number, number] => [c.min ?? RANGE[c.kind][0], c.max ?? RANGE[c.kind][1]];

/** Raw number forms, as written in the file. */
export type NumLiteral = number | string;
export type NumDated = Readonly<Record<string, NumLiteral>>;
export interface NumAnnotated {
  readonly value: NumLiteral | NumDated;
  readonly source?: string;
  readonly assumption?: string;
  readonly unit?: string;
  readonly note?: string;
}
export type NumInput = NumLiteral | NumDated | NumAnnotated;

/** A parsed-but-unresolved number: what the user wrote and what it must satisfy. */
export class NumRef {
  constructor(
    readonly input: NumInput,
    readonly constraint: NumConstraint,
  ) {}
}

/** Provenance of a number. */
export interface Provenance {
  readonly source?: string;
  readonly assumption?: string;
  readonly unit?: string;
  readonly note?: string;
}

/**
 * A resolved number: exact value for each year of the horizon.
 * `given[i]` is true where the file gave a value for that year (always, for undated numbers);
 * for dated numbers, years before the first given year take the first value, later gaps
 * carry the latest value forward.
 */
export interface Param extends Provenance {
  readonly values: readonly Decimal[];
  readonly given: readonly boolean[];
  readonly dated: boolean;
  readonly expr?: string;
}

/** Maximum magnitude accepted for a plain number (beyond it, float arithmetic is not exact). */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const YEAR_KEY = /^\d{4}$/;

const literal = z.union([
  z.number().refine((x) => Math.abs(x) <= MAX_SAFE, { message: "number beyond the safe range (±9,007,199,254,740,991)" }),
  z.string().min(1).max(500),
]);

const dated = z
  .record(z.string().regex(YEAR_KEY, { message: "a four-digit year" }), literal)
  .refine((r) => Object.keys(r).length > 0, { message: "at least one year" });

const provenance = {
  source: z.string().min(1).optional().describe("The clause of the source document this number comes from."),
  assumption: z.string().min(1).optional().describe("Why this number was chosen where no source gives it."),
  unit: z.string().optional(),
  note: z.string().optional(),
};

/**
 * Schema for a number with a constraint. Plain numbers are range-checked here (so the
 * error points at the field); expressions are checked after resolution.
 */
export function num(constraint: NumConstraint) {
  const [lo, hi] = rangeOf(constraint);
  const inRange = (x: number | string): boolean =>
    typeof x === "string" || (x >= lo && x <= hi && (!constraint.integer || Number.isInteger(x)));
  const what = `${constraint.integer ? "a whole number" : "a number"} in [${lo}, ${hi}] (${constraint.kind})`;
  const lit = literal.refine(inRange, { message: `expected ${what}` });
  const allowDated = constraint.dated !== false;
  const datedChecked = dated.refine((r) => Object.values(r).every(inRange), { message: `expected ${what} for every year` });
  const annotated = z.strictObject({ value: allowDated ? z.union([lit, datedChecked]) : lit, ...provenance });
  const forms = allowDated ? z.union([lit, datedChecked, annotated]) : z.union([lit, annotated]);
  return forms
    .transform((v): NumRef => new NumRef(v as NumInput, constraint))
    .describe(
      `${what}: a number, an expression over named values${allowDated ? ", a mapping {year: value}" : ""}, or {value, source | assumption}`,
    );
}

type NumOptions = { dated?: boolean; min?: number; max?: number };
export const money = (o: NumOptions = {}) => num({ kind: "money", ...o });
export const count = (o: NumOptions = {}) => num({ kind: "count", integer: true, ...o });
export const share = (o: NumOptions = {}) => num({ kind: "share", ...o });
export const rate = (o: NumOptions = {}) => num({ kind: "rate", ...o });
export const ratio = (o: NumOptions = {}) => num({ kind: "ratio", ...o });
export const real = (o: NumOptions = {}) => num({ kind: "real", ...o });

/**
 * Bounds that keep every accepted scenario runnable and meaningful; each message states
 * the bound (e.g. "a whole number in [1, 30] (count)").
 */
export const BOUNDS = {
  /** Years of the horizon, both ends included (2016–2076 at most). */
  horizonYears: 61,
  /** Years a schedule pays each cohort, a recurring cost recurs, an effect lags. */
  scheduleYears: 61,
  /** Loan term, years. */
  loanTermYears: 30,
  /** Standard deviation of a log-normal (income shocks, log-normal distributions): 3 is a factor of 20 at one sigma. */
  logSigma: 3,
  /** Yearly interest rate of a loan (1 = 100 %). */
  loanRate: 1,
  /** Standard deviation of a household's own trend growth around the common trend, log points a year (0.5: ±50 % a year at one sigma). */
  trendSigma: 0.5,
  /** Trend growth of income a year: −50 % … +100 %. */
  growth: [-0.5, 1],
  /** Share of a year's income lost to an illness or a disaster: some income is always left. */
  loss: 0.95,
  /** Loans per yuan of a risk-compensation fund. */
  leverage: 100,
  /** New loans a pool makes in a year (planned lending ÷ loan size). */
  loansPerYear: 1_000_000,
  /** Smallest value of a parameter that must be above 0 (a log-normal's median, a beta's shape). */
  positive: 0.000001,
  /** Villages of a population (all of China's administrative villages: about 500,000). */
  villages: 1_000_000,
  /** Cohorts (starting years) of one payment schedule. */
  scheduleCohorts: 100,
} as const;
