/**
 * The workbench in a real browser: `fundsim serve`'s server started in-process on a free
 * port, Chromium (playwright-core) opens the page, picks Linghai, edits an allocation and
 * checks that the ledger table and the fan chart change and that nothing failed in the
 * console; then the same edit timing on Jiangmen (an edit made while the plan's own estimate
 * runs, and one after it). The server's worker threads are warmed up before the page opens.
 * The latencies from the edit to the first Monte-Carlo estimate (10 runs) and to the refined
 * one (200 runs) are written to
 * tests/browser/__artifacts__/workbench-latency.json (git-ignored; tests do not print), with
 * a screenshot per language. FUNDSIM_DOCS_SCREENSHOT=1 also writes docs/workbench.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startServer, type RunningServer } from "../../src/server/start.js";
import type { Lang } from "../../src/messages/lang.js";
import { CHROMIUM_REASON, chromiumPath, inCI, skipWithoutChromium } from "../render/env.js";

const ARTIFACTS = resolve("tests/browser/__artifacts__");
const BUNDLE = resolve("dist/web/index.html");
const noBundle = !existsSync(BUNDLE) && !inCI;
const skip = skipWithoutChromium || noBundle;
const reason = skipWithoutChromium ? CHROMIUM_REASON : noBundle ? "needs the page bundle: run npm run build (dist/web)" : "chromium and the page bundle present";

interface Timings {
  edits: number;
  ledgerMs: number | null;
  firstMs: number | null;
  firstRuns: number | null;
  firstServerMs: number | null;
  refinedMs: number | null;
  refinedRuns: number | null;
  refinedServerMs: number | null;
}
interface Latency {
  scenario: string;
  lang: Lang;
  /** The edit was made while the previous job was still running (it was cancelled). */
  duringJob: boolean;
  ledgerMs: number;
  firstEstimateMs: number;
  firstRuns: number;
  /** The server's part: from the job created (its scenario loaded) to the estimate sent. */
  firstServerMs: number;
  refinedEstimateMs: number;
  refinedRuns: number;
  refinedServerMs: number;
}

describe.skipIf(skip)(`the workbench page in a real browser (${reason})`, () => {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  const latencies: Latency[] = [];

  beforeAll(async () => {
    if (chromiumPath === undefined) throw new Error(`Chromium not found: ${CHROMIUM_REASON}`);
    // FUNDSIM_TEST_WORKERS=0 measures the server without worker threads (every run on its own thread).
    const workers = process.env["FUNDSIM_TEST_WORKERS"];
    server = await startServer({ port: 0, ...(workers !== undefined ? { workers: Number(workers) } : {}) });
    // As a person who opens the page a few seconds after starting the server: its worker threads warmed up.
    await server.warmedUp;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (latencies.length > 0) {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, "workbench-latency.json"), `${JSON.stringify({ measured: new Date().toISOString(), workers: process.env["FUNDSIM_TEST_WORKERS"] ?? "default", latencies }, null, 2)}\n`);
    }
  });

  /** A fresh page (empty localStorage) in `lang`, with console errors collected. */
  async function open(lang: Lang): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 }, locale: lang === "zh" ? "zh-CN" : "en-US" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server!.url}?lang=${lang}`);
    return { page, errors, close: () => context.close() };
  }

  const timings = (page: Page) => page.evaluate(() => (globalThis as unknown as { __workbench: Timings }).__workbench);
  const fanRuns = (page: Page) => page.locator("[data-testid=fan]").getAttribute("data-runs");
  const usesTotal = (page: Page) => page.locator("[data-testid=ledger-uses] tr.total td").last().innerText();

  /** Wait until the scenario picker shows `scenario` and the allocations shown are its own. */
  const selected = async (page: Page, scenario: string) => {
    await page.waitForFunction(`document.querySelector("[data-testid=scenario]")?.value === ${JSON.stringify(scenario)}`);
    await page.waitForSelector(`[data-testid=allocations][data-scenario=${JSON.stringify(scenario)}]`, { state: "attached" });
  };

  /** Wait until the page shows `scenario` with its refined estimate. */
  async function settled(page: Page, scenario: string): Promise<void> {
    await selected(page, scenario);
    await page.waitForFunction(`window.__workbench.refinedRuns === 200 && document.querySelector("[data-testid=fan]")?.getAttribute("data-runs") === "200"`, null, { timeout: 30_000 });
  }

  /** Type `value` into a programme's allocation for `year`, then wait for the refined estimate of the edit. */
  async function edit(page: Page, programme: string, year: string, value: number): Promise<Timings> {
    const before = (await timings(page)).edits;
    const input = page.locator(`input[type=number][data-programme="${programme}"][data-year="${year}"]`);
    await input.fill(String(value));
    await input.press("Enter");
    await input.blur();
    await page.waitForFunction((n) => {
      const w = (globalThis as unknown as { __workbench: Timings }).__workbench;
      return w.edits > n && w.refinedRuns === 200 && w.ledgerMs !== null;
    }, before, { timeout: 30_000 });
    return timings(page);
  }

  const record = (scenario: string, lang: Lang, t: Timings, duringJob = false): void => {
    latencies.push({ scenario, lang, duringJob, ledgerMs: Math.round(t.ledgerMs!), firstEstimateMs: Math.round(t.firstMs!), firstRuns: t.firstRuns!, firstServerMs: t.firstServerMs!, refinedEstimateMs: Math.round(t.refinedMs!), refinedRuns: t.refinedRuns!, refinedServerMs: t.refinedServerMs! });
  };

  for (const lang of ["en", "zh"] as const) {
    it(`Linghai (${lang}): an allocation edit changes the ledger and the fan chart, without console errors`, async () => {
      const { page, errors, close } = await open(lang);
      await page.waitForSelector("[data-testid=scenario] option[value=linghai-2017]", { state: "attached" });
      await page.selectOption("[data-testid=scenario]", "linghai-2017");
      await settled(page, "linghai-2017");
      const usesBefore = await usesTotal(page);
      const fanBefore = await page.locator("[data-testid=fan] svg").innerHTML();
      const peopleBefore = await page.locator("[data-testid=people-out]").innerText();
      expect(usesBefore.replace(/\D/g, "")).toBe("29663650");

      // Industry projects 2017: 3,678,000 → 20,000,000 yuan.
      const t = await edit(page, "industry", "2017", 20_000_000);
      record("linghai-2017", lang, t);
      expect(t.firstRuns).toBe(10);
      expect((await usesTotal(page)).replace(/\D/g, "")).toBe(String(29663650 - 3678000 + 20_000_000));
      expect(await fanRuns(page)).toBe("200");
      expect(await page.locator("[data-testid=fan] svg").innerHTML()).not.toBe(fanBefore);
      expect(await page.locator("[data-testid=people-out]").innerText()).not.toBe(peopleBefore);
      expect(await page.locator("tr[data-programme=industry]").getAttribute("class")).toContain("changed");
      // The page is in the language asked for.
      expect(await page.locator("h1").innerText()).toBe(lang === "zh" ? "fundsim 工作台" : "fundsim workbench");
      expect(errors).toEqual([]);

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `workbench-${lang}.png`), fullPage: true });
      if (lang === "en" && process.env["FUNDSIM_DOCS_SCREENSHOT"] === "1") await page.screenshot({ path: resolve("docs/workbench.png"), fullPage: true });

      if (lang === "zh") {
        // A slider dragged (20 steps): the ledger follows, one job starts when it rests.
        const edits = (await timings(page)).edits;
        await page.evaluate(`(() => {
          const slider = document.querySelector('tr[data-programme=technology] input[type=range]');
          for (let i = 1; i <= 20; i++) { slider.value = String(i * 50000); slider.dispatchEvent(new Event("input", { bubbles: true })); }
        })()`);
        await page.waitForFunction(`window.__workbench.edits === ${edits + 20} && window.__workbench.refinedRuns === 200 && window.__workbench.ledgerMs !== null`, null, { timeout: 30_000 });
        expect((await usesTotal(page)).replace(/\D/g, "")).toBe(String(29663650 - 3678000 + 20_000_000 - 390000 + 1_000_000));
        expect(await page.locator('input[type=number][data-programme=technology][data-year="2017"]').inputValue()).toBe("1000000");
        // Kept as a variant and compared with the plan: a row of paired differences with intervals.
        await page.locator("[data-testid=keep]").click();
        await page.locator("[data-testid=compare-button]").click();
        await page.locator("[data-testid=compare] tbody tr").first().waitFor({ timeout: 30_000 });
        expect(await page.locator("[data-testid=compare] tbody tr").count()).toBeGreaterThanOrEqual(1);
        expect(await page.locator("[data-testid=compare] tbody tr").first().innerText()).toMatch(/\[.*,.*\]/);
        // An invalid file opened: the problem located, in Chinese.
        const broken = readFileSync("scenarios/linghai-2017.yaml", "utf8").replace("simulation: {runs: 1000, seed: 2017}", "simulation: {runs: -5, seed: 2017}");
        await page.locator("[data-testid=upload]").setInputFiles({ name: "mine.yaml", mimeType: "application/x-yaml", buffer: Buffer.from(broken) });
        await page.locator("[data-testid=issues] li").first().waitFor();
        const issue = await page.locator("[data-testid=issues] li").first().innerText();
        expect(issue).toMatch(/mine\.yaml:\d+:\d+ simulation\.runs/);
        expect(issue).toMatch(/[\u4e00-\u9fff]/);
        // The language switch redraws the page in English, the problem too.
        await page.locator("button[data-lang=en]").click();
        await page.waitForFunction(`document.querySelector("h1")?.textContent === "fundsim workbench"`);
        await page.waitForFunction(`/must be|expected/.test(document.querySelector("[data-testid=issues] li")?.textContent ?? "")`);
        // The browser logs the refused requests (422) as failed loads; the page itself logs nothing.
        const refused = errors.filter((e) => /status of 422/.test(e));
        expect(refused.length).toBeGreaterThan(0);
        errors.splice(0, errors.length, ...errors.filter((e) => !refused.includes(e)));
      }
      if (lang === "en") {
        // The draft survives a reload (closing the page cancels its job).
        await page.reload();
        await page.waitForFunction(`document.querySelector('input[type=number][data-programme=industry][data-year="2017"]')?.value === "20000000"`);
        expect((await usesTotal(page)).replace(/\D/g, "")).toBe(String(29663650 - 3678000 + 20_000_000));
        // An allocation workbook opened (the plan's own template): its allocations replace the edits.
        const template = await fetch(`${server!.url}api/template.xlsx`, { method: "POST", body: JSON.stringify({ scenarioId: "linghai-2017" }) });
        await page.locator("[data-testid=upload]").setInputFiles({ name: "plan.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(await template.arrayBuffer()) });
        await page.waitForFunction(`document.querySelector('input[type=number][data-programme=industry][data-year="2017"]')?.value === "3678000"`);
        expect((await usesTotal(page)).replace(/\D/g, "")).toBe("29663650");
      }
      expect(errors).toEqual([]);
      await close();
    });
  }

  it("Jiangmen: the same timing of an edit made before the first job has finished (it is cancelled), and of one after", async () => {
    const { page, errors, close } = await open("en");
    await page.waitForSelector("[data-testid=scenario] option[value=jiangmen-2016]", { state: "attached" });
    await page.selectOption("[data-testid=scenario]", "jiangmen-2016");
    await selected(page, "jiangmen-2016");
    const first = page.locator("tr[data-programme] input[type=number][data-year]").first();
    await first.waitFor();
    const programme = (await first.getAttribute("data-programme"))!;
    const year = (await first.getAttribute("data-year"))!;
    const value = Number(await first.inputValue());
    const t = await edit(page, programme, year, Math.round(value * 1.5));
    record("jiangmen-2016", "en", t, true);
    expect(t.firstRuns).toBe(10);
    // A second edit, once the first one's refined estimate is shown.
    const again = await edit(page, programme, year, Math.round(value * 0.8));
    record("jiangmen-2016", "en", again);
    expect(again.firstRuns).toBe(10);
    expect(errors).toEqual([]);
    await close();
  });
});
