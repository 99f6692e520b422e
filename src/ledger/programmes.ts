/**
 * Programmes: what each spends per year and how many units it can serve.
 *
 * - With an `allocation`: it spends the allocation (a flow: dated → the years named only).
 * - Without one: it spends unit cost × planned units (`units` is a flow; the unit cost a
 *   level fixed in the year of support). With `recurringYears: R` each year's units are paid
 *   for R years from their year of support; payments after the horizon are recorded as
 *   `beyondHorizon`.
 * - `required` = unit cost × planned units (with recurring costs) — compared with the
 *   allocation to find under-funded programmes.
 * - Capacity (units served in the year): ⌊allocation ÷ unit cost⌋ with an allocation (unit-
 *   years for recurring costs), else the units being paid for (planned units when there is
 *   no unit cost); capped by `capacity`; only `capacity` → that cap; nothing → undefined
 *   (demand-driven).
 *
 * Schedules (schedules.ts) are added to the programme's spending as separate lines.
 *
 * @example
 * // Linghai: 50 households × 35,000 (housing) → 1,750,000 in 2017, capacity 50
 * programmeYears(p, years)
 */
import type { Decimal } from "decimal.js";
import { flow, level, zeros } from "./yearly.js";
import { scalar } from "../scenario/param.js";
import { ZERO } from "../model/money.js";
import type { ProgrammeYear } from "./types.js";
import type { ProgrammeSpec } from "./schedules.js";

export interface ProgrammeSpending {
  /** What the programme's own line spends per year (allocation, or unit costs). */
  readonly spend: readonly Decimal[];
  readonly kind: "allocation" | "unitCost" | undefined;
  readonly required: readonly (Decimal | undefined)[];
  readonly plannedUnits: readonly (Decimal | undefined)[];
  readonly unitCost: readonly (Decimal | undefined)[];
  readonly capacity: readonly (Decimal | undefined)[];
  /** Explicit cap per year (for the capacity-below-plan check). */
  readonly cap: readonly (Decimal | undefined)[];
  /** Unit-cost payments after the horizon (recurring costs, no allocation), by year. */
  readonly beyond: readonly { readonly year: number; readonly amount: Decimal }[];
}

/** Recurring unit-cost payments by paying year, inside and after the horizon. */
function unitCostPayments(units: readonly Decimal[], cost: readonly Decimal[], recurring: number, years: readonly number[]) {
  const inside = zeros(years);
  const active = zeros(years);
  const beyond = new Map<number, Decimal>();
  const last = years[years.length - 1]!;
  years.forEach((y, t) => {
    const u = units[t]!;
    if (u.isZero()) return;
    for (let k = 0; k < recurring; k++) {
      const amount = u.times(cost[t]!);
      const yy = y + k;
      if (yy > last) beyond.set(yy, (beyond.get(yy) ?? ZERO).plus(amount));
      else {
        inside[t + k] = inside[t + k]!.plus(amount);
        active[t + k] = active[t + k]!.plus(u);
      }
    }
  });
  return { inside, active, beyond: [...beyond].sort((a, b) => a[0] - b[0]).map(([year, amount]) => ({ year, amount })) };
}

export function programmeSpending(p: ProgrammeSpec, years: readonly number[]): ProgrammeSpending {
  const none = years.map(() => undefined);
  const cost = p.unitCost ? level(p.unitCost.amount, years) : undefined;
  const units = p.units ? flow(p.units, years) : undefined;
  const recurring = p.unitCost?.recurringYears ? Math.max(1, scalar(p.unitCost.recurringYears).toNumber()) : 1;
  const pay = cost && units ? unitCostPayments(units, cost, recurring, years) : undefined;
  const alloc = p.allocation ? flow(p.allocation, years) : undefined;
  const cap = p.capacity ? level(p.capacity, years) : undefined;
  const kind = alloc ? "allocation" : pay ? "unitCost" : undefined;
  const spend = alloc ?? pay?.inside ?? zeros(years);
  const capacity = years.map((_, i) => {
    let c: Decimal | undefined;
    const uc = cost?.[i];
    if (alloc) c = uc && uc.gt(0) ? alloc[i]!.div(uc).floor() : undefined;
    else if (pay) c = pay.active[i];
    else if (units) c = units[i];
    const k = cap?.[i];
    if (k !== undefined) c = c === undefined ? k : minOf(c, k);
    return c;
  });
  return {
    spend,
    kind,
    required: pay ? pay.inside : none,
    plannedUnits: units ?? none,
    unitCost: cost ?? none,
    capacity,
    cap: cap ?? none,
    beyond: alloc ? [] : (pay?.beyond ?? []),
  };
}

const minOf = (a: Decimal, b: Decimal): Decimal => (a.lte(b) ? a : b);

/** The per-year view stored in the ledger. */
export function programmeYears(sp: ProgrammeSpending, scheduled: readonly Decimal[], years: readonly number[]): ProgrammeYear[] {
  return years.map((year, i) => ({
    year,
    allocation: sp.spend[i]!,
    scheduled: scheduled[i]!,
    required: sp.required[i],
    plannedUnits: sp.plannedUnits[i],
    unitCost: sp.unitCost[i],
    capacity: sp.capacity[i],
  }));
}
