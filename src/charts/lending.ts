/**
 * Loans outstanding (median with 90% band) against the pool's lending capacity
 * (fund × leverage) and, if the plan states it, planned lending; where lending was
 * suspended in any run, the share of runs suspended at each year's end above the bars.
 *
 * @example
 * lendingChart({ bands: [{ year: 2017, q05: 4.5e7, q25: 4.8e7, median: 5e7, q75: 5e7, q95: 5e7 }],
 *                capacity: [{ year: 2017, value: 9.9e7 }], planned: [{ year: 2017, value: 5e7 }] }, "en")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { LendingInput } from "./types.js";
import { frame, seriesColor, sig, yearX } from "./common.js";
import { moneyTitle, type LabelKey } from "./labels.js";
import { COLORS } from "./theme.js";
import { moneyScale } from "../messages/format.js";

const ENTRIES: readonly (readonly [LabelKey, string])[] = [
  ["outstanding", "#6aa9d6"],
  ["capacity", COLORS.bad],
  ["planned", COLORS.var95],
];

export function lendingChart(input: LendingInput, lang: Lang): TopLevelSpec {
  const { divisor } = moneyScale(lang);
  const values = input.bands.map((b) => ({ year: b.year, median: sig(b.median / divisor), q05: sig(b.q05 / divisor), q95: sig(b.q95 / divisor) }));
  const x = yearX(lang);
  const y = { type: "quantitative", title: moneyTitle(lang, "lendingAxis"), scale: { zero: true } };
  const layers: unknown[] = [
    { mark: { type: "bar" }, encoding: { x, y: { field: "median", ...y }, color: seriesColor(lang, "outstanding", ENTRIES) } },
    { mark: { type: "rule", color: "#333333", strokeWidth: 1.5 }, encoding: { x, y: { field: "q05", ...y }, y2: { field: "q95" } } },
    {
      data: { values: input.capacity.map((c) => ({ year: c.year, v: sig(c.value / divisor) })) },
      mark: { type: "line", strokeWidth: 2.5, point: { shape: "square", filled: true } },
      encoding: { x, y: { field: "v", ...y }, color: seriesColor(lang, "capacity", ENTRIES) },
    },
  ];
  if (input.planned !== undefined && input.planned.length > 0) {
    layers.push({
      data: { values: input.planned.map((c) => ({ year: c.year, v: sig(c.value / divisor) })) },
      mark: { type: "line", strokeWidth: 2, strokeDash: [6, 4], point: { shape: "diamond", filled: true, size: 60 } },
      encoding: { x, y: { field: "v", ...y }, color: seriesColor(lang, "planned", ENTRIES) },
    });
  }
  if (input.suspended !== undefined && input.suspended.length > 0) {
    // The share of runs with lending suspended at year end, written above each year's band.
    const top = new Map(input.bands.map((b) => [b.year, b.q95]));
    layers.push({
      data: {
        values: input.suspended.map((x) => ({
          year: x.year,
          v: sig((top.get(x.year) ?? 0) / divisor),
          label: `${lang === "zh" ? "暂停 " : "suspended "}${Math.round(100 * x.value)}%`,
        })),
      },
      mark: { type: "text", dy: -10, fontSize: 12, fontWeight: "bold", color: "#333333" },
      encoding: { x, y: { field: "v", ...y }, text: { field: "label" } },
    });
  }
  return frame(lang, "lendingTitle", input.suspended ? "lendingSubtitleSuspended" : "lendingSubtitle", { data: { values }, layer: layers });
}
