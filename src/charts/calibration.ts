/**
 * The chart of a calibration (Vega-Lite): for every target, the observed value with its
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
import { fitChart } from "../messages/calibration.js";
import type { Lang } from "../messages/lang.js";
import { VEGA_LITE_SCHEMA } from "./common.js";
import { SIZE, theme } from "./theme.js";

/** Normal quantile of a two-sided 90% interval. */
const Z90 = 1.6448536269514722;

export interface CalibrationChart {
  /** File name inside the output folder, without extension. */
  readonly name: string;
  readonly spec: TopLevelSpec;
}

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

/** The charts of a calibration. */
export function calibrationCharts(c: Calibration, lang: Lang): CalibrationChart[] {
  return [{ name: "calibration-fit", spec: calibrationFitSpec(c, lang) }];
}
