/**
 * Read a results folder written by `fundsim simulate --out DIR` back into memory:
 * runs.csv → RunResults, summary.json → Summary, manifest.json → Manifest. Problems
 * are returned as localized messages naming the file (never a stack trace).
 *
 * @example
 * const r = await readResultsDir("out/linghai");
 * if (r.ok) resultsChartData(r.value.summary, r.value.results);
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { err, ok, type Result } from "../util/result.js";
import type { Localized } from "../messages/lang.js";
import { badResultsFile, notAResultsDir } from "../messages/charts.js";
import { MANIFEST_JSON, RUNS_CSV, SUMMARY_JSON } from "../results/write.js";
import type { Summary } from "../results/summarize.js";
import type { Manifest } from "../results/manifest.js";
import type { RunResults } from "../model/results.js";

export interface ResultsOnDisk {
  readonly results: RunResults;
  readonly summary: Summary;
  readonly manifest: Manifest;
}

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

/** Parse runs.csv (header `run,year,<metrics…>`, one row per run × year, runs and years in order). */
export async function readRunsCsv(path: string): Promise<Result<RunResults, Localized>> {
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  let metrics: string[] | undefined;
  const years: number[] = [];
  const values: number[] = [];
  let lineNo = 0;
  let lastRun = -1;
  let yearIndex = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = raw.replace(/^\uFEFF/, "");
    if (line === "") continue;
    const cells = line.split(",");
    if (!metrics) {
      if (cells[0] !== "run" || cells[1] !== "year") return err(badResultsFile(path, `line 1: expected the header to start with "run,year", found "${cells.slice(0, 2).join(",")}"`));
      metrics = cells.slice(2).map((c) => c.replace(/^"|"$/g, ""));
      continue;
    }
    if (cells.length !== metrics.length + 2) return err(badResultsFile(path, `line ${lineNo}: expected ${metrics.length + 2} columns, found ${cells.length}`));
    const run = Number(cells[0]);
    const year = Number(cells[1]);
    if (!Number.isInteger(run) || !Number.isInteger(year)) return err(badResultsFile(path, `line ${lineNo}: run and year must be integers`));
    if (run !== lastRun) {
      if (run !== lastRun + 1) return err(badResultsFile(path, `line ${lineNo}: expected run ${lastRun + 1}, found ${run}`));
      if (lastRun >= 0 && yearIndex !== years.length) return err(badResultsFile(path, `line ${lineNo}: run ${lastRun} has ${yearIndex} years, expected ${years.length}`));
      lastRun = run;
      yearIndex = 0;
    }
    if (run === 0) years.push(year);
    else if (years[yearIndex] !== year) return err(badResultsFile(path, `line ${lineNo}: expected year ${years[yearIndex]}, found ${year}`));
    yearIndex++;
    for (let i = 2; i < cells.length; i++) values.push(cells[i] === "" ? Number.NaN : Number(cells[i]));
  }
  if (!metrics) return err(badResultsFile(path, "the file is empty"));
  if (lastRun >= 0 && yearIndex !== years.length) return err(badResultsFile(path, `run ${lastRun} has ${yearIndex} years, expected ${years.length}`));
  return ok({ runs: lastRun + 1, years, metrics, data: Float64Array.from(values) });
}

async function readJson<T>(path: string): Promise<Result<T, Localized>> {
  try {
    return ok(JSON.parse(await readFile(path, "utf8")) as T);
  } catch (e) {
    return err(badResultsFile(path, e instanceof Error ? e.message : String(e)));
  }
}

/** Read the three files of a results folder. */
export async function readResultsDir(dir: string): Promise<Result<ResultsOnDisk, Localized>> {
  for (const f of [RUNS_CSV, SUMMARY_JSON, MANIFEST_JSON]) if (!(await exists(join(dir, f)))) return err(notAResultsDir(dir, f));
  const results = await readRunsCsv(join(dir, RUNS_CSV));
  if (!results.ok) return results;
  const summary = await readJson<Summary>(join(dir, SUMMARY_JSON));
  if (!summary.ok) return summary;
  const manifest = await readJson<Manifest>(join(dir, MANIFEST_JSON));
  if (!manifest.ok) return manifest;
  return ok({ results: results.value, summary: summary.value, manifest: manifest.value });
}
