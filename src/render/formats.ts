/**
 * The output formats of a chart and one function that renders to any of them.
 *
 * @example
 * const bytes = await renderAs(spec, formatFromPath("out/fan.png") ?? "svg");
 */
import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "./svg.js";
import { svgToPng } from "./png.js";
import { svgToPdf } from "./pdf.js";

export const CHART_FORMATS = ["svg", "png", "pdf", "json"] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];
export const isChartFormat = (x: unknown): x is ChartFormat => typeof x === "string" && (CHART_FORMATS as readonly string[]).includes(x);

/** The format a file name asks for (`.vl.json` and `.json` are the Vega-Lite spec). */
export function formatFromPath(path: string): ChartFormat | undefined {
  const m = /\.([a-z]+)$/i.exec(path);
  const ext = m?.[1]?.toLowerCase();
  return isChartFormat(ext) ? ext : undefined;
}

/** Render a spec to the bytes (or text) of a format. */
export async function renderAs(spec: TopLevelSpec, format: ChartFormat): Promise<string | Uint8Array> {
  switch (format) {
    case "json":
      return `${JSON.stringify(spec, null, 2)}\n`;
    case "svg":
      return renderSvg(spec);
    case "png":
      return svgToPng(await renderSvg(spec));
    case "pdf":
      return svgToPdf(await renderSvg(spec));
    default:
      return format satisfies never;
  }
}
