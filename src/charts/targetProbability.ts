/**
 * Probability of meeting each year's cumulative exit target, with ±2 standard-error
 * bars; with several target years, the probability that every year's target is met in the
 * same run is an extra bar at the end.
 *
 * @example
 * targetProbabilityChart({ points: [{ year: 2017, probability: 0.62, se: 0.015 }], overall: 0.62 }, "en")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { TargetProbabilityInput } from "./types.js";
import { frame, sig } from "./common.js";
import { label } from "./labels.js";
import { COLORS, SIZE } from "./theme.js";
import { formatPercent } from "../messages/format.js";

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

export function targetProbabilityChart(input: TargetProbabilityInput, lang: Lang): TopLevelSpec {
  const row = (x: string, p: number, se: number | undefined, overall: boolean) => ({
    x,
    p: sig(clamp01(p), 4),
    lo: sig(clamp01(p - 2 * (se ?? 0)), 4),
    hi: sig(clamp01(p + 2 * (se ?? 0)), 4),
    text: formatPercent(p, 1),
    overall,
  });
  const values = input.points.map((p) => row(String(p.year), p.probability, p.se, false));
  // "All years" only adds information when there is more than one target year.
  if (input.overall !== undefined && input.points.length > 1) values.push(row(label(lang, "overall"), input.overall, undefined, true));
  const x = { field: "x", type: "ordinal", sort: values.map((v) => v.x), title: label(lang, "year"), axis: { labelAngle: 0 } };
  const y = { field: "p", type: "quantitative", title: label(lang, "targetProbAxis"), scale: { domain: [0, 1] }, axis: { format: ".0%" } };
  // Narrower with few bars, so that a single target year is not one wall-wide bar.
  const width = Math.min(SIZE.width, Math.max(260, 120 * values.length));
  return frame(lang, "targetProbTitle", "targetProbSubtitle", {
    data: { values },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x,
          y,
          color: { condition: { test: "datum.overall", value: COLORS.target }, value: COLORS.main },
        },
      },
      { transform: [{ filter: "!datum.overall" }], mark: { type: "rule", color: "#333333", strokeWidth: 1.5 }, encoding: { x, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } } },
      { mark: { type: "text", dy: -10, fontSize: 12, color: "#222222" }, encoding: { x, y: { field: "hi", type: "quantitative" }, text: { field: "text" } } },
    ],
  }, { width });
}
