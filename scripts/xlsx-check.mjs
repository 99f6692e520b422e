#!/usr/bin/env node
// The ledger workbooks opened in a real spreadsheet: `fundsim export-xlsx` writes Jiangmen (zh,
// 万元) and Linghai (en, yuan); LibreOffice (headless, Debian's libreoffice-calc-nogui, which
// scripts/setup.sh installs) computes their formulas and exports each sheet as CSV; the
// computed totals, balance and unspent money must equal `fundsim ledger --format json` to the
// fen, and the Chinese text must come back as written. Exit 1 on any difference, or when
// LibreOffice is missing. A report folder's report.xlsx (Hanyang, zh) is checked the same way, with
// its summary sheet's Chinese text. Run by CI after the tests (`npm run xlsx-check`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import console from "node:console";

const fail = (msg) => {
  console.error(`xlsx-check: ${msg}`);
  process.exitCode = 1;
};
const dir = mkdtempSync(join(tmpdir(), "fundsim-xlsx-check-"));
const soffice = ["soffice", "libreoffice"].find((b) => {
  try {
    execFileSync("which", [b], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});
if (!soffice) {
  fail("LibreOffice (soffice) is not installed: run scripts/setup.sh --system (it installs libreoffice-calc-nogui).");
  process.exit(1);
}

/** Parse one CSV line (LibreOffice's: comma-separated, double quotes). */
function csvLine(line) {
  const out = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const cases = [
  { scenario: "scenarios/jiangmen-2016.yaml", lang: "zh", scale: 10_000, sheet: "台账", rows: { sources: "资金来源合计", uses: "资金使用合计", unspent: "期末未使用资金（结转）" }, text: "市扶贫基金" },
  { scenario: "scenarios/linghai-2017.yaml", lang: "en", scale: 1, sheet: "Ledger", rows: { sources: "Sources, total", uses: "Uses, total", unspent: "Unspent at the end (carried forward)" }, text: "Sources, total" },
  // report.xlsx of a report folder: the same ledger sheet, and its summary sheet's Chinese text.
  { scenario: "scenarios/hanyang-2015.yaml", lang: "zh", scale: 10_000, sheet: "台账", rows: { sources: "资金来源合计", uses: "资金使用合计", unspent: null }, text: "资金来源合计", report: { sheet: "结果概要", text: "脱贫且未返贫人口" } },
];
try {
  for (const c of cases) {
    const name = c.scenario.replace(/^.*\//, "").replace(/\.yaml$/, "");
    let xlsx = join(dir, `${name}.xlsx`);
    if (c.report) {
      const folder = join(dir, `${name}-report`);
      execFileSync("node", ["bin/fundsim.js", "report", c.scenario, "--lang", c.lang, "--runs", "20", "--no-decompose", "--out", folder], { stdio: "ignore" });
      xlsx = join(folder, "report.xlsx");
    } else execFileSync("node", ["bin/fundsim.js", "export-xlsx", c.scenario, "--lang", c.lang, "--out", xlsx], { stdio: "inherit" });
    const ledger = JSON.parse(execFileSync("node", ["bin/fundsim.js", "ledger", c.scenario, "--format", "json"], { encoding: "utf8", maxBuffer: 64 << 20 }));
    const out = join(dir, name);
    // Every sheet to CSV, UTF-8 (76), formulas computed, values as stored (not as shown).
    execFileSync(soffice, ["--headless", "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', "--outdir", out, xlsx], { stdio: "ignore", env: { ...process.env, HOME: dir } });
    const file = readdirSync(out).find((f) => f.endsWith(`-${c.sheet}.csv`));
    if (!file) {
      fail(`${name}: LibreOffice wrote no sheet "${c.sheet}" (found ${readdirSync(out).join(", ")})`);
      continue;
    }
    const rows = readFileSync(join(out, file), "utf8").split(/\r?\n/).map(csvLine);
    if (c.report) {
      const summary = readdirSync(out).find((f) => f.endsWith(`-${c.report.sheet}.csv`));
      const text = summary ? readFileSync(join(out, summary), "utf8") : "";
      if (!text.includes(c.report.text)) fail(`${name}: report.xlsx has no sheet "${c.report.sheet}" with "${c.report.text}" as written`);
      else console.log(`xlsx-check: ${name} report.xlsx sheet ${c.report.sheet} reads "${c.report.text}"`);
    }
    if (!rows.some((r) => r[0] === c.text)) fail(`${name}: "${c.text}" not found as written in ${file}`);
    const total = (label) => {
      const r = rows.find((x) => x[0] === label);
      if (!r) return Number.NaN;
      const cells = r.slice(2).filter((x) => x !== "");
      return Number(cells[cells.length - 1]);
    };
    const check = (what, label, expected) => {
      const got = total(label) * c.scale;
      const diff = Math.abs(got - Number(expected));
      if (!(diff < 0.005)) fail(`${name}: ${what} computed by LibreOffice ${got} against the ledger's ${expected} (differs by ${diff})`);
      else console.log(`xlsx-check: ${name} ${what} ${got.toFixed(2)} = ledger ${expected}`);
    };
    check("sources total", c.rows.sources, ledger.totals.sources);
    check("uses total", c.rows.uses, ledger.totals.uses);
    // Unspent sits in the first year's column (the label depends on the plan's carry-forward rule).
    if (c.rows.unspent === null) continue;
    const u = rows.find((x) => x[0] === c.rows.unspent);
    const unspent = Number(u?.[2]) * c.scale;
    if (!(Math.abs(unspent - Number(ledger.totals.unspent)) < 0.005)) fail(`${name}: unspent ${unspent} against the ledger's ${ledger.totals.unspent}`);
    else console.log(`xlsx-check: ${name} unspent ${unspent.toFixed(2)} = ledger ${ledger.totals.unspent}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (!process.exitCode) console.log("xlsx-check: the workbooks open in LibreOffice with the ledger's totals to the fen");
