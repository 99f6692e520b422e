/**
 * Budget per year as stacked bars: sources stacked by funding source, uses stacked by
 * programme, with the year's total above each bar. Money axes in million yuan (en) or
 * 万元 (zh).
 *
 * @example
 * budgetSourcesChart({ rows: [{ year: 2017, category: "Central and provincial", amount: 6_467_000 }] }, "en")
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import type { BudgetInput } from "./types.js";
import { frame, legendLayout, sig, yearX } from "./common.js";
import { label, moneyTitle, type LabelKey } from "./labels.js";
import { formatMoneyInScale, moneyScale } from "../messages/format.js";

function stacked(input: BudgetInput, lang: Lang, legend: LabelKey, title: LabelKey, subtitle: LabelKey): TopLevelSpec {
  const { divisor } = moneyScale(lang);
  const categories = [...new Set(input.rows.map((r) => r.category))];
  const values = input.rows.map((r) => ({ year: r.year, category: r.category, amount: sig(r.amount / divisor), order: categories.indexOf(r.category) }));
  const totals = new Map<number, number>();
  for (const r of input.rows) totals.set(r.year, (totals.get(r.year) ?? 0) + r.amount);
  const totalValues = [...totals].map(([year, t]) => ({ year, total: sig(t / divisor), text: formatMoneyInScale(t, lang) }));
  const x = yearX(lang);
  return frame(lang, title, subtitle, {
    layer: [
      {
        data: { values },
        mark: { type: "bar" },
        encoding: {
          x,
          y: { field: "amount", type: "quantitative", aggregate: "sum", title: moneyTitle(lang, "amount"), stack: "zero" },
          color: { field: "category", type: "nominal", title: label(lang, legend), sort: categories, legend: legendLayout(categories, 2) },
          order: { field: "order", type: "quantitative" },
          tooltip: [
            { field: "year", type: "ordinal", title: label(lang, "year") },
            { field: "category", type: "nominal", title: label(lang, legend) },
            { field: "amount", type: "quantitative", aggregate: "sum", title: moneyTitle(lang, "amount"), format: ",.2f" },
          ],
        },
      },
      {
        data: { values: totalValues },
        mark: { type: "text", dy: -8, fontSize: 11, color: "#222222" },
        encoding: { x, y: { field: "total", type: "quantitative" }, text: { field: "text" } },
      },
    ],
  });
}

/** Sources per year, stacked by funding source. */
export const budgetSourcesChart = (input: BudgetInput, lang: Lang): TopLevelSpec =>
  stacked(input, lang, "source", "sourcesTitle", "sourcesSubtitle");

/** Uses per year, stacked by programme. */
export const budgetUsesChart = (input: BudgetInput, lang: Lang): TopLevelSpec =>
  stacked(input, lang, "programme", "usesTitle", "usesSubtitle");
