/** The validated, resolved scenario that every later stage consumes (deep-frozen). */
import type { ParsedScenario } from "./schema.js";
import type { Resolved } from "./resolve.js";

export type Scenario = Resolved<ParsedScenario>;

/** A scenario as loaded from a file, with what it came from. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Horizon years, meta.years.start … meta.years.end. */
  readonly years: readonly number[];
  /** File it came from ("<inline>" for objects). */
  readonly file: string;
  /** Variant applied, if any. */
  readonly variant: string | undefined;
  /** `--set` overlays applied, in order. */
  readonly sets: readonly string[];
  /** sha256 of the canonical JSON of the raw scenario after overlays. */
  readonly hash: string;
  /** Raw data after overlays (plain JSON), for re-applying other variants. */
  readonly raw: unknown;
  /** Unknowns the variant or `--set` fixed by changing their value (so not drawn in this scenario). */
  readonly fixedUnknowns?: readonly FixedUnknown[];
}

/** An unknown parameter fixed by an overlay: its path, the value it is fixed at, and the baseline's value. */
export interface FixedUnknown {
  readonly parameter: string;
  readonly value: number;
  readonly baseline: number;
}

type ProgrammeEffectField = Scenario["programmes"][number]["effect"];
/** A programme's household income effect (absent, or `effect: {none: …}`, gives undefined). */
export type HouseholdEffect = Exclude<NonNullable<ProgrammeEffectField>, { readonly none: unknown }>;
export const householdEffect = (e: ProgrammeEffectField): HouseholdEffect | undefined => (e === undefined || "none" in e ? undefined : e);
