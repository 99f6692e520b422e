/**
 * Checks that span fields: unique ids, references between sections, years inside the
 * horizon, people ≥ households, shares that must not add up past 1, a floor standard only on
 * a floor programme, a transitory shock no wider than a lognormal cohort's income spread,
 * effects that can apply (a village effect per village, a household effect on households served).
 */
import type { Issue, PathSegment } from "./issues.js";
import { closest } from "./issues.js";
import { householdEffect, type Scenario } from "./types.js";
import { scalar, series } from "./param.js";
import { BOUNDS } from "./num.js";
import { distSupport, resolveUnknown, supportFits, UNKNOWN_PATHS } from "./unknowns.js";

export function crossCheck(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const uniq = (items: readonly { id: string }[], path: PathSegment[]): Set<string> => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.id)) issues.push({ code: "duplicateId", path: [...path, i, "id"], found: it.id });
      seen.add(it.id);
    });
    return seen;
  };
  uniq(s.population.cohorts, ["population", "cohorts"]);
  const sources = uniq(s.funding.sources, ["funding", "sources"]);
  const programmes = uniq(s.programmes, ["programmes"]);
  const pools = uniq(s.creditPools, ["creditPools"]);
  uniq(s.variants, ["variants"]);
  void programmes;

  const ref = (id: string, known: Set<string>, what: string, path: PathSegment[]): void => {
    if (!known.has(id)) {
      const suggestion = closest(id, known);
      issues.push({ code: "unknownReference", path, found: id, expected: what, ...(suggestion ? { suggestion } : {}) });
    }
  };

  const [start, end] = [s.meta.years.start, s.meta.years.end];
  s.population.cohorts.forEach((c, i) => {
    const h = scalar(c.households);
    const p = scalar(c.people);
    if (p.lt(h)) issues.push({ code: "peopleBelowHouseholds", path: ["population", "cohorts", i, "people"], found: p.toString(), expected: h.toString() });
    if (c.causes) {
      const sum = Object.values(c.causes).reduce((a, q) => a.plus(scalar(q)), scalar(c.households).times(0));
      if (sum.gt(1)) issues.push({ code: "sharesAboveOne", path: ["population", "cohorts", i, "causes"], found: sum.toString() });
    }
  });

  const transitory = s.income.transitory;
  if (transitory !== undefined) {
    const sigmaE = scalar(transitory.sigma);
    // Observed log income = level + transitory shock: its spread cannot be below σ_e (checked where the law gives it in closed form).
    for (const c of s.population.cohorts) {
      if (c.income.dist !== "lognormal") continue;
      const spread = scalar(c.income.sigma);
      if (sigmaE.gt(spread)) {
        issues.push({ code: "transitoryAboveSpread", path: ["income", "transitory", "sigma"], found: sigmaE.toString(), expected: spread.toString(), detail: c.id });
        break;
      }
    }
  }

  // The engine keeps one floor per segment (the highest standard of the floors serving it, one
  // phase-in, one coverage, one reach): floors that serve the same segment must agree on the rest.
  const floors = s.programmes.map((p, i) => ({ p, i })).filter(({ p }) => p.kind === "floor");
  const how = (p: Scenario["programmes"][number]): string => JSON.stringify([p.phaseIn ?? null, p.coverage ?? null, p.reach ?? "registered"]);
  for (const [a, x] of floors.entries()) {
    const clash = floors.slice(a + 1).find(({ p }) => {
      const shared = x.p.eligibility?.segments === undefined || p.eligibility?.segments === undefined || p.eligibility.segments.some((seg) => x.p.eligibility!.segments!.includes(seg));
      return shared && how(p) !== how(x.p);
    });
    if (clash) issues.push({ code: "floorsOverlap", path: ["programmes", clash.i, "eligibility"], found: clash.p.id, expected: x.p.id });
  }

  s.programmes.forEach((p, i) => {
    if (p.standard !== undefined && p.kind !== "floor") issues.push({ code: "floorStandardNotFloor", path: ["programmes", i, "standard"], found: p.kind, expected: "floor" });
    if (p.phaseIn !== undefined && p.kind !== "floor") issues.push({ code: "floorStandardNotFloor", path: ["programmes", i, "phaseIn"], found: p.kind, expected: "floor" });
    if (p.coverage !== undefined && p.kind !== "floor") issues.push({ code: "floorStandardNotFloor", path: ["programmes", i, "coverage"], found: p.kind, expected: "floor" });
    if (p.reach !== undefined && p.kind !== "floor") issues.push({ code: "floorStandardNotFloor", path: ["programmes", i, "reach"], found: p.kind, expected: "floor" });
    if (p.coverage !== undefined && p.phaseIn !== undefined) {
      issues.push({ code: "outOfRange", path: ["programmes", i, "coverage"], found: "coverage and phaseIn", expected: "one of coverage (share of villages by year) or phaseIn (villages from one year to another)" });
    }
    if (p.coverage !== undefined) {
      const v = series(p.coverage);
      for (let y = 1; y < v.length; y++) {
        if ((v[y] as number) < (v[y - 1] as number)) {
          issues.push({ code: "outOfRange", path: ["programmes", i, "coverage"], found: `${v[y]} in ${start + y}`, expected: "a share of villages at least the year before's (a village reached stays reached)" });
          break;
        }
      }
    }
    if (p.phaseIn !== undefined) {
      const { from, to } = p.phaseIn;
      for (const [k, y] of [["from", from], ["to", to]] as const) {
        if (y < start || y > end) issues.push({ code: "yearOutsideHorizon", path: ["programmes", i, "phaseIn", k], found: String(y), expected: `${start}–${end}` });
      }
      if (from > to) issues.push({ code: "outOfRange", path: ["programmes", i, "phaseIn", "to"], found: String(to), expected: `a year at or after phaseIn.from (${from})` });
    }
    issues.push(...effectPlacement(p, i));
    p.fundedBy?.forEach((f, j) => ref(f, sources, "funding source (funding.sources[].id)", ["programmes", i, "fundedBy", j]));
    if (p.pool !== undefined) ref(p.pool, pools, "credit pool (creditPools[].id)", ["programmes", i, "pool"]);
    p.schedules?.forEach((sch, j) =>
      sch.cohorts.forEach((c, k) => {
        if (c.year < start || c.year > end) {
          issues.push({ code: "yearOutsideHorizon", path: ["programmes", i, "schedules", j, "cohorts", k, "year"], found: String(c.year), expected: `${start}–${end}` });
        }
      }),
    );
  });
  s.creditPools.forEach((q, i) => {
    const size = scalar(q.loan.size);
    const lending = q.plannedLending;
    for (let y = 0; y < lending.values.length; y++) {
      const amount = lending.values[y];
      // A flow: a dated amount applies in the years it names only.
      if (amount === undefined || !amount.gt(0) || (lending.dated && lending.given[y] !== true)) continue;
      const year = String(start + y);
      if (size.gt(amount)) {
        issues.push({ code: "loanAboveLending", path: ["creditPools", i, "loan", "size"], found: size.toString(), expected: amount.toString(), detail: year });
        break;
      }
      const loans = amount.div(size).floor();
      if (loans.gt(BOUNDS.loansPerYear)) {
        issues.push({ code: "tooManyLoans", path: ["creditPools", i, "plannedLending"], found: loans.toString(), expected: String(BOUNDS.loansPerYear), detail: year });
        break;
      }
    }
  });
  if (s.funding.perPersonTarget) ref(s.funding.perPersonTarget.fund, sources, "funding source (funding.sources[].id)", ["funding", "perPersonTarget", "fund"]);
  issues.push(...checkUnknowns(s));
  // An uncertain source's factor must stay ≥ 0 (a source cannot take money away).
  s.funding.sources.forEach((src, i) => {
    if (src.uncertainty === undefined) return;
    const support = distSupport(src.uncertainty as unknown as { dist: string } & Record<string, unknown>);
    if (!(support[0] >= 0)) {
      issues.push({ code: "unknownRange", path: ["funding", "sources", i, "uncertainty"], found: `[${support.map((x) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x < 0 ? "−∞" : "∞")).join(", ")}]`, expected: "[0, ∞]", detail: `funding.sources.${src.id}` });
    }
  });
  return issues;
}

/** Each unknown names a value that can be drawn per run, once, with draws inside the value's range. */
function checkUnknowns(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  s.unknowns.forEach((u, i) => {
    const path: PathSegment[] = ["unknowns", i, "parameter"];
    const r = resolveUnknown(s, u.parameter);
    if (!r.ok) {
      const e = r.error;
      if (e.kind === "noItem") {
        const suggestion = closest(e.id, (e.list === "programmes" ? s.programmes : s.creditPools).map((x) => x.id));
        issues.push({ code: "unknownReference", path, found: e.id, expected: e.list === "programmes" ? "programme (programmes[].id)" : "credit pool (creditPools[].id)", ...(suggestion ? { suggestion } : {}) });
      } else if (e.kind === "dated") issues.push({ code: "unknownDated", path, found: u.parameter });
      else issues.push({ code: "notAnUnknown", path, found: u.parameter, expected: UNKNOWN_PATHS.join("; "), detail: e.kind === "upliftField" ? e.expected : e.kind });
      return;
    }
    const key = `${r.value.target}/${r.value.owner}/${r.value.index}`;
    if (seen.has(key)) issues.push({ code: "duplicateUnknown", path, found: u.parameter });
    seen.add(key);
    const support = distSupport(u.draw as unknown as { dist: string } & Record<string, unknown>);
    if (!supportFits(r.value, support, u.draw.dist)) {
      const { min, max, minOpen } = r.value;
      const range = `${minOpen ? "(" : "["}${min}, ${max === Infinity ? "∞" : max}]`;
      issues.push({ code: "unknownRange", path: ["unknowns", i, "draw"], found: `[${support.map((x) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x < 0 ? "−∞" : "∞")).join(", ")}]`, expected: range, detail: u.parameter });
    }
  });
  return issues;
}

/** Cash can be paid: the units served are households, people or students, paid in the year served (no recurring payments). */
export function cashCanApply(p: Scenario["programmes"][number]): boolean {
  const unit = p.unitCost?.per;
  const recurring = p.unitCost?.recurringYears !== undefined && scalar(p.unitCost.recurringYears).gt(1);
  return unit !== undefined && HOUSEHOLD_UNITS.has(unit) && !recurring && !NO_VILLAGE_KINDS.has(p.kind) && p.villageEffect === undefined;
}

/** Whether a programme is delivered as cash: as it says, else education whose cash can be paid. */
export const deliveredAsCash = (p: Scenario["programmes"][number]): boolean => (p.delivery === undefined ? p.kind === "education" && cashCanApply(p) : p.delivery === "cash");

/** Cost units a household effect can count served households by (the engine maps the others to cost lines). */
export const HOUSEHOLD_UNITS: ReadonlySet<string> = new Set(["person", "household", "student"]);

/** A relocation given by per-person follow-up schedules: its cohorts are the people relocated. */
export const relocatedBySchedules = (p: Scenario["programmes"][number]): boolean => (p.schedules ?? []).some((s) => s.unit === "person");
/** Kinds whose mechanism is their own (floor, relocation, credit): no village effect. */
const NO_VILLAGE_KINDS: ReadonlySet<string> = new Set(["floor", "relocation", "credit"]);

/**
 * An effect must be able to apply (issue codes villageEffectMisplaced, effectCannotApply):
 * a village effect needs a unit cost per village and no household effect beside it; a
 * household effect needs a way to count the households served — a unit cost per household,
 * person or student (or a relocation given by its schedules) — on a kind that serves households.
 */
function effectPlacement(p: Scenario["programmes"][number], i: number): Issue[] {
  const out: Issue[] = [];
  const unit = p.unitCost?.per;
  const effect = householdEffect(p.effect);
  if (p.villageEffect !== undefined) {
    const at = ["programmes", i, "villageEffect"];
    if (NO_VILLAGE_KINDS.has(p.kind)) out.push({ code: "villageEffectMisplaced", path: at, found: p.kind, detail: "kind" });
    else if (unit !== "village") out.push({ code: "villageEffectMisplaced", path: at, found: unit ?? "", detail: "unit" });
    else if (effect !== undefined) out.push({ code: "villageEffectMisplaced", path: at, found: "effect", detail: "effect" });
    return out;
  }
  if (p.cover !== undefined && p.kind !== "health" && p.kind !== "insurance") out.push({ code: "coverNotApplicable", path: ["programmes", i, "cover"], found: p.kind });
  if (p.delivery === "cash" && !cashCanApply(p)) {
    const recurring = p.unitCost?.recurringYears !== undefined && scalar(p.unitCost.recurringYears).gt(1);
    out.push({ code: "effectCannotApply", path: ["programmes", i, "delivery"], found: recurring ? "recurring" : (unit ?? ""), detail: "cash" });
  }
  if (effect === undefined || p.kind === "credit") return out;
  const bySchedules = p.kind === "relocation" && unit === undefined && relocatedBySchedules(p);
  if (p.kind === "floor" || p.kind === "infrastructure" || !(bySchedules || (unit !== undefined && HOUSEHOLD_UNITS.has(unit)))) {
    out.push({ code: "effectCannotApply", path: ["programmes", i, "effect"], found: p.kind === "floor" || p.kind === "infrastructure" ? `kind ${p.kind}` : unit === undefined ? "" : unit, detail: p.kind });
  }
  return out;
}
