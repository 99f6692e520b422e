/**
 * Labels as the scenario wrote them (one string or {en, zh}), and picking one for a language.
 *
 * @example
 * labelText({ en: "City fund", zh: "市扶贫资金" }, "zh") // "市扶贫资金"
 * labelText(undefined, "en", "industry")                  // "industry"
 */
import type { Lang, Localized } from "./lang.js";
import type { Label } from "../ledger/types.js";

export const labelOf = (label: Label | undefined, id: string): Label => label ?? id;

export function labelText(label: Label | undefined, lang: Lang, fallback = ""): string {
  if (label === undefined) return fallback;
  return typeof label === "string" ? label : label[lang];
}

/** A label as a Localized (a single string serves both languages). */
export const named = (label: Label): Localized => (typeof label === "string" ? { en: label, zh: label } : label);
