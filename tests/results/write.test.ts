import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeComparison, writeResults } from "../../src/results/write.js";
import { summarize } from "../../src/results/summarize.js";
import { makeManifest, fundsimVersion } from "../../src/results/manifest.js";
import { pairedDifferences } from "../../src/results/paired.js";
import { makeResults } from "./fixtures.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-write-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const results = makeResults(2, [2017, 2018], ["exitRate", "cumulativeExits", "poolLoss"], (run, y, m) =>
  m === "exitRate" ? 0.1 * (run + y + 1) : m === "poolLoss" ? (run === 1 && y === 1 ? Number.NaN : 1.5) : 100 * run + y,
);
const manifest = makeManifest({
  scenario: { file: "scenarios/x.yaml", id: "x", hash: "ab".repeat(32) },
  variant: null,
  sets: ["a.b=1"],
  seed: 7,
  runs: 2,
  threads: 1,
  years: [2017, 2018],
  wallTimeSeconds: 0.5,
  created: new Date("2026-01-02T03:04:05Z"),
});

describe("writeResults", () => {
  it("writes runs.csv, summary.json and manifest.json", async () => {
    const out = join(dir, "one");
    await writeResults(out, { results, summary: summarize(results), manifest });
    expect((await readdir(out)).sort()).toEqual(["manifest.json", "runs.csv", "summary.json"]);
    const csv = (await readFile(join(out, "runs.csv"), "utf8")).split("\r\n");
    expect(csv[0]).toBe("\uFEFFrun,year,exitRate,cumulativeExits,poolLoss");
    expect(csv[1]).toBe("0,2017,0.1,0,1.5");
    expect(csv[4]).toBe("1,2018,0.30000000000000004,101,");
    expect(csv).toHaveLength(6);
    const summary = JSON.parse(await readFile(join(out, "summary.json"), "utf8"));
    expect(summary.years).toEqual([2017, 2018]);
    expect(summary.metrics.exitRate.byYear[1].mean).toBeCloseTo(0.25, 12);
    const m = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(m).toMatchObject({ format: 1, seed: 7, runs: 2, threads: 1, variant: null, created: "2026-01-02T03:04:05.000Z", precision: null });
    expect(m.fundsim).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.fundsim).toBe(fundsimVersion());
  });

  it("replaces an existing folder atomically and leaves no temporary folders", async () => {
    const out = join(dir, "again");
    await writeResults(out, { results, summary: summarize(results), manifest });
    await writeResults(out, { results, summary: summarize(results), manifest: { ...manifest, seed: 8 } });
    expect(JSON.parse(await readFile(join(out, "manifest.json"), "utf8")).seed).toBe(8);
    expect((await readdir(dir)).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("writes a comparison folder with per-variant results and differences", async () => {
    const out = join(dir, "cmp");
    const b = { ...results, data: results.data.map((x) => x + 1) };
    const set = { results, summary: summarize(results), manifest };
    await writeComparison(out, {
      variants: [
        { name: "baseline", set },
        { name: "more credit", set: { ...set, results: b, summary: summarize(b) } },
      ],
      differences: [{ a: "baseline", b: "more credit", paired: pairedDifferences(results, b) }],
    });
    expect((await readdir(out)).sort()).toEqual(["baseline", "differences.csv", "differences.json", "manifest.json", "more_credit"]);
    const csv = (await readFile(join(out, "differences.csv"), "utf8")).trimEnd().split("\r\n");
    expect(csv[0]).toBe("\uFEFFmetric,year,variantA,variantB,meanA,meanB,difference,se,ciLow,ciHigh");
    expect(csv[1]).toMatch(/^exitRate,2017,baseline,more credit,0.15000000000000002,1.15,1,0,1,1$/);
  });
});
