/**
 * The console text of a sensitivity study: heading, which defaults were varied, one row
 * per parameter with each figure's uncertainty, and a note saying what that uncertainty
 * includes. Numbers through `messages/format.ts`; words from `messages/sensitivity.ts`.
 *
 * @example
 * process.stdout.write(studyText(study, { lang: "zh", name: "凌海市" }));
 */
import { say, type Lang, type Localized } from "../messages/lang.js";
import * as S from "../messages/sensitivity.js";
import type { Study } from "../sensitivity/study.js";
import { table } from "./table.js";

const pm = (x: number, se: number): string => `${signed(x)} ± ${S.fig(se)}`;
const signed = (x: number): string => (x > 0 ? `+${S.fig(x)}` : S.fig(x));
const ci = (x: number, iv: readonly [number, number] | undefined): string => `${S.fig(x)} [${S.fig(iv?.[0] ?? Number.NaN)}, ${S.fig(iv?.[1] ?? Number.NaN)}]`;

export interface StudyTextOptions {
  readonly lang: Lang;
  /** The scenario's name in `lang`. */
  readonly name: string;
}

/** The parts of a study's text: heading, notes before the table, the table, the note after it. */
export interface StudyParts {
  readonly heading: string;
  readonly before: readonly string[];
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly note: string;
}

/** A study as parts (the console text and the report's section share them). */
export function studyParts(study: Study, o: StudyTextOptions): StudyParts {
  const { lang } = o;
  const r = study.result;
  const heads = (cols: Localized[]): string[] => cols.map((c) => say(lang, c));
  const heading = say(lang, S.sensitivityHeading(o.name, r.method, S.outputShown(study.output.metric, study.output.year), study.runs, study.seed));
  const before: string[] = [];
  const defaults = study.inputs.filter((i) => i.isDefault).map((i) => i.name);
  if (defaults.length > 0) before.push(say(lang, S.defaultsUsed(defaults)));
  const range = (i: number): [string, string, string] => {
    const inp = study.inputs[i];
    return [inp?.name ?? String(i), S.fig(inp?.low ?? Number.NaN), S.fig(inp?.high ?? Number.NaN)];
  };
  switch (r.method) {
    case "tornado":
      before.push(say(lang, S.baseLine(S.fig(r.tornado.base.mean), S.fig(r.tornado.base.se))));
      return {
        heading,
        before,
        columns: heads(S.tornadoColumns()),
        rows: r.tornado.bars.map((b) => [...range(b.input), pm(b.lowEffect, b.lowSe), pm(b.highEffect, b.highSe), pm(b.swing, b.swingSe)]),
        note: say(lang, S.tornadoNote(study.runs)),
      };
    case "morris": {
      const order = study.inputs.map((_, i) => i).sort((a, b) => (r.indices.muStar[b] as number) - (r.indices.muStar[a] as number) || a - b);
      return {
        heading,
        before,
        columns: heads(S.morrisColumns()),
        rows: order.map((i) => [...range(i), `${S.fig(r.indices.muStar[i] as number)} ± ${S.fig(r.muStarSe[i] as number)}`, signed(r.indices.mu[i] as number), S.fig(r.indices.sigma[i] as number)]),
        note: say(lang, S.morrisNote(r.trajectories, r.levels, study.runs)),
      };
    }
    case "sobol": {
      const order = study.inputs.map((_, i) => i).sort((a, b) => (r.indices.total[b] as number) - (r.indices.total[a] as number) || a - b);
      return {
        heading,
        before,
        columns: heads(S.sobolColumns()),
        rows: order.map((i) => [...range(i), ci(r.indices.first[i] as number, r.indices.firstCi[i]), ci(r.indices.total[i] as number, r.indices.totalCi[i])]),
        note: say(lang, S.sobolNote(r.samples, study.runs, study.evaluations)),
      };
    }
    default:
      return r satisfies never;
  }
}

/** The whole text, ending in a newline. */
export function studyText(study: Study, o: StudyTextOptions): string {
  const p = studyParts(study, o);
  return `${[p.heading, ...p.before, "", table(p.columns, p.rows), "", p.note].join("\n")}\n`;
}
