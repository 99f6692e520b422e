import { describe, expect, it } from "vitest";
import { buildChart, CHART_KINDS, type ChartInputMap, type ChartKind } from "../../src/charts/registry.js";
import { LANGS, type Lang } from "../../src/messages/lang.js";
import { renderSvg } from "../../src/render/svg.js";
import { rasterize, type Raster } from "../../src/render/png.js";
import { fixtureData } from "../charts/fixtures.js";
import { FONTS_REASON, skipWithoutFonts } from "./env.js";

const svgOf = (kind: ChartKind, lang: Lang): Promise<string> => renderSvg(buildChart(kind, fixtureData[kind] as ChartInputMap[typeof kind], lang));

/** Share of pixels that are not (near) white. */
function ink(r: Raster): number {
  let n = 0;
  for (let i = 0; i < r.pixels.length; i += 4) if ((r.pixels[i] ?? 255) < 235 || (r.pixels[i + 1] ?? 255) < 235 || (r.pixels[i + 2] ?? 255) < 235) n++;
  return n / (r.width * r.height);
}

/** Share of pixels that differ between two same-size rasters. */
function diff(a: Raster, b: Raster): number {
  let n = 0;
  for (let i = 0; i < a.pixels.length; i += 4) if (a.pixels[i] !== b.pixels[i] || a.pixels[i + 1] !== b.pixels[i + 1] || a.pixels[i + 2] !== b.pixels[i + 2]) n++;
  return n / (a.width * a.height);
}

const CJK = /[\u4e00-\u9fff]/;

describe.skipIf(skipWithoutFonts)(`PNG rendering (${skipWithoutFonts ? FONTS_REASON : "fonts present"})`, () => {
  for (const lang of LANGS) {
    it(`every chart renders to a non-trivial PNG (${lang})`, async () => {
      for (const kind of CHART_KINDS) {
        const r = rasterize(await svgOf(kind, lang), { scale: 1 });
        expect(r.width, kind).toBeGreaterThan(300);
        expect(r.height, kind).toBeGreaterThan(200);
        expect(Buffer.from(r.png.subarray(1, 4)).toString("latin1"), kind).toBe("PNG");
        const share = ink(r);
        expect(share, `${kind} has ink`).toBeGreaterThan(0.02);
        expect(share, `${kind} is not a filled block`).toBeLessThan(0.9);
      }
    });
  }

  for (const kind of ["exits-fan", "budget-uses"] as const) {
    it(`text is drawn, Chinese glyphs included (${kind})`, async () => {
      for (const lang of LANGS) {
        const svg = await svgOf(kind, lang);
        const texts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)];
        expect(texts.length).toBeGreaterThan(5);
        const withText = rasterize(svg, { scale: 1 });
        // Remove the text elements (zh: only those with Chinese characters) and compare.
        const stripped = svg.replace(/<text\b[^>]*>([^<]*)<\/text>/g, (m, t: string) => (lang === "en" || CJK.test(t) ? "" : m));
        const without = rasterize(stripped, { scale: 1 });
        expect(without.width).toBe(withText.width);
        expect(diff(withText, without), `${kind} ${lang}: text pixels`).toBeGreaterThan(0.004);
      }
    });
  }
});
