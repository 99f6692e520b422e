/**
 * Ledger invariants on generated scenarios (fast-check), through the real loader:
 * - every year and in total: sources = uses + unspent balance, to the fen (exactly);
 * - totals do not depend on the order of sources, programmes or pools in the file;
 * - scaling every amount by k scales every total by k exactly;
 * - a cohort schedule of n units × amount × years sums to exactly that, split by year as declared.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { baseScenario, ledgerOf } from "../ledger/helpers.js";
import { sumOf } from "../../src/model/money.js";
import type { Ledger } from "../../src/ledger/types.js";

const YEARS = [2017, 2018, 2019] as const;

/** Money with at most two decimals (fen), up to 10^9 yuan. */
const money = fc.integer({ min: 0, max: 100_000_000_000 }).map((fen) => new Decimal(fen).div(100).toNumber());
/** Planned lending: none, or at least one loan of 25,000 and at most 40,000 of them (a pool makes ≤ 1,000,000 loans a year). */
const lending = fc.oneof(fc.constant(0), fc.integer({ min: 2_500_000, max: 100_000_000_000 }).map((fen) => new Decimal(fen).div(100).toNumber()));
const dated = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    arb,
    fc.subarray([...YEARS], { minLength: 1 }).chain((ys) => fc.tuple(...ys.map(() => arb)).map((vs) => Object.fromEntries(ys.map((y, i) => [String(y), vs[i]])))),
  );
const shareArb = fc.integer({ min: 0, max: 100 }).map((x) => x / 100);

const sourceArb = fc.oneof(
  fc.record({ kind: fc.constant("fixed"), amount: dated(money) }),
  fc.record({ kind: fc.constant("transfer"), from: fc.constant("central"), amount: dated(money) }),
  fc.record({ kind: fc.constant("revenueShare"), share: shareArb, revenueIncrease: dated(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 })) }),
  fc.record({ kind: fc.constant("perUnit"), units: fc.integer({ min: 0, max: 200 }), amountPerUnit: dated(money) }),
  fc.record({ kind: fc.constant("gapShare"), weight: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1000 }).map((x) => x / 100)) }),
);

const programmeArb = fc.record(
  {
    allocation: dated(money),
    units: dated(fc.integer({ min: 0, max: 5000 })),
    unitCost: fc.record({ amount: fc.integer({ min: 1, max: 100_000 }), per: fc.constant("household"), recurringYears: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }) }, { requiredKeys: ["amount", "per"] }),
    schedules: fc.array(
      fc.record({
        amountPerUnitYear: fc.integer({ min: 0, max: 10_000 }),
        years: fc.integer({ min: 1, max: 6 }),
        cohorts: fc.uniqueArray(fc.record({ year: fc.constantFrom(...YEARS), units: fc.integer({ min: 0, max: 20_000 }) }), { minLength: 1, maxLength: 3, selector: (c) => c.year }),
      }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

const poolArb = (amortisations: readonly ("bullet" | "straightLine")[]) =>
  fc.record({
    fund: dated(money),
    leverage: fc.integer({ min: 1, max: 20 }),
    plannedLending: dated(lending),
    loanSize: fc.constant(25_000),
    termYears: fc.integer({ min: 1, max: 4 }),
    rate: fc.integer({ min: 0, max: 800 }).map((x) => x / 10_000),
    subsidyShare: shareArb,
    amortisation: fc.constantFrom(...amortisations),
  });

interface Gen {
  sources: unknown[];
  programmes: Record<string, unknown>[];
  pools: Record<string, unknown>[];
  target: { amountPerPerson: number; people: number } | null;
  carryForward: boolean;
}

const genArb = (amortisations: readonly ("bullet" | "straightLine")[] = ["bullet", "straightLine"]): fc.Arbitrary<Gen> =>
  fc.record({
    sources: fc.array(sourceArb, { minLength: 1, maxLength: 5 }),
    programmes: fc.array(programmeArb, { maxLength: 4 }),
    pools: fc.array(poolArb(amortisations), { maxLength: 2 }),
    target: fc.option(fc.record({ amountPerPerson: fc.integer({ min: 0, max: 50_000 }), people: fc.integer({ min: 0, max: 100_000 }) }), { nil: null }),
    carryForward: fc.boolean(),
  });

/** The generated parts as a scenario object (ids by position, so reordering keeps them). */
function scenarioOf(g: Gen, order: { sources?: number[]; programmes?: number[]; pools?: number[] } = {}): unknown {
  const sources = g.sources.map((rule, i) => ({ id: `s${i}`, rule }));
  const programmes = g.programmes.map((p, i) => ({
    id: `p${i}`,
    kind: "other",
    ...p,
    schedules: (p["schedules"] as Record<string, unknown>[] | undefined)?.map((s, j) => ({ id: `sch${j}`, unit: "person", ...s })),
  }));
  const pools = g.pools.map((q, i) => ({
    id: `q${i}`,
    fund: q["fund"],
    leverage: q["leverage"],
    plannedLending: q["plannedLending"],
    loan: { size: q["loanSize"], termYears: q["termYears"], rate: q["rate"], subsidyShare: q["subsidyShare"], amortisation: q["amortisation"] },
    pd: 0.02,
    correlation: 0.1,
    lgd: 0.45,
    poolLossShare: 0.7,
  }));
  const pick = <T>(xs: T[], o?: number[]): T[] => (o ? o.map((i) => xs[i]!) : xs);
  return {
    ...baseScenario(),
    funding: {
      carryForward: g.carryForward,
      sources: pick(sources, order.sources),
      ...(g.target ? { perPersonTarget: { ...g.target, fund: "s0" } } : {}),
    },
    programmes: pick(programmes, order.programmes),
    creditPools: pick(pools, order.pools),
  };
}

/** Multiply every money amount of a generated scenario by k (counts, shares, rates stay). */
function scaled(g: Gen, k: number): Gen {
  const m = (x: unknown): unknown =>
    typeof x === "number" ? new Decimal(x).times(k).toNumber() : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).map(([y, v]) => [y, m(v)])) : x;
  const sources = g.sources.map((s) => {
    const r = s as Record<string, unknown>;
    switch (r["kind"]) {
      case "fixed":
      case "transfer":
        return { ...r, amount: m(r["amount"]) };
      case "revenueShare":
        return { ...r, revenueIncrease: m(r["revenueIncrease"]) };
      case "perUnit":
        return { ...r, amountPerUnit: m(r["amountPerUnit"]) };
      default:
        return r;
    }
  });
  const programmes = g.programmes.map((p) => ({
    ...p,
    ...(p["allocation"] !== undefined ? { allocation: m(p["allocation"]) } : {}),
    ...(p["unitCost"] !== undefined ? { unitCost: { ...(p["unitCost"] as object), amount: m((p["unitCost"] as { amount: number }).amount) } } : {}),
    ...(p["schedules"] !== undefined ? { schedules: (p["schedules"] as Record<string, unknown>[]).map((s) => ({ ...s, amountPerUnitYear: m(s["amountPerUnitYear"]) })) } : {}),
  }));
  const pools = g.pools.map((q) => ({ ...q, fund: m(q["fund"]), plannedLending: m(q["plannedLending"]), loanSize: m(q["loanSize"]) }));
  return { ...g, sources, programmes, pools, target: g.target ? { ...g.target, amountPerPerson: g.target.amountPerPerson * k } : null };
}

const fingerprint = (l: Ledger) => ({
  sources: l.totals.sources.toFixed(),
  uses: l.totals.uses.toFixed(),
  unspent: l.totals.unspent.toFixed(),
  after: l.totals.beyondHorizon.toFixed(),
  years: l.balance.map((b) => [b.sources.toFixed(), b.uses.toFixed(), b.closing.toFixed()]),
  bySource: Object.fromEntries(l.sources.map((s) => [s.id, s.total.toFixed()])),
  byUse: Object.fromEntries(l.uses.map((u) => [u.key, u.total.toFixed()])),
  checks: l.checks.map((c) => `${c.code}:${c.year ?? ""}:${c.programme ?? ""}:${c.pool ?? ""}:${c.source ?? ""}`).sort(),
});

const RUNS = { numRuns: 60 };

describe("ledger invariants (generated scenarios)", () => {
  it("sources = uses + unspent balance, every year and in total, exactly", () => {
    fc.assert(
      fc.property(genArb(), (g) => {
        const l = ledgerOf(scenarioOf(g));
        for (const b of l.balance) {
          expect(b.opening.plus(b.sources).equals(b.uses.plus(b.closing))).toBe(true);
          expect(b.sources.equals(sumOf(l.sources.map((s) => s.byYear[l.years.indexOf(b.year)]!)))).toBe(true);
        }
        expect(l.totals.sources.equals(l.totals.uses.plus(l.totals.unspent))).toBe(true);
        expect(l.totals.uses.equals(sumOf(l.balance.map((b) => b.uses)))).toBe(true);
        if (l.target) expect(sumOf(l.target.shares.map((s) => s.amount)).equals(l.target.shares.length > 0 && l.target.shares.some((s) => s.weight.gt(0)) ? l.target.gap : 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it("totals do not depend on the order of sources, programmes or pools", () => {
    fc.assert(
      fc.property(
        genArb().chain((g) =>
          fc.tuple(
            fc.constant(g),
            fc.shuffledSubarray([...g.sources.keys()], { minLength: g.sources.length, maxLength: g.sources.length }),
            fc.shuffledSubarray([...g.programmes.keys()], { minLength: g.programmes.length, maxLength: g.programmes.length }),
            fc.shuffledSubarray([...g.pools.keys()], { minLength: g.pools.length, maxLength: g.pools.length }),
          ),
        ),
        ([g, s, p, q]) => {
          const a = fingerprint(ledgerOf(scenarioOf(g)));
          const b = fingerprint(ledgerOf(scenarioOf(g, { sources: s, programmes: p, pools: q })));
          expect(b).toEqual(a);
        },
      ),
      RUNS,
    );
  });

  it("scaling every amount by k scales every total by k exactly (bullet loans; year totals too without a shared gap)", () => {
    fc.assert(
      fc.property(genArb(["bullet"]), fc.integer({ min: 2, max: 1000 }), (g, k) => {
        const a = ledgerOf(scenarioOf(g));
        const b = ledgerOf(scenarioOf(scaled(g, k)));
        const times = (x: Decimal) => x.times(k).toFixed();
        expect(b.totals.sources.toFixed()).toBe(times(a.totals.sources));
        expect(b.totals.uses.toFixed()).toBe(times(a.totals.uses));
        expect(b.totals.unspent.toFixed()).toBe(times(a.totals.unspent));
        expect(b.totals.beyondHorizon.toFixed()).toBe(times(a.totals.beyondHorizon));
        expect(b.balance.map((y) => y.uses.toFixed())).toEqual(a.balance.map((y) => times(y.uses)));
        if (!a.target) expect(b.balance.map((y) => y.sources.toFixed())).toEqual(a.balance.map((y) => times(y.sources)));
        expect(b.programmes.map((p) => p.byYear.map((y) => y.capacity?.toFixed()))).toEqual(a.programmes.map((p) => p.byYear.map((y) => y.capacity?.toFixed())));
      }),
      RUNS,
    );
  });

  it("a cohort schedule of n × amount × years sums exactly and splits by year as declared", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        money,
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(...YEARS),
        (n, amount, years, start) => {
          const l = ledgerOf({
            ...baseScenario(),
            programmes: [{ id: "r", kind: "relocation", schedules: [{ id: "f", unit: "person", amountPerUnitYear: amount, years, cohorts: [{ year: start, units: n }] }] }],
          });
          const each = new Decimal(n).times(amount);
          expect(l.schedules.map((e) => e.year)).toEqual(Array.from({ length: years }, (_, i) => start + i));
          for (const e of l.schedules) {
            expect(e.amount.equals(each)).toBe(true);
            expect(e.beyondHorizon).toBe(e.year > 2019);
          }
          expect(sumOf(l.schedules.map((e) => e.amount)).equals(each.times(years))).toBe(true);
          const line = l.uses[0]!;
          expect(line.total.plus(line.beyondHorizon).equals(each.times(years))).toBe(true);
          expect(l.checks.some((c) => c.code === "scheduleBeyondHorizon")).toBe(start + years - 1 > 2019);
        },
      ),
      { numRuns: 100 },
    );
  });
});
