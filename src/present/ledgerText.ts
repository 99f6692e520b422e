/**
 * The ledger as a terminal table: aligned columns (Chinese characters count double width),
 * thousands separators, totals rows under a rule, then the checks.
 *
 * @example
 * process.stdout.write(ledgerText(buildLedger(s), "en"));
 */
import type { Lang } from "../messages/lang.js";
import * as M from "../messages/ledger.js";
import { labelText } from "../messages/label.js";
import { ledgerTables, type LedgerTable } from "../ledger/tables.js";
import type { Ledger } from "../ledger/types.js";

/** Columns a string takes in a terminal (CJK and full-width forms take two). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Longest label shown; longer ones are cut with "…" (CSV and JSON keep them whole). */
export const MAX_LABEL_WIDTH = 64;

function fit(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = "";
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

const padEnd = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number): string => " ".repeat(Math.max(0, w - displayWidth(s))) + s;

/** One table as aligned text. */
export function renderTable(tb: LedgerTable): string {
  const rows = tb.rows.map((r) => r.map((c, i) => (i === 0 ? fit(c, MAX_LABEL_WIDTH) : c)));
  const widths = tb.columns.map((c, i) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (tb.numeric[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  const out = [tb.title, line(tb.columns), rule];
  rows.forEach((r, i) => {
    if (tb.totalRows.includes(i)) out.push(rule);
    out.push(line(r));
  });
  return out.join("\n");
}

/** The whole ledger as text: title, unit line, every table, then the checks. */
export function ledgerText(l: Ledger, lang: Lang): string {
  const t = (m: { en: string; zh: string }): string => m[lang];
  const span = `${l.years[0]}–${l.years[l.years.length - 1]}`;
  const parts = [`${t(M.tableTitle(labelText(l.name, lang), span, l.years[0]!))}\n${t(M.unitYuan())}`];
  for (const tb of ledgerTables(l, lang)) parts.push(renderTable(tb));
  const checks = l.checks.length === 0 ? [t(M.noChecks())] : l.checks.map((c) => `[${t(M.severityName(c.severity))}] ${c.message[lang]}`);
  parts.push([t(M.sectionChecks()), ...checks.map((c) => `  ${c}`)].join("\n"));
  return `${parts.join("\n\n")}\n`;
}
