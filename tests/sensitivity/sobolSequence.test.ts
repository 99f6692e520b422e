import { describe, expect, it } from "vitest";
import { SOBOL_MAX_DIMENSION, owenScramble, sobolDirections, sobolPoints } from "../../src/sensitivity/sobolSequence.js";
import { JOE_KUO_ENTRIES } from "../../src/sensitivity/joeKuo.js";
import { unwrap } from "../../src/util/result.js";
import { uniform } from "./uniform.js";

/** Column j of a row-major n × dims array. */
function column(points: Float64Array, dims: number, j: number): number[] {
  const out: number[] = [];
  for (let i = j; i < points.length; i += dims) out.push(points[i] as number);
  return out;
}

describe("Sobol sequence, unscrambled", () => {
  const points = unwrap(sobolPoints(3, 11, { skip: 1 }));

  it("matches the published first points of dimensions 1 to 3 (Joe & Kuo 2008)", () => {
    expect(column(points, 3, 0)).toEqual([0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875, 0.6875, 0.9375, 0.4375]);
    expect(column(points, 3, 1)).toEqual([0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625, 0.3125, 0.8125, 0.0625, 0.5625]);
    expect(column(points, 3, 2)).toEqual([0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, 0.9375, 0.4375, 0.6875, 0.1875]);
  });

  it("starts at the origin without skip", () => {
    expect(Array.from(unwrap(sobolPoints(5, 1)))).toEqual([0, 0, 0, 0, 0]);
  });

  it("agrees deep in the sequence and in high dimensions with an independent implementation", () => {
    // Points 1,000,003 and 1,000,004 of the 1,024-dimensional sequence (scipy.stats.qmc.Sobol,
    // scramble=False, bits=32, which embeds the same new-joe-kuo-6.21201 table).
    const reference: readonly (readonly [number, number, number])[] = [
      [0, 0.2764749526977539, 0.4014749526977539],
      [2, 0.07799625396728516, 0.45299625396728516],
      [9, 0.004401206970214844, 0.8794012069702148],
      [63, 0.3081216812133789, 0.1831216812133789],
      [511, 0.5465154647827148, 0.6715154647827148],
      [1023, 0.048842430114746094, 0.6738424301147461],
    ];
    const deep = unwrap(sobolPoints(1024, 2, { skip: 1_000_003 }));
    for (const [j, first, second] of reference) {
      expect(deep[j]).toBe(first);
      expect(deep[1024 + j]).toBe(second);
    }
  });

  it("continues the same sequence whatever the skip (Gray-code stepping equals direct construction)", () => {
    const all = unwrap(sobolPoints(7, 300));
    const tail = unwrap(sobolPoints(7, 100, { skip: 200 }));
    expect(Array.from(tail)).toEqual(Array.from(all.subarray(200 * 7)));
  });

  it("embeds a well-formed direction table: odd m_k < 2^k, one entry per dimension", () => {
    const entries = JOE_KUO_ENTRIES.split(";").filter((e) => e.length > 0);
    expect(entries).toHaveLength(SOBOL_MAX_DIMENSION - 1);
    const malformed = entries.filter((entry) => {
      const [s = 0, a = 0, ...m] = entry.split(" ").map(Number);
      return m.length !== s || a >= 2 ** (s - 1) || m.some((mk, k) => mk % 2 !== 1 || mk >= 2 ** (k + 1));
    });
    expect(malformed).toEqual([]);
    expect(sobolDirections(SOBOL_MAX_DIMENSION).length).toBe(SOBOL_MAX_DIMENSION * 32);
  });

  it("reports sizes it cannot serve as issues", () => {
    expect(sobolPoints(SOBOL_MAX_DIMENSION + 1, 4)).toEqual({
      ok: false,
      error: { code: "dimensionOutOfRange", found: SOBOL_MAX_DIMENSION + 1, min: 1, max: SOBOL_MAX_DIMENSION },
    });
    expect(sobolPoints(2, 1.5).ok).toBe(false);
    expect(sobolPoints(2, 10, { skip: 2 ** 32 - 5 }).ok).toBe(false);
  });
});

describe("Sobol sequence, scrambled", () => {
  const m = 10;
  const n = 2 ** m;
  const dims = 16;

  for (const scramble of ["shift", "owen"] as const) {
    it(`${scramble}: stays in [0, 1) and keeps exactly one point per 1/2^m interval in every coordinate`, () => {
      const points = unwrap(sobolPoints(dims, n, { scramble, random: uniform(7) }));
      for (let j = 0; j < dims; j++) {
        const cells = new Uint8Array(n);
        const values = column(points, dims, j);
        expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
        for (const x of values) cells[Math.floor(x * n)]! += 1;
        expect(cells.every((c) => c === 1)).toBe(true);
      }
    });

    it(`${scramble}: keeps the (0, m, 2)-net of dimensions 1 and 2 (one point per elementary box)`, () => {
      const points = unwrap(sobolPoints(2, n, { scramble, random: uniform(8) }));
      for (let split = 0; split <= m; split++) {
        const nx = 2 ** split;
        const ny = n / nx;
        const cells = new Uint8Array(n);
        for (let i = 0; i < n; i++) cells[Math.floor(points[2 * i]! * nx) * ny + Math.floor(points[2 * i + 1]! * ny)]! += 1;
        expect(cells.every((c) => c === 1)).toBe(true);
      }
    });

    it(`${scramble}: a fixed point is uniform over seeds (decile counts within 4 binomial SDs)`, () => {
      const seeds = 4000;
      const counts = new Array<number>(10).fill(0);
      for (let seed = 0; seed < seeds; seed++) {
        const p = unwrap(sobolPoints(3, 1, { scramble, random: uniform(1000 + seed), skip: 5 }));
        counts[Math.floor(p[2]! * 10)]! += 1;
      }
      const sd = Math.sqrt(seeds * 0.1 * 0.9);
      for (const c of counts) expect(Math.abs(c - seeds / 10)).toBeLessThan(4 * sd);
    });
  }

  it("owen scramble is a bijection of the 32-bit words that respects the nested structure", () => {
    // Points sharing their top b bits keep sharing top b bits after scrambling.
    const seed = 0x9e3779b9;
    const x = 0b1011 << 28;
    for (let b = 1; b <= 4; b++) {
      const y = (x | (0x12345 << 3)) >>> 0;
      const sx = owenScramble(x >>> 0, seed) >>> (32 - b);
      const sy = owenScramble(y, seed) >>> (32 - b);
      expect(sx).toBe(sy);
    }
    const seen = new Set<number>();
    for (let i = 0; i < 4096; i++) seen.add(owenScramble(i << 20, 12345) >>> 20);
    expect(seen.size).toBe(4096);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = unwrap(sobolPoints(4, 64, { scramble: "owen", random: uniform(3) }));
    const b = unwrap(sobolPoints(4, 64, { scramble: "owen", random: uniform(3) }));
    const c = unwrap(sobolPoints(4, 64, { scramble: "owen", random: uniform(4) }));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});
