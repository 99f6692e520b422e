/**
 * The report's "What matters and what to change" section (`fundsim report --what-matters`):
 * which numbers move people out of poverty (a sensitivity study: its table and chart), and
 * which split of the money serves the plan best (an optimisation: the lines' shares, the
 * comparison with the plan on fresh runs, the verdict, the shares chart). Either part may
 * be missing, with the reason it could not run.
 *
 * @example
 * const blocks = whatMattersBlocks({ study, optimisation, problems: [] }, "zh", "江门市", label);
 */
import type { Study } from "../sensitivity/study.js";
import type { Optimisation } from "../optimise/types.js";
import type { Block } from "../render/html.js";
import type { Lang } from "../messages/lang.js";
import { say } from "../messages/lang.js";
import * as O from "../messages/optimise.js";
import * as M from "../messages/report.js";
import { studyParts } from "../present/sensitivityText.js";
import { linesTable, verdictLines } from "../present/optimiseText.js";
import { sensitivityCharts } from "../charts/sensitivity.js";
import { optimiseCharts } from "../charts/optimise.js";

export interface WhatMatters {
  readonly study?: Study;
  readonly optimisation?: Optimisation;
  /** Why a part did not run (already in the report's language). */
  readonly problems: readonly string[];
}

/** The section's blocks. */
export function whatMattersBlocks(w: WhatMatters, lang: Lang, name: string, label: (id: string) => string): Block[] {
  const blocks: Block[] = [{ kind: "paragraph", text: say(lang, M.whatMattersIntro()) }];
  if (w.study) {
    const p = studyParts(w.study, { lang, name });
    blocks.push({ kind: "paragraph", text: p.heading }, ...p.before.map((text) => ({ kind: "paragraph" as const, text })));
    blocks.push({ kind: "table", columns: p.columns, rows: p.rows, numeric: p.columns.map((_, j) => j > 0) });
    for (const c of sensitivityCharts(w.study, lang)) blocks.push({ kind: "chart", id: `chart-what-matters-${c.name}`, spec: c.spec });
    blocks.push({ kind: "paragraph", text: p.note });
  }
  const x = w.optimisation;
  if (x) {
    const t = linesTable(x, lang);
    blocks.push({ kind: "paragraph", text: say(lang, O.optimiseHeading(name, x.objective, x.lines.length, x.runs, x.seed)) });
    blocks.push({ kind: "table", columns: t.columns, rows: t.rows, numeric: t.columns.map((_, j) => j > 0) });
    for (const c of optimiseCharts(x, lang)) blocks.push({ kind: "chart", id: `chart-what-matters-${c.name}`, spec: c.spec });
    blocks.push(...verdictLines(x, lang).map((text) => ({ kind: "paragraph" as const, text })));
    blocks.push({ kind: "paragraph", text: say(lang, O.confirmNote(x.confirm.firstRun, x.runs)) });
    if (x.fixed.length > 0) blocks.push({ kind: "paragraph", text: say(lang, O.fixedLine(x.fixed.map((f) => ({ label: label(f.id), reason: f.reason })))) });
    blocks.push({ kind: "paragraph", text: say(lang, O.scopeNote()) });
  }
  for (const text of w.problems) blocks.push({ kind: "paragraph", text, emphasis: "warn" });
  return blocks;
}
