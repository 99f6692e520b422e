/**
 * Exits against total fiscal cost, one point per variant with 90% intervals on both
 * axes, so a planner sees the trade-off at a glance (up and to the left is better).
 * Variants are named by their labels (ids when they have none); a name goes on the side
 * of its point that has room for it: right of points on the left half, left of the others.
 *
 * @example
 * exitsVsCostChart({ points: [{ variant: "baseline",
 *   exits: { median: 2400, q05: 2100, q95: 2700 }, cost: { median: 2.1e7, q05: 2.0e7, q95: 2.3e7 } }] }, "zh")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { ExitsVsCost } from "./types.js";
import { frame, sig, variantNames } from "./common.js";
import { label, moneyTitle } from "./labels.js";
import { moneyScale } from "./format.js";

export function exitsVsCostChart(input: ExitsVsCost, lang: Lang): TopLevelSpec {
  const { divisor } = moneyScale(lang);
  const names = variantNames(input.points);
  const variants = [...names.values()];
  // Labels alternate above and below their point, in order of cost, so that variants close on the x axis stay readable.
  const byCost = [...input.points].sort((a, b) => a.cost.median - b.cost.median).map((p) => p.variant);
  const lows = input.points.map((p) => p.cost.q05).filter(Number.isFinite);
  const highs = input.points.map((p) => p.cost.q95).filter(Number.isFinite);
  const middle = (Math.min(...lows) + Math.max(...highs)) / 2;
  const values = input.points.map((p) => ({
    variant: names.get(p.variant) ?? p.variant,
    above: byCost.indexOf(p.variant) % 2 === 0,
    // A single point, or one left of the middle of the cost range, has its name on the right.
    right: !(p.cost.median > middle),
    cost: sig(p.cost.median / divisor),
    costLo: sig(p.cost.q05 / divisor),
    costHi: sig(p.cost.q95 / divisor),
    exits: sig(p.exits.median),
    exitsLo: sig(p.exits.q05),
    exitsHi: sig(p.exits.q95),
  }));
  const x = { type: "quantitative", title: moneyTitle(lang, "tradeoffCost"), scale: { zero: false, padding: 30 } };
  const y = { type: "quantitative", title: label(lang, "tradeoffExits"), scale: { zero: false, padding: 30 } };
  const color = { field: "variant", type: "nominal", title: label(lang, "variant"), sort: variants };
  return frame(lang, "tradeoffTitle", "tradeoffSubtitle", {
    data: { values },
    layer: [
      { mark: { type: "rule", strokeWidth: 1.5, opacity: 0.7 }, encoding: { x: { field: "costLo", ...x }, x2: { field: "costHi" }, y: { field: "exits", ...y }, color } },
      { mark: { type: "rule", strokeWidth: 1.5, opacity: 0.7 }, encoding: { x: { field: "cost", ...x }, y: { field: "exitsLo", ...y }, y2: { field: "exitsHi" }, color } },
      { mark: { type: "point", filled: true, size: 110, opacity: 1 }, encoding: { x: { field: "cost", ...x }, y: { field: "exits", ...y }, color } },
      ...[true, false].flatMap((above) =>
        [true, false].map((right) => ({
          transform: [{ filter: `${above ? "" : "!"}datum.above && ${right ? "" : "!"}datum.right` }],
          mark: { type: "text", align: right ? "left" : "right", dx: right ? 8 : -8, dy: above ? -14 : 14, fontSize: 12, fontWeight: "bold" },
          encoding: { x: { field: "cost", ...x }, y: { field: "exits", ...y }, text: { field: "variant" }, color },
        })),
      ),
    ],
  });
}
