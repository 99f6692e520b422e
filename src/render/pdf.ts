/**
 * SVG → vector PDF (pdfkit + svg-to-pdfkit) with the CJK font embedded, one page the
 * size of the chart. Without a CJK font (see fonts.ts) the PDF uses Helvetica: Latin
 * text only.
 *
 * @example
 * const pdf = await renderPdf(spec);
 */
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import type { TopLevelSpec } from "vega-lite";
import { chartFonts } from "./fonts.js";
import { renderSvg } from "./svg.js";

/** Width and height of an SVG document from its root attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const num = (name: string): number => Number(new RegExp(`\\b${name}="([0-9.]+)"`).exec(root)?.[1] ?? NaN);
  const width = num("width");
  const height = num("height");
  return { width: Number.isFinite(width) ? width : 600, height: Number.isFinite(height) ? height : 400 };
}

/** Convert an SVG document to PDF bytes. */
export function svgToPdf(svg: string): Promise<Uint8Array> {
  const fonts = chartFonts();
  const { width, height } = svgSize(svg);
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { Title: "fundsim chart", Producer: "fundsim" }, compress: true });
  const REGULAR = fonts ? "cjk-regular" : "Helvetica";
  const BOLD = fonts ? "cjk-bold" : "Helvetica-Bold";
  if (fonts) {
    doc.registerFont(REGULAR, fonts.regular.path, fonts.regular.postscriptName);
    doc.registerFont(BOLD, fonts.bold.path, fonts.bold.postscriptName);
  }
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  SVGtoPDF(doc, svg, 0, 0, { width, height, assumePt: true, fontCallback: (_family, bold) => (bold ? BOLD : REGULAR) });
  doc.end();
  return done;
}

/** Render a Vega-Lite spec to PDF bytes. */
export async function renderPdf(spec: TopLevelSpec): Promise<Uint8Array> {
  return svgToPdf(await renderSvg(spec));
}
