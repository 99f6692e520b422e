import { describe, expect, it } from "vitest";
import { ledgerOf, withParts, strs } from "./helpers.js";
import * as M from "../../src/messages/ledger.js";

const funding = (sources: unknown[], extra: Record<string, unknown> = {}) => withParts({ funding: { sources, ...extra } });

describe("sources by rule", () => {
  it("fixed and transfer: undated = every year, dated = only the years named", () => {
    const l = ledgerOf(
      funding([
        { id: "a", rule: { kind: "fixed", amount: 1000 } },
        { id: "b", rule: { kind: "fixed", amount: { 2018: 500 } } },
        { id: "c", level: "provincial", rule: { kind: "transfer", from: "central", amount: { value: { 2017: 7, 2019: 9 }, source: "§1" } } },
      ]),
    );
    expect(l.sources.map((s) => strs(s.byYear))).toEqual([
      ["1000", "1000", "1000"],
      ["0", "500", "0"],
      ["7", "0", "9"],
    ]);
    expect(l.sources[2]!.source).toBe("§1");
    expect(l.totals.sources.toFixed()).toBe("3516");
  });

  it("revenueShare: share × max(0, increase), with a check for years without an increase", () => {
    const l = ledgerOf(
      funding([{ id: "rev", label: { en: "Revenue rule", zh: "收入增量" }, rule: { kind: "revenueShare", share: 0.2, revenueIncrease: { 2017: 50_000_000, 2018: -10_000_000, 2019: 0 } } }]),
    );
    expect(strs(l.sources[0]!.byYear)).toEqual(["10000000", "0", "0"]);
    const info = l.checks.filter((c) => c.code === "noRevenueIncrease");
    expect(info.map((c) => c.year)).toEqual([2018, 2019]);
    expect(info[0]!.severity).toBe("info");
    expect(info[0]!.message).toEqual(M.noRevenueIncrease({ year: 2018, source: { en: "Revenue rule", zh: "收入增量" }, increase: info[0]!.amounts["revenueIncrease"]! }));
  });

  it("perUnit: units × amount per unit (Hanyang: 3 M + 66 × 30,000 = 4.98 M a year)", () => {
    const l = ledgerOf(
      funding([
        { id: "district", rule: { kind: "fixed", amount: 3_000_000 } },
        { id: "units", rule: { kind: "perUnit", units: 66, amountPerUnit: 30_000 } },
      ]),
    );
    expect(strs(l.sources[1]!.byYear)).toEqual(["1980000", "1980000", "1980000"]);
    expect(strs(l.balance.map((b) => b.sources))).toEqual(["4980000", "4980000", "4980000"]);
  });

  it("expressions over named values are honoured exactly", () => {
    const l = ledgerOf({ ...funding([{ id: "x", rule: { kind: "fixed", amount: "0.1 * revenueIncrease" } }]) });
    // minimal.yaml: revenueIncrease 50 M, 60 M, 40 M
    expect(strs(l.sources[0]!.byYear)).toEqual(["5000000", "6000000", "4000000"]);
  });
});
