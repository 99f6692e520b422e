/**
 * Without a Chinese-capable font the report is still written (charts drawn with the
 * system's fonts) and the command warns, naming the font to install.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as Fonts from "../../src/render/fonts.js";

// Filled in below, before any lookup runs (vi.mock factories are hoisted above the imports).
const empty = vi.hoisted(() => ({ dir: "" }));

// The font lookup, pointed at an empty folder.
vi.mock("../../src/render/fonts.js", async (importOriginal) => {
  const original = await importOriginal<typeof Fonts>();
  return {
    ...original,
    findFonts: () => original.findFontsIn([empty.dir]),
    chartFonts: () => undefined,
  };
});

const { runCapture } = await import("../../src/cli/main.js");
const { fontsMissing } = await import("../../src/messages/charts.js");

const tmp = mkdtempSync(join(tmpdir(), "fundsim-nofonts-"));
empty.dir = mkdtempSync(join(tmpdir(), "fundsim-nofonts-empty-"));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(empty.dir, { recursive: true, force: true });
});

describe("report without a CJK font", () => {
  it("writes report.html, the charts and their data, and warns on stderr", async () => {
    const out = join(tmp, "zh");
    const r = await runCapture(["report", "scenarios/linghai-2017.yaml", "--lang", "zh", "--runs", "20", "--threads", "1", "--no-decompose", "--out", out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(fontsMissing([empty.dir]).zh);
    for (const f of ["report.html", "manifest.json", "charts/exits-fan.png", "charts/exits-fan.svg", "charts/exits-fan.csv"]) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it("draws a chart and warns in English", async () => {
    const out = join(tmp, "budget.svg");
    const r = await runCapture(["chart", "scenarios/linghai-2017.yaml", "--kind", "budget-sources", "--runs", "20", "--threads", "1", "--out", out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(fontsMissing([empty.dir]).en);
    expect(existsSync(out)).toBe(true);
  });
});
