import { describe, expect, it } from "vitest";
import { PURPOSE, nextInt32, seedStream, seedTailStream, streamKey, u32ToUniform } from "../../src/random/rng.js";
import { addressedNormal, fillNormals, invNormCdf, nextNormal, normCdf, ZF, ZK, ZW, zigguratSlow } from "../../src/random/normal.js";

/** Check n draws against Φ on 16 bins (χ², 15 degrees of freedom) and the first, second and fourth moments within MC error. */
function expectStandardNormal(draw: (i: number) => number, n: number): void {
  const edges = [-3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5];
  const counts = new Array<number>(edges.length + 1).fill(0);
  let m1 = 0;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const z = draw(i);
    m1 += z;
    m2 += z * z;
    m4 += z ** 4;
    let k = 0;
    while (k < edges.length && z >= (edges[k] as number)) k++;
    counts[k]! += 1;
  }
  let chi = 0;
  for (let k = 0; k <= edges.length; k++) {
    const lo = k === 0 ? -Infinity : (edges[k - 1] as number);
    const hi = k === edges.length ? Infinity : (edges[k] as number);
    const e = n * (normCdf(hi) - normCdf(lo));
    chi += ((counts[k] as number) - e) ** 2 / e;
  }
  expect(chi).toBeLessThan(40);
  expect(Math.abs(m1 / n)).toBeLessThan(5 / Math.sqrt(n));
  expect(Math.abs(m2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  expect(Math.abs(m4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
}

/** The ziggurat slow path with the plain wedge test (Math.exp every time): what the squeezed one must equal. */
function zigguratSlowPlain(u: number, tail: Int32Array): number {
  const R = 3.442619855899;
  let hz = u >> 7;
  let iz = u & 127;
  for (;;) {
    const x = (hz + 0.5) * (ZW[iz] as number);
    if (iz === 0) {
      let t: number;
      let y: number;
      do {
        t = -Math.log(u32ToUniform(nextInt32(tail))) / R;
        y = -Math.log(u32ToUniform(nextInt32(tail)));
      } while (y + y < t * t);
      return hz >= 0 ? R + t : -R - t;
    }
    const f0 = ZF[iz] as number;
    if (f0 + u32ToUniform(nextInt32(tail)) * ((ZF[iz - 1] as number) - f0) < Math.exp(-0.5 * x * x)) return x;
    const w = nextInt32(tail);
    hz = w >> 7;
    iz = w & 127;
    if ((hz ^ (hz >> 31)) < (ZK[iz] as number)) return (hz + 0.5) * (ZW[iz] as number);
  }
}

describe("normal distribution", () => {
  it("the squeezed wedge test decides every slow-path draw as Math.exp would (same value, same tail words)", () => {
    const main = new Int32Array(4), a = new Int32Array(4), b = new Int32Array(4);
    seedStream(main, 11, 0, PURPOSE.idioShock, 0);
    seedTailStream(a, 11, 0, PURPOSE.idioShock, 0);
    b.set(a);
    let slow = 0;
    let mismatches = 0;
    // Every layer's wedge, both signs, and draws right at the squeeze bounds are met many times over.
    while (slow < 300_000) {
      const u = nextInt32(main);
      const hz = u >> 7;
      if ((hz ^ (hz >> 31)) < (ZK[u & 127] as number)) continue;
      slow++;
      if (zigguratSlow(u, a) !== zigguratSlowPlain(u, b)) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it("fillNormals gives exactly scale × nextNormal, in order, and leaves the streams where nextNormal would", () => {
    const a = new Int32Array(4), at = new Int32Array(4), b = new Int32Array(4), bt = new Int32Array(4);
    seedStream(a, 7, 3, PURPOSE.trend, 0);
    seedTailStream(at, 7, 3, PURPOSE.trend, 0);
    b.set(a);
    bt.set(at);
    const out = new Float64Array(50_000);
    fillNormals(out, 0.5, a, at);
    let slow = 0;
    for (let i = 0; i < out.length; i++) {
      const z = nextNormal(b, bt);
      expect(out[i]).toBe(0.5 * z);
      if (Math.abs(z) > 3.44) slow++;
    }
    expect(slow).toBeGreaterThan(0); // the tail path was taken
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(at)).toEqual(Array.from(bt));
  });

  it("Φ matches reference values to double precision", () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normCdf(-3) / 0.0013498980316301 - 1).toBeLessThan(1e-12);
    expect(Math.abs(normCdf(-5) / 2.866515718791939e-7 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(normCdf(-10) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-8);
  });

  it("Φ⁻¹ inverts Φ across the range and hits known quantiles", () => {
    expect(invNormCdf(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(invNormCdf(0.05)).toBeCloseTo(-1.6448536269514729, 13);
    expect(invNormCdf(0.5)).toBe(0);
    expect(invNormCdf(0)).toBe(-Infinity);
    expect(invNormCdf(1)).toBe(Infinity);
    expect(invNormCdf(1.5)).toBeNaN();
    for (const p of [1e-12, 1e-6, 0.001, 0.02425, 0.1, 0.3, 0.7, 0.9, 0.999, 1 - 1e-9]) {
      expect(Math.abs(normCdf(invNormCdf(p)) / p - 1)).toBeLessThan(1e-12);
    }
  });

  it("Φ⁻¹ matches published values to double precision", () => {
    const published: [number, number][] = [
      [0.975, 1.959963984540054],
      [0.995, 2.5758293035489004],
      [1e-10, -6.361340902404056],
    ];
    for (const [p, x] of published) expect(Math.abs(invNormCdf(p) - x) / Math.abs(x)).toBeLessThan(1e-14);
  });

  it("ziggurat normals fit Φ on 16 bins (χ²) and have mean 0, variance 1, kurtosis 3 within MC error", () => {
    const s = new Int32Array(4);
    const tail = new Int32Array(4);
    seedStream(s, 2024, 0, PURPOSE.idioShock, 0);
    seedTailStream(tail, 2024, 0, PURPOSE.idioShock, 0);
    expectStandardNormal(() => nextNormal(s, tail), 1_000_000);
  });

  it("addressed normals (slow path included) fit Φ the same way, and depend only on (key, i)", () => {
    const key = streamKey(2024, 3, PURPOSE.programmeEffect, 1);
    expectStandardNormal((i) => addressedNormal(key, i), 1_000_000);
    expect(addressedNormal(key, 12345)).toBe(addressedNormal(key, 12345));
    expect(addressedNormal(key, 12345)).not.toBe(addressedNormal(key, 12346));
    expect(addressedNormal(key + 1, 12345)).not.toBe(addressedNormal(key, 12345));
  });
});
