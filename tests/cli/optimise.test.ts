/**
 * `fundsim optimise` from the command line: an optimised split printed in either language and
 * written (the variant file then applies with --variant), the same output twice, and
 * refusals in full sentences, never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { runCapture } from "../../src/cli/main.js";
import * as O from "../../src/messages/optimise.js";

const MINIMAL = "tests/fixtures/minimal.yaml";
const FAST = ["--runs", "6", "--threads", "1", "--max-evaluations", "12"];
let dir = "";
let twoLines = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-opt-cli-"));
  // The minimal scenario has one line with an allocation and an effect; add a second.
  const raw = parse(await readFile(MINIMAL, "utf8")) as { programmes: unknown[] };
  raw.programmes.push({
    id: "jobs",
    kind: "employment",
    label: { en: "Jobs", zh: "就业" },
    allocation: 1_000_000,
    unitCost: { amount: 4000, per: "household" },
    eligibility: { labour: "required" },
    effect: { successProbability: 0.6, uplift: { dist: "fixed", value: 1.3 } },
  });
  twoLines = join(dir, "two-lines.yaml");
  await writeFile(twoLines, stringify(raw));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("fundsim optimise", () => {
  it("prints the split and the comparison on fresh runs, writes them, and the variant applies", async () => {
    const out = join(dir, "a");
    const r = await runCapture(["optimise", twoLines, ...FAST, "--out", out]);
    expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(O.confirmNote(12, 6).en);
    expect(r.stdout).toMatch(/Jobs\s+—\s+[\d.]+%\s+[\d.]+%/);
    expect((await readdir(out)).sort()).toEqual([
      "allocations.csv",
      "evaluations.csv",
      "manifest.json",
      "optimisation.json",
      "optimise-shares.png",
      "optimise-shares.svg",
      "optimise-shares.vl.json",
      "optimised.yaml",
    ]);
    const csv = await readFile(join(out, "allocations.csv"), "utf8");
    expect(csv.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("line,min_share,max_share,plan_share,optimised_share,plan_2017,optimised_2017,plan_2018,optimised_2018,plan_2019,optimised_2019,plan_total,optimised_total");
    const sim = await runCapture(["simulate", twoLines, "--variant", join(out, "optimised.yaml"), "--runs", "4", "--threads", "1", "--out", join(dir, "sim")]);
    expect(sim.exitCode).toBe(0);
    const again = await runCapture(["optimise", twoLines, ...FAST]);
    const strip = (s: string): string => s.replace(/ in [\d.]+ s;/, "").split("\nWrote")[0]!.trimEnd();
    expect(strip(again.stdout)).toBe(strip(r.stdout));
    const zh = await runCapture(["optimise", twoLines, ...FAST, "--lang", "zh", "--bounds", "industry=0.2:0.6"]);
    expect(zh.exitCode).toBe(0);
    expect(zh.stdout).toContain(O.confirmNote(12, 6).zh);
    expect(zh.stdout).toMatch(/20\.0%–60\.0%/);
  }, 60_000);

  it("the report's What-matters section (report --what-matters): the tornado and the optimised split against the plan", async () => {
    const help = await runCapture(["report", "--help"]);
    expect(help.stdout).toContain("--what-matters");
    // The page as data (rendering the report's charts is tested elsewhere and takes most of a report's time).
    const [{ reportInputFor }, { buildReportPage }, { loadScenario }] = await Promise.all([
      import("../../src/pipeline/report.js"),
      import("../../src/report/page.js"),
      import("../../src/scenario/index.js"),
    ]);
    const loaded = await loadScenario(twoLines);
    if (!loaded.ok) expect.fail("two-lines scenario");
    const input = await reportInputFor(loaded.value, { lang: "zh", runs: 4, threads: 1, decompose: false, whatMatters: "tornado" });
    if (!input.ok) expect.fail(input.error.en);
    const section = buildReportPage(input.value).sections.find((x) => x.id === "what-matters");
    expect(section?.title).toBe("关键因素与调整建议");
    const text = JSON.stringify(section?.blocks);
    expect(text).toContain("programmes.jobs.allocation");
    expect(text).toContain(O.confirmNote(8, 4).zh);
    expect(section?.blocks.filter((b) => b.kind === "chart").length).toBe(2);
  }, 60_000);

  it("refuses, saying why and what to do (en and zh)", async () => {
    const one = await runCapture(["optimise", MINIMAL, ...FAST]);
    expect(one.exitCode).toBe(1);
    expect(one.stderr).toContain(O.optimiseRefused().en);
    expect(one.stderr).toContain("at least two lines");
    const zh = await runCapture(["optimise", MINIMAL, ...FAST, "--lang", "zh"]);
    expect(zh.stderr).toContain("至少需要两个项目");
    const bad = await runCapture(["optimise", twoLines, ...FAST, "--bounds", "industry=high"]);
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain("--bounds");
    expect(bad.stderr).toContain("industry=0.1:0.4");
    const notMovable = await runCapture(["optimise", twoLines, ...FAST, "--lines", "industry,relocation"]);
    expect(notMovable.stderr).toContain('"relocation" cannot be moved');
    for (const x of [one, zh, bad, notMovable]) expect(x.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
  }, 60_000);
});
