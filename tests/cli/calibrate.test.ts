/**
 * `fundsim calibrate` from the command line: a fit printed in either language and written
 * (the variant file then applies with --variant), the same output twice, and refusals with
 * the targets file's own location, never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCapture } from "../../src/cli/main.js";
import * as C from "../../src/messages/calibration.js";

const MINIMAL = "tests/fixtures/minimal.yaml";
const TARGETS = "tests/fixtures/targets.yaml";
const FAST = ["--runs", "8", "--threads", "1", "--max-evaluations", "10"];
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-cal-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("fundsim calibrate", () => {
  it("prints the fit and writes it; the variant file applies; the same run prints the same", async () => {
    const out = join(dir, "a");
    const r = await runCapture(["calibrate", MINIMAL, "--targets", TARGETS, ...FAST, "--out", out]);
    expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(C.fitNote().en);
    expect(r.stdout).toMatch(/income\.growth\s+0\.05\s+[\d.]+/);
    expect(r.stdout).toMatch(/exited2018\s+exitedPeople\s+2018\s+check/);
    expect((await readdir(out)).sort()).toEqual([
      "calibrated.yaml",
      "calibration-fit.png",
      "calibration-fit.svg",
      "calibration-fit.vl.json",
      "calibration-parameters.png",
      "calibration-parameters.svg",
      "calibration-parameters.vl.json",
      "calibration.html",
      "calibration.json",
      "fit.csv",
      "manifest.json",
      "parameters.csv",
    ]);
    const page = await readFile(join(out, "calibration.html"), "utf8");
    expect(page).toContain("<h2>Fit per target</h2>");
    expect(page).toContain("exited2018");
    expect(page).toContain(C.fitNote().en.slice(0, 40));
    const sim = await runCapture(["simulate", MINIMAL, "--variant", join(out, "calibrated.yaml"), "--runs", "4", "--threads", "1", "--out", join(dir, "sim")]);
    expect(sim.exitCode).toBe(0);
    const again = await runCapture(["calibrate", MINIMAL, "--targets", TARGETS, ...FAST, "--out", join(dir, "b")]);
    // The same fit, but the wall time in the objective line differs.
    const strip = (s: string): string => s.replace(/ in [\d.]+ s\./, "").replace(/用时 [\d.]+ 秒/, "").replace(/written to \S+/, "").replace(/--variant \S+/, "");
    expect(strip(again.stdout)).toBe(strip(r.stdout));
    const zh = await runCapture(["calibrate", MINIMAL, "--targets", TARGETS, ...FAST, "--out", join(dir, "c"), "--lang", "zh"]);
    expect(zh.exitCode).toBe(0);
    expect(zh.stdout).toContain(C.fitNote().zh);
  }, 60_000);

  it("refuses a targets file that does not fit the scenario, saying where (en and zh)", async () => {
    const file = join(dir, "bad.yaml");
    await writeFile(
      file,
      [
        "fundsim-targets: 1",
        "name: bad",
        "free:",
        "  - {parameter: income.growthh, min: 0, max: 0.2, assumption: x}",
        "targets:",
        "  - {id: a, metric: exitedPeople, year: 2018, observed: 400, sd: 20, source: x}",
        "",
      ].join("\n"),
    );
    const r = await runCapture(["calibrate", MINIMAL, "--targets", file, ...FAST, "--out", join(dir, "d")]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(C.calibrationRefused().en);
    expect(r.stderr).toContain(`${C.freeWho(file)} income.growthh`);
    expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
    await writeFile(file, "fundsim-targets: 1\nname: bad\nfree: []\ntargets: []\n");
    const zh = await runCapture(["calibrate", MINIMAL, "--targets", file, ...FAST, "--out", join(dir, "e"), "--lang", "zh"]);
    expect(zh.exitCode).toBe(1);
    expect(zh.stderr).toMatch(/bad\.yaml:3/);
    const missing = await runCapture(["calibrate", MINIMAL, "--targets", join(dir, "none.yaml"), "--out", join(dir, "f")]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain("none.yaml");
  });
});
