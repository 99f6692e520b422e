import { describe, expect, it } from "vitest";
import { buildChart } from "../../src/charts/registry.js";
import { renderPdf, svgSize } from "../../src/render/pdf.js";
import { fixtureData } from "../charts/fixtures.js";
import { FONTS_REASON, skipWithoutFonts } from "./env.js";

describe("svgSize", () => {
  it("reads the root size and falls back when absent", () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="380.5">')).toEqual({ width: 640, height: 380.5 });
    expect(svgSize("<svg>")).toEqual({ width: 600, height: 400 });
  });
});

describe.skipIf(skipWithoutFonts)(`PDF rendering (${skipWithoutFonts ? FONTS_REASON : "fonts present"})`, () => {
  it("writes a vector PDF with the CJK font embedded", async () => {
    const pdf = Buffer.from(await renderPdf(buildChart("exits-fan", fixtureData["exits-fan"]!, "zh")));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdf.toString("latin1");
    expect(text).toMatch(/NotoSansCJKsc-(Regular|Bold)/);
    expect(text).toContain("/FontFile");
    expect(text).not.toContain("/Subtype /Image");
    expect(pdf.length).toBeGreaterThan(5_000);
  });
});
