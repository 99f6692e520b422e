/**
 * Interest subsidy the treasury pays per year: simulated median (bars) with the 90%
 * band, and the ledger's expected amount as diamonds.
 *
 * @example
 * interestSubsidyChart({ bands: [{ year: 2017, q05: 1.1e6, q25: 1.2e6, median: 1.25e6, q75: 1.3e6, q95: 1.35e6 }],
 *                        expected: [{ year: 2017, value: 1_250_000 }] }, "zh")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { SubsidyInput } from "./types.js";
import { frame, seriesColor, sig, yearX } from "./common.js";
import { moneyTitle, type LabelKey } from "./labels.js";
import { COLORS } from "./theme.js";
import { moneyScale } from "../messages/format.js";

const ENTRIES: readonly (readonly [LabelKey, string])[] = [
  ["simulated", "#6aa9d6"],
  ["expected", COLORS.target],
];

export function interestSubsidyChart(input: SubsidyInput, lang: Lang): TopLevelSpec {
  const { divisor } = moneyScale(lang);
  const values = input.bands.map((b) => ({ year: b.year, median: sig(b.median / divisor), q05: sig(b.q05 / divisor), q95: sig(b.q95 / divisor) }));
  const x = yearX(lang);
  const y = { type: "quantitative", title: moneyTitle(lang, "subsidyAxis"), scale: { zero: true } };
  const layers: unknown[] = [
    { mark: { type: "bar" }, encoding: { x, y: { field: "median", ...y }, color: seriesColor(lang, "simulated", ENTRIES) } },
    { mark: { type: "rule", color: "#333333", strokeWidth: 1.5 }, encoding: { x, y: { field: "q05", ...y }, y2: { field: "q95" } } },
  ];
  if (input.expected !== undefined && input.expected.length > 0) {
    layers.push({
      data: { values: input.expected.map((e) => ({ year: e.year, v: sig(e.value / divisor) })) },
      mark: { type: "point", shape: "diamond", filled: true, size: 110 },
      encoding: { x, y: { field: "v", ...y }, color: seriesColor(lang, "expected", ENTRIES) },
    });
  }
  return frame(lang, "subsidyTitle", "subsidySubtitle", { data: { values }, layer: layers });
}
