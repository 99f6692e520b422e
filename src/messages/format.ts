/**
 * Money and number formatting for charts and report text.
 *
 * English readers get yuan with thousands separators, or millions ("9.9 M yuan");
 * Chinese readers get 万元 (10,000 yuan) and 亿元 (100,000,000 yuan), as Chinese
 * budget documents write them.
 *
 * @example
 * formatMoney(9_900_000, "en") // "9.9 M yuan"
 * formatMoney(9_900_000, "zh") // "990 万元"
 * moneyScale("zh")             // { divisor: 10000, unit: "万元" }
 */
import type { Lang } from "./lang.js";

/** How chart axes show money: values are divided by `divisor` and the axis title names `unit`. */
export interface MoneyScale {
  readonly divisor: number;
  readonly unit: string;
}

/** The axis scale for money in a language: million yuan (en) or 万元 (zh). */
export function moneyScale(lang: Lang): MoneyScale {
  switch (lang) {
    case "en":
      return { divisor: 1_000_000, unit: "million yuan" };
    case "zh":
      return { divisor: 10_000, unit: "万元" };
    default:
      return lang satisfies never;
  }
}

/** Round to at most `digits` significant digits after the point, dropping trailing zeros. */
function trim(x: number, maxDecimals: number): string {
  const s = x.toFixed(maxDecimals);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** Thousands separators with a fixed number of decimals at most. */
export function formatNumber(x: number, maxDecimals = 0): string {
  if (!Number.isFinite(x)) return "—";
  const neg = x < 0;
  const [int = "0", frac] = trim(Math.abs(x), maxDecimals).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "−" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/** Decimals to keep so that a value shows about three significant digits. */
function decimalsFor(v: number): number {
  const a = Math.abs(v);
  if (a >= 100) return 0;
  if (a >= 10) return 1;
  return 2;
}

/** Money for text: "9.9 M yuan", "527,400 yuan"; "990 万元", "1.2 亿元", "5,274 元". */
export function formatMoney(yuan: number, lang: Lang): string {
  if (!Number.isFinite(yuan)) return "—";
  const a = Math.abs(yuan);
  switch (lang) {
    case "en": {
      if (a >= 1e9) return `${formatNumber(yuan / 1e9, decimalsFor(yuan / 1e9))} bn yuan`;
      if (a >= 1e6) return `${formatNumber(yuan / 1e6, decimalsFor(yuan / 1e6))} M yuan`;
      return `${formatNumber(yuan, 0)} yuan`;
    }
    case "zh": {
      if (a >= 1e8) return `${formatNumber(yuan / 1e8, decimalsFor(yuan / 1e8))} 亿元`;
      if (a >= 1e4) return `${formatNumber(yuan / 1e4, decimalsFor(yuan / 1e4))} 万元`;
      return `${formatNumber(yuan, 0)} 元`;
    }
    default:
      return lang satisfies never;
  }
}

/**
 * Money in the unit of the chart axes (million yuan / 万元), so that labels on a chart
 * read against its axis: "24.3 M yuan", "0.93 M yuan"; "16,109 万元", "92.5 万元".
 * Text outside charts uses `formatMoney`, which picks the unit by size.
 */
export function formatMoneyInScale(yuan: number, lang: Lang): string {
  if (!Number.isFinite(yuan)) return "—";
  const v = yuan / moneyScale(lang).divisor;
  // About three significant digits below 1 too (0.925 M yuan, 0.05 万元), at most four decimals.
  const a = Math.abs(v);
  const d = a > 0 && a < 1 ? Math.min(4, 2 - Math.floor(Math.log10(a))) : decimalsFor(v);
  switch (lang) {
    case "en":
      return `${formatNumber(v, d)} M yuan`;
    case "zh":
      return `${formatNumber(v, d)} 万元`;
    default:
      return lang satisfies never;
  }
}

/** A probability as a percentage: 0.934 → "93.4%" (both languages write it so). */
export function formatPercent(p: number, decimals = 1): string {
  if (!Number.isFinite(p)) return "—";
  return `${trim(p * 100, decimals)}%`;
}

/** A count of people: "2,400" (en), "2,400 人" (zh). */
export function formatPeople(n: number, lang: Lang): string {
  switch (lang) {
    case "en":
      return `${formatNumber(n, 0)} people`;
    case "zh":
      return `${formatNumber(n, 0)} 人`;
    default:
      return lang satisfies never;
  }
}

