/**
 * The one CSV layout every file fundsim writes uses (runs.csv, spending.csv,
 * differences.csv, ledger.csv, the chart data beside a report):
 *
 * - UTF-8 with a byte-order mark at the start, so Excel and WPS read Chinese labels;
 * - CRLF line ends (RFC 4180), the last line ended too;
 * - RFC 4180 quoting: a field is quoted when it holds `"`, `,`, CR or LF, or starts or ends
 *   with white space; quotes inside are doubled;
 * - numbers in JavaScript's shortest round-trip form; an empty field for a missing value,
 *   NaN or ±Infinity.
 *
 * @example
 * csvText(["id", "name"], [["a", 'say "hi"'], ["b", 1.5]])
 * // → '\uFEFFid,name\r\na,"say ""hi"""\r\nb,1.5\r\n'
 */

/** Byte-order mark written at the start of every CSV file. */
export const CSV_BOM = "\uFEFF";
/** Line end of every CSV row. */
export const CSV_EOL = "\r\n";

/** A value of one cell: text, a number, or nothing (empty cell). */
export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field, quoted when needed (RFC 4180). */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One row: fields joined by commas, ended by CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}${CSV_EOL}`;
}

/** A whole CSV file: the byte-order mark, the header row, then the rows. */
export function csvText(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = CSV_BOM + csvRow(header);
  for (const r of rows) out += csvRow(r);
  return out;
}
