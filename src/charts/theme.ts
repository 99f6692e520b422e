/**
 * One shared look for every chart: fonts with Chinese glyphs first, readable sizes, a
 * colour-blind-safe palette. Each chart spreads `theme()` into its `config`.
 *
 * @example
 * const spec = { ...body, config: theme() };
 */
import type { Config } from "vega-lite";

/** Font family for all text; the first entry is what the renderers embed (see src/render/fonts.ts). */
export const FONT_FAMILY = "Noto Sans CJK SC";
/** CSS font stack: the embedded font first, then common Chinese system fonts for the HTML report. */
export const FONT_STACK = `${FONT_FAMILY}, "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif`;

/**
 * Okabe–Ito palette (distinguishable with colour-vision deficiency) without its black,
 * which would dominate stacked bars, then muted extras for charts with many categories.
 */
export const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#D55E00",
  "#56B4E9",
  "#CC79A7",
  "#F0E442",
  "#8C6D31",
  "#7F7F7F",
  "#17BECF",
  "#9E9AC8",
  "#393B79",
] as const;

/** Named colours used by meaning. */
export const COLORS = {
  main: "#0072B2",
  band: "#0072B2",
  target: "#D55E00",
  good: "#009E73",
  bad: "#D55E00",
  neutral: "#7F7F7F",
  var95: "#E69F00",
  var99: "#D55E00",
} as const;

/**
 * Opaque fills for the 90% and 50% bands of fan charts: the colours the earlier translucent
 * bands showed on white, so that the legend swatches (drawn at full opacity) match the bands.
 */
export const BANDS = { band90: "#d9eaf5", band50: "#96c3e2" } as const;

/** Default plotting area (the title, axes and legend come on top). */
export const SIZE = { width: 520, height: 300 } as const;

/** The Vega-Lite config every chart uses. */
export function theme(): Config {
  return {
    font: FONT_STACK,
    background: "#ffffff",
    padding: 12,
    view: { stroke: null },
    title: { fontSize: 16, fontWeight: "bold", anchor: "start", offset: 12, subtitleFontSize: 12, subtitleColor: "#555555" },
    axis: {
      labelFontSize: 12,
      titleFontSize: 13,
      titleFontWeight: "normal",
      titleColor: "#333333",
      labelColor: "#333333",
      gridColor: "#e6e6e6",
      domainColor: "#888888",
      tickColor: "#888888",
      labelOverlap: true,
    },
    // Thousands separators, at most six significant digits, no trailing zeros ("2,500", "0.5", "0").
    axisQuantitative: { format: ",.6~r" },
    axisX: { labelAngle: 0 },
    legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: "normal", orient: "bottom", direction: "horizontal", columns: 3, labelLimit: 260, symbolType: "square", symbolOpacity: 1 },
    header: { labelFontSize: 13, titleFontSize: 13 },
    range: { category: [...PALETTE] },
    text: { fontSize: 11 },
    bar: { discreteBandSize: { band: 0.7 } },
  };
}
