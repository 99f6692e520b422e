/** Minimal types for the two untyped rendering dependencies. */
declare module "fontkit" {
  export interface Font {
    readonly unitsPerEm: number;
    readonly familyName: string;
    layout(text: string): { readonly advanceWidth: number };
  }
  export function openSync(path: string, postscriptName?: string): Font;
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
