import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFontsIn } from "../../src/render/fonts.js";
import { fontsMissing } from "../../src/messages/charts.js";

describe("font lookup", () => {
  it("reports a missing font with the Debian package to install", () => {
    const dir = mkdtempSync(join(tmpdir(), "fundsim-nofonts-"));
    try {
      const r = findFontsIn([dir]);
      expect(r).toEqual({ ok: false, error: fontsMissing([dir]) });
      expect(fontsMissing([dir]).en).toContain("fonts-noto-cjk");
      expect(fontsMissing([dir]).zh).toContain("fonts-noto-cjk");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("finds a collection by file name and names its faces", () => {
    const dir = mkdtempSync(join(tmpdir(), "fundsim-fonts-"));
    try {
      writeFileSync(join(dir, "NotoSansCJK-Regular.ttc"), "");
      const r = findFontsIn([dir]);
      expect(r.ok && r.value.regular).toEqual({ path: join(dir, "NotoSansCJK-Regular.ttc"), postscriptName: "NotoSansCJKsc-Regular" });
      expect(r.ok && r.value.bold.path).toBe(join(dir, "NotoSansCJK-Regular.ttc"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
