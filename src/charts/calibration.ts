/**
 * The charts of a calibration (Vega-Lite). The fit chart: for every target, the observed value with its
 * 90% interval (±1.645 sd) and the simulated mean at the fitted values with the 90% range of
 * its runs, one row per target with its own scale (counts and rates side by side), the
 * out-of-sample targets marked. Not in the chart registry (it draws a calibration, not
 * results); `fundsim calibrate` writes it beside the tables.
 *
 * @example
 * const [c] = calibrationCharts(calibration, "zh"); // { name: "calibration-fit", spec }
 */
import type { TopLevelSpec } from "vega-lite";
import type { Calibration } from "../calibration/types.js";
import { fitChart, parametersChart } from "../messages/calibration.js";
import type { Lang } from "../messages/lang.js";
import { Z90 } from "../results/stats.js";
import { VEGA_LITE_SCHEMA, type NamedChart } from "./common.js";
import { SIZE, theme } from "./theme.js";



/** The fit chart. */
export function calibrationFitSpec(c: Calibration, lang: Lang): TopLevelSpec {
  const w = fitChart();
  const values = c.fit.targets.flatMap((f, k) => {
    const t = c.targets.targets[k]!;
    const row = `${t.id} (${t.year}, ${t.fit ? w.fit[lang] : w.check[lang]})`;
    return [
      { row, order: k, series: w.observed[lang], value: f.observed, lo: f.observed - Z90 * f.sd, hi: f.observed + Z90 * f.sd },
      { row, order: k, series: w.simulated[lang], value: f.mean, lo: f.q05, hi: f.q95 },
    ];
  });
  const series = [w.observed[lang], w.simulated[lang]];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: w.title[lang] },
    data: { values },
    facet: { row: { field: "row", type: "nominal", title: null, sort: { field: "order", op: "min" }, header: { labelAngle: 0, labelAlign: "left", labelLimit: 320 } } },
    spec: {
      width: SIZE.width,
      height: 44,
      layer: [
        {
          mark: { type: "rule", strokeWidth: 2 },
          encoding: {
            y: { field: "series", type: "nominal", title: null, sort: series, axis: null },
            x: { field: "lo", type: "quantitative", title: w.value[lang], scale: { zero: false } },
            x2: { field: "hi" },
            color: { field: "series", type: "nominal", title: w.series[lang], sort: series },
          },
        },
        {
          mark: { type: "point", filled: true, size: 60 },
          encoding: {
            y: { field: "series", type: "nominal", sort: series, axis: null },
            x: { field: "value", type: "quantitative" },
            color: { field: "series", type: "nominal", sort: series },
            tooltip: [{ field: "row" }, { field: "series" }, { field: "value", format: ",.4~g" }, { field: "lo", format: ",.4~g" }, { field: "hi", format: ",.4~g" }],
          },
        },
      ],
    },
    resolve: { scale: { x: "independent" } },
    config: theme(),
  } as TopLevelSpec;
}

/**
 * The parameters chart: each fitted value and its interval as a position in its prior range
 * (0 the low end, 1 the high end), with the starting value — so a value pushed to an end of
 * its range, or an interval as wide as the range (not identified), shows at a glance.
 */
export function calibrationParametersSpec(c: Calibration, lang: Lang): TopLevelSpec {
  const w = parametersChart();
  const at = (x: number, lo: number, hi: number): number => (hi > lo ? (x - lo) / (hi - lo) : 0.5);
  const values = c.fit.parameters.map((q, order) => ({
    parameter: q.name,
    order,
    fitted: at(q.value, q.low, q.high),
    lo: at(q.lo, q.low, q.high),
    hi: at(q.hi, q.low, q.high),
    start: at(q.start, q.low, q.high),
    value: q.value,
    se: q.se,
  }));
  const y = { field: "parameter", type: "nominal", title: null, sort: { field: "order" }, axis: { labelLimit: 320 } };
  const x = { type: "quantitative", title: w.position[lang], scale: { domain: [0, 1] } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: w.title[lang] },
    width: SIZE.width,
    height: Math.max(60, 36 * values.length),
    data: { values },
    layer: [
      { mark: { type: "rule", strokeWidth: 3 }, encoding: { y, x: { field: "lo", ...x }, x2: { field: "hi" }, color: { datum: w.fitted[lang], type: "nominal", title: null } } },
      {
        mark: { type: "point", filled: true, size: 80 },
        encoding: {
          y,
          x: { field: "fitted", ...x },
          color: { datum: w.fitted[lang], type: "nominal" },
          tooltip: [{ field: "parameter" }, { field: "value", format: ",.4~g" }, { field: "se", format: ",.2~g" }],
        },
      },
      { mark: { type: "tick", thickness: 2, size: 18 }, encoding: { y, x: { field: "start", ...x }, color: { datum: w.start[lang], type: "nominal" } } },
    ],
    config: theme(),
  } as TopLevelSpec;
}

/** The charts of a calibration: the fit per target, and the fitted parameters in their ranges. */
export function calibrationCharts(c: Calibration, lang: Lang): NamedChart[] {
  return [
    { name: "calibration-fit", spec: calibrationFitSpec(c, lang) },
    { name: "calibration-parameters", spec: calibrationParametersSpec(c, lang) },
  ];
}
