import { describe, expect, it } from "vitest";
import { ledgerOf, withParts, strs } from "./helpers.js";
import { sumOf } from "../../src/model/money.js";

/** Zhengzhou-like relocation: 15,000 people in 2016, 6,000 in 2017, 2,000 a year for 5 years. */
const zhengzhou = (end: number) =>
  withParts({
    meta: { id: "zz", name: "ZZ", jurisdiction: "ZZ", years: { start: 2016, end }, language: "en" },
    values: { wheatPrice: 2.36 },
    poverty: { line: 3000 },
    targets: {},
    funding: { sources: [{ id: "budget", rule: { kind: "fixed", amount: 100_000_000 } }] },
    programmes: [
      {
        id: "relocation",
        kind: "relocation",
        schedules: [
          { id: "follow-up", unit: "person", amountPerUnitYear: 2000, years: 5, cohorts: [{ year: 2016, units: 15_000 }, { year: 2017, units: 6000 }] },
          { id: "land", unit: "mu", amountPerUnitYear: "200 * wheatPrice", years: 5, cohorts: [{ year: 2016, units: 1000 }] },
        ],
      },
    ],
  });

describe("cohort schedules", () => {
  it("Zhengzhou follow-up: 15,000 and 6,000 people × 2,000 × 5 years = 210,000,000, by year", () => {
    const l = ledgerOf(zhengzhou(2021));
    const line = l.uses.find((u) => u.key === "schedule:relocation:follow-up")!;
    expect(strs(line.byYear)).toEqual(["30000000", "42000000", "42000000", "42000000", "42000000", "12000000"]);
    expect(line.total.toFixed()).toBe("210000000");
    const y2016 = l.schedules.filter((e) => e.schedule === "follow-up" && e.cohortYear === 2016);
    expect(y2016.map((e) => e.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
    expect(sumOf(y2016.map((e) => e.amount)).toFixed()).toBe("150000000");
    expect(l.checks.some((c) => c.code === "scheduleBeyondHorizon")).toBe(false);
  });

  it("the land subsidy is kg of wheat × price per mu per year", () => {
    const l = ledgerOf(zhengzhou(2021));
    const land = l.uses.find((u) => u.key === "schedule:relocation:land")!;
    expect(land.byYear[0]!.toFixed()).toBe("472000");
    expect(land.total.toFixed()).toBe("2360000");
  });

  it("payments after the horizon are kept, excluded from yearly totals, and raised as checks", () => {
    const l = ledgerOf(zhengzhou(2020));
    const line = l.uses.find((u) => u.key === "schedule:relocation:follow-up")!;
    expect(line.total.toFixed()).toBe("198000000");
    expect(line.beyondHorizon.toFixed()).toBe("12000000");
    const after = l.schedules.filter((e) => e.beyondHorizon);
    expect(after.map((e) => [e.schedule, e.cohortYear, e.year])).toEqual([["follow-up", 2017, 2021]]);
    const c = l.checks.find((x) => x.code === "scheduleBeyondHorizon")!;
    expect([c.severity, c.schedule, c.year, c.amounts["beyondHorizon"]!.toFixed()]).toEqual(["warning", "follow-up", 2017, "12000000"]);
    expect(l.totals.beyondHorizon.toFixed()).toBe("12000000");
    expect(l.programmes[0]!.byYear[1]!.scheduled.toFixed()).toBe(String(42_000_000 + 472_000));
  });
});
