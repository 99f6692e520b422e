/**
 * Risk-compensation pool balance as a fan chart (median, 50% and 90% bands) with the
 * probability that the pool is depleted by each year written along the bottom, and the
 * fund deposited as a dashed reference (a line per year when deposits are staged).
 *
 * @example
 * poolFanChart({ bands: [{ year: 2017, q05: 7e6, q25: 8.9e6, median: 9.5e6, q75: 9.8e6, q95: 9.9e6 }],
 *                depletion: [{ year: 2017, probability: 0.004 }], fund: 9_900_000 }, "en")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { PoolInput } from "./types.js";
import { frame, seriesColor, sig, yearX } from "./common.js";
import { label, moneyTitle, type LabelKey } from "./labels.js";
import { BANDS, COLORS, SIZE } from "./theme.js";
import { formatPercent, moneyScale } from "../messages/format.js";

const ENTRIES: readonly (readonly [LabelKey, string])[] = [
  ["band90", BANDS.band90],
  ["band50", BANDS.band50],
  ["median", COLORS.main],
  ["fund", COLORS.neutral],
];

export function poolFanChart(input: PoolInput, lang: Lang): TopLevelSpec {
  const { divisor } = moneyScale(lang);
  const dep = new Map(input.depletion.map((d) => [d.year, d.probability]));
  const values = input.bands.map((b) => ({
    year: b.year,
    q05: sig(b.q05 / divisor),
    q25: sig(b.q25 / divisor),
    median: sig(b.median / divisor),
    q75: sig(b.q75 / divisor),
    q95: sig(b.q95 / divisor),
    text: `${label(lang, "depleted")} ${formatPercent(dep.get(b.year) ?? 0, 1)}`,
  }));
  const x = yearX(lang);
  const y = { type: "quantitative", title: moneyTitle(lang, "poolAxis"), scale: { zero: true } };
  const layers: unknown[] = [
    { mark: { type: "area", opacity: 1 }, encoding: { x, y: { field: "q05", ...y }, y2: { field: "q95" }, color: seriesColor(lang, "band90", ENTRIES) } },
    { mark: { type: "area", opacity: 1 }, encoding: { x, y: { field: "q25", ...y }, y2: { field: "q75" }, color: seriesColor(lang, "band50", ENTRIES) } },
    { mark: { type: "line", strokeWidth: 2.5, point: true }, encoding: { x, y: { field: "median", ...y }, color: seriesColor(lang, "median", ENTRIES) } },
    // Depletion probabilities in one row along the bottom of the plot, clear of the bands and the fund line.
    { mark: { type: "text", fontSize: 11, color: COLORS.bad, baseline: "bottom" }, encoding: { x, y: { value: SIZE.height - 6 }, text: { field: "text" } } },
  ];
  if (input.deposited !== undefined && input.deposited.length > 0) {
    layers.push({
      data: { values: input.deposited.map((d) => ({ year: d.year, fund: sig(d.value / divisor) })) },
      mark: { type: "line", strokeDash: [6, 4], strokeWidth: 1.5, point: { filled: true, size: 30 } },
      encoding: { x, y: { field: "fund", ...y }, color: seriesColor(lang, "fund", ENTRIES) },
    });
  } else if (input.fund !== undefined) {
    layers.push({
      data: { values: [{ fund: sig(input.fund / divisor) }] },
      mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: "fund", type: "quantitative" }, color: seriesColor(lang, "fund", ENTRIES) },
    });
  }
  return frame(lang, "poolTitle", "poolSubtitle", { data: { values }, layer: layers });
}
