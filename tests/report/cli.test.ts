import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCapture } from "../../src/cli/main.js";
import * as M from "../../src/messages/report.js";
import { chartUnavailable, needsVariants, noSuchData, notAResultsDir } from "../../src/messages/charts.js";
import { FONTS_REASON, skipWithoutFonts } from "../render/env.js";
import { loadScenario } from "../../src/scenario/index.js";
import { unwrap } from "../../src/util/result.js";
import { labelText } from "../../src/messages/label.js";
import type { Lang } from "../../src/messages/lang.js";

const tmp = mkdtempSync(join(tmpdir(), "fundsim-cli-charts-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const LINGHAI = "scenarios/linghai-2017.yaml";

/** A Linghai variant's label as the scenario gives it. */
async function linghaiVariantLabel(id: string, lang: Lang): Promise<string> {
  const label = unwrap(await loadScenario(LINGHAI)).scenario.variants.find((v) => v.id === id)?.label;
  if (label === undefined) throw new Error(`${id} has no label`);
  return labelText(label, lang);
}

describe("fundsim chart: usage and input errors", () => {
  it("rejects an unknown kind as a usage error (exit 2)", async () => {
    const r = await runCapture(["chart", LINGHAI, "--kind", "pie", "--out", join(tmp, "x.svg")]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("pie");
  });
  it("reports a folder that is not a results folder (exit 1)", async () => {
    const r = await runCapture(["chart", tmp, "--kind", "exits-fan", "--out", join(tmp, "x.svg")]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(notAResultsDir(tmp, "runs.csv").en);
  });
  it("reports a missing scenario file without a stack trace (exit 1)", async () => {
    const r = await runCapture(["chart", "no/such/file.yaml", "--kind", "exits-fan", "--out", join(tmp, "x.svg")]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(skipWithoutFonts)(`fundsim chart and report on Linghai (${skipWithoutFonts ? FONTS_REASON : "fonts present"})`, () => {
  const results = join(tmp, "results");
  beforeAll(async () => {
    const r = await runCapture(["simulate", LINGHAI, "--runs", "40", "--seed", "7", "--threads", "1", "--out", results]);
    expect(r.exitCode).toBe(0);
  });

  it("draws simulation and ledger charts from a results folder in every format", async () => {
    for (const [kind, file] of [
      ["exits-fan", "fan.svg"],
      ["pool-loss", "loss.png"],
      ["lending", "lending.pdf"],
      ["budget-uses", "uses.vl.json"],
    ] as const) {
      const out = join(tmp, file);
      const r = await runCapture(["chart", results, "--kind", kind, "--out", out, "--lang", "zh"]);
      expect(r.stderr).toBe("");
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(M.wroteChart(out).zh);
    }
    expect(readFileSync(join(tmp, "fan.svg"), "utf8")).toContain("年末脱贫人口");
    expect(readFileSync(join(tmp, "loss.png")).subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(readFileSync(join(tmp, "lending.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(JSON.parse(readFileSync(join(tmp, "uses.vl.json"), "utf8")).$schema).toContain("vega-lite");
  });

  it("--format wins over the file extension", async () => {
    const out = join(tmp, "fan.data");
    const r = await runCapture(["chart", results, "--kind", "exits-fan", "--format", "json", "--out", out]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).layer).toBeDefined();
  });

  it("explains why a variant chart is unavailable without --compare", async () => {
    const r = await runCapture(["chart", results, "--kind", "exits-vs-cost", "--out", join(tmp, "t.svg")]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(chartUnavailable("exits-vs-cost", needsVariants().en).en);
  });

  it("a ledger chart the plan has no data for is not blamed on a missing ledger", async () => {
    // Linghai has no per-person target; the results folder still finds its scenario and ledger.
    const r = await runCapture(["chart", results, "--kind", "per-person", "--out", join(tmp, "pp.svg")]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(chartUnavailable("per-person", noSuchData().en).en);
  });

  it("compares variants from a scenario with --compare", async () => {
    const out = join(tmp, "diff.svg");
    const r = await runCapture(["chart", LINGHAI, "--kind", "variant-differences", "--compare", "no-pool", "--runs", "30", "--threads", "1", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    // The chart names the variant by its label (in the chart's language), not by its id.
    const svg = readFileSync(out, "utf8");
    expect(svg).toContain(await linghaiVariantLabel("no-pool", "en"));
    expect(svg).not.toContain("no-pool");
  });

  it("writes the report folder (zh) with variants", async () => {
    const dir = join(tmp, "report-zh");
    const r = await runCapture(["report", LINGHAI, "--lang", "zh", "--runs", "30", "--threads", "1", "--variant", "full-capacity", "--out", dir]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    const charts = readdirSync(join(dir, "charts"));
    // The charts, report.html, manifest.json, spending.csv and report.xlsx.
    expect(r.stdout).toContain(M.wroteReport(dir, charts.length + 4).zh);
    expect(readdirSync(dir)).toContain("report.xlsx");
    expect(readFileSync(join(dir, "spending.csv"), "utf8")).toMatch(/^\uFEFFitem,id,year,budgeted,/);
    for (const kind of ["exits-fan", "target-probability", "budget-sources", "budget-uses", "pool-fan", "pool-loss", "lending", "interest-subsidy", "variant-differences", "exits-vs-cost"]) {
      for (const ext of ["png", "svg", "csv", "vl.json"]) expect(charts).toContain(`${kind}.${ext}`);
    }
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("凌海");
    expect(html).toContain("预算台账");
    expect(html).toContain(M.tableVariants("95%", "万元").zh);
    // Charts and the differences table name the variant by its Chinese label; the chart data keep its id beside the label.
    const label = await linghaiVariantLabel("full-capacity", "zh");
    expect(html).toContain(`<td>${label}</td>`);
    expect(html).not.toContain("<td>full-capacity</td>");
    expect(readFileSync(join(dir, "charts", "variant-differences.vl.json"), "utf8")).toContain(label);
    expect(readFileSync(join(dir, "charts", "exits-vs-cost.svg"), "utf8")).toContain(label);
    expect(readFileSync(join(dir, "charts", "variant-differences.csv"), "utf8")).toContain(`full-capacity,${label},exits,`);
    // The notes say which --variant gives each label.
    expect(html).toContain(`<dt>${label}</dt>`);
    expect(html).toContain("--variant full-capacity");
    expect(existsSync(join(dir, "manifest.json"))).toBe(true);
    // Where the uncertainty comes from: three steps on 30 runs each, and the summary's line on the population draw.
    const section = html.slice(html.indexOf('<section id="uncertainty">'));
    expect(section).toContain("不确定性来自哪里");
    expect(section.slice(0, section.indexOf("</section>")).match(/<tr><td>/g)).toHaveLength(3);
    expect(html).toMatch(/重抽合成人口使 2017 年末脱贫人口的方差增加 \d+%/);
  });

  it("--precision runs the baseline until precise enough, the variants as many runs, and adds the convergence chart", async () => {
    const dir = join(tmp, "report-precision");
    const r = await runCapture(["report", LINGHAI, "--runs", "10", "--precision", "0.2", "--precision-metric", "pTarget", "--threads", "1", "--no-decompose", "--variant", "full-capacity", "--out", dir]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(readdirSync(join(dir, "charts"))).toContain("convergence.png");
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain('id="chart-convergence"');
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest.precision).toMatchObject({ metric: "pTarget", converged: true });
    const csv = readFileSync(join(dir, "charts", "convergence.csv"), "utf8");
    expect(csv).toContain("metric,runs,estimate,se,targetSe");
  });

  it("--no-decompose leaves the uncertainty section out", async () => {
    const dir = join(tmp, "report-nodec");
    const r = await runCapture(["report", LINGHAI, "--runs", "8", "--threads", "1", "--no-decompose", "--out", dir]);
    expect(r.exitCode).toBe(0);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).not.toContain('<section id="uncertainty">');
    expect(html).not.toContain("Redrawing the synthetic population");
  });

  it("rejects an unknown variant and a bad --runs", async () => {
    const bad = await runCapture(["report", LINGHAI, "--variant", "no-such-variant", "--out", join(tmp, "r2")]);
    expect(bad.exitCode).toBe(1);
    expect(existsSync(join(tmp, "r2"))).toBe(false);
    const runs = await runCapture(["report", LINGHAI, "--runs", "-5", "--out", join(tmp, "r3")]);
    expect(runs.exitCode).toBe(2);
  });
});
