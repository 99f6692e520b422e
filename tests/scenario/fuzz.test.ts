/**
 * A small seeded sample of the fuzz harness (`npm run fuzz` runs 10,000 and more): mutated
 * shipped scenarios and fixtures are either refused with issues that render in en and zh,
 * or run through the ledger and a tiny simulation without a crash, a hang or an
 * undocumented non-finite number.
 */
import { describe, it, expect } from "vitest";
import { fileURLToPath } from "node:url";
import { describeFailure, loadBases, runFuzz } from "../../scripts/fuzzCore.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("fuzz sample", () => {
  it("150 seeded mutations: no crash, no hang, no undocumented non-finite number", async () => {
    const bases = await loadBases(root);
    expect(bases.length).toBeGreaterThanOrEqual(6);
    const seed = 20161122;
    const r = await runFuzz({ n: 150, seed, bases, budgetMs: 5000 });
    const failures = [...r.crashes, ...r.hangs, ...r.nonFinite].map((f) => describeFailure(f, seed));
    expect(failures).toEqual([]);
    expect(r.refused + r.ran).toBe(150);
    // The sample reaches both sides: refusals and scenarios that run.
    expect(r.ran).toBeGreaterThan(0);
    expect(r.refused).toBeGreaterThan(0);
  });
});
