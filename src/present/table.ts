/**
 * Plain-text tables for the console: columns aligned by display width (a CJK character is
 * two columns wide), the first column left, the others right, a rule under the head.
 *
 * @example
 * table(["parameter", "value"], [["income.growth", "0.061"]]);
 */
import { displayWidth } from "./ledgerText.js";

const padEnd = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number): string => " ".repeat(Math.max(0, w - displayWidth(s))) + s;

/** Columns aligned: the first left, the rest right. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ""))));
  const line = (cells: readonly string[]): string => cells.map((x, c) => (c === 0 ? padEnd(x, widths[c] ?? 0) : padStart(x, widths[c] ?? 0))).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}
