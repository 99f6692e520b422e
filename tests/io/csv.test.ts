import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import { CSV_BOM, CSV_EOL, csvField, csvRow, csvText } from "../../src/io/csv.js";
import { CsvRecordReader } from "../../src/population/csvRecords.js";
import { runCapture } from "../../src/cli/main.js";

const tmp = mkdtempSync(join(tmpdir(), "fundsim-csv-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Parse CSV text (after its BOM) into records with the project's RFC 4180 reader. */
function parse(text: string): string[][] {
  const records: string[][] = [];
  const reader = new CsvRecordReader((fields) => records.push(fields));
  reader.push(text);
  reader.end();
  return records;
}

/** Every .csv file under a folder. */
const csvFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".csv"))
    .map((e) => join(e.parentPath, e.name))
    .sort();

describe("csv layout", () => {
  it("quotes only what RFC 4180 needs, doubling quotes; numbers in shortest form, empty for missing", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("padded ")).toBe('"padded "');
    expect(csvField("县级专项资金")).toBe("县级专项资金");
    expect(csvField(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvRow(["a", 1, null])).toBe(`a,1,${CSV_EOL}`);
    expect(csvText(["id", "name"], [["a", 'say "hi"']])).toBe('\uFEFFid,name\r\na,"say ""hi"""\r\n');
  });

  it("round-trips any text through the register reader", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0]!.length;
        const rect = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
        const text = csvText(["h1", "h2", "h3", "h4"].slice(0, width), rect);
        expect(text.startsWith(CSV_BOM)).toBe(true);
        expect(parse(text.slice(1))).toEqual([["h1", "h2", "h3", "h4"].slice(0, width), ...rect]);
      }),
    );
  });
});

describe("every CSV fundsim writes", () => {
  it("starts with a BOM, ends rows with CRLF, and parses back into rows of the header's width", async () => {
    const scenario = "scenarios/linghai-2017.yaml";
    const sim = await runCapture(["simulate", scenario, "--runs", "20", "--seed", "5", "--threads", "1", "--out", join(tmp, "sim")]);
    expect(sim.exitCode, sim.stderr).toBe(0);
    const cmp = await runCapture(["compare", scenario, "--variant", "no-pool", "--runs", "20", "--threads", "1", "--out", join(tmp, "cmp")]);
    expect(cmp.exitCode, cmp.stderr).toBe(0);
    const ledger = await runCapture(["ledger", scenario, "--lang", "zh", "--out", join(tmp, "ledger")]);
    expect(ledger.exitCode, ledger.stderr).toBe(0);
    const report = await runCapture(["report", scenario, "--lang", "zh", "--runs", "20", "--threads", "1", "--no-decompose", "--out", join(tmp, "report")]);
    expect(report.exitCode, report.stderr).toBe(0);

    const files = csvFiles(tmp);
    const names = files.map((f) => relative(tmp, f));
    for (const expected of ["sim/runs.csv", "sim/spending.csv", "cmp/differences.csv", "cmp/baseline/runs.csv", "ledger/ledger.csv", "report/spending.csv", "report/charts/exits-fan.csv"]) {
      expect(names).toContain(expected);
    }
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const name = relative(tmp, file);
      expect(text.startsWith(CSV_BOM), `${name} starts with a BOM`).toBe(true);
      expect(text.endsWith(CSV_EOL), `${name} ends with CRLF`).toBe(true);
      expect(text.slice(1).replace(/"[^"]*"/g, "").replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      const records = parse(text.slice(1));
      const width = records[0]!.length;
      expect(width, name).toBeGreaterThan(1);
      expect(records.filter((r) => r.length !== width), name).toEqual([]);
      // Writing the parsed rows again gives the same file: one quoting rule everywhere.
      expect(csvText(records[0]!, records.slice(1)), name).toBe(text);
    }
  });
});
