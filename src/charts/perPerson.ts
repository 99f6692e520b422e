/**
 * Cumulative investment per person against the plan's per-person target (Jiangmen:
 * ≥ 20,000 yuan per person), with the cumulative amount written on each bar.
 *
 * @example
 * perPersonChart({ points: [{ year: 2016, perPerson: 6_000 }, { year: 2018, perPerson: 20_000 }], target: 20_000 }, "zh")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { PerPersonInput } from "./types.js";
import { frame, seriesColor, sig, yearX } from "./common.js";
import { labelled, perPersonTitle, type LabelKey } from "./labels.js";
import { COLORS } from "./theme.js";
import { formatNumber } from "../messages/format.js";

const ENTRIES: readonly (readonly [LabelKey, string])[] = [
  ["perPersonAmount", COLORS.main],
  ["target", COLORS.target],
];

export function perPersonChart(input: PerPersonInput, lang: Lang): TopLevelSpec {
  const values = input.points.map((p) => ({ year: p.year, perPerson: sig(p.perPerson), text: formatNumber(p.perPerson, 0) }));
  const x = yearX(lang);
  const y = { field: "perPerson", type: "quantitative", title: perPersonTitle(lang, "perPersonAxis") };
  const layers: unknown[] = [
    { mark: { type: "bar" }, encoding: { x, y, color: seriesColor(lang, "perPersonAmount", ENTRIES) } },
    { mark: { type: "text", dy: -8, fontSize: 11, color: "#222222" }, encoding: { x, y, text: { field: "text" } } },
  ];
  if (input.target !== undefined) {
    const t = [{ target: sig(input.target), text: labelled(lang, "target", formatNumber(input.target, 0)) }];
    layers.push(
      { data: { values: t }, mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 2 }, encoding: { y: { field: "target", type: "quantitative" }, color: seriesColor(lang, "target", ENTRIES) } },
      { data: { values: t }, mark: { type: "text", align: "left", x: 4, dy: -8, color: COLORS.target, fontSize: 12 }, encoding: { y: { field: "target", type: "quantitative" }, text: { field: "text" } } },
    );
  }
  return frame(lang, "perPersonTitle", "perPersonSubtitle", { data: { values }, layer: layers });
}
