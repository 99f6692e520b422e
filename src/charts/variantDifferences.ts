/**
 * Paired differences between each variant and the baseline (common random numbers),
 * one panel per measure with its own scale: point = mean difference, line = the
 * confidence interval, a vertical rule at zero. An interval that crosses zero means
 * the runs cannot tell the variant from the baseline on that measure.
 *
 * Money measures are shown in million yuan (en) / 万元 (zh); the probability measure
 * in percentage points. Variants are named by their labels (ids when they have none),
 * once, on the left panels: the panels of a row share the variants' axis.
 *
 * Every x scale is padded so that no point or interval sits on the panel's edge.
 *
 * @example
 * variantDifferencesChart({ baseline: "baseline", level: 0.95,
 *   rows: [{ variant: "more-credit", metric: "exits", mean: 120, lo: 80, hi: 160 }] }, "en")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { DifferenceMetric, VariantDifferences } from "./types.js";
import { DIFFERENCE_METRICS } from "./types.js";
import { approxLabelWidth, sig, variantNames, VEGA_LITE_SCHEMA } from "./common.js";
import { label, type LabelKey } from "./labels.js";
import { COLORS, theme } from "./theme.js";
import { moneyScale } from "../messages/format.js";

/** Panel title and the factor a value is multiplied by for display. */
function metricDisplay(m: DifferenceMetric, lang: Lang): { title: string; factor: number } {
  const money = (key: LabelKey): { title: string; factor: number } => {
    const { divisor, unit } = moneyScale(lang);
    return { title: lang === "zh" ? `${label(lang, key)}（${unit}）` : `${label(lang, key)} (${unit})`, factor: 1 / divisor };
  };
  switch (m) {
    case "exits":
      return { title: label(lang, "diffExits"), factor: 1 };
    case "fiscalCost":
      return money("diffFiscalCost");
    case "poolLoss":
      return money("diffPoolLoss");
    case "targetProbability":
      return { title: label(lang, "diffTargetProbability"), factor: 100 };
    default:
      return m satisfies never;
  }
}

/** Pixels kept free between the outermost mark and the panel's edge (a point's radius is about 5 px). */
const EDGE_PADDING = 16;
/** Longest variant name shown in full (longer ones end in "…"). */
const MAX_LABEL_WIDTH = 320;

export function variantDifferencesChart(input: VariantDifferences, lang: Lang): TopLevelSpec {
  const present = DIFFERENCE_METRICS.filter((m) => input.rows.some((r) => r.metric === m));
  const names = variantNames(input.rows);
  const variants = [...names.values()];
  const labelLimit = Math.min(MAX_LABEL_WIDTH, Math.max(120, Math.ceil(Math.max(...variants.map((v) => approxLabelWidth(v)))) + 8));
  const levelText = `${Math.round(input.level * 100)}%`;
  const sub = lang === "zh" ? `${label(lang, "diffSubtitle")}：${levelText}` : `${label(lang, "diffSubtitle")}: ${levelText}`;
  const baseline = input.baseline === undefined ? "" : lang === "zh" ? `；${label(lang, "baselineIs")}：${input.baseline}` : `; ${label(lang, "baselineIs")}: ${input.baseline}`;
  const subtitle = `${sub}${baseline}`;
  const panels = present.map((m, i) => {
    const { title, factor } = metricDisplay(m, lang);
    const values = input.rows
      .filter((r) => r.metric === m)
      .map((r) => ({ variant: names.get(r.variant) ?? r.variant, mean: sig(r.mean * factor), lo: sig(r.lo * factor), hi: sig(r.hi * factor) }));
    // Every panel lists every variant in the same order, so the rows of the right-hand panels line up with the names on the left.
    const y = { field: "variant", type: "nominal", title: null, sort: variants, scale: { domain: variants }, axis: i % 2 === 0 ? { labelLimit } : { labels: false } };
    const x = { type: "quantitative", title, scale: { padding: EDGE_PADDING, nice: true }, axis: { tickCount: 4 } };
    return {
      width: 270,
      height: Math.max(60, 34 * variants.length),
      data: { values },
      layer: [
        { mark: { type: "rule", color: "#888888", strokeDash: [3, 3] }, encoding: { x: { datum: 0, ...x } } },
        { mark: { type: "rule", color: COLORS.main, strokeWidth: 2.5 }, encoding: { y, x: { field: "lo", ...x }, x2: { field: "hi" } } },
        { mark: { type: "point", filled: true, size: 80, color: COLORS.main }, encoding: { y, x: { field: "mean", ...x } } },
      ],
    };
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: label(lang, "diffTitle"), subtitle },
    columns: 2,
    concat: panels,
    config: theme(),
  } as TopLevelSpec;
}
