/**
 * A real browser opens the report from disk with networking disabled, waits for every
 * chart, and checks that nothing failed and that each chart drew marks. A screenshot
 * is kept under tests/browser/__artifacts__/ (git-ignored) for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { writeFileSync } from "node:fs";
import { buildReportPage } from "../../src/report/page.js";
import { renderReportHtml } from "../../src/render/html.js";
import { CHART_KINDS } from "../../src/charts/registry.js";
import { LANGS, type Lang } from "../../src/messages/lang.js";
import { loadScenario } from "../../src/scenario/index.js";
import { unwrap } from "../../src/util/result.js";
import { reportInputFor } from "../../src/pipeline/report.js";
import type { ReportInput } from "../../src/report/types.js";
import { fixtureReport } from "../report/fixtures.js";
import { CHROMIUM_REASON, chromiumPath, FONTS_REASON, skipWithoutChromium, skipWithoutFonts } from "../render/env.js";

const skip = skipWithoutChromium || skipWithoutFonts;
const reason = skipWithoutChromium ? CHROMIUM_REASON : skipWithoutFonts ? FONTS_REASON : "chromium and fonts present";
const ARTIFACTS = resolve("tests/browser/__artifacts__");

describe.skipIf(skip)(`report.html in a real browser (${reason})`, () => {
  const tmp = mkdtempSync(join(tmpdir(), "fundsim-browser-"));
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (chromiumPath === undefined) throw new Error(`Chromium not found: ${CHROMIUM_REASON}`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** A report from the real pipeline: Linghai with a variant, few runs. */
  async function linghaiReport(lang: Lang): Promise<ReportInput> {
    const base = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
    const variant = unwrap(await loadScenario("scenarios/linghai-2017.yaml", { variant: "full-capacity" }));
    const r = await reportInputFor(base, { lang, runs: 30, seed: 3, threads: 1 }, [{ name: "full-capacity", loaded: variant }]);
    if (!r.ok) throw new Error(r.error.en);
    return r.value;
  }

  const cases: { name: string; lang: Lang; input: () => Promise<ReportInput> }[] = [
    ...LANGS.map((lang) => ({ name: `fixture, ${lang}`, lang, input: async () => fixtureReport(lang) })),
    { name: "Linghai simulated, zh", lang: "zh", input: () => linghaiReport("zh") },
  ];

  for (const c of cases) {
    it(`draws every chart offline without console errors (${c.name})`, async () => {
      const input = await c.input();
      const kinds = CHART_KINDS.filter((k) => input.charts[k] !== undefined);
      const dir = join(tmp, c.name.replace(/\W+/g, "-"));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "report.html"), await renderReportHtml(buildReportPage(input)));
      const context = await browser!.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(join(dir, "report.html")).href);
      await page.waitForFunction(() => {
        const c = (globalThis as unknown as { __charts?: { total: number; done: number; errors: string[] } }).__charts;
        return c !== undefined && c.done + c.errors.length === c.total;
      }, null, { timeout: 60_000 });
      const state = await page.evaluate(() => (globalThis as unknown as { __charts: { total: number; done: number; errors: string[] } }).__charts);
      expect(kinds.length).toBeGreaterThan(8);
      expect(state).toEqual({ total: kinds.length, done: kinds.length, errors: [] });
      for (const kind of kinds) {
        const marks = await page.locator(`#chart-${kind} svg .mark-rect path, #chart-${kind} svg .mark-area path, #chart-${kind} svg .mark-line path, #chart-${kind} svg .mark-symbol path, #chart-${kind} svg .mark-rule line`).count();
        expect(marks, `${kind} drew marks`).toBeGreaterThan(0);
        expect(await page.locator(`#chart-${kind}`).getAttribute("data-rendered")).toBe("true");
      }
      expect(await page.locator("h1").innerText()).toContain(input.name);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `report-${c.name.replace(/\W+/g, "-")}.png`), fullPage: true });
      await context.close();
    });
  }
});
