import { describe, expect, it } from "vitest";
import { ledgerOf, withParts } from "./helpers.js";
import { ledgerNumbers } from "../../src/ledger/numbers.js";
import { ledgerJson } from "../../src/ledger/json.js";
import { ledgerCsv } from "../../src/ledger/csv.js";
import { csvField } from "../../src/io/csv.js";
import { displayWidth, ledgerText, renderTable } from "../../src/present/ledgerText.js";
import { ledgerTables } from "../../src/ledger/tables.js";
import * as M from "../../src/messages/ledger.js";

const sample = () =>
  ledgerOf(
    withParts({
      funding: { sources: [{ id: "b", label: { en: 'County "special", fund', zh: "县级专项资金" }, rule: { kind: "fixed", amount: "1234567.89" } }] },
      programmes: [
        { id: "industry", kind: "industry", label: { en: "Industry", zh: "产业扶贫" }, allocation: { 2017: 2_000_000 }, unitCost: { amount: 5000, per: "household" } },
        { id: "floor", kind: "floor" },
        { id: "relocation", kind: "relocation", schedules: [{ id: "f", unit: "person", amountPerUnitYear: 2000, years: 5, cohorts: [{ year: 2018, units: 10 }] }] },
      ],
    }),
  );

describe("ledger outputs", () => {
  it("ledgerNumbers: floats for the engine, Infinity where nothing limits a programme", () => {
    const n = ledgerNumbers(sample());
    expect([...n.programmes.get("industry")!.allocation]).toEqual([2_000_000, 0, 0]);
    expect([...n.programmes.get("industry")!.capacity]).toEqual([400, 0, 0]);
    expect([...n.programmes.get("floor")!.capacity]).toEqual([Infinity, Infinity, Infinity]);
    expect(n.schedules).toHaveLength(1);
    expect([...n.schedules[0]!.byYear]).toEqual([0, 20_000, 20_000]);
    expect(n.schedules[0]!.after).toBe(60_000);
    expect([...n.sources]).toEqual([1234567.89, 1234567.89, 1234567.89]);
  });

  it("JSON keeps exact decimal strings and drops absent fields", () => {
    const doc = JSON.parse(ledgerJson(sample())) as { sources: { total: string }[]; programmes: { byYear: Record<string, unknown>[] }[] };
    expect(doc.sources[0]!.total).toBe("3703703.67");
    expect("capacity" in doc.programmes[1]!.byYear[0]!).toBe(false);
  });

  it("CSV quotes labels with commas and quotes, and every row has every column", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    const csv = ledgerCsv(sample(), "en");
    expect(csv).toContain('"County ""special"", fund"');
    const zh = ledgerCsv(sample(), "zh");
    expect(zh).toContain("县级专项资金");
    expect(zh).toContain(`after,60000`);
  });

  it("the table aligns Chinese labels by display width and shows zero as a dash", () => {
    expect(displayWidth("产业扶贫 ab")).toBe(11);
    const tables = ledgerTables(sample(), "zh");
    const sources = tables.find((t) => t.title === M.sectionSources().zh)!;
    const lines = renderTable(sources).split("\n").slice(1);
    expect(lines.some((l) => l.startsWith("县级专项资金"))).toBe(true);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    const uses = tables.find((t) => t.title === M.sectionUses().zh)!;
    expect(uses.rows[0]!.slice(1, 4)).toEqual(["200.00", "-", "-"]);
    const text = ledgerText(sample(), "en");
    expect(text).toContain("1,234,567.89");
    expect(text).toContain(M.colAfter().en);
  });
});
