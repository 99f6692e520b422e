/**
 * Budget balance per year: sources − uses as bars (green surplus, vermilion shortfall)
 * and the balance carried forward as a line.
 *
 * @example
 * balanceChart({ points: [{ year: 2017, balance: -250_000, carried: -250_000 }] }, "en")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { BalanceInput } from "./types.js";
import { frame, seriesColor, sig, yearX } from "./common.js";
import { label, moneyTitle, type LabelKey } from "./labels.js";
import { COLORS } from "./theme.js";
import { moneyScale } from "../messages/format.js";

const ENTRIES: readonly (readonly [LabelKey, string])[] = [
  ["surplus", COLORS.good],
  ["deficit", COLORS.bad],
  ["balanceCarried", "#333333"],
];

export function balanceChart(input: BalanceInput, lang: Lang): TopLevelSpec {
  const { divisor } = moneyScale(lang);
  const values = input.points.map((p) => ({ year: p.year, balance: sig(p.balance / divisor), carried: sig(p.carried / divisor), sign: p.balance < 0 ? "deficit" : "surplus" }));
  const x = yearX(lang);
  // A ledger that balances exactly has only zeros: a range around 0 with only the 0 tick
  // (not a scale of fractions of a unit that means nothing), and a line saying so.
  const allZero = values.every((v) => v.balance === 0 && v.carried === 0);
  const y = { type: "quantitative", title: moneyTitle(lang, "amount"), ...(allZero ? { scale: { domain: [-1, 1] }, axis: { values: [0] } } : {}) };
  const surplus = seriesColor(lang, "surplus", ENTRIES);
  const deficit = seriesColor(lang, "deficit", ENTRIES);
  return frame(lang, "balanceTitle", "balanceSubtitle", {
    data: { values },
    layer: [
      { transform: [{ filter: "datum.sign === 'surplus'" }], mark: { type: "bar" }, encoding: { x, y: { field: "balance", ...y }, color: surplus } },
      { transform: [{ filter: "datum.sign === 'deficit'" }], mark: { type: "bar" }, encoding: { x, y: { field: "balance", ...y }, color: deficit } },
      { mark: { type: "rule", color: "#888888" }, encoding: { y: { datum: 0, type: "quantitative" } } },
      { mark: { type: "line", point: true, strokeWidth: 2 }, encoding: { x, y: { field: "carried", ...y }, color: seriesColor(lang, "balanceCarried", ENTRIES) } },
      ...(allZero
        ? [{ data: { values: [{ text: label(lang, "balancedNote") }] }, mark: { type: "text", fontSize: 13, color: "#333333", dy: -24 }, encoding: { text: { field: "text" } } }]
        : []),
    ],
  });
}
