/**
 * The ledger as JSON: the Ledger object itself, with every Decimal written as an exact
 * decimal string ("333180000", "2375000", "0.0475") and `format: "fundsim-ledger"`,
 * `version: 1` in front. The shape is documented in docs/ledger.md.
 *
 * @example
 * const doc = JSON.parse(ledgerJson(ledger));
 * doc.target.required // "333180000"
 */
import { Decimal } from "decimal.js";
import { exactString } from "../model/money.js";
import type { Ledger } from "./types.js";

export const LEDGER_JSON_VERSION = 1 as const;

/** Plain JSON data: Decimals → exact strings, undefined fields dropped. */
export function toPlain(x: unknown): unknown {
  if (Decimal.isDecimal(x)) return exactString(x as Decimal);
  if (Array.isArray(x)) return x.map(toPlain);
  if (x !== null && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (v !== undefined) out[k] = toPlain(v);
    return out;
  }
  return x;
}

export function ledgerJson(l: Ledger): string {
  return `${JSON.stringify({ format: "fundsim-ledger", version: LEDGER_JSON_VERSION, ...(toPlain(l) as object) }, null, 2)}\n`;
}
