/**
 * Distribution of total pool losses across runs as a histogram (share of runs per
 * bin), with the mean and the 95% and 99% value at risk marked as labelled rules.
 * The histogram is computed here (fixed bins), so the spec stays small for any number
 * of runs.
 *
 * @example
 * poolLossChart({ losses: [0, 0, 120_000, 450_000], var95: 400_000, var99: 450_000, mean: 142_500 }, "zh")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { LossDistribution } from "./types.js";
import { frame, sig } from "./common.js";
import { label, labelled, moneyTitle, type LabelKey } from "./labels.js";
import { COLORS } from "./theme.js";
import { formatMoneyInScale, moneyScale } from "../messages/format.js";

const ENTRIES: readonly (readonly [LabelKey, string])[] = [
  ["mean", COLORS.neutral],
  ["var95", COLORS.var95],
  ["var99", COLORS.var99],
];

/** A "nice" bin width covering [0, max] in about `target` bins. */
function niceStep(max: number, target: number): number {
  const raw = max / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}

/** Fixed-width histogram of non-negative values: share of values per bin. */
export function histogram(values: readonly number[], bins = 30): { start: number; end: number; share: number }[] {
  const n = values.length;
  if (n === 0) return [];
  const max = Math.max(...values.filter(Number.isFinite), 0);
  const step = max > 0 ? niceStep(max, bins) : 1;
  const count = Math.max(1, Math.floor(max / step) + 1);
  const counts = new Array<number>(count).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const i = Math.min(count - 1, Math.max(0, Math.floor(v / step)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.map((c, i) => ({ start: i * step, end: (i + 1) * step, share: c / n }));
}

export function poolLossChart(input: LossDistribution, lang: Lang): TopLevelSpec {
  const { divisor } = moneyScale(lang);
  const values = histogram(input.losses).map((b) => ({ start: sig(b.start / divisor), end: sig(b.end / divisor), share: sig(b.share, 4) }));
  // The mean and the VaRs are vertical rules; their values go in the legend, where long
  // labels cannot collide with each other or with the bars.
  const marks = (
    [
      ["mean", input.mean],
      ["var95", input.var95],
      ["var99", input.var99],
    ] as const
  ).map(([key, v], i) => ({ key, x: sig(v / divisor), series: labelled(lang, key, formatMoneyInScale(v, lang)), color: ENTRIES[i]?.[1] ?? "#333333" }));
  const color = { field: "series", type: "nominal", title: null, scale: { domain: marks.map((m) => m.series), range: marks.map((m) => m.color) }, legend: { symbolType: "stroke", symbolStrokeWidth: 3, columns: 3 } };
  const layers: unknown[] = [
    {
      mark: { type: "bar", color: "#6aa9d6", stroke: "#ffffff", strokeWidth: 0.5 },
      encoding: {
        x: { field: "start", type: "quantitative", title: moneyTitle(lang, "lossAxis"), bin: { binned: true } },
        x2: { field: "end" },
        y: { field: "share", type: "quantitative", title: label(lang, "shareOfRuns"), axis: { format: ".0%" } },
      },
    },
    ...marks.map((m) => ({
      data: { values: [m] },
      mark: { type: "rule", strokeWidth: 2, strokeDash: m.key === "mean" ? [2, 2] : [6, 3] },
      encoding: { x: { field: "x", type: "quantitative" }, color },
    })),
  ];
  return frame(lang, "lossTitle", "lossSubtitle", { data: { values }, layer: layers });
}
