/**
 * Exits against total fiscal cost, one point per variant with 90% intervals on both
 * axes, so a planner sees the trade-off at a glance (up and to the left is better).
 * Variants are named by their labels (ids when they have none), beside their points:
 * each name takes the first place around its point that stays inside the plot and clear
 * of the points and of the names already placed (see `placeNames`).
 *
 * @example
 * exitsVsCostChart({ points: [{ variant: "baseline",
 *   exits: { median: 2400, q05: 2100, q95: 2700 }, cost: { median: 2.1e7, q05: 2.0e7, q95: 2.3e7 } }] }, "zh")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { ExitsVsCost } from "./types.js";
import { approxLabelWidth, frame, legendLayout, sig, variantNames } from "./common.js";
import { label, moneyTitle } from "./labels.js";
import { moneyScale } from "../messages/format.js";
import { SIZE } from "./theme.js";

/** Pixels between the data's extent and the plot's edge on both axes (the scales are not made nice, so this is exact). */
const PADDING = 30;
const FONT_SIZE = 12;
/** Half the size of a point's box (size 110 is a radius of about 6 px). */
const POINT_HALF = 7;

/** Where a name goes relative to its point: text alignment and offset in pixels. */
const PLACES = {
  rightAbove: { align: "left", dx: 8, dy: -14 },
  rightBelow: { align: "left", dx: 8, dy: 14 },
  leftAbove: { align: "right", dx: -8, dy: -14 },
  leftBelow: { align: "right", dx: -8, dy: 14 },
  above: { align: "center", dx: 0, dy: -18 },
  below: { align: "center", dx: 0, dy: 18 },
} as const;
type Place = keyof typeof PLACES;

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}
const overlap = (a: Box, b: Box): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/**
 * A place for each name, in pixels of the plot: names are placed in order of cost, each
 * at the first place (on the side of the plot with more room first) that stays inside the
 * plot and overlaps no point and no name placed before; failing that, where it overlaps least.
 */
export function placeNames(points: readonly { x: number; y: number; name: string }[], width: number, height: number): Place[] {
  const boxOf = (p: { x: number; y: number; name: string }, place: Place): Box => {
    const { align, dx, dy } = PLACES[place];
    const w = approxLabelWidth(p.name, FONT_SIZE) * 1.08; // bold
    const x0 = align === "left" ? p.x + dx : align === "right" ? p.x + dx - w : p.x - w / 2;
    return { x0, x1: x0 + w, y0: p.y + dy - FONT_SIZE * 0.6, y1: p.y + dy + FONT_SIZE * 0.6 };
  };
  const marks: Box[] = points.map((p) => ({ x0: p.x - POINT_HALF, x1: p.x + POINT_HALF, y0: p.y - POINT_HALF, y1: p.y + POINT_HALF }));
  const plot: Box = { x0: 0, x1: width, y0: 0, y1: height };
  const order = points.map((_, i) => i).sort((a, b) => points[a]!.x - points[b]!.x);
  const placed: Box[] = [];
  const out: Place[] = points.map(() => "rightAbove");
  order.forEach((i, k) => {
    const p = points[i]!;
    const rightFirst = p.x <= width / 2;
    const sides: Place[] = rightFirst ? ["rightAbove", "rightBelow", "leftAbove", "leftBelow"] : ["leftAbove", "leftBelow", "rightAbove", "rightBelow"];
    // Alternate above and below in order of cost, so that neighbours start on different sides.
    const candidates: Place[] = [...(k % 2 === 0 ? sides : [sides[1]!, sides[0]!, sides[3]!, sides[2]!]), ...(k % 2 === 0 ? (["above", "below"] as const) : (["below", "above"] as const))];
    let best: { place: Place; cost: number } | undefined;
    for (const place of candidates) {
      const b = boxOf(p, place);
      const outside = (b.x1 - b.x0) * (b.y1 - b.y0) - overlap(b, plot);
      const cost = 4 * outside + [...marks, ...placed].reduce((s, m) => s + overlap(b, m), 0);
      if (best === undefined || cost < best.cost) best = { place, cost };
      if (cost === 0) break;
    }
    out[i] = best!.place;
    placed.push(boxOf(p, best!.place));
  });
  return out;
}

export function exitsVsCostChart(input: ExitsVsCost, lang: Lang): TopLevelSpec {
  const { divisor } = moneyScale(lang);
  const names = variantNames(input.points);
  const variants = [...names.values()];
  const finite = (xs: number[]): number[] => xs.filter(Number.isFinite);
  const xs = finite(input.points.flatMap((p) => [p.cost.q05, p.cost.median, p.cost.q95]));
  const ys = finite(input.points.flatMap((p) => [p.exits.q05, p.exits.median, p.exits.q95]));
  const [xMin, xMax, yMin, yMax] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const { width, height } = SIZE;
  const px = (v: number, lo: number, hi: number, span: number): number => (hi > lo ? PADDING + ((v - lo) / (hi - lo)) * (span - 2 * PADDING) : span / 2);
  const places = placeNames(
    input.points.map((p) => ({ x: px(p.cost.median, xMin, xMax, width), y: height - px(p.exits.median, yMin, yMax, height), name: names.get(p.variant) ?? p.variant })),
    width,
    height,
  );
  const values = input.points.map((p, i) => ({
    variant: names.get(p.variant) ?? p.variant,
    place: places[i],
    cost: sig(p.cost.median / divisor),
    costLo: sig(p.cost.q05 / divisor),
    costHi: sig(p.cost.q95 / divisor),
    exits: sig(p.exits.median),
    exitsLo: sig(p.exits.q05),
    exitsHi: sig(p.exits.q95),
  }));
  const x = { type: "quantitative", title: moneyTitle(lang, "tradeoffCost"), scale: { zero: false, nice: false, padding: PADDING } };
  const y = { type: "quantitative", title: label(lang, "tradeoffExits"), scale: { zero: false, nice: false, padding: PADDING } };
  const color = { field: "variant", type: "nominal", title: label(lang, "variant"), sort: variants, legend: legendLayout(variants, 3, width) };
  const used = (Object.keys(PLACES) as Place[]).filter((k) => places.includes(k));
  return frame(lang, "tradeoffTitle", "tradeoffSubtitle", {
    data: { values },
    layer: [
      { mark: { type: "rule", strokeWidth: 1.5, opacity: 0.7 }, encoding: { x: { field: "costLo", ...x }, x2: { field: "costHi" }, y: { field: "exits", ...y }, color } },
      { mark: { type: "rule", strokeWidth: 1.5, opacity: 0.7 }, encoding: { x: { field: "cost", ...x }, y: { field: "exitsLo", ...y }, y2: { field: "exitsHi" }, color } },
      { mark: { type: "point", filled: true, size: 110, opacity: 1 }, encoding: { x: { field: "cost", ...x }, y: { field: "exits", ...y }, color } },
      ...used.map((place) => ({
        transform: [{ filter: `datum.place === ${JSON.stringify(place)}` }],
        mark: { type: "text", ...PLACES[place], fontSize: FONT_SIZE, fontWeight: "bold" },
        encoding: { x: { field: "cost", ...x }, y: { field: "exits", ...y }, text: { field: "variant" }, color },
      })),
    ],
  });
}
