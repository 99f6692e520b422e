/** Minimal types for the two untyped rendering dependencies. */
declare module "fontkit" {
  export interface Font {
    readonly unitsPerEm: number;
    readonly familyName: string;
    readonly postscriptName: string;
    layout(text: string): { readonly advanceWidth: number };
  }
  /** A .ttc file opened without a face name. */
  export interface FontCollection {
    readonly fonts: readonly Font[];
  }
  /** With a face name: that face of a collection (null when absent); without: the font, or the whole collection. */
  export function openSync(path: string, postscriptName: string): Font | null;
  export function openSync(path: string): Font | FontCollection;
}

declare module "svg-to-pdfkit" {
  interface Options {
    readonly width?: number;
    readonly height?: number;
    readonly assumePt?: boolean;
    readonly fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
  }
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x?: number, y?: number, options?: Options): void;
  export default SVGtoPDF;
}
