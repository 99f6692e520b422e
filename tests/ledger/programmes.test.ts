import { describe, expect, it } from "vitest";
import { ledgerOf, withParts, strs } from "./helpers.js";
import * as M from "../../src/messages/ledger.js";

const money = { sources: [{ id: "budget", rule: { kind: "fixed", amount: 10_000_000 } }] };
const withProgrammes = (programmes: unknown[]) => withParts({ funding: money, programmes });
const prog = (l: ReturnType<typeof ledgerOf>, id: string) => l.programmes.find((p) => p.id === id)!;

describe("programme uses and capacities", () => {
  it("an allocation is spent in the years it names; capacity = ⌊allocation ÷ unit cost⌋", () => {
    const l = ledgerOf(withProgrammes([{ id: "industry", kind: "industry", allocation: { 2017: 3_678_000 }, unitCost: { amount: 5000, per: "household" } }]));
    const p = prog(l, "industry");
    expect(strs(p.byYear.map((y) => y.allocation))).toEqual(["3678000", "0", "0"]);
    expect(p.byYear.map((y) => y.capacity?.toFixed())).toEqual(["735", "0", "0"]);
    expect(l.uses[0]!.kind).toBe("allocation");
  });

  it("without an allocation it spends unit cost × planned units (Linghai housing: 50 × 35,000)", () => {
    const l = ledgerOf(withProgrammes([{ id: "housing", kind: "housing", units: { 2017: 50 }, unitCost: { amount: 35_000, per: "household" } }]));
    const p = prog(l, "housing");
    expect(strs(p.byYear.map((y) => y.allocation))).toEqual(["1750000", "0", "0"]);
    expect(p.byYear[0]!.capacity!.toFixed()).toBe("50");
    expect(l.uses[0]!.kind).toBe("unitCost");
    expect(l.checks.some((c) => c.code === "underFunded")).toBe(false);
  });

  it("recurring unit costs make a multi-year schedule and flag what falls after the horizon", () => {
    const l = ledgerOf(withProgrammes([{ id: "students", kind: "education", units: { 2018: 100, 2019: 10 }, unitCost: { amount: 2000, per: "student", recurringYears: 3 } }]));
    const p = prog(l, "students");
    expect(strs(p.byYear.map((y) => y.allocation))).toEqual(["0", "200000", "220000"]);
    expect(p.byYear.map((y) => y.capacity?.toFixed())).toEqual(["0", "100", "110"]);
    expect(p.beyondHorizon.toFixed()).toBe(String(100 * 2000 + 10 * 2000 * 2));
    const c = l.checks.find((x) => x.code === "recurringBeyondHorizon")!;
    expect(c.severity).toBe("warning");
    expect(c.message).toEqual(M.recurringBeyondHorizon({ programme: { en: "students", zh: "students" }, lastYear: 2021, amount: p.beyondHorizon }));
  });

  it("flags an allocation below unit cost × units, by year and by how much", () => {
    const l = ledgerOf(withProgrammes([{ id: "training", kind: "employment", allocation: { 2017: 200_000, 2018: 300_000 }, units: 800, unitCost: { amount: 300, per: "person" } }]));
    const under = l.checks.filter((c) => c.code === "underFunded");
    expect(under.map((c) => [c.year, c.amounts["shortfall"]!.toFixed()])).toEqual([
      [2017, "40000"],
      [2019, "240000"],
    ]);
    expect(under[0]!.programme).toBe("training");
  });

  it("an explicit capacity caps the units served and is checked against the plan", () => {
    const l = ledgerOf(withProgrammes([{ id: "h", kind: "health", units: 3000, unitCost: { amount: 180, per: "person" }, capacity: 2500 }]));
    expect(prog(l, "h").byYear[0]!.capacity!.toFixed()).toBe("2500");
    expect(l.checks.filter((c) => c.code === "capacityBelowPlan").map((c) => c.year)).toEqual([2017, 2018, 2019]);
  });

  it("a demand-driven programme has no capacity and no spending line", () => {
    const l = ledgerOf(withProgrammes([{ id: "floor", kind: "floor", eligibility: { segments: ["dibao"] } }]));
    expect(prog(l, "floor").byYear.every((y) => y.capacity === undefined)).toBe(true);
    expect(l.uses).toHaveLength(0);
  });

  it("programmes paid by named sources are checked against those sources", () => {
    const l = ledgerOf(
      withParts({
        funding: { sources: [{ id: "city", rule: { kind: "fixed", amount: { 2017: 5_000_000 } } }, { id: "other", rule: { kind: "fixed", amount: 9_000_000 } }] },
        programmes: [{ id: "infra", kind: "infrastructure", allocation: { 2017: 4_000_000, 2018: 2_000_000 }, fundedBy: ["city"] }],
      }),
    );
    const c = l.checks.find((x) => x.code === "fundedByShortfall")!;
    expect(c.amounts["shortfall"]!.toFixed()).toBe("1000000");
    expect(c.severity).toBe("warning");
  });
});
