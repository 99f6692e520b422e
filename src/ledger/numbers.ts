/**
 * The ledger as floats for the Monte-Carlo engine (which computes in float64): per programme
 * per year the money it can spend and the units it can serve, scheduled payments by
 * programme / schedule / cohort / year, and each pool's deposits, capacity, planned lending,
 * outstanding balance and expected interest subsidy. Arrays are aligned with `years`.
 * A capacity of `Infinity` means nothing limits it (demand-driven, e.g. the social floor).
 *
 * @example
 * const n = ledgerNumbers(buildLedger(s));
 * n.programmes.get("industry")!.capacity[0] // 735
 */
import type { Decimal } from "decimal.js";
import type { Ledger } from "./types.js";

export interface ProgrammeNumbers {
  readonly id: string;
  readonly allocation: Float64Array;
  readonly scheduled: Float64Array;
  readonly capacity: Float64Array;
}

export interface ScheduleNumbers {
  readonly programme: string;
  readonly schedule: string;
  readonly cohortYear: number;
  readonly units: number;
  /** Payments in each horizon year. */
  readonly byYear: Float64Array;
  /** Payments after the horizon. */
  readonly after: number;
}

export interface PoolNumbers {
  readonly id: string;
  readonly leverage: number;
  readonly deposits: Float64Array;
  readonly fund: Float64Array;
  readonly capacity: Float64Array;
  readonly plannedLending: Float64Array;
  readonly outstanding: Float64Array;
  readonly expectedSubsidy: Float64Array;
}

export interface LedgerNumbers {
  readonly years: readonly number[];
  readonly programmes: ReadonlyMap<string, ProgrammeNumbers>;
  readonly schedules: readonly ScheduleNumbers[];
  readonly pools: ReadonlyMap<string, PoolNumbers>;
  readonly sources: Float64Array;
  readonly uses: Float64Array;
}

const f = (xs: readonly Decimal[]): Float64Array => Float64Array.from(xs, (d) => d.toNumber());

export function ledgerNumbers(l: Ledger): LedgerNumbers {
  const programmes = new Map(
    l.programmes.map((p) => [
      p.id,
      {
        id: p.id,
        allocation: f(p.byYear.map((y) => y.allocation)),
        scheduled: f(p.byYear.map((y) => y.scheduled)),
        capacity: Float64Array.from(p.byYear, (y) => (y.capacity === undefined ? Infinity : y.capacity.toNumber())),
      },
    ]),
  );
  const groups = new Map<string, ScheduleNumbers & { byYear: Float64Array; after: number }>();
  for (const e of l.schedules) {
    const k = `${e.programme}\u0000${e.schedule}\u0000${e.cohortYear}`;
    let g = groups.get(k);
    if (!g) {
      g = { programme: e.programme, schedule: e.schedule, cohortYear: e.cohortYear, units: e.units.toNumber(), byYear: new Float64Array(l.years.length), after: 0 };
      groups.set(k, g);
    }
    const i = l.years.indexOf(e.year);
    if (i >= 0) g.byYear[i] = (g.byYear[i] ?? 0) + e.amount.toNumber();
    else g.after += e.amount.toNumber();
  }
  const pools = new Map(
    l.pools.map((p) => [
      p.id,
      {
        id: p.id,
        leverage: p.leverage.toNumber(),
        deposits: f(p.byYear.map((y) => y.deposit)),
        fund: f(p.byYear.map((y) => y.fund)),
        capacity: f(p.byYear.map((y) => y.capacity)),
        plannedLending: f(p.byYear.map((y) => y.newLending)),
        outstanding: f(p.byYear.map((y) => y.outstanding)),
        expectedSubsidy: f(p.byYear.map((y) => y.expectedSubsidy)),
      },
    ]),
  );
  return { years: l.years, programmes, schedules: [...groups.values()], pools, sources: f(l.balance.map((b) => b.sources)), uses: f(l.balance.map((b) => b.uses)) };
}
