/**
 * The shipped scenarios reproduce the plans' own figures (seed-facts.md).
 */
import { describe, expect, it } from "vitest";
import { ledgerOfFile, strs } from "./helpers.js";
import { sumOf } from "../../src/model/money.js";
import type { Ledger } from "../../src/ledger/types.js";

const file = (name: string): string => new URL(`../../scenarios/${name}.yaml`, import.meta.url).pathname;
const use = (l: Ledger, key: string) => {
  const u = l.uses.find((x) => x.key === key);
  if (!u) throw new Error(`no use line ${key}: ${l.uses.map((x) => x.key).join(", ")}`);
  return u;
};
const source = (l: Ledger, id: string) => {
  const s = l.sources.find((x) => x.id === id);
  if (!s) throw new Error(`no source ${id}`);
  return s;
};

describe("Jiangmen 2016–2018: per-person target", () => {
  it("333,180,000 required, 241,000,000 from the city fund, 92,180,000 gap split by weights", async () => {
    const l = await ledgerOfFile(file("jiangmen-2016"));
    const t = l.target!;
    expect(t.required.toFixed()).toBe("333180000");
    expect(t.fundSource).toBe("city-fund");
    expect(t.fundAmount.toFixed()).toBe("241000000");
    expect(t.gap.toFixed()).toBe("92180000");
    expect(t.shares.length).toBeGreaterThan(1);
    expect(sumOf(t.shares.map((s) => s.amount)).toFixed()).toBe("92180000");
    const W = sumOf(t.shares.map((s) => s.weight));
    for (const s of t.shares) {
      // each contributor's part is its weight's share of the gap, to the fen
      expect(s.amount.minus(t.gap.times(s.weight).div(W)).abs().lte("0.01")).toBe(true);
      expect(sumOf(s.byYear).equals(s.amount)).toBe(true);
      expect(strs(source(l, s.source).byYear)).toEqual(strs(s.byYear));
    }
    expect(t.met).toBe(true);
    expect(l.checks.some((c) => c.code === "targetMet")).toBe(true);
    expect(l.checks.filter((c) => c.severity === "error")).toEqual([]);
  });
});

describe("Hanyang 2015: district budget plus 66 units", () => {
  it("≥ 4,980,000 a year: 3,000,000 from the district and 66 × 30,000 from the units", async () => {
    const l = await ledgerOfFile(file("hanyang-2015"));
    expect(strs(source(l, "district").byYear).every((x) => x === "3000000")).toBe(true);
    expect(strs(source(l, "units").byYear).every((x) => x === "1980000")).toBe(true);
    for (const b of l.balance) expect(b.sources.gte(4_980_000)).toBe(true);
  });
});

describe("Linghai 2017: line items and the risk-compensation fund", () => {
  it("reproduces the plan's line items", async () => {
    const l = await ledgerOfFile(file("linghai-2017"));
    const y2017 = (key: string) => use(l, key).byYear[0]!.toFixed();
    expect(y2017("programme:industry")).toBe("3678000");
    expect(y2017("programme:housing")).toBe("1750000");
    expect(y2017("programme:health")).toBe("527400");
    expect(y2017("programme:technology")).toBe("390000");
    expect(y2017("programme:enterprises")).toBe("450000");
    expect(y2017("programme:training")).toBe("240000");
    expect(y2017("programme:infrastructure")).toBe("5000000");
    expect(source(l, "central-provincial").total.toFixed()).toBe("6467000");
    expect(source(l, "city").total.toFixed()).toBe("5000000");
    const housing = l.programmes.find((p) => p.id === "housing")!;
    expect(housing.byYear[0]!.capacity!.toFixed()).toBe("50");
    expect(l.programmes.find((p) => p.id === "training")!.byYear[0]!.capacity!.toFixed()).toBe("800");
  });

  it("9,900,000 × 10 = 99,000,000 lending capacity against 50,000,000 planned", async () => {
    const l = await ledgerOfFile(file("linghai-2017"));
    const p = l.pools[0]!;
    expect(p.byYear[0]!.deposit.toFixed()).toBe("9900000");
    expect(p.byYear[0]!.capacity.toFixed()).toBe("99000000");
    expect(p.byYear[0]!.newLending.toFixed()).toBe("50000000");
    expect(p.byYear[0]!.loans.toFixed()).toBe("2000");
    expect(l.checks.find((c) => c.code === "lendingWithinCapacity")!.amounts["capacity"]!.toFixed()).toBe("99000000");
  });

  it("the 100-house stretch goal shows as an over-committed 2017 by 1,750,000", async () => {
    const l = await ledgerOfFile(file("linghai-2017"), "housing-stretch");
    const over = l.checks.filter((c) => c.code === "overCommitted");
    expect(over.map((c) => [c.year, c.amounts["deficit"]!.toFixed()])).toEqual([[2017, "1750000"]]);
    expect(over[0]!.items!.some((i) => i.id === "programme:housing" && i.amount.toFixed() === "3500000")).toBe(true);
  });
});

describe("Zhengzhou 2016: relocation follow-up", () => {
  it("15,000 and 6,000 people × 2,000 × 5 years = 210,000,000, by year", async () => {
    const l = await ledgerOfFile(file("zhengzhou-2016"));
    const entries = l.schedules.filter((e) => e.schedule === "follow-up");
    const cohort = (y: number) => entries.filter((e) => e.cohortYear === y);
    expect(cohort(2016).map((e) => [e.year, e.amount.toFixed()])).toEqual([2016, 2017, 2018, 2019, 2020].map((y) => [y, "30000000"]));
    expect(cohort(2017).map((e) => [e.year, e.amount.toFixed()])).toEqual([2017, 2018, 2019, 2020, 2021].map((y) => [y, "12000000"]));
    expect(sumOf(entries.map((e) => e.amount)).toFixed()).toBe("210000000");
    const byYear = new Map<number, string>();
    for (const y of [2016, 2017, 2018, 2019, 2020, 2021]) byYear.set(y, sumOf(entries.filter((e) => e.year === y).map((e) => e.amount)).toFixed());
    expect([...byYear.values()]).toEqual(["30000000", "42000000", "42000000", "42000000", "42000000", "12000000"]);
  });
});

describe("Anqing 2016: revenue-share rule", () => {
  it("20% of the designated counties' and 10% of the others' revenue increase", async () => {
    const l = await ledgerOfFile(file("anqing-2016"));
    // the scenario assumes increases of 400/430/460 M (designated) and 1,000/1,050/1,100 M (others)
    expect(strs(source(l, "designated-counties").byYear)).toEqual(["80000000", "86000000", "92000000"]);
    expect(strs(source(l, "other-counties").byYear)).toEqual(["100000000", "105000000", "110000000"]);
    const slow = await ledgerOfFile(file("anqing-2016"), "revenue-slowdown");
    expect(strs(source(slow, "designated-counties").byYear)).toEqual(["40000000", "43000000", "46000000"]);
  });
});

describe("every shipped scenario", () => {
  it.each(["linghai-2017", "zhengzhou-2016", "hanyang-2015", "jiangmen-2016", "anqing-2016"])("%s balances exactly: sources = uses + unspent", async (name) => {
    const l = await ledgerOfFile(file(name));
    expect(l.totals.sources.equals(l.totals.uses.plus(l.totals.unspent))).toBe(true);
  });
});
