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

/** The whole text, ending in a newline. */
export function studyText(study: Study, o: StudyTextOptions): string {
  const { lang } = o;
  const r = study.result;
  const heads = (cols: Localized[]): string[] => cols.map((c) => say(lang, c));
  const lines: string[] = [say(lang, S.sensitivityHeading(o.name, r.method, S.outputShown(study.output.metric, study.output.year), study.runs, study.seed))];
  const defaults = study.inputs.filter((i) => i.isDefault).map((i) => i.name);
  if (defaults.length > 0) lines.push(say(lang, S.defaultsUsed(defaults)));
  const range = (i: number): [string, string, string] => {
    const inp = study.inputs[i];
    return [inp?.name ?? String(i), S.fig(inp?.low ?? Number.NaN), S.fig(inp?.high ?? Number.NaN)];
  };
  switch (r.method) {
    case "tornado":
      lines.push(say(lang, S.baseLine(S.fig(r.tornado.base.mean), S.fig(r.tornado.base.se))), "");
      lines.push(table(heads(S.tornadoColumns()), r.tornado.bars.map((b) => [...range(b.input), pm(b.lowEffect, b.lowSe), pm(b.highEffect, b.highSe), pm(b.swing, b.swingSe)])));
      lines.push("", say(lang, S.tornadoNote(study.runs)));
      break;
    case "morris": {
      const order = study.inputs.map((_, i) => i).sort((a, b) => (r.indices.muStar[b] as number) - (r.indices.muStar[a] as number) || a - b);
      lines.push("");
      lines.push(
        table(
          heads(S.morrisColumns()),
          order.map((i) => [...range(i), `${S.fig(r.indices.muStar[i] as number)} ± ${S.fig(r.muStarSe[i] as number)}`, signed(r.indices.mu[i] as number), S.fig(r.indices.sigma[i] as number)]),
        ),
      );
      lines.push("", say(lang, S.morrisNote(r.trajectories, r.levels, study.runs)));
      break;
    }
    case "sobol": {
      const order = study.inputs.map((_, i) => i).sort((a, b) => (r.indices.total[b] as number) - (r.indices.total[a] as number) || a - b);
      lines.push("");
      lines.push(table(heads(S.sobolColumns()), order.map((i) => [...range(i), ci(r.indices.first[i] as number, r.indices.firstCi[i]), ci(r.indices.total[i] as number, r.indices.totalCi[i])])));
      lines.push("", say(lang, S.sobolNote(r.samples, study.runs, study.evaluations)));
      break;
    }
    default:
      return r satisfies never;
  }
  return `${lines.join("\n")}\n`;
}
