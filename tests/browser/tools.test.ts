/**
 * The planner's tools on the workbench page, in a real browser: on an edited Linghai plan, the
 * tornado study shows its table and chart, the optimised split is kept as a variant and
 * compared with the plan, and the full report downloads as a zip — in Chinese, with no console
 * error. A screenshot is kept in tests/browser/__artifacts__/workbench-tools-zh.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { unzipSync } from "fflate";
import { chromium, type Browser } from "playwright-core";
import { startServer, type RunningServer } from "../../src/server/start.js";
import { CHROMIUM_REASON, chromiumPath, inCI, skipWithoutChromium } from "../render/env.js";

const ARTIFACTS = resolve("tests/browser/__artifacts__");
const noBundle = !existsSync(resolve("dist/web/index.html")) && !inCI;
const skip = skipWithoutChromium || noBundle;
const reason = skipWithoutChromium ? CHROMIUM_REASON : noBundle ? "needs the page bundle: run npm run build (dist/web)" : "chromium and the page bundle present";

describe.skipIf(skip)(`the planner's tools on the workbench page (${reason})`, () => {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    if (chromiumPath === undefined) throw new Error(`Chromium not found: ${CHROMIUM_REASON}`);
    server = await startServer({ port: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("sensitivity, the optimised split kept and compared, and the report download, in Chinese", async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 }, locale: "zh-CN", acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server!.url}?lang=zh`);
    await page.waitForFunction(`document.querySelector("[data-testid=scenario]")?.value === "linghai-2017" && window.__workbench.refinedRuns === 200`, null, { timeout: 60_000 });

    // Which assumptions matter: the table (one row per parameter) and the chart.
    await page.locator("[data-testid=run-sensitivity]").click();
    await page.locator("[data-testid=tool-result] table tbody tr").first().waitFor({ timeout: 120_000 });
    expect(await page.locator("[data-testid=tool-result] table tbody tr").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator("[data-testid=tool-result] h3").innerText()).toMatch(/[\u4e00-\u9fff]/);
    await page.locator("[data-testid=tool-result] .tool-chart svg").waitFor();

    // The optimised split, kept as a variant and compared with the plan.
    await page.locator("[data-testid=run-optimise]").click();
    await page.locator("[data-testid=keep-optimised]").waitFor({ timeout: 180_000 });
    const keptBefore = await page.locator("[data-testid=variants] li").count();
    await page.locator("[data-testid=keep-optimised]").click();
    expect(await page.locator("[data-testid=variants] li").count()).toBe(keptBefore + 1);
    expect(await page.locator("[data-testid=variants] li").last().innerText()).toMatch(/优化分配/);
    await page.locator("[data-testid=compare-button]").click();
    await page.locator("[data-testid=compare] tbody tr").first().waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-testid=compare] tbody").innerText()).toMatch(/优化分配/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "workbench-tools-zh.png"), fullPage: true });

    // The full report, with the kept variant, downloaded as a zip.
    await page.locator("[data-testid=run-report]").click();
    const link = page.locator("[data-testid=report-link]");
    await link.waitFor({ timeout: 180_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("linghai-2017-report.zip");
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(files)).toContain("linghai-2017-report/report.html");
    expect(new TextDecoder().decode(files["linghai-2017-report/report.html"])).toMatch(/优化分配/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
