/**
 * The output formats of a chart and one function that renders to any of them.
 *
 * @example
 * const bytes = await renderAs(spec, formatFromPath("out/fan.png") ?? "svg");
 */
import type { TopLevelSpec } from "vega-lite";

export const CHART_FORMATS = ["svg", "png", "pdf", "json"] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];
export const isChartFormat = (x: unknown): x is ChartFormat => typeof x === "string" && (CHART_FORMATS as readonly string[]).includes(x);

/** The format a file name asks for (`.vl.json` and `.json` are the Vega-Lite spec). */
export function formatFromPath(path: string): ChartFormat | undefined {
  const m = /\.([a-z]+)$/i.exec(path);
  const ext = m?.[1]?.toLowerCase();
  return isChartFormat(ext) ? ext : undefined;
}

/** The files a chart is written as beside a table: `name.vl.json` (the spec), `name.svg`, `name.png`. */
export async function chartFiles(name: string, spec: TopLevelSpec): Promise<{ readonly file: string; readonly data: string | Uint8Array }[]> {
  const out: { file: string; data: string | Uint8Array }[] = [];
  for (const format of ["json", "svg", "png"] as const) out.push({ file: `${name}.${format === "json" ? "vl.json" : format}`, data: await renderAs(spec, format) });
  return out;
}

/** Render a spec to the bytes (or text) of a format. The renderers (vega, resvg, pdfkit) load on first use. */
export async function renderAs(spec: TopLevelSpec, format: ChartFormat): Promise<string | Uint8Array> {
  if (format === "json") return `${JSON.stringify(spec, null, 2)}\n`;
  const { renderSvg } = await import("./svg.js");
  switch (format) {
    case "svg":
      return renderSvg(spec);
    case "png":
      return (await import("./png.js")).svgToPng(await renderSvg(spec));
    case "pdf":
      return (await import("./pdf.js")).svgToPdf(await renderSvg(spec));
    default:
      return format satisfies never;
  }
}
