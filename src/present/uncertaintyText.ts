/**
 * The variance decomposition as text (fundsim simulate --decompose) and as table rows (the
 * report): each step's sources, runs, mean, sd, P(target) and the share of variance it adds.
 */
import { formatNumber, formatPercent } from "../messages/format.js";
import type { Lang } from "../messages/lang.js";
import { say } from "../messages/lang.js";
import * as M from "../messages/results.js";
import { targetMeasureName } from "../messages/results.js";
import type { Decomposition } from "../results/decomposition.js";
import { displayWidth } from "./ledgerText.js";

/** Rows of the decomposition table, header first. */
export function decompositionRows(d: Decomposition, lang: Lang): string[][] {
  const head = M.decompositionColumns().map((c) => say(lang, c));
  const rows = d.steps.map((s) => [
    say(lang, M.decompositionStep(s.id)),
    formatNumber(s.runs),
    formatNumber(s.mean),
    formatNumber(s.sd),
    s.pTarget === null ? "—" : formatPercent(s.pTarget, 1),
    `${formatPercent(d.shares[s.id], 0)} (${formatPercent(d.sharesCi[s.id][0], 0)}–${formatPercent(d.sharesCi[s.id][1], 0)})`,
  ]);
  return [head, ...rows];
}

/** The heading, rows (header first) and note of the decomposition, in `lang`. */
export function decompositionParts(d: Decomposition, lang: Lang): { heading: string; rows: string[][]; note: string } {
  return {
    heading: say(lang, M.decompositionHeading(d.year, say(lang, targetMeasureName()))),
    rows: decompositionRows(d, lang),
    note: say(lang, M.decompositionNote(d.unknowns, d.populations, formatPercent(d.confidence, 0))),
  };
}

export function decompositionText(d: Decomposition, lang: Lang): string {
  const { heading, rows, note } = decompositionParts(d, lang);
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => displayWidth(r[j] ?? ""))));
  const line = (r: string[]): string => r.map((c, j) => (j === 0 ? pad(c, widths[j]!) : padLeft(c, widths[j]!))).join("  ");
  return [heading, ...rows.map(line), note, ""].join("\n");
}

const pad = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - displayWidth(s)));
const padLeft = (s: string, w: number): string => " ".repeat(Math.max(0, w - displayWidth(s))) + s;
