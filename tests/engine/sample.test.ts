import { describe, expect, it } from "vitest";
import { binomial } from "../../src/engine/credit.js";
import type { EngineDist } from "../../src/engine/model.js";
import { PURPOSE, seedStream, seedTailStream, streamKey } from "../../src/random/rng.js";
import { distMean, sampleDist, sampleDistAddressed } from "../../src/engine/sample.js";

const DISTS: EngineDist[] = [
  { kind: "fixed", a: 2, b: 0, c: 0 },
  { kind: "normal", a: 1, b: 0.5, c: 0 },
  { kind: "lognormal", a: 1.25, b: 0.3, c: 0 },
  { kind: "beta", a: 2, b: 5, c: 0 },
  { kind: "beta", a: 0.5, b: 0.5, c: 0 },
  { kind: "uniform", a: -1, b: 3, c: 0 },
  { kind: "triangular", a: 0, b: 1, c: 4 },
  { kind: "discrete", a: 0, b: 0, c: 0, values: Float64Array.of(1, 2, 5), weights: Float64Array.of(0.2, 0.5, 0.3) },
];

describe("distribution sampling", () => {
  for (const d of DISTS) {
    it(`${d.kind}(${d.a}, ${d.b}): stream and addressed draws have the right mean within 5 SE`, () => {
      const s = new Int32Array(4);
      const t = new Int32Array(4);
      seedStream(s, 1, 0, PURPOSE.programmeEffect, 0);
      seedTailStream(t, 1, 0, PURPOSE.programmeEffect, 0);
      const key = streamKey(1, 0, PURPOSE.programmeEffect, 1);
      const n = 40_000;
      const stats = (draw: (i: number) => number): { mean: number; se: number } => {
        let m = 0;
        let q = 0;
        for (let i = 0; i < n; i++) {
          const x = draw(i);
          m += x;
          q += x * x;
        }
        m /= n;
        return { mean: m, se: Math.sqrt(Math.max(q / n - m * m, 1e-18) / n) };
      };
      const a = stats(() => sampleDist(d, s, t));
      expect(Math.abs(a.mean - distMean(d))).toBeLessThanOrEqual(5 * a.se + 1e-12);
      if (d.kind !== "beta") {
        const b = stats((i) => sampleDistAddressed(d, key, i));
        expect(Math.abs(b.mean - distMean(d))).toBeLessThanOrEqual(5 * b.se + 1e-12);
      } else expect(sampleDistAddressed(d, key, 0)).toBeNaN();
    });
  }

  it("binomial by geometric skipping has mean np and variance np(1−p)", () => {
    const s = new Int32Array(4);
    seedStream(s, 2, 0, PURPOSE.loanDefault, 0);
    for (const p of [0.02, 0.3, 0.8]) {
      const n = 500;
      const R = 4000;
      let m = 0;
      let q = 0;
      for (let r = 0; r < R; r++) {
        const k = binomial(n, p, s);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(n);
        m += k;
        q += k * k;
      }
      m /= R;
      const v = q / R - m * m;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(m - n * p)).toBeLessThan((5 * sd) / Math.sqrt(R));
      expect(Math.abs(v / (n * p * (1 - p)) - 1)).toBeLessThan(5 * Math.sqrt(2 / R));
    }
    expect(binomial(10, 0, s)).toBe(0);
    expect(binomial(10, 1, s)).toBe(10);
  });
});
