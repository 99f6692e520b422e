/**
 * How variants are shown in a report: their labels (from the scenario, in the report's
 * language), what each one changes, and the table of paired differences.
 *
 * @example
 * variantLabel(loaded, "full-capacity", "en") // the variant's label in English, if the scenario gives one
 * variantTable([{ variant: "full-capacity", paired }], "en").rows[0] // ["full-capacity", "+1,234 (…)", …]
 */
import type { Lang } from "../messages/lang.js";
import { say } from "../messages/lang.js";
import * as M from "../messages/report.js";
import { baselineName as baselineWord } from "../messages/results.js";
import { formatNumber, moneyScale } from "../messages/format.js";
import { labelText } from "../messages/label.js";
import type { PairedDifferences, PairedStat } from "../results/paired.js";
import type { LoadedScenario } from "../scenario/types.js";
import type { DisplayTable } from "./types.js";

/** The id the baseline goes by in chart data: the variant it applies, or "baseline". */
export const BASELINE_ID = "baseline";

/** A variant's label from the scenario in `lang`; undefined when the scenario gives none. */
export function variantLabel(loaded: LoadedScenario | undefined, id: string, lang: Lang): string | undefined {
  const label = loaded?.scenario.variants.find((v) => v.id === id)?.label;
  const text = label === undefined ? "" : labelText(label, lang);
  return text !== "" ? text : undefined;
}

/** How the baseline is shown: the label of the variant it applies (else its id), or "baseline" in `lang`. */
export function baselineShown(loaded: LoadedScenario | undefined, lang: Lang): string {
  return loaded?.variant !== undefined ? (variantLabel(loaded, loaded.variant, lang) ?? loaded.variant) : say(lang, baselineWord());
}

const signed = (x: number, text: string): string => (x > 0 ? `+${text}` : text);

/**
 * What each variant changes, from the scenario's labels and descriptions: [label, description
 * and the id it is given by on the command line]; a variant without a label goes by its id.
 */
export function variantNotes(names: readonly string[], loaded: LoadedScenario | undefined, lang: Lang): [string, string][] {
  return names.map((id) => {
    const v = loaded?.scenario.variants.find((x) => x.id === id);
    const label = variantLabel(loaded, id, lang);
    const description = v?.description !== undefined ? labelText(v.description, lang) : "";
    return label !== undefined ? [label, say(lang, M.variantNote(description, id))] : [id, description];
  });
}

/** The variants' paired differences as a table (money in million yuan or 万元, named in the title); a variant shows as its label, else its id. */
export function variantTable(diffs: readonly { variant: string; label?: string | undefined; paired: PairedDifferences }[], lang: Lang): DisplayTable {
  const level = `${Math.round((diffs[0]?.paired.level ?? 0.95) * 100)}%`;
  const { divisor, unit } = moneyScale(lang);
  const num = (st: PairedStat | null | undefined, f: (x: number) => string): string => (st ? `${signed(st.mean, f(st.mean))} (${f(st.lo)} … ${f(st.hi)})` : "—");
  const people = (x: number): string => formatNumber(x, 0);
  const money = (x: number): string => formatNumber(x / divisor, lang === "zh" ? 1 : 2);
  const points = (x: number): string => formatNumber(100 * x, 1);
  const columns = [say(lang, M.colVariant()), say(lang, M.colDeltaExits()), say(lang, M.colDeltaCost()), say(lang, M.colDeltaPoolLoss()), say(lang, M.colDeltaTargets())];
  return {
    title: say(lang, M.tableVariants(level, unit)),
    columns,
    rows: diffs.map((d) => [
      d.label ?? d.variant,
      num(d.paired.metrics["exitedPeople"]?.horizon, people),
      num(d.paired.metrics["fiscalCost"]?.horizon, money),
      num(d.paired.metrics["poolLoss"]?.horizon, money),
      num(d.paired.targetsMet, points),
    ]),
    numeric: [false, true, true, true, true],
  };
}
