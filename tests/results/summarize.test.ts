import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { summarize } from "../../src/results/summarize.js";
import { CORE_METRICS } from "../../src/model/results.js";
import { makeResults, lcg } from "./fixtures.js";

/** Binomial(n, p) draw from a test generator. */
function binomial(rand: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) k += rand() < p ? 1 : 0;
  return k;
}

describe("summarize", () => {
  it("computes per-year and horizon statistics by metric kind", () => {
    const r = makeResults(3, [2016, 2017], ["poolLoss", "poolBalance", "poolDepleted", "targetMet"], (run, y, m) => {
      if (m === "poolLoss") return run + y; // flow: horizon = sum
      if (m === "poolBalance") return 100 - 10 * y - run; // stock: horizon = final year
      if (m === "poolDepleted") return run === 2 && y === 0 ? 1 : 0; // any
      return run === 0 || y === 0 ? 1 : 0; // targetMet: all
    });
    const s = summarize(r);
    expect(s.metrics["poolLoss"]?.byYear[1]?.mean).toBe(2);
    expect(s.metrics["poolLoss"]?.horizon.mean).toBe(3); // runs: 1, 3, 5
    expect(s.metrics["poolBalance"]?.horizon.mean).toBe(89);
    expect(s.pool?.depleted.p).toBeCloseTo(1 / 3, 12);
    expect(s.pool?.depletedByYear.map((p) => p.p)).toEqual([1 / 3, 0]);
    expect(s.targets?.basis).toBe("targetMetMetric");
    expect(s.targets?.overall.p).toBeCloseTo(1 / 3, 12);
    expect(s.headline).toBeNull();
    expect(s.costPerExit).toBeNull();
  });

  it("P(target met) per year and overall matches the binomial truth within Monte-Carlo error", () => {
    const rand = lcg(7);
    const runs = 4000;
    const years = [2016, 2017];
    const values = new Map<string, number>();
    // Targets are compared with people out of poverty at year end (TARGET_MEASURE).
    const r = makeResults(runs, years, ["exitedPeople", "villagesExited"], (run, y, m) => {
      const key = `${run}`;
      if (m === "villagesExited") return 10;
      if (y === 0) {
        const v = binomial(rand, 100, 0.5);
        values.set(key, v);
        return v;
      }
      return (values.get(key) ?? 0) + binomial(rand, 100, 0.5);
    });
    const s = summarize(r, { targets: { exits: [55, null], villages: [null, 10] } });
    // P(Bin(100, .5) ≥ 55) = 0.18410
    const y0 = s.targets?.byYear[0]?.met;
    expect(y0).toBeDefined();
    expect(Math.abs(y0!.p - 0.1841)).toBeLessThan(4 * y0!.se);
    expect(s.targets?.byYear[1]?.met?.p).toBe(1);
    expect(s.targets?.byYear[0]?.exitsMet).toEqual(y0);
    expect(s.targets?.byYear[0]?.villagesMet).toBeNull();
    expect(s.targets?.byYear[1]?.villagesMet?.p).toBe(1);
    expect(s.targets?.overall.p).toBe(y0!.p);
    expect(s.targets?.basis).toBe("targets");
    // Mean and SE of a year-2 binomial sum: mean 100, sd √50.
    const st = s.metrics["exitedPeople"]!.byYear[1]!;
    expect(Math.abs(st.mean - 100)).toBeLessThan(4 * Math.sqrt(50 / runs));
    expect(st.se).toBeCloseTo(st.sd / Math.sqrt(runs), 12);
  });

  it("skips the years a rate is undefined in (relapse before k years, an empty denominator) without NaN or a crash", () => {
    // 3 runs × 4 years. relapseWithin3 is defined from the fourth year, relapseWithin5 never;
    // exitHazard is undefined in run 2's last year (nobody left registered).
    const r = makeResults(3, [2016, 2017, 2018, 2019], ["relapseWithin3", "relapseWithin5", "exitHazard", "newlyRegistered"], (run, y, m) => {
      if (m === "relapseWithin3") return y < 3 ? Number.NaN : 0.1 * (run + 1);
      if (m === "relapseWithin5") return Number.NaN;
      if (m === "exitHazard") return run === 2 && y === 3 ? Number.NaN : 0.3 + 0.1 * y;
      return y === 0 ? Number.NaN : 100; // a flow: NaN years are skipped in the sum
    });
    const s = summarize(r);
    const r3 = s.metrics["relapseWithin3"]!;
    expect(r3.byYear.slice(0, 3).map((b) => b.n)).toEqual([0, 0, 0]);
    expect(r3.byYear[0]!.q50).toBeNaN();
    expect(r3.byYear[3]).toMatchObject({ n: 3, q50: 0.2 });
    expect(r3.horizon).toMatchObject({ n: 3, q50: 0.2 });
    const r5 = s.metrics["relapseWithin5"]!;
    expect(r5.horizon.n).toBe(0);
    expect([r5.horizon.mean, r5.horizon.q05, r5.horizon.q95, r5.horizon.se]).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    // The horizon value of a stock is the final year's in every run: run 2 is left out, not given its 2018 rate.
    const h = s.metrics["exitHazard"]!;
    expect(h.byYear[3]).toMatchObject({ n: 2 });
    expect(h.horizon.n).toBe(2);
    expect(h.horizon.mean).toBeCloseTo(0.6, 12);
    expect(h.horizon.min).toBeCloseTo(0.6, 12);
    expect(s.metrics["newlyRegistered"]!.horizon).toMatchObject({ n: 3, mean: 300 });
  });

  it("pool-loss VaR matches the uniform quantiles within Monte-Carlo error", () => {
    const rand = lcg(11);
    const runs = 4000;
    const r = makeResults(runs, [2020], ["poolLoss", "poolDepleted"], (_run, _y, m) => (m === "poolLoss" ? rand() : 0));
    const s = summarize(r);
    const qse = (p: number): number => Math.sqrt((p * (1 - p)) / runs); // density 1
    expect(Math.abs(s.pool!.lossVaR95 - 0.95)).toBeLessThan(4 * qse(0.95));
    expect(Math.abs(s.pool!.lossVaR99 - 0.99)).toBeLessThan(4 * qse(0.99));
    expect(s.pool!.lossES99).toBeGreaterThanOrEqual(s.pool!.lossVaR99);
    expect(Math.abs(s.pool!.lossES99 - 0.995)).toBeLessThan(0.01);
    expect(s.pool!.depleted.p).toBe(0);
  });

  it("the delta-method SE of cost per exit matches the spread of the ratio over replications", () => {
    const rand = lcg(3);
    const replications = 150;
    const runs = 200;
    const ratios: number[] = [];
    const ses: number[] = [];
    for (let k = 0; k < replications; k++) {
      const exits = new Map<number, number>();
      const r = makeResults(runs, [1, 2], ["fiscalCost", "exitedPeople"], (run, y, m) => {
        if (m === "exitedPeople") {
          const e = 50 + 20 * rand();
          exits.set(run, e);
          return e;
        }
        return 1000 + 300 * rand() + 5 * (exits.get(run) ?? 0);
      });
      // metric order: fiscalCost is computed before exitedPeople within a year, so the cost is
      // correlated with the previous year's exits of the same run: enough for a check.
      const c = summarize(r).costPerExit!;
      ratios.push(c.value);
      ses.push(c.se);
    }
    const mean = ratios.reduce((a, b) => a + b, 0) / replications;
    const sd = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (replications - 1));
    const meanSe = ses.reduce((a, b) => a + b, 0) / replications;
    // sd of an sd estimate from 150 replications is ≈ 6%: allow 25%.
    expect(meanSe / sd).toBeGreaterThan(0.75);
    expect(meanSe / sd).toBeLessThan(1.25);
  });

  it("property: quantiles ordered, SE ≥ 0, probabilities in [0, 1] for random results", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (runs, nyears, seed) => {
          const rand = lcg(seed);
          const years = Array.from({ length: nyears }, (_, i) => 2016 + i);
          const r = makeResults(runs, years, CORE_METRICS, (_r, _y, m) =>
            m === "poolDepleted" || m === "targetMet" || m === "suspended" ? +(rand() < 0.3) : m === "exitRate" ? rand() : 1e6 * rand(),
          );
          const s = summarize(r, { targets: { exits: years.map((_, i) => (i === nyears - 1 ? 5e5 : null)) } });
          for (const m of Object.values(s.metrics)) {
            for (const st of [...m.byYear, m.horizon]) {
              const q = [st.min, st.q05, st.q25, st.q50, st.q75, st.q95, st.max];
              for (let i = 1; i < q.length; i++) expect(q[i]!).toBeGreaterThanOrEqual(q[i - 1]!);
              expect(st.se).toBeGreaterThanOrEqual(0);
            }
          }
          for (const p of [s.targets!.overall, s.pool!.depleted, ...s.pool!.depletedByYear]) {
            expect(p.p).toBeGreaterThanOrEqual(0);
            expect(p.p).toBeLessThanOrEqual(1);
            expect(p.se).toBeGreaterThanOrEqual(0);
          }
          expect(s.pool!.lossVaR99).toBeGreaterThanOrEqual(s.pool!.lossVaR95);
          expect(s.headline!.se).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("targetProgress", () => {
  it("is the mean over the targets of min(1, achieved ÷ target) per run, 1 exactly where every target is met", async () => {
    const { targetProgress, overallTargetHits } = await import("../../src/results/summarize.js");
    // Run 0 meets both; run 1 reaches 40 of 80 people and none of 10 villages; run 2 overshoots people, 5 of 10 villages.
    const people = [80, 40, 120];
    const villages = [10, 0, 5];
    const r = makeResults(3, [2017, 2018], ["exitedPeople", "villagesExited"], (run, y, m) => (y === 0 ? 0 : m === "exitedPeople" ? people[run]! : villages[run]!));
    const t = { exits: [null, 80], villages: [null, 10] };
    expect(Array.from(targetProgress(r, t)!)).toEqual([1, (0.5 + 0) / 2, (1 + 0.5) / 2]);
    expect(Array.from(overallTargetHits(r, t)!)).toEqual([1, 0, 0]);
    expect(targetProgress(r, {})).toBeUndefined();
  });
});
