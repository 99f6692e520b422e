/** Languages every user-facing message exists in. */
export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];
export const isLang = (x: unknown): x is Lang => typeof x === "string" && (LANGS as readonly string[]).includes(x);

/** A message in every language. Message functions in src/messages/* return these. */
export type Localized = { readonly [L in Lang]: string };

/** Pick the text for a language. */
export const say = (lang: Lang, m: Localized): string => m[lang];

/** Build a Localized from two strings (keeps call sites short). */
export const loc = (en: string, zh: string): Localized => ({ en, zh });

/** Longest echoed value (a found value, a column name, --set text) before it is shortened. */
export const MAX_ECHO = 80;

/**
 * Shorten text echoed back to the user, keeping its start, with an ellipsis and the length.
 *
 * @example
 * clip("x".repeat(10_000)) // "xxx…xxx… (10,000 characters)"
 */
export function clip(text: string, max = MAX_ECHO): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}… (${text.length.toLocaleString("en-US")} characters)`;
}
