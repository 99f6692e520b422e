/**
 * The provenance rule for shipped scenarios: every number carries `source:` (the clause of
 * the plan) or `assumption:` (why it was chosen).
 *
 * A "number" is every field the format resolves to a number (a `Param`): plain numbers,
 * expressions, dated mappings, distribution parameters, named values. Structural fields
 * that are not Params (`fundsim`, `meta.years`, `simulation`, schedule cohort years) are
 * not numbers in this sense.
 *
 * A number is covered when
 *   1. it is written annotated, `{value: …, source | assumption: …}`, or
 *   2. the nearest enclosing mapping that carries `source:` or `assumption:` does — so one
 *      clause can be cited once for a whole item (a cohort, an illness block, a unit cost);
 * except that a `source:` does not flow *into* an `effect:` or a distribution (`dist:`):
 * those are behaviour, which the plans never state, so they need their own annotation
 * (or an enclosing assumption, e.g. on the effect).
 *
 * The walk runs over the raw document (what was written) beside the resolved scenario
 * (which says where the numbers are).
 *
 * @example
 * provenanceOf(loaded.raw, loaded.scenario).filter((n) => n.kind === undefined) // uncovered numbers
 */

export type ProvenanceKind = "source" | "assumption";

export interface NumberProvenance {
  /** Dotted path; list items by id where they have one, else index. */
  readonly path: string;
  /** The same path with every list item written as `*` (for patterns). */
  readonly pattern: string;
  /** Nearest provenance; undefined = uncovered. Own `source` wins over own `assumption`. */
  readonly kind: ProvenanceKind | undefined;
  /** True when the number carries its own annotation. */
  readonly own: boolean;
}

const SKIP_TOP = new Set(["$schema", "fundsim", "meta", "simulation", "variants"]);
const BARRIER_KEYS = new Set(["effect"]);

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);

/** A resolved number (see src/scenario/num.ts Param). */
const isParam = (x: unknown): boolean => isRecord(x) && Array.isArray(x["values"]) && Array.isArray(x["given"]) && typeof x["dated"] === "boolean";

const annotation = (x: unknown): ProvenanceKind | undefined => {
  if (!isRecord(x)) return undefined;
  if (typeof x["source"] === "string" && x["source"].length > 0) return "source";
  if (typeof x["assumption"] === "string" && x["assumption"].length > 0) return "assumption";
  return undefined;
};

/** Provenance of every number in a scenario (raw document + its resolved form). */
export function provenanceOf(raw: unknown, resolved: unknown): NumberProvenance[] {
  const out: NumberProvenance[] = [];
  const walk = (r: unknown, v: unknown, inherited: ProvenanceKind | undefined, path: string[], pattern: string[], key: string | undefined): void => {
    if (isParam(v)) {
      const own = isRecord(r) && "value" in r ? annotation(r) : undefined;
      out.push({ path: path.join("."), pattern: pattern.join("."), kind: own ?? inherited, own: own !== undefined });
      return;
    }
    if (Array.isArray(r)) {
      const list = Array.isArray(v) ? v : [];
      r.forEach((item, i) => {
        const id = isRecord(item) && typeof item["id"] === "string" ? item["id"] : String(i);
        walk(item, list[i], inherited, [...path, id], [...pattern, "*"], undefined);
      });
      return;
    }
    if (!isRecord(r)) return;
    const vv = isRecord(v) ? v : {};
    const barrier = (key !== undefined && BARRIER_KEYS.has(key)) || "dist" in r;
    const here = annotation(r) ?? (barrier && inherited === "source" ? undefined : inherited);
    for (const [k, child] of Object.entries(r)) {
      if (path.length === 0 && SKIP_TOP.has(k)) continue;
      walk(child, vv[k], here, [...path, k], [...pattern, k], k);
    }
  };
  walk(raw, resolved, undefined, [], [], undefined);
  return out;
}

/** Numbers without any provenance. */
export const uncovered = (raw: unknown, resolved: unknown): string[] =>
  provenanceOf(raw, resolved)
    .filter((n) => n.kind === undefined)
    .map((n) => n.path);
