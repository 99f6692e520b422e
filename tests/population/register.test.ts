import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import writeXlsxFile from "write-excel-file/node";
import { loadRegister, parseRegister } from "../../src/population/register.js";
import { CAUSES, FLAG, SEGMENTS } from "../../src/model/households.js";
import { registerIssue } from "../../src/messages/population.js";
import type { RegisterIssue } from "../../src/population/registerIssues.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-register-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER = "id,village,size,income,labour,segment,cause,flags";

async function fileWith(name: string, content: string | Uint8Array): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, content);
  return p;
}

async function issuesOf(content: string | Uint8Array, options = {}): Promise<RegisterIssue[]> {
  const r = await loadRegister(await fileWith(`f${Math.floor(performance.now() * 1000)}.csv`, content), options);
  if (r.ok) throw new Error("expected the register to be rejected");
  return r.error;
}

describe("loadRegister: good files", () => {
  it("reads rows into typed arrays, English and Chinese words, BOM, quotes and CRLF", async () => {
    const csv =
      "\uFEFF" +
      `${HEADER}\r\n` +
      `h1,Dongcun,3,2500.5,1,dibao,illness,remote|unsafeHousing\r\n` +
      `"h,2","West ""Upper"" village",1,0,否,五保,因残,\r\n` +
      `h3,Dongcun,5,3100,yes,general,,危房、学生\r\n` +
      `h4,"Multi\nline",2,1e3,0,城镇,lackCapital,chronicIllness\r\n`;
    const r = await loadRegister(await fileWith("good.csv", csv));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const h = r.value;
    expect(h.count).toBe(4);
    expect(Array.from(h.size)).toEqual([3, 1, 5, 2]);
    expect(Array.from(h.income)).toEqual([2500.5, 0, 3100, 1000]);
    expect(Array.from(h.labour)).toEqual([1, 0, 1, 0]);
    expect(Array.from(h.segment).map((s) => SEGMENTS[s])).toEqual(["dibao", "wubao", "general", "urban"]);
    expect(Array.from(h.cause).map((c) => CAUSES[c])).toEqual(["illness", "disability", "other", "lackCapital"]);
    expect(h.flags[0]).toBe(FLAG.remote | FLAG.unsafeHousing);
    expect(h.flags[1]).toBe(0);
    expect(h.flags[2]).toBe(FLAG.unsafeHousing | FLAG.student);
    expect(h.ids).toEqual(["h1", "h,2", "h3", "h4"]);
    expect(h.villageNames).toEqual(["Dongcun", 'West "Upper" village', "Multi\nline"]);
    expect(Array.from(h.village)).toEqual([0, 1, 0, 2]);
    expect(h.villages).toBe(3);
  });

  it("accepts text chunks with a byte-order mark", async () => {
    const r = await parseRegister(["\uFEFFid,village,size,income,labour,segment\n", "h,V,2,10,1,dibao\n"]);
    expect(r.ok && r.value.count).toBe(1);
  });

  it("accepts Chinese headers, columns in any order, and no trailing newline", async () => {
    const csv = "类别,户号,村,人口,人均收入,劳动力\n低保,a,甲村,2,2000,是\n一般,b,乙村,4,3500,否";
    const r = await loadRegister(await fileWith("zh.csv", csv));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.count).toBe(2);
    expect(Array.from(r.value.size)).toEqual([2, 4]);
    expect(r.value.ids).toEqual(["a", "b"]);
  });

  it("maps cohorts by scenario id and by segment when the column is absent", async () => {
    const cohorts = [
      { id: "general", segment: "general" as const },
      { id: "dibao", segment: "dibao" as const },
      { id: "relocated2016", segment: "general" as const },
    ];
    const csv = `id,village,size,income,labour,segment,cohort\na,V,1,1,1,dibao,\nb,V,1,1,1,general,relocated2016\nc,V,1,1,1,general,\n`;
    const r = await loadRegister(await fileWith("cohort.csv", csv), { cohorts });
    expect(r.ok).toBe(true);
    if (r.ok) expect(Array.from(r.value.cohort)).toEqual([1, 2, 0]);
    const bad = await issuesOf(`id,village,size,income,labour,segment,cohort\na,V,1,1,1,dibao,relocated2061\n`, { cohorts });
    expect(bad[0]).toMatchObject({ code: "unknownValue", line: 2, column: "cohort", suggestion: "relocated2016" });
  });

  it("streams chunks that split records and multi-byte characters anywhere", async () => {
    const text = `${HEADER}\n` + Array.from({ length: 50 }, (_, i) => `h${i},"村${i % 7}",${1 + (i % 6)},${1000 + i},是,低保,因病,"偏远|危房"\n`).join("");
    const bytes = new TextEncoder().encode(text);
    for (const step of [1, 3, 7, 64]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += step) chunks.push(bytes.subarray(i, i + step));
      const r = await parseRegister(chunks);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.count).toBe(50);
      expect(r.value.income[49]).toBe(1049);
      expect(r.value.villages).toBe(7);
      expect(r.value.flags[3]).toBe(FLAG.remote | FLAG.unsafeHousing);
    }
  });
});

describe("parseRegister: streaming", () => {
  it("reads 100,000 rows from a generator of chunks without the whole text ever existing", async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      const enc = new TextEncoder();
      yield enc.encode(`\uFEFF${HEADER}\n`);
      for (let start = 0; start < 100_000; start += 5_000) {
        let text = "";
        for (let i = start; i < start + 5_000; i++) text += `h${i},v${i % 250},${1 + (i % 7)},${1000 + (i % 3000)},${i % 2},${i % 3 ? "general" : "低保"},${i % 5 ? "" : "因病"},${i % 11 ? "" : "remote|student"}\n`;
        yield enc.encode(text);
      }
    }
    const r = await parseRegister(chunks());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.count).toBe(100_000);
    expect(r.value.villages).toBe(250);
    expect(r.value.income[99_999]).toBe(1000 + (99_999 % 3000));
    expect(r.value.flags[11]).toBe(FLAG.remote | FLAG.student);
    expect(r.value.size.length).toBe(100_000); // trimmed to the exact count
  });
});

describe("loadRegister: bad input is reported with line, column, expected and found", () => {
  it("reports a bad size with its line number and rejects the whole file", async () => {
    const csv = `${HEADER}\nh1,V,3,2500,1,dibao,illness,\nh2,V,three,2500,1,dibao,illness,\nh3,V,2,2500,1,dibao,illness,\n`;
    const issues = await issuesOf(csv);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "notInteger", line: 3, column: "size", found: "three" });
    const text = registerIssue(issues[0]!);
    expect(text.en).toContain(":3, column size");
    expect(text.en).toContain('found "three"');
    expect(text.zh).toContain("第 3 行");
  });

  it("reports every kind of bad field", async () => {
    const rows = [
      HEADER,
      "a,V,0,100,1,dibao,,", // size out of range (line 2)
      "b,V,2,-5,1,dibao,,", // negative income (3)
      "c,V,2,12abc,1,dibao,,", // income not a number (4)
      "d,V,2,100,maybe,dibao,,", // labour (5)
      "e,V,2,100,1,dibaoo,,", // segment with suggestion (6)
      "f,V,2,100,1,general,illnes,", // cause (7)
      "g,V,2,100,1,general,,remote|flying", // flag (8)
      "a,V,2,100,1,general,,", // duplicate id (9)
      "h,V,2,100,1,general", // field count (10)
      ",V,2,100,1,general,,", // empty id (11)
      "i,V,2,0x10,1,general,,", // hex is not a decimal number (12)
    ].join("\n");
    const issues = await issuesOf(`${rows}\n`);
    const brief = issues.map((i) => [i.code, i.line, i.column]);
    expect(brief).toEqual([
      ["outOfRange", 2, "size"],
      ["outOfRange", 3, "income"],
      ["notNumber", 4, "income"],
      ["unknownValue", 5, "labour"],
      ["unknownValue", 6, "segment"],
      ["unknownValue", 7, "cause"],
      ["unknownValue", 8, "flags"],
      ["duplicateId", 9, "id"],
      ["fieldCount", 10, undefined],
      ["emptyValue", 11, "id"],
      ["notNumber", 12, "income"],
    ]);
    expect(issues[4]?.suggestion).toBe("dibao");
    expect(issues[7]?.count).toBe(2);
    for (const i of issues) {
      expect(registerIssue(i).en.length).toBeGreaterThan(20);
      expect(registerIssue(i).zh.length).toBeGreaterThan(5);
    }
  });

  it("lists at most 20 issues and counts the rest", async () => {
    const rows = Array.from({ length: 45 }, (_, i) => `h${i},V,x${i},1,1,dibao,,`);
    const issues = await issuesOf(`${HEADER}\n${rows.join("\n")}\n`);
    expect(issues).toHaveLength(21);
    expect(issues[20]).toMatchObject({ code: "more", count: 25 });
    expect(registerIssue(issues[20]!).en).toBe("…and 25 more problems.");
  });

  it("rejects header problems before reading rows", async () => {
    const issues = await issuesOf("id,village,sise,income,labour,segment,segment\nh,V,1,1,1,dibao,dibao\n");
    expect(issues.map((i) => i.code)).toEqual(["unknownColumn", "duplicateColumn", "missingColumn"]);
    expect(issues[0]?.suggestion).toBe("size");
  });

  it("rejects missing, directory, empty, header-only, binary, undecodable and unterminated-quote files", async () => {
    const missing = await loadRegister(join(dir, "nope.csv"));
    expect(!missing.ok && missing.error[0]?.code).toBe("missingFile");
    await mkdir(join(dir, "adir"), { recursive: true });
    const d = await loadRegister(join(dir, "adir"));
    expect(!d.ok && d.error[0]?.code).toBe("notAFile");
    expect((await issuesOf(""))[0]?.code).toBe("emptyFile");
    expect((await issuesOf("\n\n"))[0]?.code).toBe("emptyFile");
    expect((await issuesOf(`${HEADER}\n`))[0]?.code).toBe("noRows");
    expect((await issuesOf(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3])))[0]?.code).toBe("notText");
    // Bytes that are neither UTF-8 nor GB18030 (0xFF never starts a character in either).
    const neither = new Uint8Array([...new TextEncoder().encode(`${HEADER}\nh,V,1,1,1,`), 0xff, 0xff, 10]);
    expect((await issuesOf(neither))[0]).toMatchObject({ code: "notText", line: 2, found: "utf-8" });
    expect((await issuesOf(`${HEADER}\nh1,V,1,1,1,dibao,,\nh2,"V,1,1,1,dibao,,\n`))[0]).toMatchObject({ code: "unterminatedQuote", line: 3 });
  });
});

describe("loadRegister: GB18030 (GBK) text and Excel workbooks", () => {
  // The same three households in every form: Chinese header and words.
  const expectHouseholds = (h: { count: number; size: Uint8Array; income: Float64Array | Float32Array; labour: Uint8Array; segment: Uint8Array; villageNames?: readonly string[]; registered?: Uint8Array; ids?: readonly string[] }): void => {
    expect(h.count).toBe(3);
    expect(h.ids).toEqual(["H001", "H002", "H003"]);
    expect(h.villageNames).toEqual(["东村", "西村"]);
    expect(Array.from(h.size)).toEqual([3, 1, 4]);
    expect(Array.from(h.income)).toEqual([2500, 1800, 4200.5]);
    expect(Array.from(h.labour)).toEqual([1, 0, 1]);
    expect(Array.from(h.segment).map((s) => SEGMENTS[s])).toEqual(["dibao", "wubao", "general"]);
    expect(Array.from(h.registered ?? [])).toEqual([1, 1, 0]);
  };
  const FIXTURE = "tests/population/fixtures/register-gbk.csv"; // made with iconv -t gb18030 (Excel's "CSV" on Chinese Windows)

  it("reads a GBK file as GB18030 when its bytes are not UTF-8, and the same file saved as UTF-8 alike", async () => {
    const r = await loadRegister(FIXTURE);
    if (!r.ok) expect.fail(JSON.stringify(r.error));
    expectHouseholds(r.value);
    const utf8 = new TextDecoder("gb18030").decode(await readFile(FIXTURE));
    const u = await loadRegister(await fileWith("utf8.csv", utf8));
    if (!u.ok) expect.fail(JSON.stringify(u.error));
    expectHouseholds(u.value);
    expect(u.value.sourceSha256).not.toBe(r.value.sourceSha256); // the hash is of the bytes read
    // Asked for UTF-8, the GBK file is refused on its first line, in words that name both encodings.
    const forced = await loadRegister(FIXTURE, { encoding: "utf-8" });
    expect(!forced.ok && forced.error[0]).toMatchObject({ code: "notText", line: 1 });
    if (!forced.ok) expect(registerIssue(forced.error[0]!).zh).toContain("GB18030");
  });

  it("reports a UTF-8 file with a damaged byte as not UTF-8 rather than as a GB18030 header of nonsense", async () => {
    const good = new TextEncoder().encode("户号,村,人口,人均收入,劳动力,类别\nh1,东村,3,2500,1,低保\n");
    const damaged = Uint8Array.from(good);
    damaged[damaged.length - 3] = 0xc0; // never valid UTF-8; a GB18030 lead byte
    expect((await issuesOf(damaged))[0]).toMatchObject({ code: "notText", found: "utf-8" });
  });

  it("reads the first sheet of an .xlsx register: numbers and text cells, blank rows and trailing cells, row numbers in problems", async () => {
    const rows: (string | number | boolean | null)[][] = [
      ["id", "村", "人口", "人均收入", "劳动力", "类别", "致贫原因", "标识", "是否建档立卡"],
      ["H001", "东村", 3, 2500, "是", "低保", "因病", "偏远|危房", true],
      [],
      ["H002", "西村", 1, 1800, "否", "五保", null, null, "是"],
      ["H003", "东村", 4, 4200.5, "有", "一般", "缺资金", null, false],
    ];
    const path = join(dir, "register.xlsx");
    await writeXlsxFile([{ sheet: "户册", data: rows }]).toFile(path);
    const r = await loadRegister(path);
    if (!r.ok) expect.fail(JSON.stringify(r.error));
    expectHouseholds(r.value);
    expect(r.value.sourceSha256).toMatch(/^[0-9a-f]{64}$/);

    const bad = join(dir, "bad.xlsx");
    await writeXlsxFile([{ sheet: "户册", data: [rows[0]!, ["H001", "东村", 300, 2500, "是", "低保", null, null, true]] }]).toFile(bad);
    const b = await loadRegister(bad);
    expect(!b.ok && b.error[0]).toMatchObject({ code: "outOfRange", line: 2, column: "size", found: "300" });

    const notXlsx = await loadRegister(await fileWith("fake.xlsx", "id,village\n"));
    expect(!notXlsx.ok && notXlsx.error[0]).toMatchObject({ code: "notText", found: "xlsx" });
    if (!notXlsx.ok) expect(registerIssue(notXlsx.error[0]!).en).toContain("Excel workbook");
  });
});
