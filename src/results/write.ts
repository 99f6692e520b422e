/**
 * Writing results to a folder, atomically (the folder appears complete or not at all):
 *
 * - `runs.csv`      one row per run × year: `run,year,<metric>,…` (run counts from 0;
 *                   numbers in shortest round-trip form; empty cell = not a number)
 * - `summary.json`  the Summary (see summarize.ts) with a `provenance` block (version,
 *                   scenario id and hash, variant, --set overlays, seed, runs); NaN is written as null
 * - `manifest.json` the Manifest (see manifest.ts)
 * - `decomposition.json` where the spread comes from (decomposition.ts; with --decompose)
 *
 * A comparison folder holds one such folder per variant plus `differences.json` and
 * `differences.csv` (paired differences B − A against the first variant).
 *
 * @example
 * await writeResults("out/linghai", { results, summary, manifest });
 */
import { createWriteStream } from "node:fs";
import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeOutputDir, type OutputGuard, type OutputProblem } from "../io/outputs.js";
import type { Result } from "../util/result.js";
import { CSV_BOM, CSV_EOL, csvField, csvRow, csvText } from "../io/csv.js";
import type { Decomposition } from "./decomposition.js";
import type { FundingRisk } from "./funding.js";
import type { Label } from "../ledger/types.js";
import type { Manifest } from "./manifest.js";
import type { PairedDifferences } from "./paired.js";
import type { SpendingRow } from "./reconcile.js";
import type { Summary } from "./summarize.js";
import type { RunResults } from "../model/results.js";

export const RUNS_CSV = "runs.csv";
export const SUMMARY_JSON = "summary.json";
export const MANIFEST_JSON = "manifest.json";
export const SPENDING_CSV = "spending.csv";
export const DECOMPOSITION_JSON = "decomposition.json";

export interface ResultSet {
  readonly results: RunResults;
  readonly summary: Summary;
  readonly manifest: Manifest;
  /** Budgeted against simulated spending (written as spending.csv when present). */
  readonly spending?: readonly SpendingRow[];
  /** New lending the ledger plans over the horizon, all pools (yuan); absent without a pool. */
  readonly plannedLending?: number;
  /** Programmes (ids) with no modelled effect on any household: their money is counted, not what it buys. */
  readonly inertProgrammes?: readonly string[];
  /**
   * Relocation follow-up money in the horizon by delivery (yuan, planned in the ledger): project
   * money (follow-up industry funds: spent, its effect the programme's) and cash paid to households.
   */
  readonly followUpDelivery?: { readonly project: number; readonly cash: number };
  /** Sources against the runs' uses: how often the money runs short (results/funding.ts). */
  readonly funding?: FundingRisk;
  /** Programmes the scenario declares without an effect (`effect: {none: reason}`): money counted, the reason said. */
  readonly noEffect?: readonly { readonly id: string; readonly reason: Label }[];
  /** The spread of the headline outcome by source (written as decomposition.json when present). */
  readonly decomposition?: Decomposition;
}

/** spending.csv: one row per budget line and year, amounts in yuan. */
export function spendingCsv(rows: readonly SpendingRow[]): string {
  const head = ["item", "id", "year", "budgeted", "simulatedMean", "simulatedQ05", "simulatedQ95", "difference", "status"];
  return csvText(
    head,
    rows.map((r) => [r.item, r.id, r.year, r.budgeted, r.mean, r.q05, r.q95, r.difference, r.status]),
  );
}

const json = (x: unknown): string => `${JSON.stringify(x, null, 2)}\n`;

/** Stream runs.csv to `path` (never builds the whole text in memory). */
export async function writeRunsCsv(path: string, r: RunResults): Promise<void> {
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  const nm = r.metrics.length;
  const ny = r.years.length;
  let buf = CSV_BOM + csvRow(["run", "year", ...r.metrics]);
  for (let run = 0; run < r.runs; run++) {
    for (let y = 0; y < ny; y++) {
      const base = (run * ny + y) * nm;
      let line = `${run},${r.years[y]}`;
      for (let m = 0; m < nm; m++) line += `,${csvField(r.data[base + m])}`;
      buf += line + CSV_EOL;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once("drain", () => res()));
      buf = "";
    }
  }
  out.end(buf);
  await done;
}

async function fillResultSet(dir: string, set: ResultSet): Promise<void> {
  await writeRunsCsv(join(dir, RUNS_CSV), set.results);
  // The summary carries its own provenance too, so it can be cited on its own.
  const m = set.manifest;
  const provenance = { fundsim: m.fundsim, scenario: m.scenario.id, scenarioHash: m.scenario.hash, variant: m.variant, sets: m.sets, seed: m.seed, runs: m.runs };
  await writeFile(join(dir, SUMMARY_JSON), json({ provenance, ...set.summary }));
  await writeFile(join(dir, MANIFEST_JSON), json(set.manifest));
  if (set.spending) await writeFile(join(dir, SPENDING_CSV), spendingCsv(set.spending));
  if (set.decomposition) await writeFile(join(dir, DECOMPOSITION_JSON), json(set.decomposition));
}

/**
 * Write runs.csv, summary.json, manifest.json (and spending.csv) into `dir`, atomically.
 * `dir` may be new, empty or a previous results folder; anything else is refused (see
 * io/outputs.ts). Resolves to the files written, or the problem that stopped it.
 */
export async function writeResults(dir: string, set: ResultSet, guard: OutputGuard = {}): Promise<Result<readonly string[], OutputProblem>> {
  return writeOutputDir(dir, "results", (tmp) => fillResultSet(tmp, set), guard);
}

/** One row per metric × (year | "horizon") of paired differences. */
export function differencesCsv(d: PairedDifferences, a: string, b: string): string {
  const rows: (string | number)[][] = [];
  for (const [name, m] of Object.entries(d.metrics)) {
    const row = (year: string, s: (typeof m.byYear)[number]): (string | number)[] => [name, year, a, b, s.meanA, s.meanB, s.mean, s.se, s.lo, s.hi];
    m.byYear.forEach((s, y) => rows.push(row(String(d.years[y]), s)));
    rows.push(row("horizon", m.horizon));
  }
  return csvText(["metric", "year", "variantA", "variantB", "meanA", "meanB", "difference", "se", "ciLow", "ciHigh"], rows);
}

export interface Comparison {
  /** Variants in the order given; differences are each later variant minus the first. */
  readonly variants: readonly { readonly name: string; readonly set: ResultSet }[];
  readonly differences: readonly { readonly a: string; readonly b: string; readonly paired: PairedDifferences }[];
}

/** Folder name of a variant inside a comparison folder. */
export const variantFolder = (name: string): string => name.replace(/[^A-Za-z0-9_.-]/g, "_");

/**
 * Write a comparison folder atomically: one results folder per variant, differences.json,
 * differences.csv and a manifest.json naming the variants. The same rules as
 * {@link writeResults} for what `dir` may hold.
 */
export async function writeComparison(dir: string, c: Comparison, guard: OutputGuard = {}): Promise<Result<readonly string[], OutputProblem>> {
  return writeOutputDir(dir, "comparison", async (tmp) => {
    for (const v of c.variants) {
      const sub = join(tmp, variantFolder(v.name));
      await mkdir(sub);
      await fillResultSet(sub, v.set);
    }
    await writeFile(join(tmp, "differences.json"), json(c.differences));
    const csv = c.differences.map((d, i) => {
      const text = differencesCsv(d.paired, d.a, d.b);
      return i === 0 ? text : text.slice(text.indexOf(CSV_EOL) + CSV_EOL.length); // one header (and BOM) for all
    });
    await writeFile(join(tmp, "differences.csv"), csv.join(""));
    const first = c.variants[0]?.set.manifest;
    await writeFile(join(tmp, MANIFEST_JSON), json({ fundsim: first?.fundsim, variants: c.variants.map((v) => ({ name: v.name, folder: variantFolder(v.name) })), seed: first?.seed, runs: first?.runs }));
  }, guard);
}
