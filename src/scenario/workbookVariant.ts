/**
 * A variant read from an allocation workbook (`fundsim template-xlsx` writes one from a
 * scenario; a planner fills in the amounts in Excel): `--variant FILE.xlsx`. The first sheet
 * has a header row whose first cell is `id` and whose year cells are the horizon's years; each
 * row below it is a programme id and its allocation in yuan for each year (an empty cell is
 * 0 in that year; a programme not listed keeps the scenario's allocation). Problems are
 * located by sheet and cell (C5).
 *
 * @example
 * const v = await workbookVariant("allocations.xlsx"); // { id: "workbook", set: { "programmes.industry.allocation": { value: {2017: 2000000} … } } }
 */
import readExcelFile from "read-excel-file/node";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { err, ok, type Result } from "../util/result.js";
import type { Issue } from "./issues.js";
import { columnName } from "../util/spreadsheet.js";

export const WORKBOOK_VARIANT_ID = "workbook";
/** Largest workbook read (an allocation sheet is a few kilobytes). */
export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;

export interface WorkbookVariant {
  readonly id: string;
  readonly label: { readonly en: string; readonly zh: string };
  readonly description: { readonly en: string; readonly zh: string };
  readonly set: Record<string, unknown>;
}

/** Read an allocation workbook as a variant; issues name the file, sheet and cell. */
export async function workbookVariant(file: string): Promise<Result<WorkbookVariant, Issue[]>> {
  const whole = (code: Issue["code"], extra: Partial<Issue> = {}): Result<never, Issue[]> => err([{ code, path: [], file, ...extra }]);
  try {
    const st = await stat(file);
    if (st.isDirectory()) return whole("isDirectory");
    if (st.size > MAX_WORKBOOK_BYTES) return whole("fileTooLarge", { found: `${st.size} bytes`, expected: `${MAX_WORKBOOK_BYTES} bytes` });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? whole("fileNotFound") : whole("unreadable", { detail: String(code ?? e) });
  }
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readExcelFile(file)) as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    return whole("workbookLayout", { detail: "notXlsx", found: e instanceof Error ? e.message.slice(0, 120) : String(e) });
  }
  const first = sheets[0];
  if (!first) return whole("workbookLayout", { detail: "noSheet" });
  const sheet = first.sheet;
  const at = (r: number, c: number): string => `${sheet}!${columnName(c)}${r + 1}`;
  const headerRow = first.data.findIndex((row) => String(row[0] ?? "").trim().toLowerCase() === "id");
  if (headerRow < 0) return whole("workbookLayout", { detail: "noHeader", found: sheet });
  const header = first.data[headerRow] ?? [];
  const years = header.map((h, c) => ({ c, year: /^\s*(\d{4})\s*$/.exec(String(h ?? ""))?.[1] })).filter((x): x is { c: number; year: string } => x.year !== undefined);
  if (years.length === 0) return whole("workbookLayout", { detail: "noYears", found: at(headerRow, 1) });
  const issues: Issue[] = [];
  const set: Record<string, unknown> = {};
  const name = basename(file);
  for (let r = headerRow + 1; r < first.data.length; r++) {
    const row = first.data[r] ?? [];
    const id = String(row[0] ?? "").trim();
    if (id === "") continue;
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) {
      issues.push({ code: "workbookCell", path: [], file, found: id, expected: "a programme id (letters, digits, - and _)", detail: at(r, 0) });
      continue;
    }
    const value: Record<string, number> = {};
    for (const { c, year } of years) {
      const cell = row[c];
      if (cell === null || cell === undefined || String(cell).trim() === "") {
        value[year] = 0;
        continue;
      }
      const n = typeof cell === "number" ? cell : Number(String(cell).replace(/[,\s]/g, ""));
      if (!Number.isFinite(n) || n < 0) {
        issues.push({ code: "workbookCell", path: [], file, found: String(cell), expected: `an amount in yuan for ${id} in ${year} (a number ≥ 0)`, detail: at(r, c) });
        continue;
      }
      // Whole fen: a spreadsheet's double of a fen amount is rounded back to it.
      value[year] = Math.round(n * 100) / 100;
    }
    set[`programmes.${id}.allocation`] = { value, assumption: `From the allocation workbook ${name} (sheet ${sheet}, row ${r + 1}).` };
  }
  if (issues.length > 0) return err(issues);
  if (Object.keys(set).length === 0) return whole("workbookLayout", { detail: "noAmounts", found: sheet });
  return ok({
    id: WORKBOOK_VARIANT_ID,
    label: { en: `Allocations from ${name}`, zh: `来自 ${name} 的资金分配` },
    description: { en: `Programme allocations read from the workbook ${name}, sheet ${sheet}.`, zh: `从工作簿 ${name}（工作表 ${sheet}）读取的项目资金分配。` },
    set,
  });
}
