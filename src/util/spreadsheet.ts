/**
 * Spreadsheet addresses: column letters of a 0-based column index, as Excel and LibreOffice
 * name them (the workbook writer and the allocation-workbook reader share them).
 *
 * @example
 * columnName(0)   // "A"
 * columnName(26)  // "AA"
 */

/** Column letters of a 0-based index (0 → A, 25 → Z, 26 → AA, 702 → AAA). */
export function columnName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
