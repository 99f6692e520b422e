import { describe, expect, it } from "vitest";
import { ledgerOf, withParts, strs } from "./helpers.js";
import { sumOf } from "../../src/model/money.js";
import * as M from "../../src/messages/ledger.js";

/** Jiangmen-like: 20,000 × 16,659, the city fund gives 241 M, the rest shared by weights. */
function jiangmen(weights: Record<string, number>, opts: { fund?: unknown; phasing?: unknown } = {}) {
  return withParts({
    meta: { id: "jm", name: "JM", jurisdiction: "JM", years: { start: 2016, end: 2018 }, language: "en" },
    values: {},
    poverty: { line: 6600 },
    income: { growth: 0.05, commonShock: { sigma: 0.05 }, idiosyncratic: { sigma: 0.1 } },
    targets: {},
    funding: {
      sources: [
        { id: "city-fund", rule: { kind: "fixed", amount: opts.fund ?? { 2016: 80_000_000, 2017: 80_000_000, 2018: 81_000_000 } } },
        ...Object.entries(weights).map(([id, w]) => ({ id, rule: { kind: "gapShare", weight: w } })),
      ],
      perPersonTarget: { amountPerPerson: 20_000, people: 16_659, fund: "city-fund", ...(opts.phasing ? { phasing: opts.phasing } : {}) },
    },
  });
}

describe("per-person target and the gap shared by weights", () => {
  it("Jiangmen figures: 333,180,000 required, 241,000,000 from the fund, 92,180,000 split by weights", () => {
    const l = ledgerOf(jiangmen({ city: 0.3, pengjiang: 0.14, jianghai: 0.08, xinhui: 0.15, taishan: 0.11, kaiping: 0.09, heshan: 0.08, enping: 0.05 }));
    const t = l.target!;
    expect(t.required.toFixed()).toBe("333180000");
    expect(t.fundAmount.toFixed()).toBe("241000000");
    expect(t.gap.toFixed()).toBe("92180000");
    expect(t.shares.map((s) => s.amount.toFixed())).toEqual(["27654000", "12905200", "7374400", "13827000", "10139800", "8296200", "7374400", "4609000"]);
    expect(sumOf(t.shares.map((s) => s.amount)).toFixed()).toBe("92180000");
    expect(t.met).toBe(true);
    expect(t.perPerson.toFixed()).toBe("20000");
    const met = l.checks.find((c) => c.code === "targetMet")!;
    expect(met.severity).toBe("info");
    expect(l.checks.some((c) => c.code === "targetMissed")).toBe(false);
  });

  it("awkward weights still split to the fen and sum exactly; evenly over years by default", () => {
    const l = ledgerOf(jiangmen({ a: 1, b: 1, c: 1 }, { fund: { 2016: 241_000_000 } }));
    const t = l.target!;
    expect(t.shares.map((s) => s.amount.toFixed())).toEqual(["30726666.67", "30726666.67", "30726666.66"]);
    for (const s of t.shares) {
      expect(sumOf(s.byYear).equals(s.amount)).toBe(true);
      for (const y of s.byYear) expect(y.times(100).isInteger()).toBe(true);
    }
    expect(strs(t.shares[0]!.byYear)).toEqual(["10242222.23", "10242222.22", "10242222.22"]);
    expect(l.totals.sources.toFixed()).toBe("333180000");
  });

  it("phases the gap by year as declared (2 : 3 : 5)", () => {
    const l = ledgerOf(jiangmen({ a: 1 }, { phasing: { 2016: 0.2, 2017: 0.3, 2018: 0.5 } }));
    expect(strs(l.target!.shares[0]!.byYear)).toEqual(["18436000", "27654000", "46090000"]);
    expect(strs(l.target!.phasing)).toEqual(["0.2", "0.3", "0.5"]);
  });

  it("misses the target by how much when no source shares the gap", () => {
    const l = ledgerOf(jiangmen({}));
    const t = l.target!;
    expect(t.met).toBe(false);
    expect(t.shortfall.toFixed()).toBe("92180000");
    const missed = l.checks.find((c) => c.code === "targetMissed")!;
    expect(missed.severity).toBe("error");
    expect(missed.amounts["shortfall"]!.toFixed()).toBe("92180000");
    expect(missed.message.en).toContain("92,180,000.00 yuan");
    expect(missed.message.zh).toContain("9,218.00 万元");
    expect(l.checks.find((c) => c.code === "gapUnshared")!.message).toEqual(M.gapUnshared({ gap: t.gap, fund: { en: "city-fund", zh: "city-fund" } }));
  });

  it("has no gap when the fund covers the target, and warns about empty phasing", () => {
    const l = ledgerOf(jiangmen({ a: 1 }, { fund: { 2016: 400_000_000 }, phasing: { 2016: 0 } }));
    expect(l.target!.gap.toFixed()).toBe("0");
    expect(l.target!.met).toBe(true);
    expect(l.checks.some((c) => c.code === "phasingEmpty" && c.severity === "warning")).toBe(true);
  });
});
