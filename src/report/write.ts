/**
 * Write a report folder atomically:
 *
 *   DIR/report.html            self-contained page (open it from anywhere, offline)
 *   DIR/charts/<kind>.png      every chart as PNG (2× pixel density), .svg, .vl.json
 *   DIR/charts/<kind>.csv      the data behind the chart (yuan, people, probabilities)
 *   DIR/manifest.json          provenance (version, scenario hash, seed, runs …)
 *   DIR/spending.csv           budgeted against simulated spending (when the input has it)
 *   DIR/report.xlsx            the results, spending, variants and the ledger as an Excel workbook (report/workbook.ts)
 *
 * @example
 * const files = await writeReport("out/linghai", input);
 */
import { writeFile, mkdir } from "node:fs/promises";
import { SPENDING_CSV, spendingCsv } from "../results/write.js";
import { join } from "node:path";
import { writeOutputDir, type OutputGuard, type OutputProblem } from "../io/outputs.js";
import type { Result } from "../util/result.js";
import { say } from "../messages/lang.js";
import * as M from "../messages/report.js";
import { buildCharts, type ChartData, type ChartInputMap } from "../charts/registry.js";
import { chartTable, tableToCsv } from "../charts/table.js";
import { renderSvg } from "../render/svg.js";
import { svgToPng } from "../render/png.js";
import { renderReportHtml } from "../render/html.js";
import { buildReportPage } from "./page.js";
import type { ReportInput } from "./types.js";
import { reportWorkbook } from "./workbook.js";

/** The report's Excel workbook, beside report.html. */
export const REPORT_XLSX = "report.xlsx";

/**
 * Write the report; resolves to the relative paths written, or the problem that stopped
 * it. `dir` may be new, empty or a previous report folder; anything else is refused (see
 * io/outputs.ts).
 */
export async function writeReport(dir: string, input: ReportInput, guard: OutputGuard = {}): Promise<Result<readonly string[], OutputProblem>> {
  return writeOutputDir(dir, "report", async (tmp) => {
    await mkdir(join(tmp, "charts"));
    const put = (rel: string, data: string | Uint8Array): Promise<void> => writeFile(join(tmp, rel), data);
    for (const { kind, spec } of buildCharts(input.charts, input.lang)) {
      const svg = await renderSvg(spec);
      await put(`charts/${kind}.svg`, svg);
      await put(`charts/${kind}.png`, svgToPng(svg));
      await put(`charts/${kind}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
      const data = (input.charts as ChartData)[kind] as ChartInputMap[typeof kind];
      await put(`charts/${kind}.csv`, tableToCsv(chartTable(kind, data)));
    }
    const page = buildReportPage(input, (kind) => [
      { label: say(input.lang, M.linkPng()), href: `charts/${kind}.png` },
      { label: say(input.lang, M.linkSvg()), href: `charts/${kind}.svg` },
      { label: say(input.lang, M.linkCsv()), href: `charts/${kind}.csv` },
      { label: say(input.lang, M.linkSpec()), href: `charts/${kind}.vl.json` },
    ]);
    await put("report.html", await renderReportHtml(page));
    await put("manifest.json", `${JSON.stringify(input.manifestFile ?? input.manifest, null, 2)}\n`);
    if (input.spending && input.spending.length > 0) await put(SPENDING_CSV, spendingCsv(input.spending));
    const workbook = await reportWorkbook(input);
    if (workbook) await put(REPORT_XLSX, workbook);
  }, guard);
}
