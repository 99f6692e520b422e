/**
 * The calibration page (calibration.html, written by `fundsim calibrate`): the fitted
 * parameters with their uncertainty and their place in the prior ranges, the fit per target
 * with its chart, the objective and the warnings, the method and the record — the back-test
 * as one page anyone can open offline. Rendered by render/html.ts like the report.
 *
 * @example
 * const html = await renderReportHtml(calibrationPage(calibration, "zh", "全国农村贫困人口", record));
 */
import type { Calibration } from "../calibration/types.js";
import { calibrationCharts } from "../charts/calibration.js";
import * as C from "../messages/calibration.js";
import { say, type Lang } from "../messages/lang.js";
import { calibrationLines, fitTable, parameterTable } from "../present/calibrationText.js";
import type { Block, ReportPage } from "../render/html.js";

/** The page; `record` lists what identifies the computation (scenario, targets, seed, runs, …). */
export function calibrationPage(c: Calibration, lang: Lang, name: string, record: readonly (readonly [string, string])[]): ReportPage {
  const T = C.calibrationPageText();
  const l = calibrationLines(c, lang, name);
  const p = parameterTable(c, lang);
  const f = fitTable(c, lang);
  const [fitChart, parametersChart] = calibrationCharts(c, lang);
  const chart = (x: typeof fitChart): Block[] => (x ? [{ kind: "chart", id: x.name, spec: x.spec, links: [{ label: "PNG", href: `${x.name}.png` }, { label: "SVG", href: `${x.name}.svg` }] }] : []);
  const numeric = (n: number, from: number): boolean[] => Array.from({ length: n }, (_, i) => i >= from);
  return {
    lang,
    title: `${say(lang, T.title)}: ${name}`,
    subtitle: l.heading,
    sections: [
      {
        id: "parameters",
        title: say(lang, T.parameters),
        blocks: [
          { kind: "table", columns: p.columns, rows: p.rows, numeric: numeric(p.columns.length, 1) },
          ...l.warnings.map((text): Block => ({ kind: "paragraph", text, emphasis: "warn" })),
          ...chart(parametersChart),
        ],
      },
      {
        id: "fit",
        title: say(lang, T.fit),
        blocks: [
          { kind: "table", columns: f.columns, rows: f.rows, numeric: numeric(f.columns.length, 4) },
          { kind: "paragraph", text: l.objective, emphasis: l.misfit ? "bad" : "good" },
          { kind: "paragraph", text: say(lang, C.fitNote()) },
          ...chart(fitChart),
        ],
      },
      { id: "method", title: say(lang, T.method), blocks: [{ kind: "paragraph", text: say(lang, T.methodText) }] },
      { id: "record", title: say(lang, T.record), blocks: [{ kind: "definitions", items: record }] },
    ],
  };
}
