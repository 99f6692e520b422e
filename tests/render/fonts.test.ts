import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFonts, findFontsBy, findFontsIn, fontLookup, systemFontDirs } from "../../src/render/fonts.js";
import { fontsMissing } from "../../src/messages/charts.js";
import { haveFonts } from "./env.js";

/** A temporary folder with empty files of the given names (the lookup goes by file name). */
function withFiles<T>(names: readonly string[], body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "fundsim-fonts-"));
  try {
    for (const n of names) writeFileSync(join(dir, n), "");
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("font lookup", () => {
  it("reports a missing font with what to install on Linux, macOS and Windows", () => {
    withFiles([], (dir) => {
      expect(findFontsIn([dir])).toEqual({ ok: false, error: fontsMissing([dir]) });
      for (const lang of ["en", "zh"] as const) {
        const text = fontsMissing([dir])[lang];
        for (const name of ["fonts-noto-cjk", "PingFang SC", "Microsoft YaHei", "msyh.ttc", "simhei.ttf", "simsun.ttc", "FUNDSIM_CJK_FONT"]) expect(text).toContain(name);
      }
    });
  });

  it("finds a collection by file name and names its faces", () => {
    withFiles(["NotoSansCJK-Regular.ttc"], (dir) => {
      const r = findFontsIn([dir]);
      expect(r.ok && r.value.regular).toEqual({ path: join(dir, "NotoSansCJK-Regular.ttc"), postscriptName: "NotoSansCJKsc-Regular" });
      expect(r.ok && r.value.bold.path).toBe(join(dir, "NotoSansCJK-Regular.ttc"));
    });
  });

  it("finds the macOS and Windows fonts (file names in any case), preferring Noto", () => {
    withFiles(["PingFang.ttc"], (dir) => {
      const r = findFontsIn([dir]);
      expect(r.ok && r.value).toEqual({ family: "PingFang SC", regular: { path: join(dir, "PingFang.ttc"), postscriptName: "PingFangSC-Regular" }, bold: { path: join(dir, "PingFang.ttc"), postscriptName: "PingFangSC-Semibold" } });
    });
    withFiles(["MSYH.TTC", "msyhbd.ttc", "simsun.ttc"], (dir) => {
      const r = findFontsIn([dir]);
      expect(r.ok && r.value.family).toBe("Microsoft YaHei");
      expect(r.ok && r.value.regular.path).toBe(join(dir, "MSYH.TTC"));
      expect(r.ok && r.value.bold).toEqual({ path: join(dir, "msyhbd.ttc"), postscriptName: "MicrosoftYaHei-Bold" });
    });
    withFiles(["simhei.ttf"], (dir) => {
      const r = findFontsIn([dir]);
      expect(r.ok && r.value).toEqual({ family: "SimHei", regular: { path: join(dir, "simhei.ttf") }, bold: { path: join(dir, "simhei.ttf") } });
    });
    withFiles(["simsun.ttc", "NotoSansCJKsc-Regular.otf"], (dir) => {
      const r = findFontsIn([dir]);
      expect(r.ok && r.value.family).toBe("Noto Sans CJK SC");
    });
  });

  it("searches each platform's font folders, after FUNDSIM_FONT_DIR; FUNDSIM_CJK_FONT names a file", () => {
    expect(systemFontDirs("win32", { WINDIR: "D:\\Windows" }, "/home/u")[0]).toBe(join("D:\\Windows", "Fonts"));
    expect(systemFontDirs("darwin", {}, "/Users/u")).toEqual(["/System/Library/Fonts", "/System/Library/Fonts/Supplemental", "/Library/Fonts", join("/Users/u", "Library/Fonts")]);
    expect(systemFontDirs("linux", {}, "/home/u")).toContain("/usr/share/fonts/opentype/noto");
    const lookup = fontLookup({ FUNDSIM_FONT_DIR: "/my/fonts", FUNDSIM_CJK_FONT: "/my/font.ttc" }, "linux", "/home/u");
    expect(lookup.file).toBe("/my/font.ttc");
    expect(lookup.dirs[0]).toBe("/my/fonts");
    expect(lookup.fontconfig).toBe(true);
    expect(fontLookup({}, "win32", "C:\\Users\\u").fontconfig).toBe(false);
  });

  it("a FUNDSIM_CJK_FONT that is not a font is reported among the places searched", () => {
    withFiles(["not-a-font.ttf"], (dir) => {
      const file = join(dir, "not-a-font.ttf");
      expect(findFontsBy({ file, dirs: [dir] })).toEqual({ ok: false, error: fontsMissing([file, dir]) });
    });
  });

  it.skipIf(!haveFonts)("FUNDSIM_CJK_FONT: the file's own family (and, in a collection, its first face)", () => {
    const system = findFonts();
    const file = system.ok ? system.value.regular.path : "";
    const r = findFontsBy({ file, dirs: [] });
    expect(r.ok && r.value.regular.path).toBe(file);
    expect(r.ok && r.value.family).toMatch(/\S/);
    if (file.toLowerCase().endsWith(".ttc")) expect(r.ok && r.value.regular.postscriptName).toMatch(/\S/);
  });
});
