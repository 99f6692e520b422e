import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyInScale, formatNumber, formatPercent, formatPeople, moneyScale } from "../../src/messages/format.js";

describe("money and number formatting", () => {
  it("uses million yuan in English and 万元 / 亿元 in Chinese", () => {
    expect(formatMoney(9_900_000, "en")).toBe("9.9 M yuan");
    expect(formatMoney(9_900_000, "zh")).toBe("990 万元");
    expect(formatMoney(333_180_000, "zh")).toBe("3.33 亿元");
    expect(formatMoney(333_180_000, "en")).toBe("333 M yuan");
    expect(formatMoney(527_400, "en")).toBe("527,400 yuan");
    expect(formatMoney(527_400, "zh")).toBe("52.7 万元");
    expect(formatMoney(2_000, "zh")).toBe("2,000 元");
    expect(formatMoney(1.5e9, "en")).toBe("1.5 bn yuan");
  });
  it("groups thousands and marks negatives with a minus sign", () => {
    expect(formatNumber(16_659)).toBe("16,659");
    expect(formatNumber(-1_100_000)).toBe("−1,100,000");
    expect(formatNumber(1234.567, 2)).toBe("1,234.57");
    expect(formatNumber(Number.NaN)).toBe("—");
  });
  it("formats probabilities and people", () => {
    expect(formatPercent(0.934)).toBe("93.4%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPeople(2400, "zh")).toBe("2,400 人");
    expect(formatPeople(2400, "en")).toBe("2,400 people");
  });
  it("writes chart labels in the unit of the chart's axis, whatever their size", () => {
    expect(formatMoneyInScale(1_111_080_000, "zh")).toBe("111,108 万元");
    expect(formatMoneyInScale(925_100, "zh")).toBe("92.5 万元");
    expect(formatMoneyInScale(925_100, "en")).toBe("0.925 M yuan");
    expect(formatMoneyInScale(24_310_400, "en")).toBe("24.3 M yuan");
    expect(formatMoneyInScale(500, "zh")).toBe("0.05 万元");
  });
  it("scales chart axes by language", () => {
    expect(moneyScale("en")).toEqual({ divisor: 1e6, unit: "million yuan" });
    expect(moneyScale("zh")).toEqual({ divisor: 1e4, unit: "万元" });
  });
});
