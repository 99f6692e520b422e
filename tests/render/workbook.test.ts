/**
 * The ledger workbook (`fundsim export-xlsx`): its formulas, evaluated here over the amounts
 * it writes, give the ledger's exact totals, balance and unspent money (to the fen), in yuan
 * and in 万元, with and without carry forward; the file reads back with its Chinese sheet
 * names and amounts; and the CLI writes it atomically, never over a user's file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import readExcelFile from "read-excel-file/node";
import { loadScenario } from "../../src/scenario/index.js";
import { buildLedger } from "../../src/ledger/build.js";
import { ledgerSheets, ledgerWorkbook, type XlsxUnit } from "../../src/render/workbook.js";
import { columnName } from "../../src/util/spreadsheet.js";
import { unwrap } from "../../src/util/result.js";
import { runCapture } from "../../src/cli/main.js";

type CellValue = { value?: unknown; type?: unknown } | string | number | null | undefined;

/** Evaluate the workbook's formulas (SUM over a range, cell references, + and −, numbers) over its own cells. */
function evaluator(rows: readonly (readonly CellValue[])[]): (ref: string) => number {
  const at = (ref: string): number => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`bad reference ${ref}`);
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const cell = rows[Number(m[2]) - 1]?.[col];
    if (cell === null || cell === undefined || cell === "") return 0;
    if (typeof cell === "number") return cell;
    if (typeof cell === "object" && cell.type === "Formula") return formula(String(cell.value));
    if (typeof cell === "object" && typeof cell.value === "number") return cell.value;
    return 0;
  };
  const range = (a: string, b: string): number => {
    const [ca, ra] = [/[A-Z]+/.exec(a)![0], Number(/\d+/.exec(a)![0])];
    const [cb, rb] = [/[A-Z]+/.exec(b)![0], Number(/\d+/.exec(b)![0])];
    const cols = (c: string): number => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    let s = 0;
    for (let r = ra; r <= rb; r++) for (let c = cols(ca); c <= cols(cb); c++) s += at(`${columnName(c)}${r}`);
    return s;
  };
  const formula = (f: string): number => {
    const sum = /^SUM\(([A-Z]+\d+):([A-Z]+\d+)\)$/.exec(f);
    if (sum) return range(sum[1]!, sum[2]!);
    return f.split(/(?=[+-])/).reduce((t, term) => {
      const sign = term.startsWith("-") ? -1 : 1;
      const x = term.replace(/^[+-]/, "");
      return t + sign * (/^\d+(\.\d+)?$/.test(x) ? Number(x) : at(x));
    }, 0);
  };
  return at;
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-xlsx-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the ledger workbook", () => {
  it("names columns as spreadsheets do", () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
  });

  it.each([
    ["scenarios/jiangmen-2016.yaml", "wan"],
    ["scenarios/linghai-2017.yaml", "yuan"],
    ["tests/fixtures/minimal.yaml", "yuan"], // without carry forward
  ] as const)("%s (%s): the formulas give the ledger's totals, balance and unspent money to the fen", async (file, unit: XlsxUnit) => {
    const loaded = unwrap(await loadScenario(file, file.includes("minimal") ? { sets: ["funding.carryForward=false"] } : {}));
    const l = buildLedger(loaded.scenario);
    expect(l.carryForward).toBe(!file.includes("minimal"));
    const { sheets, rows } = ledgerSheets(l, { lang: "zh", unit, scenario: { file, id: loaded.scenario.meta.id, hash: loaded.hash }, version: "test" });
    const at = evaluator(sheets[0]!.data as CellValue[][]);
    const scale = unit === "wan" ? 10_000 : 1;
    const fen = 0.005;
    l.balance.forEach((b, k) => {
      const c = columnName(2 + k);
      expect(Math.abs(at(`${c}${rows.sourcesTotal}`) * scale - b.sources.toNumber())).toBeLessThan(fen);
      expect(Math.abs(at(`${c}${rows.usesTotal}`) * scale - b.uses.toNumber())).toBeLessThan(fen);
      expect(Math.abs(at(`${c}${rows.closing}`) * scale - b.closing.toNumber())).toBeLessThan(fen);
    });
    expect(Math.abs(at(`C${rows.unspent}`) * scale - l.totals.unspent.toNumber())).toBeLessThan(fen);
    expect(Math.abs(at(`${columnName(2 + l.years.length)}${rows.sourcesTotal}`) * scale - l.totals.sources.toNumber())).toBeLessThan(fen);
  });

  it("reads back with its Chinese sheets and the ledger's amounts; the CLI writes it, never over a user's file", async () => {
    const loaded = unwrap(await loadScenario("scenarios/jiangmen-2016.yaml"));
    const l = buildLedger(loaded.scenario);
    const bytes = await ledgerWorkbook(l, { lang: "zh", unit: "wan", scenario: { file: "j", id: "j", hash: loaded.hash }, version: "test" });
    const sheets = await readExcelFile(Buffer.from(bytes));
    expect(sheets.map((s) => s.sheet)).toEqual(["台账", "核查", "说明"]);
    const ledger = sheets[0]!.data;
    expect(ledger[2]).toEqual(["项目", "类别", "2016", "2017", "2018", "合计"]);
    const first = l.sources[0]!;
    const row = ledger.find((r) => r[0] === "市扶贫基金");
    expect(row?.slice(2, 5)).toEqual(first.byYear.map((x) => x.div(10_000).toNumber()));

    const out = join(dir, "j.xlsx");
    const r = await runCapture(["export-xlsx", "scenarios/jiangmen-2016.yaml", "--lang", "zh", "--out", out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await readExcelFile(await readFile(out))).map((s) => s.sheet)).toEqual(["台账", "核查", "说明"]);
    const theirs = join(dir, "budget.xlsx");
    await writeFile(theirs, "not ours");
    const refused = await runCapture(["export-xlsx", "scenarios/jiangmen-2016.yaml", "--out", theirs]);
    expect(refused.exitCode).not.toBe(0);
    expect(await readFile(theirs, "utf8")).toBe("not ours");
    expect(refused.stderr).toContain("--force");
  });
});
