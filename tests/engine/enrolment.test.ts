/**
 * Enrolment: a programme serves each household once (default), or anew every year
 * (`enrolment: yearly`: premiums and per-student aid paid every year, whoever was served
 * before or has left poverty); the effect of a yearly programme comes with the first
 * service only.
 */
import { describe, expect, it } from "vitest";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { metricIndex } from "../../src/model/results.js";
import { loadScenario } from "../../src/scenario/load.js";
import { unwrap } from "../../src/util/result.js";

const MINIMAL = "tests/fixtures/minimal.yaml";

async function run(sets: string[]) {
  const loaded = unwrap(await loadScenario(MINIMAL, { sets }));
  return unwrap(await simulateScenario(loaded, { runs: 12, seed: 5, threads: 1 })).results;
}

const column = (r: Awaited<ReturnType<typeof run>>, name: string): number[] => {
  const k = metricIndex(r, name);
  const out: number[] = [];
  for (let i = 0; i < r.runs * r.years.length; i++) out.push(r.data[i * r.metrics.length + k] as number);
  return out;
};

describe("programme enrolment", () => {
  it("yearly: the same households are served and paid every year; once: the first year only; the effect comes once either way", async () => {
    const once = await run([]);
    const yearly = await run(["programmes.industry.enrolment=yearly"]);
    const Y = once.years.length;
    const spendOnce = column(once, "spend:industry");
    const spendYearly = column(yearly, "spend:industry");
    const servedYearly = column(yearly, "served:industry");
    for (let r = 0; r < once.runs; r++) {
      const first = spendYearly[r * Y] as number;
      expect(first).toBeGreaterThan(0);
      expect(spendOnce[r * Y]).toBe(first);
      for (let y = 1; y < Y; y++) {
        // Every labour household is eligible every year: the same number served and paid again.
        expect(servedYearly[r * Y + y]).toBe(servedYearly[r * Y]);
        expect(spendYearly[r * Y + y]).toBe(first);
        expect(spendOnce[r * Y + y] as number).toBeLessThan(first);
      }
    }
    // Same first-year selection, no second effect: outcomes identical, run by run.
    expect(column(yearly, "exitedPeople")).toEqual(column(once, "exitedPeople"));
    expect(column(yearly, "relapses")).toEqual(column(once, "relapses"));
  });
});
