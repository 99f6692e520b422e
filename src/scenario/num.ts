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

export const rangeOf = (c: NumConstraint): readonly [number, number] => RANGE[c.kind];

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
  const [lo, hi] = RANGE[constraint.kind];
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

export const money = (o: { dated?: boolean } = {}) => num({ kind: "money", ...o });
export const count = (o: { dated?: boolean } = {}) => num({ kind: "count", integer: true, ...o });
export const share = (o: { dated?: boolean } = {}) => num({ kind: "share", ...o });
export const rate = (o: { dated?: boolean } = {}) => num({ kind: "rate", ...o });
export const ratio = (o: { dated?: boolean } = {}) => num({ kind: "ratio", ...o });
export const real = (o: { dated?: boolean } = {}) => num({ kind: "real", ...o });
