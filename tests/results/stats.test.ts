import { describe as group, expect, it } from "vitest";
import fc from "fast-check";
import * as ss from "simple-statistics";
import { describe, meanSd, noneSeenUpper95, probability, quantileSorted, ratioOfMeans } from "../../src/results/stats.js";
import { tQuantile } from "../../src/results/critical.js";
import { invNormCdf as normalQuantile } from "../../src/random/normal.js";

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 });

group("stats", () => {
  it("quantiles are ordered and lie within [min, max]; SE ≥ 0", () => {
    fc.assert(
      fc.property(sample, (xs) => {
        const s = describe(xs);
        const q = [s.min, s.q05, s.q25, s.q50, s.q75, s.q95, s.max];
        for (let i = 1; i < q.length; i++) expect(q[i]!).toBeGreaterThanOrEqual(q[i - 1]!);
        expect(s.se).toBeGreaterThanOrEqual(0);
        expect(s.sd).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("agrees with simple-statistics on random data", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 2, maxLength: 300 }), (xs) => {
        const s = describe(xs);
        const scale = Math.max(1, ...xs.map(Math.abs));
        expect(Math.abs(s.mean - ss.mean(xs))).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(s.sd - ss.sampleStandardDeviation(xs))).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(s.q50 - ss.median(xs))).toBeLessThanOrEqual(1e-12 * scale);
        expect(s.min).toBe(ss.min(xs));
        expect(s.max).toBe(ss.max(xs));
        // simple-statistics picks an order statistic; type 7 interpolates between neighbours.
        const sorted = [...xs].sort((a, b) => a - b);
        for (const p of [0.05, 0.25, 0.75, 0.95]) {
          const ours = quantileSorted(sorted, p);
          const h = (sorted.length - 1) * p;
          expect(ours).toBeGreaterThanOrEqual(sorted[Math.floor(h)]!);
          expect(ours).toBeLessThanOrEqual(sorted[Math.ceil(h)]!);
          const theirs = ss.quantileSorted(sorted, p);
          const gap = sorted[Math.min(sorted.length - 1, Math.ceil(h) + 1)]! - sorted[Math.max(0, Math.floor(h) - 1)]!;
          expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(gap + 1e-9);
        }
      }),
    );
  });

  it("type-7 quantiles match known values", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(xs, 0.05)).toBeCloseTo(1.45, 12);
    expect(quantileSorted(xs, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantileSorted(xs, 0.5)).toBe(5.5);
    expect(quantileSorted(xs, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantileSorted([7], 0.3)).toBe(7);
  });

  it("constant samples have exactly zero spread", () => {
    const s = meanSd([0.1, 0.1, 0.1]);
    expect(s).toEqual({ mean: 0.1, sd: 0 });
  });

  it("probability and ratio of means", () => {
    expect(probability([1, 0, 1, 1])).toEqual({ p: 0.75, se: Math.sqrt((0.75 * 0.25) / 4), n: 4 });
    const r = ratioOfMeans([10, 20, 30], [1, 2, 3]);
    expect(r.value).toBe(10);
    expect(r.se).toBeCloseTo(0, 12); // perfectly proportional: no uncertainty in the ratio
  });

  it("critical values match tables", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 6);
    for (const [df, v] of [[1, 12.7062], [2, 4.3027], [3, 3.1824], [9, 2.2622], [29, 2.0452], [60, 2.0003], [1000, 1.9623]] as const) {
      expect(tQuantile(0.975, df)).toBeCloseTo(v, 3);
    }
    expect(tQuantile(0.025, 9)).toBeCloseTo(-2.2622, 3);
  });
});

group("undefined values (NaN)", () => {
  it("are skipped by describe, probability, horizon values and paired differences", async () => {
    const { horizonValue } = await import("../../src/results/metricKinds.js");
    const { pairedStat } = await import("../../src/results/paired.js");
    const s = describe([1, Number.NaN, 3]);
    expect([s.n, s.mean, s.q50]).toEqual([2, 2, 2]);
    expect(probability([1, Number.NaN, 0, 0])).toMatchObject({ n: 3, p: 1 / 3 });
    expect(horizonValue("all", [1, Number.NaN, Number.NaN])).toBe(1);
    expect(horizonValue("all", [1, Number.NaN, 0])).toBe(0);
    expect(horizonValue("any", [Number.NaN, 0])).toBe(0);
    expect(horizonValue("stock", [5, Number.NaN])).toBe(5);
    expect(horizonValue("flow", [Number.NaN, Number.NaN])).toBeNaN();
    const d = pairedStat([1, Number.NaN, 3], [2, 5, Number.NaN]);
    expect([d.n, d.mean]).toEqual([1, 1]);
  });
});

group("noneSeenUpper95", () => {
  it("is the p at which n misses have probability 5%, close to the rule of three", () => {
    for (const n of [20, 200, 1000]) {
      const p = noneSeenUpper95(n);
      expect(Math.pow(1 - p, n)).toBeCloseTo(0.05, 12);
      expect(Math.abs(p * n - 3)).toBeLessThan(0.25); // 2.78 at n = 20, 2.99 at n = 1,000
    }
  });
});

group("wilsonInterval", () => {
  it("matches Newcombe (1998), Table I, method 3 (score interval without continuity correction, 95%)", async () => {
    const { wilsonInterval } = await import("../../src/results/stats.js");
    const z = 1.959963984540054;
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const w = wilsonInterval(k, n, z);
      expect(w.lo).toBeCloseTo(lo, 4);
      expect(w.hi).toBeCloseTo(hi, 4);
    }
    expect(wilsonInterval(0, 0, z)).toEqual({ lo: 0, hi: 1 });
  });
});

group("Z90", () => {
  it("is the normal quantile of 0.95", async () => {
    const { Z90 } = await import("../../src/results/stats.js");
    expect(Z90).toBeCloseTo(normalQuantile(0.95), 12);
  });
});
