/**
 * SVG → PNG with resvg and the CJK font passed explicitly (no system font lookup), so
 * Chinese renders the same on every machine that has the font files. Without a CJK font
 * (see fonts.ts) resvg uses the system's fonts: text is drawn, Chinese perhaps as boxes.
 *
 * @example
 * const png = await renderPng(spec, { scale: 2 });
 */
import { Resvg } from "@resvg/resvg-js";
import type { TopLevelSpec } from "vega-lite";
import { chartFonts } from "./fonts.js";
import { renderSvg } from "./svg.js";

export interface PngOptions {
  /** Pixel density (2 = sharp on high-DPI screens and in print). Default 2. */
  readonly scale?: number;
}

/** A rasterised image: PNG bytes and the raw RGBA pixels (for checks). */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  readonly png: Uint8Array;
}

/** Rasterise an SVG document to PNG bytes. */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  return rasterize(svg, options).png;
}

/** Rasterise an SVG document, keeping the pixels. */
export function rasterize(svg: string, options: PngOptions = {}): Raster {
  const fonts = chartFonts();
  const resvg = new Resvg(svg, {
    font: fonts
      ? {
          fontFiles: [...new Set([fonts.regular.path, fonts.bold.path])],
          loadSystemFonts: false,
          defaultFontFamily: fonts.family,
          sansSerifFamily: fonts.family,
        }
      : { loadSystemFonts: true },
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    background: "#ffffff",
  });
  const img = resvg.render();
  return { width: img.width, height: img.height, pixels: new Uint8Array(img.pixels), png: img.asPng() };
}

/** Render a Vega-Lite spec to PNG bytes. */
export async function renderPng(spec: TopLevelSpec, options: PngOptions = {}): Promise<Uint8Array> {
  return svgToPng(await renderSvg(spec), options);
}
