import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { exactString, formatWan, formatYuan, splitByWeights, sumOf, toFen, yuan } from "../../src/model/money.js";

describe("money formatting", () => {
  it("shows yuan to the fen with separators, 万元 to two decimals, ASCII minus", () => {
    expect(formatYuan(yuan(333_180_000))).toBe("333,180,000.00");
    expect(formatYuan(yuan("1234.565"))).toBe("1,234.57");
    expect(formatYuan(yuan("-0.004"))).toBe("0.00");
    expect(formatYuan(yuan("-92180000.5"))).toBe("-92,180,000.50");
    expect(formatWan(yuan(333_180_000))).toBe("33,318.00");
    expect(formatWan(yuan(527_400))).toBe("52.74");
    expect(formatWan(yuan(50))).toBe("0.01");
  });
  it("rounds half away from zero only when asked, and writes exact strings without exponents", () => {
    expect(toFen(yuan("0.125")).toFixed()).toBe("0.13");
    expect(exactString(yuan("1e21"))).toBe("1000000000000000000000");
    expect(exactString(yuan("0.0000001"))).toBe("0.0000001");
    expect(exactString(yuan("-0"))).toBe("0");
  });
});

describe("splitByWeights (largest remainder)", () => {
  it("splits 92,180,000 by weights exactly", () => {
    const parts = splitByWeights(yuan(92_180_000), [
      { key: "a", weight: yuan("0.3") },
      { key: "b", weight: yuan("0.7") },
    ]);
    expect(parts.map(String)).toEqual(["27654000", "64526000"]);
  });
  it("gives odd fen to the largest remainders, ties by weight then key, never by input order", () => {
    const w = (key: string, weight: number) => ({ key, weight: yuan(weight) });
    expect(splitByWeights(yuan("0.10"), [w("c", 1), w("a", 1), w("b", 1)]).map(String)).toEqual(["0.03", "0.04", "0.03"]);
    expect(splitByWeights(yuan("0.05"), [w("a", 1), w("b", 2)]).map(String)).toEqual(["0.02", "0.03"]);
  });
  it("keeps a sub-fen residue so the parts still sum exactly", () => {
    const parts = splitByWeights(yuan("10.005"), [
      { key: "a", weight: yuan(1) },
      { key: "b", weight: yuan(2) },
    ]);
    expect(sumOf(parts).toFixed()).toBe("10.005");
  });
  it("returns zeros when every weight is zero", () => {
    expect(splitByWeights(yuan(100), [{ key: "a", weight: yuan(0) }]).map(String)).toEqual(["0"]);
  });
  it("property: parts sum to the total, are whole fen (whole-fen totals) and within a fen of proportional", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }),
        (fen, ws) => {
          fc.pre(ws.some((x) => x > 0));
          const total = yuan(fen.toString()).div(100);
          const weights = ws.map((x, i) => ({ key: `k${i}`, weight: yuan(x) }));
          const parts = splitByWeights(total, weights);
          expect(sumOf(parts).equals(total)).toBe(true);
          const W = sumOf(weights.map((x) => x.weight));
          parts.forEach((p, i) => {
            expect(p.times(100).isInteger()).toBe(true);
            expect(p.minus(total.times(weights[i]!.weight).div(W)).abs().lte("0.01")).toBe(true);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
