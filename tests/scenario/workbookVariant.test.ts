/**
 * Allocation workbooks: `fundsim template-xlsx` writes a scenario's allocations to fill in;
 * read back unchanged with `--variant FILE.xlsx` it gives the same allocations, changed it
 * moves them, and bad cells are refused with the sheet and cell, in en and zh.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import writeXlsxFile from "write-excel-file/node";
import { loadScenario } from "../../src/scenario/index.js";
import { buildLedger } from "../../src/ledger/build.js";
import { allocationTemplate } from "../../src/render/workbook.js";
import { issueMessage } from "../../src/messages/scenario.js";
import { unwrap } from "../../src/util/result.js";

const LINGHAI = "scenarios/linghai-2017.yaml";
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-wbv-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const allocations = (file: string, variant?: string) =>
  loadScenario(file, variant ? { variant } : {}).then((r) => buildLedger(unwrap(r).scenario).programmes.map((p): [string, string[]] => [p.id, p.byYear.map((y) => y.allocation.toString())]));

describe("allocation workbooks", () => {
  it("a template read back unchanged gives the scenario's allocations; a changed amount moves", async () => {
    const loaded = unwrap(await loadScenario(LINGHAI));
    const ids = loaded.scenario.programmes.filter((p) => p.allocation !== undefined).map((p) => p.id);
    expect(ids.length).toBeGreaterThan(2);
    const bytes = await allocationTemplate(buildLedger(loaded.scenario), ids, { lang: "zh", unit: "yuan", scenario: { file: LINGHAI, id: "linghai", hash: loaded.hash }, version: "test", scenarioArg: LINGHAI });
    const file = join(dir, "template.xlsx");
    await writeFile(file, bytes);
    expect(await allocations(LINGHAI, file)).toEqual(await allocations(LINGHAI));
    // A planner's edit: industry 1,000,000 a year.
    const edited = join(dir, "edited.xlsx");
    await writeXlsxFile([{ sheet: "资金分配", data: [["id", "项目", "2017", "2018", "2019"], ["industry", "产业", 1_000_000, 1_000_000, 1_000_000]] }]).toFile(edited);
    const moved = new Map(await allocations(LINGHAI, edited));
    expect(moved.get("industry")).toEqual(["1000000", "1000000", "1000000"]);
  });

  it("refuses bad cells and layouts, naming the sheet and cell (en, zh)", async () => {
    const bad = join(dir, "bad.xlsx");
    await writeXlsxFile([{ sheet: "资金分配", data: [["id", "项目", "2017", "2018"], ["industry", "产业", 100, "abc"], ["in dustry", "x", 1, 2]] }]).toFile(bad);
    const r = await loadScenario(LINGHAI, { variant: bad });
    if (r.ok) expect.fail("accepted a bad workbook");
    expect(r.error.map((i) => [i.code, i.detail])).toEqual([
      ["workbookCell", "资金分配!D2"],
      ["workbookCell", "资金分配!A3"],
    ]);
    expect(issueMessage(r.error[0]!).en).toContain('found "abc"');
    expect(issueMessage(r.error[0]!).zh).toContain("单元格 资金分配!D2");
    const noHeader = join(dir, "noheader.xlsx");
    await writeXlsxFile([["programme", "2017"], ["industry", 1]]).toFile(noHeader);
    const h = await loadScenario(LINGHAI, { variant: noHeader });
    expect(!h.ok && h.error[0]?.code).toBe("workbookLayout");
    const text = join(dir, "text.xlsx");
    await writeFile(text, "not a workbook");
    const t = await loadScenario(LINGHAI, { variant: text });
    expect(!t.ok && [t.error[0]?.code, t.error[0]?.detail]).toEqual(["workbookLayout", "notXlsx"]);
  });
});
