import { describe, expect, it } from "vitest";
import { ledgerOf, withParts, strs } from "./helpers.js";
import * as M from "../../src/messages/ledger.js";

const plan = (carryForward: boolean) =>
  withParts({
    funding: { carryForward, sources: [{ id: "b", rule: { kind: "fixed", amount: { 2017: 5_000_000, 2018: 2_000_000, 2019: 2_000_000 } } }] },
    programmes: [
      { id: "industry", kind: "industry", label: { en: "Industry", zh: "产业" }, allocation: { 2017: 3_000_000, 2018: 3_000_000 } },
      { id: "housing", kind: "housing", units: { 2018: 40 }, unitCost: { amount: 35_000, per: "household" } },
    ],
  });

describe("balance and over-commitment", () => {
  it("carries the balance forward and names the year, the programmes and the amount when uses exceed it", () => {
    const l = ledgerOf(plan(true));
    expect(strs(l.balance.map((b) => b.closing))).toEqual(["2000000", "-400000", "1600000"]);
    const over = l.checks.filter((c) => c.code === "overCommitted");
    expect(over).toHaveLength(1);
    const c = over[0]!;
    expect([c.severity, c.year, c.amounts["deficit"]!.toFixed()]).toEqual(["error", 2018, "400000"]);
    expect(c.items!.map((i) => [i.id, i.amount.toFixed()])).toEqual([
      ["programme:industry", "3000000"],
      ["programme:housing", "1400000"],
    ]);
    expect(c.message).toEqual(
      M.overCommitted({
        year: 2018,
        deficit: c.amounts["deficit"]!,
        available: c.amounts["available"]!,
        uses: c.amounts["uses"]!,
        items: [
          { name: { en: "Industry", zh: "产业" }, amount: c.items![0]!.amount },
          { name: { en: "housing", zh: "housing" }, amount: c.items![1]!.amount },
        ],
      }),
    );
  });

  it("without carry forward, each year stands alone and unspent money lapses", () => {
    const l = ledgerOf(plan(false));
    expect(strs(l.balance.map((b) => b.closing))).toEqual(["2000000", "-2400000", "2000000"]);
    expect(strs(l.balance.map((b) => b.lapsed))).toEqual(["2000000", "0", "2000000"]);
    expect(l.totals.unspent.toFixed()).toBe("1600000");
    expect(l.checks.filter((c) => c.code === "overCommitted").map((c) => c.year)).toEqual([2018]);
  });

  it("a deficit carried into a year that balances is not raised again", () => {
    const l = ledgerOf(
      withParts({
        funding: { sources: [{ id: "b", rule: { kind: "fixed", amount: { 2017: 1_000_000, 2018: 500_000 } } }] },
        programmes: [{ id: "x", kind: "other", allocation: { 2017: 2_000_000, 2018: 500_000 } }],
      }),
    );
    expect(strs(l.balance.map((b) => b.closing))).toEqual(["-1000000", "-1000000", "-1000000"]);
    expect(l.checks.filter((c) => c.code === "overCommitted").map((c) => c.year)).toEqual([2017]);
  });
});
