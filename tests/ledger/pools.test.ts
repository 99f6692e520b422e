import { describe, expect, it } from "vitest";
import { ledgerOf, withParts, strs } from "./helpers.js";
import { balances } from "../../src/ledger/pools.js";
import { yuan } from "../../src/model/money.js";

const pool = (over: Record<string, unknown> = {}, loan: Record<string, unknown> = {}) =>
  withParts({
    funding: { sources: [{ id: "b", rule: { kind: "fixed", amount: 20_000_000 } }] },
    programmes: [{ id: "credit", kind: "credit", pool: "fund" }],
    creditPools: [
      {
        id: "fund",
        fund: { 2017: 9_900_000 },
        leverage: 10,
        plannedLending: { 2017: 50_000_000 },
        loan: { size: 25_000, termYears: 3, rate: 0.0475, subsidyShare: 1, ...loan },
        pd: 0.02,
        correlation: 0.1,
        lgd: 0.45,
        poolLossShare: 0.7,
        ...over,
      },
    ],
  });

describe("credit pools", () => {
  it("Linghai: 9.9 M × 10 = 99 M capacity against 50 M planned; 2,375,000 a year of expected subsidy", () => {
    const l = ledgerOf(pool());
    const p = l.pools[0]!;
    expect(strs(p.byYear.map((y) => y.capacity))).toEqual(["99000000", "99000000", "99000000"]);
    expect(strs(p.byYear.map((y) => y.outstanding))).toEqual(["50000000", "50000000", "50000000"]);
    expect(strs(p.byYear.map((y) => y.expectedSubsidy))).toEqual(["2375000", "2375000", "2375000"]);
    expect(p.byYear[0]!.loans.toFixed()).toBe("2000");
    expect(p.programmes).toEqual(["credit"]);
    expect(l.uses.filter((u) => u.pool === "fund").map((u) => [u.kind, u.total.toFixed()])).toEqual([
      ["poolDeposit", "9900000"],
      ["interestSubsidy", "7125000"],
    ]);
    const within = l.checks.find((c) => c.code === "lendingWithinCapacity")!;
    expect(within.amounts["capacity"]!.toFixed()).toBe("99000000");
  });

  it("straight-line amortisation repays principal ÷ term a year, to the fen", () => {
    expect(strs(balances(yuan(100), 3, "straightLine"))).toEqual(["100", "66.66", "33.33"]);
    const l = ledgerOf(pool({}, { amortisation: "straightLine", subsidyShare: 0.5 }));
    // 50 M, 33.3 M, 16.6 M outstanding (to the fen), × 4.75 % × 0.5
    const p = l.pools[0]!;
    expect(strs(p.byYear.map((y) => y.outstanding))).toEqual(["50000000", "33333333.33", "16666666.66"]);
    expect(p.byYear[1]!.expectedSubsidy.toFixed()).toBe(yuan("33333333.33").times("0.0475").times("0.5").toFixed());
  });

  it("subsidy on loans running past the horizon is kept separately and raised as info", () => {
    const l = ledgerOf(pool({ plannedLending: { 2018: 10_000_000 } }));
    const p = l.pools[0]!;
    expect(p.subsidyBeyond.map((b) => [b.year, b.amount.toFixed()])).toEqual([[2020, "475000"]]);
    expect(l.checks.find((c) => c.code === "subsidyBeyondHorizon")!.severity).toBe("info");
  });

  it("planned lending above fund × leverage is an error for each year it happens", () => {
    const l = ledgerOf(pool({ leverage: 5, plannedLending: { 2017: 30_000_000, 2018: 30_000_000 } }));
    const errs = l.checks.filter((c) => c.code === "lendingAboveCapacity");
    expect(errs.map((c) => [c.year, c.amounts["excess"]!.toFixed()])).toEqual([
      [2018, "10500000"],
      [2019, "10500000"],
    ]);
    expect(errs[0]!.severity).toBe("error");
    expect(l.checks.some((c) => c.code === "lendingWithinCapacity")).toBe(false);
  });

  it("warns when a loan per household carried exceeds the 50,000 micro-credit ceiling (enterprise loans), in both languages", () => {
    const none = ledgerOf(pool()).checks.filter((c) => c.code === "loanAboveHouseholdCeiling");
    expect(none).toEqual([]);
    const l = ledgerOf(pool({}, { householdsPerLoan: 0.25 }));
    const c = l.checks.find((x) => x.code === "loanAboveHouseholdCeiling");
    expect(c?.severity).toBe("warning");
    expect(c?.amounts["perHousehold"]?.toString()).toBe("100000");
    expect(c?.message.en).toContain("100,000");
    expect(c?.message.zh).toContain("上限");
  });

  it("adds the loan book at the start to outstanding loans and the expected subsidy for the years it still runs", () => {
    const l = ledgerOf(pool({ existingLoans: { outstanding: 6_350_000, remainingYears: 2, source: "test" } }));
    const p = l.pools[0]!;
    expect(p.existing?.loans.toString()).toBe("254");
    expect(strs(p.byYear.map((y) => y.outstanding))).toEqual(["56350000", "56350000", "50000000"]);
    expect(strs(p.byYear.map((y) => y.expectedSubsidy))).toEqual(["2676625", "2676625", "2375000"]);
  });
});
