/**
 * Import of a household register CSV (one row a household) into Households.
 *
 * Columns (header required, names case-insensitive, any order; Chinese header names
 * accepted, see registerVocab.ts):
 *
 * | column  | content                                                                  |
 * |---------|--------------------------------------------------------------------------|
 * | id      | household id, unique, any text                                           |
 * | village | village name or code, any text                                           |
 * | size    | people in the household, whole number 1–255                              |
 * | income  | per-capita annual income, yuan, number ≥ 0                               |
 * | labour  | labour capacity: 1/0, yes/no, 是/否                                       |
 * | segment | general / dibao / wubao / urban, or 一般 / 低保 / 五保 / 城镇             |
 * | cause   | optional: a CAUSES name or 因病, 因残, 缺劳力 …; blank = other            |
 * | flags   | optional: flag names joined by `|`, e.g. `remote|unsafeHousing`; blank = none |
 * | cohort  | optional: scenario cohort id; absent = first cohort of the row's segment |
 * | registered | optional: registered poor (建档立卡) at the start: 1/0, true/false, 是/否; blank or no column = the row's cohort's `registered` (default 1) |
 *
 * `Households.registered` is set only when some household is not registered (absent: all are).
 *
 * The file is UTF-8 (with or without a byte-order mark) or GB18030/GBK (what Excel's "CSV"
 * saves on Chinese Windows: read as GB18030 when the bytes are not UTF-8, or when asked);
 * fields may be quoted (RFC 4180). An Excel workbook (.xlsx) is read too: its first sheet,
 * one row a household, the header on the first row, line numbers = row numbers.
 * A CSV is streamed: only the current chunk and the typed arrays are in memory. Every bad
 * row is reported with its line, column, what was expected and what was found (the
 * first 20 listed, the rest counted); any bad row rejects the whole file.
 *
 * @example
 * const r = await loadRegister("households.csv");
 * if (!r.ok) for (const i of r.error) stderr.write(say(lang, registerIssue(i)) + "\n");
 * else simulate(r.value);
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import readExcelFile from "read-excel-file/node";
import { err, ok, type Result } from "../util/result.js";
import { CsvRecordReader } from "./csvRecords.js";
import { HouseholdBuilder } from "./householdBuilder.js";
import type { Households, Segment } from "../model/households.js";
import { SEGMENTS } from "../model/households.js";
import { closest, IssueCollector, MAX_LISTED_ISSUES, type RegisterIssue } from "./registerIssues.js";
import {
  CAUSE_WORDS, DEFAULT_CAUSE, FLAG_SEPARATOR, FLAG_WORDS, HEADER_WORDS, LABOUR_WORDS, lookup, REGISTER_COLUMNS,
  REGISTERED_WORDS, REQUIRED_COLUMNS, SEGMENT_WORDS, SHOWN_WORDS, type RegisterColumn,
} from "./registerVocab.js";

export interface RegisterOptions {
  /**
   * The scenario's cohorts (id and segment). With them, a `cohort` cell must name one of
   * the ids, and rows without a cohort go to the first cohort of their segment (or 0).
   * Without them, cohort labels are numbered in order of first appearance.
   */
  readonly cohorts?: readonly { readonly id: string; readonly segment?: Segment; readonly registered?: boolean }[];
  /** How many issues to list before counting the rest (default 20). */
  readonly maxIssues?: number;
  /** Name of the file in messages (defaults to the path). */
  readonly label?: string;
  /**
   * Text encoding of a CSV: "utf-8", "gb18030" (also reads GBK and GB2312), or absent: UTF-8,
   * and GB18030 when the bytes are not UTF-8 but are GB18030.
   */
  readonly encoding?: RegisterEncoding;
}

export const REGISTER_ENCODINGS = ["utf-8", "gb18030"] as const;
export type RegisterEncoding = (typeof REGISTER_ENCODINGS)[number];

/** Largest register workbook read (Excel holds at most 1,048,576 rows; larger registers are CSV). */
export const MAX_REGISTER_XLSX_BYTES = 256 * 1024 * 1024;

/** Largest population one register may hold. */
export const MAX_REGISTER_HOUSEHOLDS = 200_000_000;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Read and validate a register CSV file. */
export async function loadRegister(path: string, options: RegisterOptions = {}): Promise<Result<Households, RegisterIssue[]>> {
  const file = options.label ?? path;
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => e);
  if (info instanceof Error) {
    const code = info.code === "ENOENT" || info.code === "ENOTDIR" ? "missingFile" : "unreadable";
    return err([{ code, file, line: 0, found: info.code ?? info.message }]);
  }
  if (!info.isFile()) return err([{ code: "notAFile", file, line: 0 }]);
  if (info.size === 0) return err([{ code: "emptyFile", file, line: 0 }]);
  try {
    if (isWorkbook(path)) {
      if (info.size > MAX_REGISTER_XLSX_BYTES) return err([{ code: "unreadable", file, line: 0, found: `xlsx > ${MAX_REGISTER_XLSX_BYTES / 1024 / 1024} MB` }]);
      return await loadRegisterWorkbook(path, { ...options, label: file });
    }
    // Hash the bytes as they stream past, so results can name exactly which register they used.
    const read = async (encoding: RegisterEncoding): Promise<Result<Households, RegisterIssue[]>> => {
      const hash = createHash("sha256");
      async function* hashed(): AsyncGenerator<Uint8Array> {
        for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
          hash.update(chunk as Buffer);
          yield chunk as Buffer;
        }
      }
      const r = await parseRegister(hashed(), { ...options, label: file, encoding });
      return r.ok ? ok({ ...r.value, sourceSha256: hash.digest("hex") }) : r;
    };
    const first = await read(options.encoding ?? "utf-8");
    // Not UTF-8: Excel's "CSV" on Chinese Windows is GBK, which GB18030 contains. Its problems
    // are reported only when the header reads as GB18030 (a UTF-8 file with a damaged byte
    // also decodes as GB18030, into a header of nonsense: then the UTF-8 problem is the one).
    if (options.encoding === undefined && !first.ok && first.error.some((i) => i.code === "notText" && i.found !== "NUL")) {
      const second = await read("gb18030");
      const header = ["notText", "unknownColumn", "missingColumn", "duplicateColumn"];
      if (second.ok || !second.error.some((i) => header.includes(i.code))) return second;
    }
    return first;
  } catch (e) {
    const found = e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);
    return err([{ code: "unreadable", file, line: 0, found }]);
  }
}

/**
 * Parse a register from a stream of bytes (or already decoded text chunks).
 *
 * @example
 * const r = await parseRegister([Buffer.from("id,village,size,income,labour,segment\nh1,V1,3,2500,1,dibao\n")]);
 */
export async function parseRegister(
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: RegisterOptions = {},
): Promise<Result<Households, RegisterIssue[]>> {
  const file = options.label ?? "register.csv";
  const issues = new IssueCollector(options.maxIssues ?? MAX_LISTED_ISSUES);
  const rows = new RowReader(file, issues, options);
  const reader = new CsvRecordReader((fields, line) => rows.record(fields, line));
  const encoding = options.encoding ?? "utf-8";
  const decoder = new TextDecoder(encoding, { fatal: true });
  let first = true;
  for await (const chunk of input) {
    if (typeof chunk === "string") {
      reader.push(first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
      first = false;
      continue;
    }
    first = false;
    const nul = chunk.indexOf(0);
    let text: string;
    try {
      if (nul >= 0) throw new Error("NUL byte");
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // Binary or wrongly encoded data: stop at once, no row after this point can be trusted.
      issues.add({ code: "notText", file, line: reader.linesSeen() + 1 + linesBeforeBadByte(chunk, nul, encoding), found: nul >= 0 ? "NUL" : encoding });
      return err(issues.result(file));
    }
    reader.push(text);
    if (rows.stopped) break;
  }
  if (!rows.stopped) {
    const tail = (() => {
      try {
        return decoder.decode();
      } catch {
        return null;
      }
    })();
    if (tail === null) issues.add({ code: "notText", file, line: rows.lastLine + 1, found: encoding });
    else if (tail !== "") reader.push(tail);
    const open = reader.end();
    if (open > 0) issues.add({ code: "unterminatedQuote", file, line: open });
  }
  return finishRegister(rows, issues, file);
}

/** The households read, or every problem found — with a file that had no header or no rows said so. */
function finishRegister(rows: RowReader, issues: IssueCollector, file: string): Result<Households, RegisterIssue[]> {
  if (!rows.sawHeader && !issues.any) issues.add({ code: "emptyFile", file, line: 0 });
  else if (rows.sawHeader && rows.builder.count === 0 && !issues.any) issues.add({ code: "noRows", file, line: 0 });
  if (issues.any) return err(issues.result(file));
  return ok(rows.finish());
}

/** Line breaks in `chunk` before its first NUL byte (`nul` ≥ 0) or first invalid byte sequence. */
function linesBeforeBadByte(chunk: Uint8Array, nul: number, encoding: RegisterEncoding): number {
  const text = new TextDecoder(encoding).decode(nul >= 0 ? chunk.subarray(0, nul) : chunk);
  const bad = nul >= 0 ? text.length : text.indexOf("\uFFFD");
  let n = 0;
  for (let k = text.indexOf("\n"); k >= 0 && k < bad; k = text.indexOf("\n", k + 1)) n++;
  return n;
}

/** Whether a register path names an Excel workbook (by its extension). */
export const isWorkbook = (path: string): boolean => /\.xlsx$/i.test(path);

/** A cell of a register workbook as the text a CSV would hold (numbers as JavaScript writes them, dates as ISO days). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v);
}

/** Read a register from the first sheet of an Excel workbook: rows as CSV records, row numbers as line numbers. */
async function loadRegisterWorkbook(path: string, options: RegisterOptions): Promise<Result<Households, RegisterIssue[]>> {
  const file = options.label ?? path;
  const bytes = await readFile(path);
  let rows: unknown[][];
  try {
    const sheets = (await readExcelFile(bytes)) as { sheet: string; data: unknown[][] }[];
    rows = sheets[0]?.data ?? [];
  } catch {
    return err([{ code: "notText", file, line: 0, found: "xlsx" }]);
  }
  const issues = new IssueCollector(options.maxIssues ?? MAX_LISTED_ISSUES);
  const reader = new RowReader(file, issues, options);
  // The header is the first row with a value, up to its last one; a data row may have blank
  // trailing cells beyond it (Excel keeps some), but a value past the header is a field too many.
  let width = -1;
  for (let k = 0; k < rows.length && !reader.stopped; k++) {
    const fields = (rows[k] ?? []).map(cellText);
    const last = lastNonBlank(fields);
    if (last < 0) continue; // a blank row
    if (width < 0) width = last + 1;
    const record = last < width ? Array.from({ length: width }, (_, j) => fields[j] ?? "") : fields.slice(0, last + 1);
    reader.record(record, k + 1);
  }
  const r = finishRegister(reader, issues, file);
  return r.ok ? ok({ ...r.value, sourceSha256: createHash("sha256").update(bytes).digest("hex") }) : r;
}

function lastNonBlank(fields: readonly string[]): number {
  let j = fields.length - 1;
  while (j >= 0 && (fields[j] as string).trim() === "") j--;
  return j;
}

/** Turns records into households, checking every field. */
class RowReader {
  readonly builder = new HouseholdBuilder(1 << 14);
  sawHeader = false;
  stopped = false;
  lastLine = 0;
  private columnOf: Partial<Record<RegisterColumn, number>> = {};
  private width = 0;
  private readonly ids: string[] = [];
  private readonly idLine = new Map<string, number>();
  private readonly villageIndex = new Map<string, number>();
  private readonly villageNames: string[] = [];
  private readonly cohortIndex = new Map<string, number>();
  private readonly cohortNames: string[] = [];
  private readonly segmentCohort: number[];

  constructor(
    private readonly file: string,
    private readonly issues: IssueCollector,
    private readonly options: RegisterOptions,
  ) {
    const cohorts = options.cohorts ?? [];
    cohorts.forEach((c, i) => {
      this.cohortIndex.set(c.id, i);
      this.cohortNames.push(c.id);
    });
    this.segmentCohort = SEGMENTS.map((s) => Math.max(0, cohorts.findIndex((c) => c.segment === s)));
  }

  record(fields: string[], line: number): void {
    this.lastLine = line;
    if (this.stopped) return;
    if (!this.sawHeader) {
      this.header(fields, line);
      return;
    }
    this.row(fields, line);
  }

  private header(fields: string[], line: number): void {
    this.sawHeader = true;
    this.width = fields.length;
    const seen = new Set<RegisterColumn>();
    fields.forEach((raw, i) => {
      const name = raw.trim();
      const col = HEADER_WORDS.get(name.toLowerCase());
      if (col === undefined) {
        const suggestion = closest(name, REGISTER_COLUMNS);
        this.issues.add({ code: "unknownColumn", file: this.file, line, found: name, allowed: REGISTER_COLUMNS, ...(suggestion ? { suggestion } : {}) });
      } else if (seen.has(col)) {
        this.issues.add({ code: "duplicateColumn", file: this.file, line, column: col, found: name });
      } else {
        seen.add(col);
        this.columnOf[col] = i;
      }
    });
    for (const c of REQUIRED_COLUMNS) {
      if (!seen.has(c)) this.issues.add({ code: "missingColumn", file: this.file, line, column: c });
    }
    // Without a usable header no row can be read: stop here.
    if (this.issues.any) this.stopped = true;
  }

  private row(fields: string[], line: number): void {
    const file = this.file;
    if (fields.length !== this.width) {
      // A single empty field on a line of its own is a blank line: skip it.
      if (fields.length === 1 && fields[0]?.trim() === "") return;
      this.issues.add({ code: "fieldCount", file, line, found: String(fields.length), count: this.width });
      return;
    }
    const b = this.builder;
    if (b.count >= MAX_REGISTER_HOUSEHOLDS) {
      this.issues.add({ code: "tooLarge", file, line, count: MAX_REGISTER_HOUSEHOLDS });
      this.stopped = true;
      return;
    }
    this.fields = fields;
    this.line = line;
    this.bad = false;
    const id = this.get("id") ?? "";
    if (id === "") this.problem({ code: "emptyValue", column: "id" });
    else {
      const first = this.idLine.get(id);
      if (first !== undefined) this.problem({ code: "duplicateId", column: "id", found: id, count: first });
      else this.idLine.set(id, line);
    }

    const villageName = this.get("village") ?? "";
    if (villageName === "") this.problem({ code: "emptyValue", column: "village" });

    const sizeText = this.get("size") ?? "";
    const size = Number(sizeText);
    if (sizeText === "") this.problem({ code: "emptyValue", column: "size" });
    else if (!NUMBER.test(sizeText) || !Number.isInteger(size) || size < 1 || size > 255) {
      this.problem({ code: NUMBER.test(sizeText) && Number.isInteger(size) ? "outOfRange" : "notInteger", column: "size", found: sizeText, min: 1, max: 255 });
    }

    const incomeText = this.get("income") ?? "";
    const income = Number(incomeText);
    if (incomeText === "") this.problem({ code: "emptyValue", column: "income" });
    else if (!NUMBER.test(incomeText) || !Number.isFinite(income)) this.problem({ code: "notNumber", column: "income", found: incomeText });
    else if (income < 0) this.problem({ code: "outOfRange", column: "income", found: incomeText, min: 0 });

    const labour = this.word("labour", this.get("labour") ?? "", LABOUR_WORDS, SHOWN_WORDS.labour, true);
    const segment = this.word("segment", this.get("segment") ?? "", SEGMENT_WORDS, SHOWN_WORDS.segment, true);
    const causeText = this.get("cause") ?? "";
    const cause = causeText === "" ? DEFAULT_CAUSE : this.word("cause", causeText, CAUSE_WORDS, SHOWN_WORDS.cause, false);

    let flags = 0;
    const flagText = this.get("flags") ?? "";
    if (flagText !== "") {
      for (const part of flagText.split(FLAG_SEPARATOR)) {
        const f = part.trim();
        if (f === "") continue;
        const v = lookup(FLAG_WORDS, f);
        if (v === undefined) {
          const suggestion = closest(f, SHOWN_WORDS.flags);
          this.problem({ code: "unknownValue", column: "flags", found: f, allowed: SHOWN_WORDS.flags, ...(suggestion ? { suggestion } : {}) });
        } else flags |= v;
      }
    }

    let cohort = segment >= 0 ? (this.segmentCohort[segment] ?? 0) : 0;
    const cohortText = this.get("cohort") ?? "";
    if (cohortText !== "") {
      const known = this.cohortIndex.get(cohortText);
      if (known !== undefined) cohort = known;
      else if (this.options.cohorts !== undefined) {
        const allowed = this.options.cohorts.map((c) => c.id);
        const suggestion = closest(cohortText, allowed);
        this.problem({ code: "unknownValue", column: "cohort", found: cohortText, allowed, ...(suggestion ? { suggestion } : {}) });
      } else if (this.cohortNames.length >= 65_536) {
        this.problem({ code: "outOfRange", column: "cohort", found: cohortText, max: 65_535 });
      } else {
        cohort = this.cohortNames.length;
        this.cohortIndex.set(cohortText, cohort);
        this.cohortNames.push(cohortText);
      }
    }

    const registeredText = this.get("registered") ?? "";
    const registered =
      registeredText === "" ? (this.options.cohorts?.[cohort]?.registered === false ? 0 : 1) : this.word("registered", registeredText, REGISTERED_WORDS, SHOWN_WORDS.registered, false);

    // Once any row is bad the file is rejected: keep checking rows, stop storing them.
    if (this.bad || this.issues.any) return;

    let village = this.villageIndex.get(villageName);
    if (village === undefined) {
      village = this.villageNames.length;
      this.villageIndex.set(villageName, village);
      this.villageNames.push(villageName);
    }
    this.ids.push(id);
    const i = b.add();
    b.size[i] = size;
    b.income[i] = income;
    b.labour[i] = labour;
    b.segment[i] = segment;
    b.cause[i] = cause;
    b.flags[i] = flags;
    b.village[i] = village;
    b.cohort[i] = cohort;
    b.registered[i] = registered;
  }

  private fields: string[] = [];
  private line = 0;
  private bad = false;

  /** The trimmed value of a column in the current row (undefined when the file has no such column). */
  private get(c: RegisterColumn): string | undefined {
    const i = this.columnOf[c];
    return i === undefined ? undefined : (this.fields[i] ?? "").trim();
  }

  /** Record a problem in the current row. */
  private problem(issue: Omit<RegisterIssue, "file" | "line">): void {
    this.bad = true;
    this.issues.add({ file: this.file, line: this.line, ...issue });
  }

  private word(
    column: RegisterColumn,
    text: string,
    words: ReadonlyMap<string, number>,
    shown: readonly string[],
    required: boolean,
  ): number {
    if (text === "") {
      if (required) this.problem({ code: "emptyValue", column });
      return -1;
    }
    const v = lookup(words, text);
    if (v !== undefined) return v;
    const suggestion = closest(text, shown);
    this.problem({ code: "unknownValue", column, found: text, allowed: shown, ...(suggestion ? { suggestion } : {}) });
    return -1;
  }

  finish(): Households {
    return this.builder.finish(this.villageNames.length, {
      ids: this.ids,
      villageNames: this.villageNames,
      ...(this.cohortNames.length > 0 ? { cohortNames: this.cohortNames } : {}),
    });
  }
}
