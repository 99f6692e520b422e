/**
 * What the API returns, as plain JSON: the ledger with the scenario's overview and the
 * allocations a person can edit; a simulation's summary, fan data (people out of poverty
 * by year, quantile bands) and its Vega-Lite chart; a comparison's paired differences.
 * Numbers that are not finite become null (JSON has no NaN).
 */
import type { TopLevelSpec } from "vega-lite";
import { exitsFanInput, variantDifferencesInput } from "../charts/adapters.js";
import { buildChart } from "../charts/registry.js";
import type { FanInput } from "../charts/types.js";
import type { Ledger } from "../ledger/types.js";
import type { Lang } from "../messages/lang.js";
import { labelText } from "../messages/label.js";
import { ledgerData } from "../pipeline/ledger.js";
import type { StageEstimate } from "../pipeline/progressive.js";
import type { PairedDifferences } from "../results/paired.js";
import type { LoadedScenario } from "../scenario/types.js";
import { TARGET_MEASURE } from "../model/results.js";
import { csvField, csvRow, CSV_BOM, CSV_EOL } from "../io/csv.js";
import type { RunResults } from "../model/results.js";

/** JSON.stringify replacer: NaN and ±Infinity → null. */
export const finite = (_k: string, v: unknown): unknown => (typeof v === "number" && !Number.isFinite(v) ? null : v);

/** A programme whose allocation the page can edit: its id, label and allocation by year (yuan). */
export interface EditableProgramme {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly allocation: Readonly<Record<string, number>>;
}

export function ledgerView(loaded: LoadedScenario, ledger: Ledger, lang: Lang) {
  const s = loaded.scenario;
  const editable: EditableProgramme[] = s.programmes
    .filter((p) => p.allocation !== undefined)
    .map((p) => {
      const line = ledger.programmes.find((x) => x.id === p.id);
      return {
        id: p.id,
        label: labelText(p.label, lang, p.id),
        kind: p.kind,
        allocation: Object.fromEntries(ledger.years.map((y, i) => [String(y), line?.byYear[i]?.allocation.toNumber() ?? 0])),
      };
    });
  const cohorts = s.population.cohorts.map((c) => ({
    id: c.id,
    label: labelText(c.label, lang, c.id),
    households: firstValue(c.households),
    people: firstValue(c.people),
    segment: c.segment,
    registered: c.registered !== false,
  }));
  return {
    scenario: { id: s.meta.id, name: labelText(s.meta.name, lang), file: loaded.file, hash: loaded.hash, variant: loaded.variant ?? null, years: loaded.years },
    overview: {
      population: { cohorts, villages: s.population.villages ?? null },
      targets: s.targets ? { exits: givenByYear(s.targets.exits, loaded.years), villages: givenByYear(s.targets.villages, loaded.years) } : null,
      simulation: s.simulation,
      pools: ledger.pools.map((p) => ({ id: p.id, label: labelText(p.label, lang, p.id), leverage: p.leverage.toString(), totalDeposits: p.totalDeposits.toString(), totalLending: p.totalLending.toString() })),
    },
    editable,
    ledger: ledgerData(ledger),
  };
}

/** A resolved number ({values: per-year decimal strings, given}) as its first year's number, or null. */
function firstValue(x: unknown): number | null {
  const v = (x as { values?: readonly unknown[] } | null | undefined)?.values?.[0];
  const n = v === undefined || v === null ? Number.NaN : Number(String(v));
  return Number.isFinite(n) ? n : null;
}

/** A resolved dated series as {year: value} for the years the scenario gives (targets), or undefined. */
function givenByYear(x: unknown, years: readonly number[]): Record<string, number> | undefined {
  const r = x as { values?: readonly unknown[]; given?: readonly boolean[] } | null | undefined;
  if (!r?.values) return undefined;
  const out: Record<string, number> = {};
  years.forEach((y, i) => {
    const n = Number(String(r.values?.[i]));
    if (r.given?.[i] !== false && Number.isFinite(n)) out[String(y)] = n;
  });
  return out;
}

/** The headline figures of a simulation, its fan data and chart. */
export function simulationView(sim: StageEstimate, lang: Lang, withSummary = true) {
  const s = sim.summary;
  const fan: FanInput | undefined = exitsFanInput(s);
  const last = s.years.length - 1;
  const out = s.metrics[TARGET_MEASURE];
  return {
    runs: s.runs,
    seed: sim.seed,
    years: s.years,
    headline: {
      exitRate: s.headline,
      peopleOut: out ? { mean: out.byYear[last]?.mean ?? null, q05: out.byYear[last]?.q05 ?? null, q95: out.byYear[last]?.q95 ?? null } : null,
      pAllTargets: s.targets ? s.targets.overall : null,
      costPerExit: s.costPerExit,
    },
    fan: fan ?? null,
    chart: fan ? (buildChart("exits-fan", fan, lang) as TopLevelSpec) : null,
    ...(withSummary ? { summary: s } : {}),
  };
}

/** Each later variant against the first, run by run: the paired differences and their chart. */
export function comparisonView(names: readonly string[], sims: readonly StageEstimate[], diffs: readonly PairedDifferences[], lang: Lang) {
  const chartInput = variantDifferencesInput(
    names[0],
    diffs.map((paired, i) => ({ variant: names[i + 1] as string, paired })),
  );
  return {
    runs: sims[0]?.summary.runs ?? 0,
    seed: sims[0]?.seed ?? null,
    variants: sims.map((sim, i) => ({ name: names[i], ...simulationView(sim, lang, false) })),
    differences: diffs.map((paired, i) => ({
      a: names[0],
      b: names[i + 1],
      level: paired.level,
      peopleOut: paired.metrics[TARGET_MEASURE]?.byYear.at(-1) ?? null,
      exitedPeople: paired.metrics["exitedPeople"]?.horizon ?? null,
      fiscalCost: paired.metrics["fiscalCost"]?.horizon ?? null,
      targetsMet: paired.targetsMet,
      paired,
    })),
    chart: chartInput.rows.length > 0 ? (buildChart("variant-differences", chartInput, lang) as TopLevelSpec) : null,
  };
}

/** runs.csv as `fundsim simulate` writes it (run, year, one column per metric), as text. */
export function runsCsvText(r: RunResults): string {
  const nm = r.metrics.length;
  const ny = r.years.length;
  const lines: string[] = [CSV_BOM + csvRow(["run", "year", ...r.metrics])];
  for (let run = 0; run < r.runs; run++) {
    for (let y = 0; y < ny; y++) {
      const base = (run * ny + y) * nm;
      let line = `${run},${r.years[y]}`;
      for (let m = 0; m < nm; m++) line += `,${csvField(r.data[base + m])}`;
      lines.push(line + CSV_EOL);
    }
  }
  return lines.join("");
}
