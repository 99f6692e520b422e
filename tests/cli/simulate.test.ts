import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCapture, runCli } from "../../src/cli/main.js";
import * as M from "../../src/messages/results.js";
import { outputProblem } from "../../src/messages/io.js";
import { registerIssue } from "../../src/messages/population.js";
import { renderIssues } from "../../src/messages/scenario.js";
import { loadScenario } from "../../src/scenario/load.js";

const SCENARIO = "scenarios/linghai-2017.yaml";
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-sim-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("fundsim simulate", () => {
  it("redraws the population per run and says so; --fixed-population holds the seed's and says that it is left out", async () => {
    const a = await runCapture(["simulate", SCENARIO, "--runs", "6", "--threads", "1", "--out", join(dir, "redrawn")]);
    expect(a.exitCode).toBe(0);
    expect(a.stdout).toContain("the draw of the synthetic population (household sizes");
    expect(JSON.parse(await readFile(join(dir, "redrawn", "manifest.json"), "utf8")).uncertainty.populationRedrawn).toBe(true);
    const b = await runCapture(["simulate", SCENARIO, "--runs", "6", "--threads", "1", "--fixed-population", "--lang", "zh", "--out", join(dir, "fixed")]);
    expect(b.exitCode).toBe(0);
    expect(b.stdout).toContain("按随机种子抽取一次后固定；--fixed-population");
    expect(JSON.parse(await readFile(join(dir, "fixed", "manifest.json"), "utf8")).uncertainty.populationRedrawn).toBe(false);
    const ra = (await readFile(join(dir, "redrawn", "runs.csv"), "utf8")).split("\r\n");
    const rb = (await readFile(join(dir, "fixed", "runs.csv"), "utf8")).split("\r\n");
    expect(ra[0]).toBe(rb[0]);
    expect(ra.slice(1)).not.toEqual(rb.slice(1));
  });

  it("writes runs.csv, summary.json and manifest.json and prints a readable summary", async () => {
    const out = join(dir, "linghai");
    const r = await runCapture(["simulate", SCENARIO, "--runs", "20", "--seed", "3", "--threads", "1", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["manifest.json", "runs.csv", "spending.csv", "summary.json"]);
    const spending = (await readFile(join(out, "spending.csv"), "utf8")).trimEnd().split("\r\n");
    expect(spending[0]).toBe("\uFEFFitem,id,year,budgeted,simulatedMean,simulatedQ05,simulatedQ95,difference,status");
    expect(spending.some((l) => l.startsWith("programme,industry,2017,"))).toBe(true);
    const csv = (await readFile(join(out, "runs.csv"), "utf8")).trimEnd().split("\r\n");
    const header = csv[0]!.replace(/^\uFEFF/, "").split(",");
    expect(header.slice(0, 3)).toEqual(["run", "year", "poorHouseholds"]);
    expect(header).toContain("exitRate");
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(csv).toHaveLength(1 + 20 * manifest.years.length);
    expect(manifest).toMatchObject({ runs: 20, seed: 3, threads: 1, variant: null, precision: null, scenario: { id: "linghai-2017" } });
    expect(manifest.scenario.hash).toMatch(/^[0-9a-f]{64}$/);
    const summary = JSON.parse(await readFile(join(out, "summary.json"), "utf8"));
    expect(summary.runs).toBe(20);
    expect(summary.targets.byYear[0].exits).toBe(2400);
    expect(r.stdout).toContain(M.uncertaintyNote().en);
    expect(r.stdout).toMatch(/exit target \(2,400 people out of poverty at the end of 2017, exited and not relapsed\): \d+(\.\d)?% ± /);
    expect(r.stdout).toMatch(/village target \(6 villages exited by 2017\)/);
    expect(r.stdout).toContain("Guarantee-pool losses");
    expect(r.stdout).toContain("Interest subsidy");
    // Budget lines without a modelled effect are named with the scenario's reason, by their labels in the
    // output language; no line is silently inert.
    expect(r.stdout).toContain(M.declaredNoEffectLine("Technology extension (the plan does not say how much of the 30,000 mu poor households farm, so no household effect can be derived); Leading enterprises and demonstration bases (the plan does not say how many poor households the enterprises carry)").en);
    expect(r.stdout).not.toContain("No modelled effect on any household");
    // Lending against the ledger's plan (50 M in 2017), with how often lending was suspended.
    expect(r.stdout).toMatch(/New lending 2017–2019: [\d.,]+ M yuan expected against 50 M yuan planned \(\d+%\); lending suspended in at least one year \(non-performing loans over the trigger\): /);
    expect(r.stdout).toContain(M.wroteResults(out, "runs.csv, summary.json, manifest.json, spending.csv").en);
  });

  it("is reproducible: the same seed and runs give the same runs.csv", async () => {
    const a = join(dir, "a");
    const b = join(dir, "b");
    for (const out of [a, b]) {
      const r = await runCapture(["simulate", SCENARIO, "--runs", "8", "--seed", "11", "--threads", "1", "--out", out]);
      expect(r.exitCode).toBe(0);
    }
    expect(await readFile(join(a, "runs.csv"), "utf8")).toBe(await readFile(join(b, "runs.csv"), "utf8"));
  });

  it("prints the summary in Chinese with --lang zh and records variant and overrides", async () => {
    const out = join(dir, "zh");
    const r = await runCapture([
      "simulate", SCENARIO, "--variant", "full-capacity", "--set", "simulation.seed=5", "--runs", "6", "--threads", "1", "--lang", "zh", "--out", out,
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("风险补偿金损失");
    expect(r.stdout).toContain("实现脱贫目标");
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ variant: "full-capacity", sets: ["simulation.seed=5"], seed: 5 });
  });

  it("--decompose adds the variance decomposition to the output and to decomposition.json", async () => {
    const out = join(dir, "decompose");
    const r = await runCapture(["simulate", SCENARIO, "--runs", "8", "--threads", "1", "--decompose", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Where the uncertainty comes from");
    expect(r.stdout).toContain("decomposition.json");
    const d = JSON.parse(await readFile(join(out, "decomposition.json"), "utf8"));
    expect(d.steps.map((s: { id: string; runs: number }) => [s.id, s.runs])).toEqual([["shocks", 8], ["parameters", 8], ["population", 8]]);
    expect(d.unknowns).toBeGreaterThan(0);
  });

  it("--precision-metric pTarget controls P(every target met); people and yuan targets may exceed 1; a bad metric is refused", async () => {
    const out = join(dir, "prec-target");
    const r = await runCapture(["simulate", SCENARIO, "--runs", "20", "--precision", "0.2", "--precision-metric", "pTarget", "--threads", "1", "--out", out]);
    expect(r.exitCode).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(manifest.precision).toMatchObject({ target: 0.2, metric: "pTarget", converged: true });
    expect(manifest.precision.history[0].runs).toBe(20);
    expect(r.stdout).toContain("standard error of P(every exit target met)");
    const people = await runCapture(["simulate", SCENARIO, "--runs", "10", "--precision", "500", "--precision-metric", "exitedPeople", "--threads", "1", "--out", join(dir, "prec-people")]);
    expect(people.exitCode).toBe(0);
    const bad = await runCapture(["simulate", SCENARIO, "--precision", "0.1", "--precision-metric", "median", "--out", join(dir, "prec-bad")]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain(M.badNumberOption("precision-metric", "median", M.oneOf(["exitRate", "exitedPeople", "pTarget", "poolLoss99"])).en);
  });

  it("--precision records convergence in the manifest", async () => {
    const out = join(dir, "prec");
    const r = await runCapture(["simulate", SCENARIO, "--runs", "10", "--precision", "0.5", "--threads", "1", "--out", out]);
    expect(r.exitCode).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    expect(manifest.precision).toMatchObject({ target: 0.5, converged: true, batches: 1 });
    expect(manifest.runs).toBe(10);
  });

  it("shows a progress bar only on a terminal", async () => {
    let err = "";
    const ctx = { stdout: { write: () => undefined }, stderr: { write: (t: string) => void (err += t) }, cwd: process.cwd(), isTTY: true, exitCode: 0 };
    const code = await runCli(["simulate", SCENARIO, "--runs", "30", "--threads", "1", "--out", join(dir, "tty")], ctx);
    expect(code).toBe(0);
    expect(err).toMatch(/simulate \[.*\] 30\/30 runs \| [\d.]+ runs\/s/);
    // Without a terminal (runCapture) stderr stays empty: see the first test.
  });

  it("reports a missing scenario with exit code 1", async () => {
    const r = await runCapture(["simulate", "scenarios/nope.yaml", "--out", join(dir, "x")]);
    expect(r.exitCode).toBe(1);
    const expected = await loadScenario("scenarios/nope.yaml");
    if (expected.ok) throw new Error("expected a missing-file issue");
    expect(r.stderr).toContain(renderIssues("en", expected.error.map((i) => ({ ...i, file: "scenarios/nope.yaml" }))));
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it("rejects a register with a bad row, naming the line and column", async () => {
    const csv = join(dir, "register.csv");
    await writeFile(csv, "id,village,size,income,labour,segment\nh1,东村,3,2500,1,低保\nh2,东村,3,lots,1,一般\n");
    const out = join(dir, "reg");
    const r = await runCapture(["simulate", SCENARIO, "--register", csv, "--runs", "4", "--threads", "1", "--out", out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(registerIssue({ code: "notNumber", file: csv, line: 3, column: "income", found: "lots" }).en);
    expect(await readdir(dir)).not.toContain("reg");
  });

  it("simulates a valid register instead of the cohorts", async () => {
    const csv = join(dir, "good.csv");
    const rows = Array.from({ length: 60 }, (_, i) => `h${i},V${i % 3},${1 + (i % 4)},${1500 + 50 * i},${i % 2},${i % 5 === 0 ? "dibao" : "general"}`);
    await writeFile(csv, `id,village,size,income,labour,segment\n${rows.join("\n")}\n`);
    const out = join(dir, "reg-ok");
    const r = await runCapture(["simulate", SCENARIO, "--register", csv, "--runs", "4", "--threads", "1", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    const bytes = await readFile(csv);
    const { createHash } = await import("node:crypto");
    expect(manifest.register).toEqual({ file: csv, households: 60, sha256: createHash("sha256").update(bytes).digest("hex") });
    expect(manifest.households).toBe(60);
  });

  it("reports an output folder that cannot be written (exit 1, no stack trace)", async () => {
    const blocker = join(dir, "file-not-folder");
    await writeFile(blocker, "x");
    const out = join(blocker, "sub", "out");
    const r = await runCapture(["simulate", SCENARIO, "--runs", "2", "--threads", "1", "--out", out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toBe(outputProblem({ code: "io", op: "read", path: out, errno: "ENOTDIR" }).en);
  });

  it("rejects bad numeric options with exit code 2", async () => {
    const r = await runCapture(["simulate", SCENARIO, "--runs", "ten", "--out", join(dir, "y")]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(M.badNumberOption("runs", "ten", M.positiveInteger()).en);
    const p = await runCapture(["simulate", SCENARIO, "--precision", "-1", "--out", join(dir, "y")]);
    expect(p.exitCode).toBe(2);
    expect(p.stderr).toContain(M.badNumberOption("precision", "-1", M.shareNumber()).en);
  });
});
