/**
 * Charts of a sensitivity study (Vega-Lite): a tornado chart — for each parameter a bar
 * from the effect of its low value to the effect of its high value around the base (0),
 * with ±1.96·SE whiskers at both ends — and a Sobol chart of S_i and S_Ti with their 95%
 * intervals. Not in the chart registry (they draw a study, not results or a ledger);
 * `fundsim sensitivity --out` writes them beside the table.
 *
 * @example
 * for (const c of sensitivityCharts(study, "en")) writeFileSync(c.file, JSON.stringify(c.spec));
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import { chartAxis, outputShown, sobolChartTitle, tornadoChartTitle } from "../messages/sensitivity.js";
import type { Study } from "../sensitivity/study.js";
import { VEGA_LITE_SCHEMA, type NamedChart } from "./common.js";
import { SIZE, theme } from "./theme.js";

/** Widest parameter label in pixels (scenario paths are long). */
const LABEL_LIMIT = 280;
/** Normal quantile of a two-sided 95% interval. */
const Z95 = 1.96;


const top = (title: string, body: Record<string, unknown>, rows: number): TopLevelSpec =>
  ({
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title },
    width: SIZE.width,
    height: Math.max(80, 28 * rows),
    ...body,
    config: theme(),
  }) as TopLevelSpec;

/** The tornado chart of a tornado study. */
export function tornadoSpec(study: Study, lang: Lang): TopLevelSpec | undefined {
  if (study.result.method !== "tornado") return undefined;
  const ax = chartAxis();
  const values = study.result.tornado.bars.flatMap((b, rank) => {
    const name = study.inputs[b.input]?.name ?? String(b.input);
    return [
      { parameter: name, rank, side: ax.low[lang], value: b.low, effect: b.lowEffect, lo: b.lowEffect - Z95 * b.lowSe, hi: b.lowEffect + Z95 * b.lowSe },
      { parameter: name, rank, side: ax.high[lang], value: b.high, effect: b.highEffect, lo: b.highEffect - Z95 * b.highSe, hi: b.highEffect + Z95 * b.highSe },
    ];
  });
  const y = { field: "parameter", type: "nominal", sort: { field: "rank", order: "ascending" }, title: ax.parameter[lang], axis: { labelLimit: LABEL_LIMIT } };
  return top(tornadoChartTitle(outputShown(study.output.metric, study.output.year))[lang], {
    data: { values },
    layer: [
      {
        mark: { type: "bar", height: { band: 0.6 } },
        encoding: {
          y,
          x: { field: "effect", type: "quantitative", title: ax.effect[lang] },
          x2: { datum: 0 },
          color: { field: "side", type: "nominal", title: ax.side[lang], sort: [ax.low[lang], ax.high[lang]] },
          tooltip: [{ field: "parameter" }, { field: "side" }, { field: "value" }, { field: "effect", format: ",.2f" }],
        },
      },
      { mark: { type: "rule" }, encoding: { y, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } } },
      { mark: { type: "rule", strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } },
    ],
  }, study.result.tornado.bars.length);
}

/** The Sobol chart of a Sobol study: S_i and S_Ti side by side with their intervals. */
export function sobolSpec(study: Study, lang: Lang): TopLevelSpec | undefined {
  const r = study.result;
  if (r.method !== "sobol") return undefined;
  const ax = chartAxis();
  const values = study.inputs.flatMap((inp, i) => [
    { parameter: inp.name, index: "S_i", value: r.indices.first[i], lo: r.indices.firstCi[i]?.[0], hi: r.indices.firstCi[i]?.[1] },
    { parameter: inp.name, index: "S_Ti", value: r.indices.total[i], lo: r.indices.totalCi[i]?.[0], hi: r.indices.totalCi[i]?.[1] },
  ]);
  const y = { field: "parameter", type: "nominal", title: ax.parameter[lang], axis: { labelLimit: LABEL_LIMIT } };
  const yOffset = { field: "index", type: "nominal", sort: ["S_i", "S_Ti"] };
  return top(sobolChartTitle(outputShown(study.output.metric, study.output.year))[lang], {
    data: { values },
    layer: [
      {
        mark: { type: "bar" },
        encoding: { y, yOffset, x: { field: "value", type: "quantitative", title: ax.share[lang] }, color: { field: "index", type: "nominal", title: ax.index[lang], sort: ["S_i", "S_Ti"] } },
      },
      { mark: { type: "rule" }, encoding: { y, yOffset, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } } },
    ],
  }, 2 * study.inputs.length);
}

/** The charts a study has (none for Morris). */
export function sensitivityCharts(study: Study, lang: Lang): NamedChart[] {
  const out: NamedChart[] = [];
  const t = tornadoSpec(study, lang);
  if (t) out.push({ name: "tornado", spec: t });
  const s = sobolSpec(study, lang);
  if (s) out.push({ name: "sobol", spec: s });
  return out;
}
