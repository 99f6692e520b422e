/**
 * A user's files are never lost: every command that writes refuses the current folder, an
 * empty path, the scenario itself and an existing file, leaving every file untouched, and
 * says why in the user's language.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCapture } from "../../src/cli/main.js";
import { outputProblem } from "../../src/messages/io.js";
import { say } from "../../src/messages/lang.js";

const MINIMAL = new URL("../fixtures/minimal.yaml", import.meta.url).pathname;
const root = await mkdtemp(join(tmpdir(), "fundsim-safety-"));
afterAll(() => rm(root, { recursive: true, force: true }));

let cwd = "";
let n = 0;
beforeEach(async () => {
  cwd = join(root, `c${n++}`);
  await mkdir(cwd);
  await copyFile(MINIMAL, join(cwd, "s.yaml"));
  await writeFile(join(cwd, "notes.txt"), "my notes");
});

/** Every file in the working folder with its content. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(cwd, { recursive: true })).sort()) out[f] = await readFile(join(cwd, f), "utf8").catch(() => "<folder>");
  return out;
}

const commands: Record<string, readonly string[]> = {
  simulate: ["simulate", "s.yaml", "--runs", "2", "--threads", "1"],
  compare: ["compare", "s.yaml", "--variant", "more-industry", "--runs", "2", "--threads", "1"],
  ledger: ["ledger", "s.yaml"],
  report: ["report", "s.yaml", "--runs", "2", "--threads", "1"],
};

describe("outputs never destroy a user's files", () => {
  for (const [name, args] of Object.entries(commands)) {
    for (const out of [".", "", "s.yaml", "notes.txt", "..", "./"]) {
      it(`${name} --out ${JSON.stringify(out)} leaves every file untouched and exits 1`, async () => {
        const before = await snapshot();
        const r = await runCapture([...args, "--out", out, "--force"], cwd);
        expect(r.exitCode).toBe(1);
        expect(r.stderr).not.toContain("Internal error");
        expect(r.stderr.length).toBeGreaterThan(20);
        expect(await snapshot()).toEqual(before);
      });
    }
  }

  it("a folder of the user's is refused with a message naming its files; --force writes beside them", async () => {
    await mkdir(join(cwd, "work"));
    await writeFile(join(cwd, "work", "budget.xlsx"), "spreadsheet");
    const r = await runCapture(["simulate", "s.yaml", "--runs", "2", "--threads", "1", "--out", "work", "--lang", "zh"], cwd);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toBe(say("zh", outputProblem({ code: "foreignFiles", path: "work", files: ["budget.xlsx"], total: 1 })));
    const forced = await runCapture(["simulate", "s.yaml", "--runs", "2", "--threads", "1", "--out", "work", "--force"], cwd);
    expect(forced.exitCode).toBe(0);
    expect((await readdir(join(cwd, "work"))).sort()).toEqual(["budget.xlsx", "manifest.json", "runs.csv", "spending.csv", "summary.json"]);
    expect(await readFile(join(cwd, "work", "budget.xlsx"), "utf8")).toBe("spreadsheet");
  });

  it("runs again into its own previous output folder, and a ledger folder is written whole", async () => {
    for (let i = 0; i < 2; i++) {
      const r = await runCapture(["ledger", "s.yaml", "--out", "ledger"], cwd);
      expect(r.exitCode).toBe(0);
    }
    expect((await readdir(join(cwd, "ledger"))).sort()).toEqual(["ledger.csv", "ledger.json", "ledger.txt", "manifest.json"]);
    const sim = await runCapture(["simulate", "s.yaml", "--runs", "2", "--threads", "1", "--out", "ledger"], cwd);
    expect(sim.exitCode).toBe(1);
    expect(sim.stderr.trim()).toBe(say("en", outputProblem({ code: "otherKind", path: "ledger", kind: "ledger", wanted: "results" })));
  });

  it("an output under a file is a clear message, not an internal error", async () => {
    for (const args of Object.values(commands)) {
      const r = await runCapture([...args, "--out", "notes.txt/out"], cwd);
      expect(r.exitCode).toBe(1);
      expect(r.stderr.trim()).toBe(say("en", outputProblem({ code: "io", op: "read", path: "notes.txt/out", errno: "ENOTDIR" })));
    }
  });

  it("chart never replaces a file it did not write, nor the scenario; it replaces its own", async () => {
    const args = ["chart", "s.yaml", "--kind", "budget-uses", "--format", "json"];
    const before = await snapshot();
    for (const out of ["notes.txt", "s.yaml", "", "."]) {
      const r = await runCapture([...args, "--out", out], cwd);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).not.toContain("Internal error");
    }
    expect(await snapshot()).toEqual(before);
    for (let i = 0; i < 2; i++) expect((await runCapture([...args, "--out", "uses.json"], cwd)).exitCode).toBe(0);
    expect(JSON.parse(await readFile(join(cwd, "uses.json"), "utf8")).usermeta).toEqual({ generator: "fundsim" });
  });
});
