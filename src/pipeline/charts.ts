/**
 * Chart inputs for `fundsim chart`: from a results folder (the simulation charts, and the
 * ledger charts when the scenario the manifest names is still there), or from a scenario
 * (simulated like a report, so every chart kind is available).
 *
 * @example
 * const d = await chartDataFromResults("out/linghai", { lang: "en" });
 * if (d.ok) buildChart("exits-fan", d.value["exits-fan"]!, "en");
 */
import { resolve } from "node:path";
import type { ChartData } from "../charts/registry.js";
import { resultsChartData } from "../charts/adapters.js";
import { ledgerChartData, poolChartData } from "../charts/ledgerAdapters.js";
import { buildLedger } from "../ledger/build.js";
import type { Lang, Localized } from "../messages/lang.js";
import { mergeChartData } from "../report/chartData.js";
import { readResultsDir } from "../report/readResults.js";
import { loadScenario } from "../scenario/load.js";
import type { LoadedScenario } from "../scenario/types.js";
import { err, ok, type Result } from "../util/result.js";
import type { LoadedVariant } from "./compare.js";
import { reportInputFor, type ReportOptions } from "./report.js";

/** The chart inputs a results folder gives; `cwd` resolves the folder and the scenario file its manifest names. */
export async function chartDataFromResults(dir: string, o: { readonly lang: Lang; readonly cwd?: string }): Promise<Result<ChartData, Localized>> {
  const cwd = o.cwd ?? process.cwd();
  const disk = await readResultsDir(resolve(cwd, dir));
  if (!disk.ok) return err(disk.error);
  const data = resultsChartData(disk.value.summary, disk.value.results, { precision: disk.value.manifest.precision });
  // Ledger charts need the scenario the results came from; add them when it is still where the manifest says.
  const file = disk.value.manifest.scenario.file;
  const loaded = file ? await loadScenario(resolve(cwd, file), { variant: disk.value.manifest.variant ?? undefined, sets: disk.value.manifest.sets }) : undefined;
  if (!loaded?.ok) return ok(data);
  const ledger = buildLedger(loaded.value.scenario);
  return ok(mergeChartData(data, ledgerChartData(ledger, o.lang), poolChartData(disk.value.summary, disk.value.results, ledger)));
}

/** The chart inputs of a scenario (and its variants, for the comparison charts): the report's. */
export async function chartDataFromScenario(loaded: LoadedScenario, o: ReportOptions, variants: readonly LoadedVariant[] = []): Promise<Result<ChartData, Localized>> {
  const input = await reportInputFor(loaded, o, variants);
  return input.ok ? ok(input.value.charts) : err(input.error);
}
