/**
 * Vega-Lite spec → SVG text, headless (Vega's "none" renderer, no browser, no canvas).
 * Text is measured with the embedded font (see measure.ts) so labels do not collide; without
 * a CJK font, Vega's own estimate is used.
 *
 * @example
 * const svg = await renderSvg(exitsFanChart(input, "zh"));
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { chartFonts } from "./fonts.js";
import { installTextMetrics } from "./measure.js";

/** Compile a Vega-Lite spec to a Vega spec (what the HTML report embeds). */
export function toVega(spec: TopLevelSpec): vega.Spec {
  return compile(spec).spec;
}

/** Render a Vega-Lite spec to an SVG document string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const fonts = chartFonts();
  if (fonts) installTextMetrics(fonts);
  const view = new vega.View(vega.parse(toVega(spec)), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
