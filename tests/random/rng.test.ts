import { describe, expect, it } from "vitest";
import { PURPOSE, PURPOSES, addressedU32, addressedUniform, int32Threshold, nextInt32, nextUniform, seedStream, streamKey } from "../../src/random/rng.js";

describe("addressed random streams", () => {
  it("the same address gives the same stream; any component change gives another", () => {
    const a = new Int32Array(4);
    const b = new Int32Array(4);
    seedStream(a, 42, 3, PURPOSE.illness, 7);
    seedStream(b, 42, 3, PURPOSE.illness, 7);
    expect(a).toEqual(b);
    const variants: [number, number, number, number][] = [[43, 3, PURPOSE.illness, 7], [42, 4, PURPOSE.illness, 7], [42, 3, PURPOSE.disaster, 7], [42, 3, PURPOSE.illness, 8], [42 + 2 ** 32, 3, PURPOSE.illness, 7]];
    for (const [s, r, p, i] of variants) {
      seedStream(b, s, r, p, i);
      expect(b).not.toEqual(a);
    }
  });

  it("purposes are a closed list with stable ids", () => {
    expect(PURPOSES.length).toBe(new Set(PURPOSES).size);
    PURPOSES.forEach((p, i) => expect(PURPOSE[p]).toBe(i));
  });

  it("rejects seeds that are not non-negative safe integers", () => {
    const s = new Int32Array(4);
    expect(() => seedStream(s, -1, 0, 0, 0)).toThrow(RangeError);
    expect(() => seedStream(s, 1.5, 0, 0, 0)).toThrow(RangeError);
    expect(() => streamKey(Number.NaN, 0, 0, 0)).toThrow(RangeError);
  });

  it("uniforms are in (0,1) with mean 1/2 and variance 1/12 within MC error; lag-1 correlation ≈ 0", () => {
    const s = new Int32Array(4);
    seedStream(s, 1, 0, PURPOSE.idioShock, 0);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let lag = 0;
    let prev = 0.5;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = nextUniform(s);
      sum += u;
      sq += (u - 0.5) ** 2;
      lag += (u - 0.5) * (prev - 0.5);
      prev = u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    const seMean = Math.sqrt(1 / 12 / n);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * seMean);
    // Var of (u−½)² is 1/180 − 1/144.
    expect(Math.abs(sq / n - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
    expect(Math.abs(lag / n / (1 / 12))).toBeLessThan(5 / Math.sqrt(n));
  });

  it("neighbouring addressed draws are uncorrelated and uniform", () => {
    const key = streamKey(9, 1, PURPOSE.targeting, 0);
    const n = 100_000;
    const bins = new Array<number>(16).fill(0);
    let lag = 0;
    for (let i = 0; i < n; i++) {
      const u = addressedUniform(key, i);
      bins[Math.floor(u * 16)]! += 1;
      lag += (u - 0.5) * (addressedUniform(key, i + 1) - 0.5);
    }
    const e = n / 16;
    const chi = bins.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    expect(chi).toBeLessThan(40); // 15 degrees of freedom: P(χ² > 40) ≈ 5e-4
    expect(Math.abs(lag / n / (1 / 12))).toBeLessThan(5 / Math.sqrt(n));
    expect(addressedU32(key, 5)).toBe(addressedU32(key, 5));
  });

  it("int32 thresholds give Bernoulli probabilities exactly on the 2^-32 grid", () => {
    expect(int32Threshold(0)).toBe(-2147483648);
    expect(int32Threshold(0.5)).toBe(0);
    expect(int32Threshold(0.25)).toBe(-1073741824);
    const s = new Int32Array(4);
    seedStream(s, 3, 0, PURPOSE.labour, 0);
    const t = int32Threshold(0.7);
    let hits = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) hits += +(nextInt32(s) < t);
    expect(Math.abs(hits / n - 0.7)).toBeLessThan(5 * Math.sqrt(0.21 / n));
  });
});
