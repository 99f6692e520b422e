import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCapture } from "../../src/cli/main.js";
import * as S from "../../src/messages/sensitivity.js";
import { outputProblem } from "../../src/messages/io.js";

const MINIMAL = "tests/fixtures/minimal.yaml";
const RATE = "creditPools.pool.loan.rate=0.03:0.06";
const ALLOCATION = "programmes.industry.allocation=200000:4000000";
const FAST = ["--runs", "6", "--threads", "1"];
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-sens-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("fundsim sensitivity", () => {
  it("prints a tornado table with uncertainty and its note; the same seed gives the same table", async () => {
    const args = ["sensitivity", MINIMAL, "--param", RATE, "--param", ALLOCATION, ...FAST, "--seed", "3"];
    const a = await runCapture(args);
    expect(a.exitCode).toBe(0);
    expect(a.stdout).toContain(S.tornadoNote(6).en);
    expect(a.stdout).toMatch(/programmes\.industry\.allocation\s+200,000\s+4,000,000\s+−[\d.,]+ ± [\d.,]+/);
    expect(a.stdout).toMatch(/creditPools\.pool\.loan\.rate\s+0\.03\s+0\.06\s+0 ± 0\s+0 ± 0\s+0 ± 0/);
    const b = await runCapture(args);
    expect(b.stdout).toBe(a.stdout);
    const zh = await runCapture([...args, "--lang", "zh"]);
    expect(zh.stdout).toContain(S.tornadoNote(6).zh);
  });

  it("says which defaults it varied when no --param is given", async () => {
    const r = await runCapture(["sensitivity", MINIMAL, ...FAST]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(S.defaultsUsed(["programmes.industry.allocation", "creditPools.pool.pd", "creditPools.pool.lgd"]).en);
  });

  it("refuses bad --param values with located messages in en and zh (exit 1)", async () => {
    const cases: [string, S.SensitivitySetupIssue][] = [
      ["programmes.nosuch.allocation=1:2", { code: "paramPath", path: "programmes.nosuch.allocation", at: "programmes", missing: "nosuch" }],
      ["creditPools.pool.pd=0.05:0.01", { code: "paramRange", path: "creditPools.pool.pd", low: 0.05, high: 0.01 }],
      ["creditPools.pool.pd", { code: "paramSyntax", arg: "creditPools.pool.pd" }],
    ];
    for (const lang of ["en", "zh"] as const) {
      for (const [param, issue] of cases) {
        const r = await runCapture(["sensitivity", MINIMAL, "--param", param, ...FAST, "--lang", lang]);
        expect(r.exitCode).toBe(1);
        expect(r.stdout).toBe("");
        expect(r.stderr).toContain(S.sensitivityIssue(issue)[lang]);
      }
      // A range that fails the scenario's validation at one end: the scenario's own issue, located.
      const r = await runCapture(["sensitivity", MINIMAL, "--param", "creditPools.pool.pd=0.01:1.5", ...FAST, "--lang", lang]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr.split("\n")[1]).toBe(S.sensitivityIssue({ code: "paramInvalid", path: "creditPools.pool.pd", side: "high", value: 1.5, issues: [] })[lang].split("\n")[0]);
      expect(r.stderr).toContain("creditPools");
    }
  });

  it("lists the valid metrics for an unknown one", async () => {
    const r = await runCapture(["sensitivity", MINIMAL, "--param", RATE, "--metric", "exits", ...FAST]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("--metric exits: no such metric. Valid: poorHouseholds, poorPeople");
  });

  it("--out writes the table's files and charts, and refuses the working folder", async () => {
    const out = join(dir, "sens");
    const r = await runCapture(["sensitivity", MINIMAL, "--param", RATE, "--param", ALLOCATION, ...FAST, "--out", out]);
    expect(r.exitCode).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toEqual(expect.arrayContaining(["manifest.json", "sensitivity.csv", "sensitivity.json", "tornado.vl.json", "tornado.svg", "tornado.png"]));
    const csv = await readFile(join(out, "sensitivity.csv"), "utf8");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(3);
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ method: "tornado", seed: 7, runs: 6, output: { kind: "sensitivity" } });
    expect(manifest.params.map((p: { path: string }) => p.path)).toEqual(["creditPools.pool.loan.rate", "programmes.industry.allocation"]);
    expect(typeof manifest.scenario.hash).toBe("string");
    const dot = await runCapture(["sensitivity", MINIMAL, "--param", RATE, ...FAST, "--out", "."]);
    expect(dot.exitCode).toBe(1);
    expect(dot.stderr).toContain(outputProblem({ code: "workingFolder", path: "." }).en);
  });

  it("runs Sobol with intervals and the note on conservative intervals", async () => {
    const r = await runCapture(["sensitivity", MINIMAL, "--method", "sobol", "--samples", "4", "--param", RATE, "--param", ALLOCATION, "--runs", "3", "--threads", "1"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(S.sobolNote(4, 3, 16).en);
    const bad = await runCapture(["sensitivity", MINIMAL, "--method", "sobol", "--samples", "6", "--param", RATE, ...FAST]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain(S.sensitivityIssue({ code: "samplesInvalid", method: "sobol", found: "6", min: 2, max: 65536 }).en);
  });
});
