/**
 * How the headline controlled by --precision settled as runs were added: its estimate after
 * each batch with ±2 standard errors, and the standard error against the target (text).
 *
 * @example
 * convergenceChart({ metric: "pTarget", target: 0.01, points: [{ runs: 200, estimate: 0.2, se: 0.028 }, { runs: 1700, estimate: 0.21, se: 0.0099 }] }, "en")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { ConvergenceInput } from "./types.js";
import { frame, sig } from "./common.js";
import { label } from "./labels.js";
import { COLORS } from "./theme.js";

export function convergenceChart(input: ConvergenceInput, lang: Lang): TopLevelSpec {
  const share = input.metric === "exitRate" || input.metric === "pTarget";
  const k = share ? 100 : 1;
  const values = input.points.map((p) => ({ runs: p.runs, estimate: sig(p.estimate * k), lo: sig((p.estimate - 2 * p.se) * k), hi: sig((p.estimate + 2 * p.se) * k), se: sig(p.se * k) }));
  const x = { field: "runs", type: "quantitative", title: label(lang, "runsAxis"), scale: { zero: false } };
  const y = { type: "quantitative", title: `${label(lang, metricLabel(input.metric))}${share ? " (%)" : ""}`, scale: { zero: false } };
  return frame(lang, "convergenceTitle", "convergenceSubtitle", {
    data: { values },
    layer: [
      { mark: { type: "area", opacity: 0.25, color: COLORS.neutral }, encoding: { x, y: { field: "lo", ...y }, y2: { field: "hi" } } },
      { mark: { type: "line", point: true, strokeWidth: 2.5, color: "#1f5f99" }, encoding: { x, y: { field: "estimate", ...y }, tooltip: [{ field: "runs" }, { field: "estimate" }, { field: "se" }] } },
    ],
  });
}

const metricLabel = (metric: ConvergenceInput["metric"]) =>
  metric === "exitedPeople" ? ("convergenceExitedPeople" as const) : metric === "pTarget" ? ("convergencePTarget" as const) : metric === "poolLoss99" ? ("convergencePoolLoss99" as const) : ("convergenceExitRate" as const);
