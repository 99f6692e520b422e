/**
 * Unknown parameters: scenario values that are not known and are drawn once per run, shared
 * by all households (model.md, "Uncertainty", source 2). The closed list of what can be
 * drawn, how a path names it, and the range a draw must stay in.
 *
 * A draw replaces the value at its path for that run. Household-level variation is not an
 * unknown: it is the field's own distribution (e.g. `effect.uplift`, a cohort's income).
 *
 * @example
 * unknowns:
 *   - parameter: programmes.industry.effect.successProbability
 *     draw: {dist: beta, alpha: 12, beta: 8}
 *     source: "…"
 */
import type { Decimal } from "decimal.js";
import type { Param } from "./num.js";
import { householdEffect, type Scenario } from "./types.js";
import { parsePath } from "./overlays.js";

/** What a run-level draw can replace (the engine's closed list). */
export const UNKNOWN_TARGETS = ["success", "upliftCentre", "growth", "pd", "lgd", "villageSuccess", "villageUplift"] as const;
export type UnknownTarget = (typeof UNKNOWN_TARGETS)[number];

/** A resolved unknown: what it replaces, in which programme or pool (index in its list), and the range its draws must stay in. */
export interface UnknownRef {
  readonly target: UnknownTarget;
  /** "programme" or "pool" index for effects, pool index for pd/lgd, −1 for income growth. */
  readonly owner: "programme" | "pool" | "income";
  readonly index: number;
  /** Closed range of admissible values (min, max); open ends as ±Infinity. */
  readonly min: number;
  readonly max: number;
  /** Whether min itself is excluded (a multiplicative uplift must be > 0). */
  readonly minOpen: boolean;
  /** The value the scenario gives at the path (the centre the draw replaces). */
  readonly value: number;
}

/** Paths that name an unknown, as templates (for messages). */
export const UNKNOWN_PATHS = [
  "programmes.<id>.effect.successProbability",
  "programmes.<id>.effect.uplift.median | .mean | .value",
  "programmes.<id>.villageEffect.successProbability",
  "programmes.<id>.villageEffect.uplift.median | .mean | .value",
  "creditPools.<id>.effect.successProbability",
  "creditPools.<id>.effect.uplift.median | .mean | .value",
  "creditPools.<id>.pd",
  "creditPools.<id>.lgd",
  "income.growth",
] as const;

/** Why a path cannot be drawn. */
export type UnknownProblem =
  | { readonly kind: "notUnknown" } // not one of UNKNOWN_PATHS
  | { readonly kind: "noItem"; readonly list: "programmes" | "creditPools"; readonly id: string }
  | { readonly kind: "noEffect" } // the programme or pool has no effect
  | { readonly kind: "upliftField"; readonly expected: string } // the uplift's dist has no such centre
  | { readonly kind: "dated" }; // a dated value: a single draw cannot replace a path of yearly values

const first = (p: Param): Decimal => p.values[0] as Decimal;
const undated = (p: Param): boolean => p.values.every((v) => v.eq(first(p)));

/** The centre field an uplift distribution of each kind has (the one a draw may replace). */
const UPLIFT_CENTRE: Readonly<Record<string, string>> = { lognormal: "median", normal: "mean", fixed: "value" };

/** Resolve `path` against a scenario: what the draw replaces, or why it cannot. */
export function resolveUnknown(s: Scenario, path: string): { ok: true; value: UnknownRef } | { ok: false; error: UnknownProblem } {
  const seg = parsePath(path).map(String);
  const fail = (error: UnknownProblem) => ({ ok: false as const, error });
  const done = (value: UnknownRef) => ({ ok: true as const, value });
  if (seg.length === 2 && seg[0] === "income" && seg[1] === "growth") {
    if (!undated(s.income.growth)) return fail({ kind: "dated" });
    return done({ target: "growth", owner: "income", index: -1, min: -0.5, max: 1, minOpen: false, value: first(s.income.growth).toNumber() });
  }
  const list = seg[0];
  if ((list !== "programmes" && list !== "creditPools") || seg.length < 3) return fail({ kind: "notUnknown" });
  const id = seg[1] as string;
  const items: readonly { id: string }[] = list === "programmes" ? s.programmes : s.creditPools;
  const index = /^\d+$/.test(id) ? Number(id) : items.findIndex((it) => it.id === id);
  if (index < 0 || index >= items.length) return fail({ kind: "noItem", list, id });
  const owner = list === "programmes" ? "programme" : "pool";
  const rest = seg.slice(2).join(".");
  if (list === "creditPools" && (rest === "pd" || rest === "lgd")) {
    const pool = s.creditPools[index]!;
    if (rest === "pd" && !undated(pool.pd)) return fail({ kind: "dated" });
    const p = rest === "pd" ? pool.pd : pool.lgd;
    return done({ target: rest, owner: "pool", index, min: 0, max: 1, minOpen: false, value: first(p).toNumber() });
  }
  if (rest.startsWith("villageEffect.") && list === "programmes") {
    const ve = s.programmes[index]!.villageEffect;
    if (ve === undefined) return fail({ kind: "noEffect" });
    if (rest === "villageEffect.successProbability") {
      return done({ target: "villageSuccess", owner, index, min: 0, max: 1, minOpen: false, value: ve.successProbability === undefined ? 1 : first(ve.successProbability).toNumber() });
    }
    const vm = /^villageEffect\.uplift\.(\w+)$/.exec(rest);
    if (vm === null) return fail({ kind: "notUnknown" });
    const centre = UPLIFT_CENTRE[ve.uplift.dist];
    if (centre === undefined || centre !== vm[1]) return fail({ kind: "upliftField", expected: centre === undefined ? "" : `villageEffect.uplift.${centre}` });
    const value = first((ve.uplift as unknown as Record<string, Param>)[centre] as Param).toNumber();
    return done({ target: "villageUplift", owner, index, min: 0, max: Infinity, minOpen: true, value });
  }
  if (!rest.startsWith("effect.")) return fail({ kind: "notUnknown" });
  // A credit line's effect is its pool's (the engine models the pool, not the programme).
  const programme = list === "programmes" ? s.programmes[index]! : undefined;
  const effect = programme ? (programme.kind === "credit" ? undefined : householdEffect(programme.effect)) : s.creditPools[index]!.effect;
  if (effect === undefined) return fail({ kind: "noEffect" });
  if (rest === "effect.successProbability") {
    return done({ target: "success", owner, index, min: 0, max: 1, minOpen: false, value: first(effect.successProbability).toNumber() });
  }
  const m = /^effect\.uplift\.(\w+)$/.exec(rest);
  if (m === null) return fail({ kind: "notUnknown" });
  const centre = UPLIFT_CENTRE[effect.uplift.dist];
  if (centre === undefined || centre !== m[1]) return fail({ kind: "upliftField", expected: centre === undefined ? "" : `effect.uplift.${centre}` });
  const u = effect.uplift as unknown as Record<string, Param>;
  const value = first(u[centre] as Param).toNumber();
  // A multiplicative uplift is a factor (> 0); an additive one is yuan per person (≥ 0).
  const multiplicative = effect.mode === "multiplicative";
  return done({ target: "upliftCentre", owner, index, min: 0, max: Infinity, minOpen: multiplicative, value });
}

/** Where a scenario distribution's draws fall, as [lo, hi] (normal and lognormal: to 8 sd). */
export function distSupport(d: { readonly dist: string } & Record<string, unknown>): [number, number] {
  const n = (k: string): number => first(d[k] as Param).toNumber();
  switch (d.dist) {
    case "fixed":
      return [n("value"), n("value")];
    case "normal":
      // ±8 sd: a draw beyond has probability below 1e-15 (the engine clamps to the range anyway).
      return [n("mean") - 8 * n("sd"), n("mean") + 8 * n("sd")];
    case "lognormal":
      return n("sigma") === 0 ? [n("median"), n("median")] : [0, n("median") * Math.exp(8 * n("sigma"))];
    case "beta":
      return [0, 1];
    case "uniform":
    case "triangular":
      return [n("min"), n("max")];
    case "discrete": {
      const vs = (d.values as Param[]).map((p) => first(p).toNumber());
      return [Math.min(...vs), Math.max(...vs)];
    }
    default:
      return [-Infinity, Infinity];
  }
}

/** Whether a support lies in the admissible range of a target. Lognormal's open 0 is admissible for an open minimum. */
export function supportFits(ref: UnknownRef, [lo, hi]: [number, number], dist: string): boolean {
  const lowOk = ref.minOpen ? lo > ref.min || (lo === ref.min && dist === "lognormal") : lo >= ref.min;
  return lowOk && hi <= ref.max;
}
