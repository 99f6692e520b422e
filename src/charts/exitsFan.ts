/**
 * Cumulative exits as a fan chart (median line, 50% and 90% bands) against the plan's
 * cumulative exit targets.
 *
 * @example
 * exitsFanChart({ bands: [{ year: 2017, q05: 1900, q25: 2200, median: 2400, q75: 2600, q95: 2900 }],
 *                 targets: [{ year: 2017, value: 2400 }] }, "zh")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { FanInput } from "./types.js";
import { frame, seriesColor, sig, yearX } from "./common.js";
import { label } from "./labels.js";
import { BANDS, COLORS } from "./theme.js";
import type { LabelKey } from "./labels.js";

const ENTRIES: readonly (readonly [LabelKey, string])[] = [
  ["band90", BANDS.band90],
  ["band50", BANDS.band50],
  ["median", COLORS.main],
  ["target", COLORS.target],
];

export function exitsFanChart(input: FanInput, lang: Lang): TopLevelSpec {
  const values = input.bands.map((b) => ({
    year: b.year,
    q05: sig(b.q05),
    q25: sig(b.q25),
    median: sig(b.median),
    q75: sig(b.q75),
    q95: sig(b.q95),
  }));
  const targets = input.targets.map((t) => ({ year: t.year, target: sig(t.value) }));
  const x = yearX(lang);
  const y = { type: "quantitative", title: label(lang, "exitsAxis"), scale: { zero: true } };
  const layers: unknown[] = [
    { mark: { type: "area", opacity: 1 }, encoding: { x, y: { field: "q05", ...y }, y2: { field: "q95" }, color: seriesColor(lang, "band90", ENTRIES) } },
    { mark: { type: "area", opacity: 1 }, encoding: { x, y: { field: "q25", ...y }, y2: { field: "q75" }, color: seriesColor(lang, "band50", ENTRIES) } },
    { mark: { type: "line", strokeWidth: 2.5, point: true }, encoding: { x, y: { field: "median", ...y }, color: seriesColor(lang, "median", ENTRIES) } },
  ];
  if (targets.length > 0) {
    layers.push({
      data: { values: targets },
      mark: { type: "line", strokeDash: [6, 4], strokeWidth: 2, point: { shape: "diamond", size: 60, filled: true } },
      encoding: { x, y: { field: "target", ...y }, color: seriesColor(lang, "target", ENTRIES) },
    });
  }
  return frame(lang, "exitsTitle", "exitsSubtitle", { data: { values }, layer: layers });
}
