import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeReport } from "../../src/report/write.js";
import { unwrap } from "../../src/util/result.js";
import { buildReportPage } from "../../src/report/page.js";
import { summaryBlocks } from "../../src/report/summary.js";
import { renderReportHtml } from "../../src/render/html.js";
import * as M from "../../src/messages/report.js";
import { definedInRuns, subsidyGapLine, fixedUnknownsLine, suspendedByYearLine, followUpDeliveryLine, inertProgrammesLine, lendingLine, notObservable, probWithSe, relapseLine, relapseNotObservableLine, spreadCell, targetMeasureLine, uncertaintyIncludes } from "../../src/messages/results.js";
import { formatNumber, formatPercent } from "../../src/messages/format.js";
import { reportFacts } from "../../src/report/assemble.js";
import { summarize } from "../../src/results/summarize.js";
import { makeManifest } from "../../src/results/manifest.js";
import { v2Results } from "../present/v2fixture.js";
import type { Ledger } from "../../src/ledger/types.js";
import { CHART_KINDS } from "../../src/charts/registry.js";
import { fixtureReport } from "./fixtures.js";
import { FONTS_REASON, skipWithoutFonts } from "../render/env.js";

const tmp = mkdtempSync(join(tmpdir(), "fundsim-report-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("plain-language summary", () => {
  it("states the verdict on targets, the pool and the cost in the report's language", () => {
    const f = fixtureReport("zh").facts;
    const blocks = summaryBlocks(f, fixtureReport("zh").checks, "zh");
    const text = blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : [])).join("\n");
    expect(text).toContain(M.targetsUnlikely("14.3%", "4,800 人", 2019).zh);
    expect(text).toContain(M.poolSafe("3.1%", "42 万元", "156 万元", "990 万元").zh);
    expect(text).toContain(M.ledgerProblems(1).zh);
    // Every probability says what it includes (shocks; not the population draw nor parameters).
    expect(text).toContain(uncertaintyIncludes(false).zh);
    const withRegister = summaryBlocks({ ...f, register: true }, [], "zh").flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
    expect(withRegister).toContain(uncertaintyIncludes(true).zh);
    // Lending against plan with the suspension probability, and the inert budget lines, are said.
    const lending = { span: "2017–2019", mean: 20e6, planned: 50e6, suspended: { p: 0.3, se: 0.05, n: 100 }, suspendedByYear: [{ year: 2017, p: 0.1 }, { year: 2018, p: 0.25 }, { year: 2019, p: 0.3 }] };
    const more = summaryBlocks({ ...f, pool: { ...f.pool!, lending }, inertProgrammes: [{ id: "technology" }, { id: "infrastructure" }] }, [], "en").flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
    // Lending against plan, then the share of runs suspended at each year's end and why lending falls short.
    expect(more).toContain(`${lendingLine("2017–2019", "20 M yuan", "50 M yuan", "40%", probWithSe("30%", "5%")).en} ${suspendedByYearLine("2017 10%, 2018 25%, 2019 30%").en}`);
    expect(more).toContain(inertProgrammesLine("technology, infrastructure").en);
    // The pools' run-off after the horizon is said with the pool, when the runs have it.
    const runOff = "After the horizon the loans still outstanding run to term.";
    const withRunOff = summaryBlocks({ ...f, pool: { ...f.pool!, lending }, runOff }, [], "en").flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
    expect(withRunOff).toContain(runOff);
  });
  it("names the unknowns a variant fixed and what redrawing the population adds, in both languages", () => {
    for (const lang of ["en", "zh"] as const) {
      const f = { ...fixtureReport(lang).facts, unknowns: 3, fixedUnknowns: ["creditPools.pool.pd = 0.03"], populationShare: { year: 2019, share: 0.05, lo: 0, hi: 0.13 } };
      const text = summaryBlocks(f, [], lang).flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
      expect(text).toContain(fixedUnknownsLine(["creditPools.pool.pd = 0.03"])[lang]);
      expect(text).toContain(M.populationShareLine("5%", "0%", "13%", 2019)[lang]);
      const withGap = summaryBlocks({ ...f, subsidyGap: { budgeted: 40e6, simulated: 30.5e6 } }, [], lang).flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
      expect(withGap).toContain(subsidyGapLine(lang === "en" ? "40 M yuan" : "4,000 万元", lang === "en" ? "30.5 M yuan" : "3,050 万元", "76%")[lang]);
      const withFollowUp = summaryBlocks({ ...f, followUpDelivery: { project: 210e6, cash: 49.6e6 } }, [], lang).flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
      expect(withFollowUp).toContain(followUpDeliveryLine(lang === "en" ? "210 M yuan" : "2.1 亿元", lang === "en" ? "49.6 M yuan" : "4,960 万元")[lang]);
      const plain = summaryBlocks(fixtureReport(lang).facts, [], lang).flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
      expect(plain.join("\n")).not.toContain(M.populationShareLine("5%", "0%", "13%", 2019)[lang].slice(0, 12));
    }
  });
  it("switches verdicts at the thresholds", () => {
    const base = fixtureReport("en").facts;
    const likely = summaryBlocks({ ...base, allTargets: { probability: 0.9, se: 0.01 }, pool: { ...base.pool!, depletionProbability: 0.2 } }, [], "en");
    const text = likely.flatMap((b) => (b.kind === "paragraph" ? [b.text] : [])).join("\n");
    expect(text).toContain(M.targetsLikely("90%", "4,800 people", 2019).en);
    expect(text).toContain(M.poolAtRisk("20%", "420,000 yuan", "1.56 M yuan", "9.9 M yuan").en);
    expect(text).toContain(M.ledgerBalanced().en);
  });
  it("says the pool was never depleted, out of how many runs, rather than \"only 0%\"", () => {
    const base = fixtureReport("zh").facts;
    const blocks = summaryBlocks({ ...base, runs: 1000, pool: { ...base.pool!, depletionProbability: 0 } }, [], "zh");
    const text = blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : [])).join("\n");
    expect(text).toContain(M.poolNeverDepleted("1,000", "42 万元", "156 万元", "990 万元").zh);
    expect(text).not.toContain("仅 0%");
    const figures = blocks.find((b) => b.kind === "figures");
    expect(JSON.stringify(figures)).toContain(M.figRunsDepleted("0", "1,000").zh);
  });
  it("says no run met the targets, out of how many, and shows the spending sentence (warning when lines are missed)", () => {
    const base = fixtureReport("zh").facts;
    const spending = { text: "与预算账对照：……", tone: "warn" as const };
    const blocks = summaryBlocks({ ...base, runs: 500, allTargets: { probability: 0, se: 0 }, spending }, [], "zh");
    const paragraphs = blocks.flatMap((b) => (b.kind === "paragraph" ? [b] : []));
    const last = base.targets[base.targets.length - 1]!;
    expect(paragraphs[0]!.text).toBe(M.targetsNever("500", "4,800 人", last.year).zh);
    expect(paragraphs.map((b) => b.text).join("\n")).not.toContain("仅 0%");
    expect(paragraphs.find((b) => b.text === spending.text)?.emphasis).toBe("warn");
    const ok = summaryBlocks({ ...base, spending: { ...spending, tone: "good" } }, [], "zh");
    expect(ok.find((b) => b.kind === "paragraph" && b.text === spending.text)).toMatchObject({ emphasis: "good" });
    const plain = summaryBlocks({ ...base, spending: { text: spending.text } }, [], "zh");
    expect(plain.find((b) => b.kind === "paragraph" && b.text === spending.text)).not.toHaveProperty("emphasis");
  });
});

describe("report page", () => {
  it("puts the summary first and checks and provenance last", () => {
    const page = buildReportPage(fixtureReport("en"));
    const ids = page.sections.map((s) => s.id);
    expect(ids[0]).toBe("summary");
    expect(ids.slice(-2)).toEqual(["checks", "manifest"]);
    expect(ids).toContain("ledger");
  });
  it("is self-contained: no external scripts, styles or requests, every chart embedded", async () => {
    const html = await renderReportHtml(buildReportPage(fixtureReport("zh")));
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain("default-src 'none'");
    for (const kind of CHART_KINDS) expect(html).toContain(`id="chart-${kind}-spec"`);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html.length).toBeGreaterThan(500_000); // vega, vega-lite and vega-embed inlined
  });
  it("escapes text from the scenario", async () => {
    const input = { ...fixtureReport("en"), name: "<script>alert(1)</script>" };
    const html = await renderReportHtml(buildReportPage(input));
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});

describe.skipIf(skipWithoutFonts)(`report folder (${skipWithoutFonts ? FONTS_REASON : "fonts present"})`, () => {
  it("writes report.html, the manifest and every chart as PNG, SVG, spec and CSV", async () => {
    const dir = join(tmp, "linghai");
    // Three charts keep the test fast; the CLI test writes a full report.
    const full = fixtureReport("zh");
    const kinds = ["exits-fan", "budget-uses", "pool-loss"] as const;
    const input = { ...full, charts: Object.fromEntries(kinds.map((k) => [k, full.charts[k]])) };
    const files = unwrap(await writeReport(dir, input));
    expect(readdirSync(dir).sort()).toEqual(["charts", "manifest.json", "report.html"]);
    for (const kind of kinds) for (const ext of ["png", "svg", "vl.json", "csv"]) expect(files).toContain(`charts/${kind}.${ext}`);
    expect(files).toHaveLength(kinds.length * 4 + 2);
    expect(readFileSync(join(dir, "charts/budget-uses.csv"), "utf8").startsWith("\uFEFFyear,category,amount")).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"))).toMatchObject({ seed: 20170101, runs: 1000 });
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain('href="charts/exits-fan.png"');
    expect(readdirSync(tmp).filter((n) => n.startsWith("."))).toEqual([]); // no temporary folders left
  });
});

/** reportFacts reads only the ledger's pools and years (pool references); a ledger without pools. */
const emptyLedger = (years: readonly number[]): Ledger => ({ years, pools: [] }) as unknown as Ledger;

describe("summary: exits, inflow and relapse (model v2)", () => {
  const years = [2016, 2017, 2018];
  const runs = 200;
  const facts = () => {
    const results = v2Results(runs, years);
    const summary = summarize(results, { targets: { exits: [null, null, 2100] } });
    const manifest = makeManifest({ scenario: { file: "s.yaml", id: "s", hash: "0".repeat(64) }, variant: null, sets: [], seed: 7, runs, threads: 1, years, wallTimeSeconds: 1, households: 1234 });
    return reportFacts({ results, summary, manifest }, emptyLedger(years));
  };
  for (const lang of ["en", "zh"] as const) {
    it(`shows the exit rates and inflow by year as a table, relapse and the target measure, never NaN (${lang})`, () => {
      const f = facts();
      const d = f.dynamics!;
      expect(d.exitHazard).toHaveLength(3);
      const blocks = summaryBlocks(f, [], lang);
      const text = blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : [])).join("\n");
      expect(text).toContain(targetMeasureLine()[lang]);
      expect(text).toContain(M.dynamicsDefinitions()[lang]);
      expect(text).toContain(relapseNotObservableLine(3, "2016–2018", 2)[lang]);
      const o = d.relapse.find((r) => r.k === 2)!.observed!;
      expect(text).toContain(relapseLine(2, 2016, 2018, formatPercent(o.median), formatPercent(o.q05), formatPercent(o.q95), undefined)[lang]);
      const table = blocks.find((b) => b.kind === "table" && b.caption === M.tableDynamics()[lang]);
      expect(table?.kind).toBe("table");
      if (table?.kind !== "table") return;
      expect(table.columns).toEqual([M.colYear()[lang], M.colRegisteredExit()[lang], M.colPoorExit()[lang], M.colInflow()[lang]]);
      expect(table.rows.map((r) => r[0])).toEqual(["2016", "2017", "2018", M.colTotal()[lang]]);
      const h = d.exitHazard![0]!;
      expect(table.rows[0]![1]).toBe(spreadCell(formatPercent(h.median), formatPercent(h.q05), formatPercent(h.q95), undefined)[lang]);
      // No registered poor left in one run's last year: the cell says over how many runs.
      expect(table.rows[2]![1]).toContain(definedInRuns("199", "200")[lang]);
      const t = d.inflow!.total;
      expect(table.rows[3]![3]).toBe(spreadCell(formatNumber(t.mean), formatNumber(t.q05), formatNumber(t.q95), undefined)[lang]);
      expect(JSON.stringify(blocks)).not.toMatch(/NaN|null/);
    });
  }
  it("says not observable in the table where no run defines a rate", () => {
    const f = facts();
    const none = { median: Number.NaN, q05: Number.NaN, q95: Number.NaN, n: 0 };
    const d = { ...f.dynamics!, exitHazard: years.map((year) => ({ year, ...none })), relapse: [{ k: 3 }] };
    const blocks = summaryBlocks({ ...f, dynamics: d }, [], "zh");
    const table = blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.rows.slice(0, 3).map((r) => r[1])).toEqual([notObservable().zh, notObservable().zh, notObservable().zh]);
    expect(JSON.stringify(blocks)).not.toMatch(/NaN/);
  });
});
