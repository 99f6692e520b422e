/**
 * Labels as the scenario wrote them (one string or {en, zh}), and picking one for a language.
 *
 * @example
 * labelText({ en: "City fund", zh: "市扶贫资金" }, "zh") // "市扶贫资金"
 * labelText(undefined, "en", "industry")                  // "industry"
 */
import type { Lang, Localized } from "./lang.js";
import type { Label } from "../ledger/types.js";
import type { SpendingRow } from "../results/reconcile.js";

export const labelOf = (label: Label | undefined, id: string): Label => label ?? id;

export function labelText(label: Label | undefined, lang: Lang, fallback = ""): string {
  if (label === undefined) return fallback;
  return typeof label === "string" ? label : label[lang];
}

/** A label as a Localized (a single string serves both languages). */
export const named = (label: Label): Localized => (typeof label === "string" ? { en: label, zh: label } : label);

/** The label of programme `id` as a results set's spending rows carry it (undefined: no label, or no row). */
export function programmeLabel(rows: readonly SpendingRow[] | undefined, id: string): Label | undefined {
  return rows?.find((r) => r.item === "programme" && r.id === id)?.label;
}
