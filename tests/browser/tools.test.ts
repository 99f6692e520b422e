/**
 * The planner's tools on the workbench page, in a real browser: on an edited Linghai plan, the
 * tornado study shows its table and chart, the optimised split is kept as a variant and
 * compared with the plan, and the full report downloads as a zip; the other downloads (the edits
 * as a variant file, the ledger and template workbooks, the runs) hold the edit — in Chinese,
 * with no console error. A screenshot is kept in tests/browser/__artifacts__/workbench-tools-zh.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
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

    // An edit: industry projects 2017 from 3,678,000 to 5,000,000 yuan.
    const input = page.locator('input[type=number][data-programme=industry][data-year="2017"]');
    await input.fill("5000000");
    await input.press("Enter");
    await input.blur();
    await page.waitForFunction(`window.__workbench.edits > 1 && window.__workbench.refinedRuns === 200`, null, { timeout: 60_000 });

    // The downloads carry the edit.
    const save = async (testid: string): Promise<{ name: string; bytes: Uint8Array }> => {
      const [d] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-testid=${testid}]`).click()]);
      return { name: d.suggestedFilename(), bytes: new Uint8Array(readFileSync(await d.path())) };
    };
    const variant = await save("dl-variant");
    expect(variant.name).toBe("workbench.yaml");
    expect(new TextDecoder().decode(variant.bytes)).toMatch(/programmes\.industry\.allocation:[\s\S]*"2017": 5000000/);
    const ledger = await save("dl-ledger");
    expect(ledger.name).toBe("linghai-2017-ledger.xlsx");
    const sheets = unzipSync(ledger.bytes);
    const xml = Object.entries(sheets).filter(([n]) => n.startsWith("xl/")).map(([, b]) => new TextDecoder().decode(b)).join("");
    // In 万元 (the Chinese ledger's unit): industry 2017 is 500 now, not the plan's 367.8.
    expect(xml).not.toMatch(/>367\.8</);
    expect((xml.match(/>500</g) ?? []).length).toBeGreaterThanOrEqual(3); // the plan has two
    expect((await save("dl-template")).name).toBe("linghai-2017-allocations.xlsx");
    const runs = await save("dl-runs");
    expect(runs.name).toBe("linghai-2017-runs.csv");
    expect(new TextDecoder().decode(runs.bytes).trim().split("\n").length).toBe(1 + 200 * 3);

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
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(files)).toContain("linghai-2017-report/report.html");
    expect(new TextDecoder().decode(files["linghai-2017-report/report.html"])).toMatch(/优化分配/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
