/**
 * The console text of a calibration: heading, the fitted parameters with their standard
 * errors and intervals, the fit per target (fitted and out-of-sample), the objective, and
 * warnings (a value at the edge of its range, a parameter the targets do not identify, a
 * search that did not converge). Words from `messages/calibration.ts`.
 *
 * @example
 * process.stdout.write(calibrationText(c, { lang: "en", name: "Minimal test county" }));
 */
import type { Calibration } from "../calibration/types.js";
import * as C from "../messages/calibration.js";
import { labelText } from "../messages/label.js";
import { formatNumber } from "../messages/format.js";
import { say, type Lang } from "../messages/lang.js";
import { table } from "./table.js";

export interface CalibrationTextOptions {
  readonly lang: Lang;
  /** The scenario's name in `lang`. */
  readonly name: string;
}

/**
 * Far above its degrees of freedom: Q beyond df + 3·√(2·df) (three standard deviations of a
 * χ²(df) above its mean; with df = 0, beyond 9: a miss of three sd on a target the
 * parameters could match exactly).
 */
export const misfit = (objective: number, df: number): boolean => objective > (df > 0 ? df + 3 * Math.sqrt(2 * df) : 9);

/** The parameters table: heads and rows (shared by the console and the page). */
export function parameterTable(c: Calibration, lang: Lang): { columns: string[]; rows: string[][] } {
  const level = `${Math.round(c.fit.level * 100)}%`;
  return {
    columns: C.parameterColumns(level).map((x) => say(lang, x)),
    rows: c.fit.parameters.map((q) => [q.name, C.sig(q.start, 4), C.sig(q.value, 4), C.sig(q.se, 2), `${C.sig(q.lo, 3)} – ${C.sig(q.hi, 3)}`, `${C.sig(q.low, 3)} – ${C.sig(q.high, 3)}`]),
  };
}

/** The fit table: heads and rows, one per target. */
export function fitTable(c: Calibration, lang: Lang): { columns: string[]; rows: string[][] } {
  return {
    columns: C.fitColumns().map((x) => say(lang, x)),
    rows: c.fit.targets.map((f, k) => {
      const t = c.targets.targets[k]!;
      return [
        t.id,
        t.metric,
        String(t.year),
        say(lang, C.useWord(t.fit)),
        `${C.sig(f.observed, 4)} ± ${C.sig(f.sd, 2)}`,
        `${C.sig(f.mean, 4)} ± ${C.sig(f.se, 2)}`,
        `${C.sig(f.q05, 3)} – ${C.sig(f.q95, 3)}`,
        Number.isFinite(f.z) ? formatNumber(Math.round(f.z * 10) / 10 || 0, 1) : "—",
      ];
    }),
  };
}

/** The heading line, the objective line and the warnings, in `lang`. */
export function calibrationLines(c: Calibration, lang: Lang, name: string): { heading: string; objective: string; misfit: boolean; warnings: string[] } {
  const targetsName = labelText(c.targets.name, lang);
  const fitted = c.targets.targets.filter((t) => t.fit).length;
  const warnings: string[] = [];
  for (const q of c.fit.parameters) {
    if (!q.identified) warnings.push(say(lang, C.unidentifiedWarning(q.name)));
    else if (q.atBound) warnings.push(say(lang, C.atBoundWarning(q.name)));
  }
  if (!c.fit.converged) warnings.push(say(lang, C.notConvergedWarning()));
  const bad = misfit(c.fit.objective, c.fit.df);
  return {
    misfit: bad,
    heading: say(lang, C.calibrationHeading(name, targetsName, c.targetsFile, fitted, c.targets.targets.length - fitted, c.runs, c.seed)),
    objective: say(lang, C.objectiveLine(c.fit.objective, c.fit.df, c.fit.objectiveAtStart, c.fit.evaluations, c.seconds, bad)),
    warnings,
  };
}

/** The whole text, ending in a newline. */
export function calibrationText(c: Calibration, o: CalibrationTextOptions): string {
  const { lang } = o;
  const l = calibrationLines(c, lang, o.name);
  const p = parameterTable(c, lang);
  const f = fitTable(c, lang);
  return `${[l.heading, "", table(p.columns, p.rows), "", table(f.columns, f.rows), "", say(lang, C.fitNote()), l.objective, ...l.warnings].join("\n")}\n`;
}
