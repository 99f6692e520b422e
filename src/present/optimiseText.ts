/**
 * The console text of an optimisation: heading, each line's share and money under the plan
 * and optimised, the plan and the optimised split compared on fresh runs (with the paired
 * difference and a verdict that says whether it is beyond Monte-Carlo error), the search,
 * what was not moved and why, and what the answer does not say. Words from
 * `messages/optimise.ts`.
 *
 * @example
 * process.stdout.write(optimiseText(x, { lang: "zh", name: "江门市", label: (id) => id }));
 */
import type { Optimisation, AllocationScore } from "../optimise/types.js";
import * as O from "../messages/optimise.js";
import { labelText } from "../messages/label.js";
import { formatNumber } from "../messages/format.js";
import { say, type Lang } from "../messages/lang.js";
import { showMoney } from "../ledger/tables.js";
import { sumOf } from "../model/money.js";
import { table } from "./table.js";
import { RETEST } from "../optimise/types.js";

export interface OptimiseTextOptions {
  readonly lang: Lang;
  /** The scenario's name in `lang`. */
  readonly name: string;
  /** A programme's label in `lang` (for the lines not moved). */
  readonly label: (id: string) => string;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The lines table: heads and rows. */
export function linesTable(x: Optimisation, lang: Lang): { columns: string[]; rows: string[][] } {
  return {
    columns: O.linesColumns().map((c) => say(lang, c)),
    rows: x.lines.map((l) => [
      labelText(l.label, lang, l.id),
      l.min > 0 || l.max < 1 ? `${pct(l.min)}–${pct(l.max)}` : "—",
      pct(l.planShare),
      pct(l.share),
      showMoney(sumOf(l.plan), lang),
      showMoney(sumOf(l.optimised), lang),
    ]),
  };
}

const scoreCells = (s: AllocationScore): string[] => [
  s.pAll ? `${pct(s.pAll.p)} (${pct(s.pAll.lo)}–${pct(s.pAll.hi)})` : "—",
  `${formatNumber(Math.round(s.peopleOut.mean))} ± ${formatNumber(Math.round(s.peopleOut.se))}`,
];

/** What the comparison on fresh runs says: the paired difference and the verdict (on people out when P cannot tell). */
export function verdictLines(x: Optimisation, lang: Lang): string[] {
  const c = x.confirm;
  if (x.lines.every((l) => Math.abs(l.share - l.planShare) < 1e-9)) return [say(lang, O.planKept())];
  const line = (objective: string, d: typeof c.difference): string[] => [
    say(lang, O.differenceLine(objective, d.mean, d.se, d.lo, d.hi, d.better, d.worse, x.runs)),
    say(lang, O.verdict(d.lo, d.hi)),
  ];
  const p = c.plan.pAll?.p;
  const objective = x.objective === "people-out" ? "people-out" : "p-all-targets";
  const degenerate = objective === "p-all-targets" && p !== undefined && (p === 0 || p === 1) && c.optimised.pAll?.p === p;
  const measure = degenerate ? "people-out" : objective;
  const out = degenerate ? [say(lang, O.degenerateP(p)), ...line("people-out", c.peopleOut)] : line(objective, c.difference);
  const ps = c.planShares;
  if (ps) {
    const value = (s: typeof c.plan): number => (measure === "p-all-targets" ? (s.pAll?.p ?? Number.NaN) : s.peopleOut.mean);
    const d = measure === "p-all-targets" ? ps.difference : ps.peopleOut;
    out.push(say(lang, O.timingLine(measure, value(ps.score), value(c.optimised), d.mean, d.se)));
  }
  return out;
}

/** The frontier table and the min-cost lines (nothing when neither was asked for). */
export function frontierLines(x: Optimisation, lang: Lang): string[] {
  const out: string[] = [];
  if (x.frontier.length > 0) {
    out.push(
      "",
      table(
        O.frontierColumns().map((h) => say(lang, h)),
        x.frontier.map((f) => [
          `× ${f.scale}`,
          f.money ? showMoney(f.money, lang) : "—",
          say(lang, O.splitWord(f.split)),
          ...(f.score ? scoreCells(f.score) : [say(lang, O.infeasibleWord()), ""]),
        ]),
      ),
      say(lang, O.frontierNote()),
    );
  }
  const m = x.minCost;
  if (m) {
    out.push("", say(lang, O.minCostHeading(m.probability)));
    for (const split of ["plan", "optimised"] as const) {
      const at = m[split];
      out.push(`  ${say(lang, O.minCostLine(split, m.probability, at?.scale ?? null, at ? showMoney(at.money, lang) : "", at?.score.pAll?.p ?? Number.NaN, at?.score.pAll?.lo ?? Number.NaN, at?.score.pAll?.hi ?? Number.NaN, m.maxScale))}`);
    }
  }
  return out;
}

/** The whole text, ending in a newline. */
export function optimiseText(x: Optimisation, o: OptimiseTextOptions): string {
  const { lang } = o;
  const t = linesTable(x, lang);
  const c = x.confirm;
  const scores = table(
    O.scoreColumns().map((h) => say(lang, h)),
    [
      [say(lang, O.planRow()), ...scoreCells(c.plan)],
      ...(c.planShares ? [[say(lang, O.planSharesRow()), ...scoreCells(c.planShares.score)]] : []),
      [say(lang, O.optimisedRow()), ...scoreCells(c.optimised)],
    ],
  );
  const out = [
    say(lang, O.optimiseHeading(o.name, x.objective, x.lines.length, x.runs, x.seed)),
    "",
    table(t.columns, t.rows),
    "",
    scores,
    say(lang, O.confirmNote(c.firstRun, x.runs)),
    ...verdictLines(x, lang),
    ...frontierLines(x, lang),
    "",
    say(lang, O.searchLine(x.search.evaluations, x.search.infeasible, x.seconds, x.search.stop)),
    say(lang, O.retestNote(Math.min(RETEST, x.retest.length - 1))),
    ...(x.fixed.length > 0 ? [say(lang, O.fixedLine(x.fixed.map((f) => ({ label: o.label(f.id), reason: f.reason }))))] : []),
    say(lang, O.scopeNote()),
  ];
  return `${out.join("\n")}\n`;
}
