import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { runCapture } from "../../src/cli/main.js";
import * as M from "../../src/messages/results.js";

const SCENARIO = "scenarios/linghai-2017.yaml";
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-cmp-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("fundsim compare", () => {
  it("compares a variant with the baseline using paired differences", async () => {
    const out = join(dir, "cmp");
    const r = await runCapture(["compare", SCENARIO, "--variant", "full-capacity", "--runs", "12", "--threads", "1", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(M.compareHeading("12", "95%").en);
    // Variants are named by their label in the scenario, with the id that selects them.
    const scenario = parse(await readFile(SCENARIO, "utf8")) as { variants: { id: string; label: { en: string } }[] };
    const label = scenario.variants.find((v) => v.id === "full-capacity")?.label.en ?? "";
    expect(label).not.toBe("");
    expect(r.stdout).toContain(M.compareVariant(M.variantShown(label, "full-capacity").en, M.baselineName().en).en);
    expect(r.stdout).toMatch(/Fiscal cost 2017–\d{4}: [+−]?[\d.,]+ (M )?yuan \(CI /);
    expect((await readdir(out)).sort()).toEqual(["baseline", "differences.csv", "differences.json", "full-capacity", "manifest.json"]);
    const diffs = JSON.parse(await readFile(join(out, "differences.json"), "utf8"));
    expect(diffs[0]).toMatchObject({ a: "baseline", b: "full-capacity" });
    expect(diffs[0].paired.runs).toBe(12);
  });

  it("needs at least one variant and refuses duplicates (exit 2)", async () => {
    const none = await runCapture(["compare", SCENARIO]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain(M.compareNeedsTwo().en);
    const onlyBaseline = await runCapture(["compare", SCENARIO, "--variant", "baseline"]);
    expect(onlyBaseline.exitCode).toBe(2);
    expect(onlyBaseline.stderr).toContain(M.compareNeedsTwo().en);
    const dup = await runCapture(["compare", SCENARIO, "--variant", "no-pool", "--variant", "no-pool"]);
    expect(dup.exitCode).toBe(2);
    expect(dup.stderr).toContain(M.duplicateVariant("no-pool").en);
  });

  it("reports an unknown variant as a scenario error (exit 1)", async () => {
    const r = await runCapture(["compare", SCENARIO, "--variant", "no-such-variant", "--runs", "4"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("no-such-variant");
  });
});
