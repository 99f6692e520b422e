/**
 * The shipped baselines balance year by year (no error-level ledger check), and the
 * variants that are meant to strain the budget show it where the plan says they would.
 */
import { describe, it, expect } from "vitest";
import { buildLedger } from "../../src/ledger/index.js";
import { SHIPPED, shipped } from "./helpers.js";

describe.each(SHIPPED)("%s baseline budget", (id) => {
  it("balances every year: no error-level checks", async () => {
    const { s } = await shipped(id);
    const ledger = buildLedger(s);
    const errors = ledger.checks.filter((c) => c.severity === "error").map((c) => `${c.code}: ${c.message.en}`);
    expect(errors).toEqual([]);
    for (const b of ledger.balance) expect(b.closing.isNegative(), `closing balance ${b.year}`).toBe(false);
  });
});

describe("budget pressure in the variants", () => {
  it("Linghai's housing stretch goal over-commits 2017 by the unfunded 1,750,000", async () => {
    const { s } = await shipped("linghai-2017", "housing-stretch");
    const over = buildLedger(s).checks.filter((c) => c.code === "overCommitted" && c.year === 2017);
    expect(over).toHaveLength(1);
    expect(over[0]!.amounts["deficit"]?.toString()).toBe("1750000");
  });

  it("Linghai lends 56.9% of the 99 M capacity in the plan (6.35 M of it lent before) and 100% in the full-capacity variant", async () => {
    const base = buildLedger((await shipped("linghai-2017")).s).pools[0]!;
    const full = buildLedger((await shipped("linghai-2017", "full-capacity")).s).pools[0]!;
    const y2017 = (p: typeof base) => p.byYear.find((y) => y.year === 2017)!;
    expect(y2017(base).capacity.toString()).toBe("99000000");
    // The 50 M planned beside the 6.35 M already lent (existingLoans); the variant fills the capacity.
    expect(y2017(base).outstanding.toString()).toBe("56350000");
    expect(y2017(full).outstanding.toString()).toBe("99000000");
  });

  it("Hanyang without the units' money has 3 M a year instead of 4.98 M", async () => {
    const base = buildLedger((await shipped("hanyang-2015")).s);
    const lapse = buildLedger((await shipped("hanyang-2015", "units-default")).s);
    expect(base.balance.map((b) => b.sources.toString())).toEqual(["4980000", "4980000", "4980000"]);
    expect(lapse.balance.map((b) => b.sources.toString())).toEqual(["3000000", "3000000", "3000000"]);
    expect(lapse.checks.filter((c) => c.severity === "error")).toEqual([]);
  });
});
