/**
 * The data behind each chart as a flat table (yuan, people, probabilities — never the
 * display units), written as CSV beside every chart image in a report.
 *
 * @example
 * chartTable("exits-fan", fan) // { columns: ["year","q05",…,"target"], rows: [[2017,1900,…,2400]] }
 */
import type { ChartInputMap, ChartKind } from "./registry.js";
import { histogram } from "./poolLoss.js";
import { csvText } from "../io/csv.js";

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

const bandCols = ["q05", "q25", "median", "q75", "q95"] as const;

function byYear(
  bands: readonly { year: number; q05: number; q25: number; median: number; q75: number; q95: number }[],
  extra: Record<string, readonly { year: number; value: number }[] | undefined>,
): Table {
  const names = Object.keys(extra).filter((k) => extra[k] !== undefined);
  const years = [...new Set([...bands.map((b) => b.year), ...names.flatMap((n) => (extra[n] ?? []).map((e) => e.year))])].sort((a, b) => a - b);
  const rows = years.map((y) => {
    const b = bands.find((x) => x.year === y);
    return [y, ...bandCols.map((c) => (b ? b[c] : "")), ...names.map((n) => (extra[n] ?? []).find((e) => e.year === y)?.value ?? "")];
  });
  return { columns: ["year", ...bandCols, ...names], rows };
}

export function chartTable<K extends ChartKind>(kind: K, input: ChartInputMap[K]): Table {
  const k: ChartKind = kind;
  switch (k) {
    case "exits-fan": {
      const i = input as ChartInputMap["exits-fan"];
      return byYear(i.bands, { target: i.targets });
    }
    case "target-probability": {
      const i = input as ChartInputMap["target-probability"];
      return { columns: ["year", "probability", "se"], rows: i.points.map((p) => [p.year, p.probability, p.se]) };
    }
    case "budget-sources":
    case "budget-uses":
    case "relocation": {
      const i = input as ChartInputMap["budget-sources"] | ChartInputMap["relocation"];
      const rows = "rows" in i ? i.rows : [];
      return { columns: ["year", "category", "amount"], rows: rows.map((r) => [r.year, "category" in r ? r.category : r.cohort, r.amount]) };
    }
    case "per-person": {
      const i = input as ChartInputMap["per-person"];
      return { columns: ["year", "perPerson", "target"], rows: i.points.map((p) => [p.year, p.perPerson, i.target ?? ""]) };
    }
    case "balance": {
      const i = input as ChartInputMap["balance"];
      return { columns: ["year", "balance", "carried"], rows: i.points.map((p) => [p.year, p.balance, p.carried]) };
    }
    case "pool-fan": {
      const i = input as ChartInputMap["pool-fan"];
      return byYear(i.bands, { depletionProbability: i.depletion.map((d) => ({ year: d.year, value: d.probability })) });
    }
    case "pool-loss": {
      const i = input as ChartInputMap["pool-loss"];
      return { columns: ["binStart", "binEnd", "shareOfRuns"], rows: histogram(i.losses).map((b) => [b.start, b.end, b.share]) };
    }
    case "lending": {
      const i = input as ChartInputMap["lending"];
      return byYear(i.bands, { capacity: i.capacity, planned: i.planned, suspendedShare: i.suspended });
    }
    case "convergence": {
      const i = input as ChartInputMap["convergence"];
      return { columns: ["metric", "runs", "estimate", "se", "targetSe"], rows: i.points.map((p) => [i.metric, p.runs, p.estimate, p.se, i.target]) };
    }
    case "interest-subsidy": {
      const i = input as ChartInputMap["interest-subsidy"];
      return byYear(i.bands, { expected: i.expected });
    }
    case "variant-differences": {
      const i = input as ChartInputMap["variant-differences"];
      return { columns: ["variant", "label", "metric", "mean", "lo", "hi", "level"], rows: i.rows.map((r) => [r.variant, r.label ?? "", r.metric, r.mean, r.lo, r.hi, i.level]) };
    }
    case "exits-vs-cost": {
      const i = input as ChartInputMap["exits-vs-cost"];
      return {
        columns: ["variant", "label", "exitsMedian", "exitsQ05", "exitsQ95", "costMedian", "costQ05", "costQ95"],
        rows: i.points.map((p) => [p.variant, p.label ?? "", p.exits.median, p.exits.q05, p.exits.q95, p.cost.median, p.cost.q05, p.cost.q95]),
      };
    }
    default:
      return k satisfies never;
  }
}

/** CSV text in fundsim's one CSV layout (src/io/csv.ts: byte-order mark, CRLF, RFC 4180 quoting). */
export function tableToCsv(t: Table): string {
  return csvText(t.columns, t.rows);
}
