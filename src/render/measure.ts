/**
 * Text measurement for server-side rendering. Vega has no canvas in Node and guesses
 * text width as 0.8 em per character, which is too narrow for Chinese (1 em) and
 * makes legends and labels overlap. We measure with the real font (fontkit), the same
 * font the PNG and PDF embed, so layout matches what is drawn.
 *
 * Installed once per process by `installTextMetrics()`; the browser (HTML report)
 * measures by itself and is unaffected.
 */
import * as vega from "vega";
import * as fontkit from "fontkit";
import type { FontFace, FontSet } from "./fonts.js";

interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
  readonly limit?: number;
}

/** A width function: pixels for `text` at `size` px, regular or bold. */
export type Measure = (text: string, size: number, bold: boolean) => number;

/** Build a measuring function from font files (results cached per face and string). */
export function fontMeasure(fonts: FontSet): Measure {
  const regular = openFace(fonts.regular);
  const bold = fonts.bold.path === fonts.regular.path && fonts.bold.postscriptName === fonts.regular.postscriptName ? regular : openFace(fonts.bold);
  const cache = new Map<string, number>();
  return (text, size, isBold) => {
    const key = `${isBold ? "b" : "r"}|${text}`;
    let em = cache.get(key);
    if (em === undefined) {
      const f = isBold ? bold : regular;
      em = f.layout(text).advanceWidth / f.unitsPerEm;
      if (cache.size > 20_000) cache.clear();
      cache.set(key, em);
    }
    return em * size;
  };
}

/** Open one face; a collection without that face name gives its first face. */
function openFace(face: FontFace): fontkit.Font {
  const named = face.postscriptName === undefined ? undefined : fontkit.openSync(face.path, face.postscriptName);
  if (named) return named;
  const opened = fontkit.openSync(face.path);
  const font = "fonts" in opened ? opened.fonts[0] : opened;
  if (!font) throw new Error(`no font face in ${face.path}`);
  return font;
}

const isBold = (w: number | string | undefined): boolean => w === "bold" || w === "bolder" || (typeof w === "number" && w >= 600) || (typeof w === "string" && Number(w) >= 600);

let installed = false;

/** Make Vega measure text with the given fonts (idempotent). */
export function installTextMetrics(fonts: FontSet): void {
  if (installed) return;
  const measure = fontMeasure(fonts);
  // `textMetrics` is exported at runtime but missing from vega's type declarations.
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const s = text == null ? "" : String(text).trim();
    if (s === "") return 0;
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const w = measure(s, size, isBold(item.fontWeight));
    return item.limit !== undefined && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
  installed = true;
}
