import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readResultsDir, readRunsCsv } from "../../src/report/readResults.js";
import { writeResults } from "../../src/results/write.js";
import { summarize } from "../../src/results/summarize.js";
import { makeManifest } from "../../src/results/manifest.js";
import { CORE_METRICS, type RunResults } from "../../src/model/results.js";
import { badResultsFile, notAResultsDir } from "../../src/messages/charts.js";

const tmp = mkdtempSync(join(tmpdir(), "fundsim-read-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function results(): RunResults {
  const metrics = [...CORE_METRICS];
  const years = [2017, 2018];
  const data = new Float64Array(3 * years.length * metrics.length).map((_, i) => (i % 7) * 1.5);
  data[5] = Number.NaN;
  return { runs: 3, years, metrics, data };
}

describe("reading a results folder", () => {
  it("round-trips runs.csv, summary.json and manifest.json", async () => {
    const r = results();
    const summary = summarize(r);
    const manifest = makeManifest({ scenario: { file: "s.yaml", id: "s", hash: "h" }, variant: null, sets: [], seed: 7, runs: 3, threads: 1, years: [2017, 2018], wallTimeSeconds: 0.1 });
    const dir = join(tmp, "ok");
    await writeResults(dir, { results: r, summary, manifest });
    const back = await readResultsDir(dir);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.results.runs).toBe(3);
    expect(back.value.results.years).toEqual([2017, 2018]);
    expect(back.value.results.metrics).toEqual(r.metrics);
    expect(Array.from(back.value.results.data)).toEqual(Array.from(r.data));
    expect(back.value.manifest.seed).toBe(7);
    expect(back.value.summary.runs).toBe(3);
  });

  it("names the missing file when the folder is not a results folder", async () => {
    const dir = join(tmp, "empty");
    mkdirSync(dir);
    expect(await readResultsDir(dir)).toEqual({ ok: false, error: notAResultsDir(dir, "runs.csv") });
  });

  it("reports the line of a malformed runs.csv", async () => {
    const p = join(tmp, "bad.csv");
    writeFileSync(p, "run,year,a\n0,2017,1\n0,2018\n");
    expect(await readRunsCsv(p)).toEqual({ ok: false, error: badResultsFile(p, "line 3: expected 3 columns, found 2") });
    writeFileSync(p, "run,year,a\n0,2017,1\n2,2017,1\n");
    expect(await readRunsCsv(p)).toEqual({ ok: false, error: badResultsFile(p, "line 3: expected run 1, found 2") });
    writeFileSync(p, "");
    expect(await readRunsCsv(p)).toEqual({ ok: false, error: badResultsFile(p, "the file is empty") });
  });
});
