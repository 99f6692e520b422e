/**
 * The chart of an optimisation (Vega-Lite): each line's share of the money moved under the
 * plan and optimised, side by side, with the line's bounds as a band when they are not 0–1.
 * Not in the chart registry (it draws an optimisation, not results); `fundsim optimise`
 * writes it beside its tables.
 *
 * @example
 * const [c] = optimiseCharts(optimisation, "zh"); // { name: "optimise-shares", spec }
 */
import type { TopLevelSpec } from "vega-lite";
import type { Optimisation } from "../optimise/types.js";
import { frontierChart, sharesChart, splitWord } from "../messages/optimise.js";
import type { Lang } from "../messages/lang.js";
import { labelText } from "../messages/label.js";
import { Z90 } from "../results/stats.js";
import { VEGA_LITE_SCHEMA, type NamedChart } from "./common.js";
import { SIZE, theme } from "./theme.js";

/** The shares chart. */
export function optimiseSharesSpec(x: Optimisation, lang: Lang): TopLevelSpec {
  const w = sharesChart();
  const series = [w.plan[lang], w.optimised[lang]];
  const values = x.lines.flatMap((l, order) => {
    const line = labelText(l.label, lang, l.id);
    return [
      { line, order, split: w.plan[lang], share: l.planShare },
      { line, order, split: w.optimised[lang], share: l.share },
    ];
  });
  const bounds = x.lines.filter((l) => l.min > 0 || l.max < 1).map((l) => ({ line: labelText(l.label, lang, l.id), min: l.min, max: l.max }));
  const y = { field: "line", type: "nominal", title: null, sort: x.lines.map((l) => labelText(l.label, lang, l.id)), axis: { labelLimit: 260 } };
  const share = { type: "quantitative", title: w.share[lang], axis: { format: "%" }, scale: { domain: [0, 1] } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: w.title[lang] },
    width: SIZE.width,
    height: Math.max(80, 44 * x.lines.length),
    layer: [
      ...(bounds.length > 0
        ? [{ data: { values: bounds }, mark: { type: "bar", opacity: 0.15, color: "#888" }, encoding: { y, x: { field: "min", ...share }, x2: { field: "max" } } }]
        : []),
      {
        data: { values },
        mark: { type: "bar" },
        encoding: {
          y,
          yOffset: { field: "split", sort: series },
          x: { field: "share", ...share },
          color: { field: "split", type: "nominal", title: w.split[lang], sort: series },
          tooltip: [{ field: "line" }, { field: "split" }, { field: "share", format: ".1%" }],
        },
      },
    ],
    config: theme(),
  } as TopLevelSpec;
}


/**
 * The frontier chart: money of the lines moved against people out (mean ± 1.645 se) and, with
 * targets, against P(every target met) with its Wilson interval, one line per split.
 */
export function optimiseFrontierSpec(x: Optimisation, lang: Lang): TopLevelSpec {
  const w = frontierChart();
  const points = x.frontier.flatMap((f) =>
    f.feasible
      ? [
          {
            money: f.money.toNumber(),
            split: splitWord(f.split)[lang],
            scale: f.scale,
            people: f.score.peopleOut.mean,
            peopleLo: f.score.peopleOut.mean - Z90 * f.score.peopleOut.se,
            peopleHi: f.score.peopleOut.mean + Z90 * f.score.peopleOut.se,
            ...(f.score.pAll ? { p: f.score.pAll.p, pLo: f.score.pAll.lo, pHi: f.score.pAll.hi } : {}),
          },
        ]
      : [],
  );
  const series = [splitWord("plan")[lang], splitWord("optimised")[lang]];
  const color = { field: "split", type: "nominal", title: w.split[lang], sort: series };
  const x0 = { field: "money", type: "quantitative", title: w.money[lang], axis: { format: "~s" } };
  const panel = (y: string, lo: string, hi: string, title: string, format: string) => ({
    width: SIZE.width,
    height: 200,
    layer: [
      { mark: { type: "rule" }, encoding: { x: x0, y: { field: lo, type: "quantitative", title, axis: { format } }, y2: { field: hi }, color } },
      {
        mark: { type: "line", point: true },
        encoding: {
          x: x0,
          y: { field: y, type: "quantitative" },
          color,
          tooltip: [{ field: "split" }, { field: "scale" }, { field: "money", format: ",.0f" }, { field: y, format }],
        },
      },
    ],
  });
  const hasP = points.some((p) => "p" in p);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: w.title[lang] },
    data: { values: points },
    vconcat: [panel("people", "peopleLo", "peopleHi", w.people[lang], ",.0f"), ...(hasP ? [panel("p", "pLo", "pHi", w.p[lang], ".0%")] : [])],
    config: theme(),
  } as TopLevelSpec;
}

/** The charts of an optimisation: the shares, and the frontier when one was asked for. */
export function optimiseCharts(x: Optimisation, lang: Lang): NamedChart[] {
  return [
    { name: "optimise-shares", spec: optimiseSharesSpec(x, lang) },
    ...(x.frontier.some((f) => f.feasible) ? [{ name: "optimise-frontier", spec: optimiseFrontierSpec(x, lang) }] : []),
  ];
}
