import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCapture } from "../../src/cli/main.js";
import { loadScenario } from "../../src/scenario/index.js";
import { renderIssues } from "../../src/messages/scenario.js";
import { buildLedger } from "../../src/ledger/build.js";
import { ledgerText, displayWidth } from "../../src/present/ledgerText.js";
import { ledgerCsv, CSV_COLUMNS } from "../../src/ledger/csv.js";
import * as M from "../../src/messages/ledger.js";

const root = new URL("../../", import.meta.url).pathname;
const JIANGMEN = "scenarios/jiangmen-2016.yaml";
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-ledger-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Minimal RFC 4180 parser for the tests. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    }
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

describe("fundsim ledger", () => {
  it("prints the table a finance officer reads: aligned columns, separators, totals row, checks", async () => {
    const r = await runCapture(["ledger", JIANGMEN], root);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    const loaded = await loadScenario(join(root, JIANGMEN));
    if (!loaded.ok) throw new Error("scenario invalid");
    expect(r.stdout).toBe(ledgerText(buildLedger(loaded.value.scenario), "en"));
    expect(r.stdout).toContain("333,180,000.00");
    expect(r.stdout).toContain(M.totalSources().en);
    expect(r.stdout).toContain(M.totalUses().en);
    // numbers right-aligned: every line of the sources table ends at the same column
    const sources = r.stdout.split("\n\n").find((b) => b.startsWith(M.sectionSources().en))!.split("\n").slice(1);
    const ends = new Set(sources.map((l) => displayWidth(l)));
    expect(ends.size).toBe(1);
  });

  it("speaks Chinese with 万元", async () => {
    const r = await runCapture(["ledger", JIANGMEN, "--lang", "zh"], root);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(M.unitYuan().zh);
    expect(r.stdout).toContain("33,318.00");
    expect(r.stdout).toContain(M.sectionSources().zh);
    expect(r.stdout).not.toContain("333,180,000.00");
  });

  it("writes complete CSV (UTF-8 BOM, header, every source/use/schedule/check per year)", async () => {
    const r = await runCapture(["ledger", "scenarios/zhengzhou-2016.yaml", "--format", "csv", "--lang", "zh"], root);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(r.stdout.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.every((x) => x.length === CSV_COLUMNS.length)).toBe(true);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    const follow = rows.filter((x) => x[col("section")] === "schedule" && x[col("schedule")] === "follow-up");
    expect(follow).toHaveLength(10);
    expect(follow.reduce((s, x) => s + Number(x[col("amount_yuan")]), 0)).toBe(210_000_000);
    expect(rows.some((x) => x[col("section")] === "source" && x[col("year")] === "total")).toBe(true);
    expect(rows.some((x) => x[col("section")] === "check")).toBe(true);
    expect(rows.some((x) => /[\u4e00-\u9fff]/.test(x[col("label")] ?? ""))).toBe(true);
  });

  it("writes JSON with exact decimal strings", async () => {
    const r = await runCapture(["ledger", JIANGMEN, "--format", "json"], root);
    const doc = JSON.parse(r.stdout) as { format: string; version: number; target: { required: string; gap: string }; totals: { sources: string } };
    expect(doc.format).toBe("fundsim-ledger");
    expect(doc.version).toBe(1);
    expect(doc.target.required).toBe("333180000");
    expect(doc.target.gap).toBe("92180000");
    expect(typeof doc.totals.sources).toBe("string");
  });

  it("applies --variant and --set, and with --out writes the three files", async () => {
    const out = join(dir, "linghai");
    await writeFile(join(dir, "keep.txt"), "x");
    const r = await runCapture(["ledger", "scenarios/linghai-2017.yaml", "--variant", "housing-stretch", "--set", "creditPools.risk-fund.leverage=4", "--out", out], root);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`${M.wroteLedger(out).en}\n`);
    expect((await readdir(out)).sort()).toEqual(["ledger.csv", "ledger.json", "ledger.txt", "manifest.json"]);
    const txt = await readFile(join(out, "ledger.txt"), "utf8");
    expect(txt).toBe(r.stdout);
    const loaded = await loadScenario(join(root, "scenarios/linghai-2017.yaml"), { variant: "housing-stretch", sets: ["creditPools.risk-fund.leverage=4"] });
    if (!loaded.ok) throw new Error("invalid");
    const l = buildLedger(loaded.value.scenario);
    expect(await readFile(join(out, "ledger.csv"), "utf8")).toBe(ledgerCsv(l, "en"));
    // the over-commitment and the capacity breach are checks, not crashes
    expect(txt).toContain(l.checks.find((c) => c.code === "overCommitted")!.message.en);
    expect(l.checks.some((c) => c.code === "lendingAboveCapacity")).toBe(true);
    expect(await readFile(join(dir, "keep.txt"), "utf8")).toBe("x");
  });

  it("--strict exits 1 when a check is an error", async () => {
    const r = await runCapture(["ledger", "scenarios/linghai-2017.yaml", "--variant", "housing-stretch", "--strict"], root);
    expect(r.exitCode).toBe(1);
    const ok = await runCapture(["ledger", "scenarios/linghai-2017.yaml", "--strict"], root);
    expect(ok.exitCode).toBe(0);
  });

  it("reports a bad scenario with its issues and exit 1, no stack trace", async () => {
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "fundsim: 1\nmeta: [1, 2]\n");
    const r = await runCapture(["ledger", bad], root);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    const loaded = await loadScenario(bad);
    if (loaded.ok) throw new Error("expected invalid");
    expect(r.stderr).toBe(`${renderIssues("en", loaded.error)}\n`);
    const missing = await runCapture(["ledger", join(dir, "nope.yaml")], root);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("rejects an unknown format as a usage error", async () => {
    const r = await runCapture(["ledger", JIANGMEN, "--format", "xlsx"], root);
    expect(r.exitCode).toBe(2);
  });
});
