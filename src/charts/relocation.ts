/**
 * Relocation follow-up payments per year, stacked by cohort (the year people were
 * relocated). Zhengzhou: 15,000 people relocated in 2016 and 6,000 in 2017, each paid
 * 2,000 yuan a year for 5 years.
 *
 * @example
 * relocationChart({ rows: [{ year: 2016, cohort: "2016", amount: 30_000_000 }] }, "zh")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { RelocationSchedule } from "./types.js";
import { frame, legendLayout, sig, yearX } from "./common.js";
import { label, moneyTitle } from "./labels.js";
import { formatMoneyInScale, moneyScale } from "../messages/format.js";

export function relocationChart(input: RelocationSchedule, lang: Lang): TopLevelSpec {
  const { divisor } = moneyScale(lang);
  const cohorts = [...new Set(input.rows.map((r) => r.cohort))];
  const values = input.rows.map((r) => ({ year: r.year, cohort: r.cohort, amount: sig(r.amount / divisor), order: cohorts.indexOf(r.cohort) }));
  const totals = new Map<number, number>();
  for (const r of input.rows) totals.set(r.year, (totals.get(r.year) ?? 0) + r.amount);
  const x = yearX(lang);
  return frame(lang, "relocationTitle", "relocationSubtitle", {
    layer: [
      {
        data: { values },
        mark: { type: "bar" },
        encoding: {
          x,
          y: { field: "amount", type: "quantitative", aggregate: "sum", title: moneyTitle(lang, "amount"), stack: "zero" },
          color: { field: "cohort", type: "nominal", title: label(lang, "cohort"), sort: cohorts, legend: legendLayout(cohorts, 3) },
          order: { field: "order", type: "quantitative" },
        },
      },
      {
        data: { values: [...totals].map(([year, t]) => ({ year, total: sig(t / divisor), text: formatMoneyInScale(t, lang) })) },
        mark: { type: "text", dy: -8, fontSize: 11, color: "#222222" },
        encoding: { x, y: { field: "total", type: "quantitative" }, text: { field: "text" } },
      },
    ],
  });
}
