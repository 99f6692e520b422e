/**
 * Model v2 registration and verification in the kernel (model.md "Who is poor"): inflow,
 * guarantees, two-year exits, the floor standard (两线合一), service after relapse, and the
 * registration-year transitory shock (regression to the mean) against its closed form.
 */
import { describe, expect, it } from "vitest";
import { ANY_ELIGIBLE, baseEngineModel, blankProgramme, hasHouseholdMechanism } from "../../src/engine/model.js";
import type { EngineModel } from "../../src/engine/model.js";
import { modelMetrics, prepareModelKernel } from "../../src/engine/run.js";
import { FLAG, GUARANTEES, SEGMENTS, allocateHouseholds } from "../../src/model/households.js";
import type { Households } from "../../src/model/households.js";
import { normCdf } from "../../src/random/normal.js";

const LINE = 3300;

/** n households of one person, income `income(i)`, registered where `registered(i)`. */
function population(n: number, income: (i: number) => number, registered: (i: number) => boolean, villages = 10): Households {
  const h = allocateHouseholds(n, villages);
  for (let i = 0; i < n; i++) {
    h.size[i] = 1;
    h.income[i] = income(i);
    h.labour[i] = 1;
    h.village[i] = i % villages;
  }
  return { ...h, registered: Uint8Array.from({ length: n }, (_, i) => (registered(i) ? 1 : 0)) };
}

function run(m: EngineModel, h: Households, runs = 1, seed = 1): (metric: string, y: number, r?: number) => number {
  const metrics = modelMetrics(m);
  const d = prepareModelKernel({ model: m, households: h })({ seed, runStart: 0, runEnd: runs });
  const Y = m.years.length;
  return (metric, y, r = 0) => d[(r * Y + y) * metrics.length + metrics.indexOf(metric)] as number;
}

const bit = (g: (typeof GUARANTEES)[number]): number => 1 << GUARANTEES.indexOf(g);

describe("registration and verification", () => {
  it("registers households found below the line when the scenario has inflow, and only then", () => {
    // 100 registered above the line, 50 not registered below it, 50 not registered above it.
    const h = population(200, (i) => (i < 100 || i >= 150 ? 4000 : 3000), (i) => i < 100);
    const m = { ...baseEngineModel([2017, 2018], LINE), inflow: true };
    const v = run(m, h);
    expect(v("newlyRegistered", 0)).toBe(50);
    expect(v("unregisteredHouseholds", 0)).toBe(50);
    expect(v("exitedHouseholds", 0)).toBe(100);
    expect(v("poorHouseholds", 0)).toBe(50);
    expect(v("belowLinePeople", 0)).toBe(50);
    // Registered in 2017, still below the line in 2018: nobody new, nobody out.
    expect(v("newlyRegistered", 1)).toBe(0);
    expect(v("newSpellExitRate", 1)).toBe(0);
    const none = run({ ...m, inflow: false }, h);
    expect(none("newlyRegistered", 0)).toBe(0);
    expect(none("unregisteredHouseholds", 1)).toBe(100);
    expect(none("poorHouseholds", 1)).toBe(0);
  });

  it("exits nobody whose required guarantee is missing, until a programme provides it", () => {
    const h = population(100, () => 5000, () => true);
    for (let i = 0; i < 40; i++) h.flags[i] = FLAG.uninsured;
    for (let i = 40; i < 60; i++) h.flags[i] = FLAG.unsafeWater;
    const Y = 2;
    const m = { ...baseEngineModel([2017, 2018], LINE), guarantees: bit("medicalCover") | bit("safeWater") };
    const v = run(m, h);
    expect(v("exitedHouseholds", 0)).toBe(40);
    expect(v("exitedHouseholds", 1)).toBe(40);
    // Only a required guarantee blocks: without safe water required, those 20 exit.
    expect(run({ ...m, guarantees: bit("medicalCover") }, h)("exitedHouseholds", 0)).toBe(60);
    // A water programme for 10 households in 2018: they exit in 2018.
    const water = { ...blankProgramme("water", Y), capacity: Float64Array.of(0, 10), provides: bit("safeWater") };
    const w = run({ ...m, guarantees: bit("safeWater"), programmes: [water] }, h);
    expect(w("exitedHouseholds", 0)).toBe(80);
    expect(w("exitedHouseholds", 1)).toBe(90);
    // A health programme gives medical cover.
    const health = { ...blankProgramme("health", Y, "health"), capacity: Float64Array.of(15, 0) };
    expect(run({ ...m, programmes: [health] }, h)("exitedHouseholds", 0)).toBe(55);
  });

  it("a programme that only provides a guarantee has a mechanism only where the exit requires that guarantee", () => {
    const aid = { ...blankProgramme("aid", 1), provides: bit("schooling") };
    expect(hasHouseholdMechanism(aid, 0)).toBe(false);
    expect(hasHouseholdMechanism(aid, bit("safeHousing"))).toBe(false);
    expect(hasHouseholdMechanism(aid, bit("schooling") | bit("safeHousing"))).toBe(true);
    expect(hasHouseholdMechanism({ ...blankProgramme("roads", 1, "cost"), provides: bit("safeWater") }, bit("safeWater"))).toBe(false);
  });

  it("with two-year exits, a household above the line exits at the second verification", () => {
    const h = population(50, () => 4000, () => true);
    const m = { ...baseEngineModel([2017, 2018, 2019], LINE), twoYearExit: true };
    const v = run(m, h);
    expect(v("exitedHouseholds", 0)).toBe(0);
    expect(v("exitedHouseholds", 1)).toBe(50);
    expect(v("exitHazard", 1)).toBe(1);
  });

  it("the floor lets households exit only when its standard reaches the exit line (两线合一)", () => {
    const h = population(60, () => 1000, () => true);
    for (let i = 0; i < 60; i++) h.segment[i] = SEGMENTS.indexOf("dibao");
    const floor = { ...blankProgramme("floor", 1, "floor"), eligibility: { ...ANY_ELIGIBLE, segmentMask: 1 << SEGMENTS.indexOf("dibao") } };
    const merged = { ...baseEngineModel([2017], LINE), programmes: [floor] };
    const v = run(merged, h);
    expect(v("exitedHouseholds", 0)).toBe(60);
    // Incomes are held as float32 logs: the top-up is exact to a relative 1e-7.
    expect(Math.abs(v("floorTopUps", 0) / (60 * (LINE - 1000)) - 1)).toBeLessThan(1e-7);
    const below = { ...merged, floorStandard: new Float64Array(SEGMENTS.length).fill(2800) };
    const b = run(below, h);
    expect(b("exitedHouseholds", 0)).toBe(0);
    expect(Math.abs(b("floorTopUps", 0) / (60 * (2800 - 1000)) - 1)).toBeLessThan(1e-7);
    // Households not registered are not floored by the plan's budget.
    const u = run(merged, { ...h, registered: new Uint8Array(60) });
    expect(u("floorTopUps", 0)).toBe(0);
  });

  it("serves a relapsed household again only where the programme allows it", () => {
    // Incomes bounce around the line (large transitory shocks, no persistence): many relapse.
    const n = 2000;
    const h = population(n, () => LINE, () => true);
    const Y = 6;
    const years = Array.from({ length: Y }, (_, i) => 2017 + i);
    const prog = { ...blankProgramme("support", Y), capacity: new Float64Array(Y).fill(Infinity) };
    const base = { ...baseEngineModel(years, LINE), idioSigma: 0.3 };
    const served = (again: boolean): number => {
      const v = run({ ...base, programmes: [{ ...prog, serveAgain: again }] }, h);
      let s = 0;
      let rel = 0;
      for (let y = 0; y < Y; y++) {
        s += v("served:support", y);
        rel += v("relapses", y);
      }
      expect(rel).toBeGreaterThan(100);
      return s;
    };
    expect(served(false)).toBeLessThanOrEqual(n);
    expect(served(true)).toBeGreaterThan(n + 100);
  });

  it("relapseWithin<k> counts the exiters of k years ago that relapsed since (NaN before)", () => {
    const n = 4000;
    const h = population(n, () => LINE * 0.99, () => true);
    const Y = 5;
    const m = { ...baseEngineModel(Array.from({ length: Y }, (_, i) => 2017 + i), LINE), idioSigma: 0.2 };
    const v = run(m, h);
    expect(Number.isNaN(v("relapseWithin1", 0))).toBe(true);
    expect(Number.isNaN(v("relapseWithin3", 2))).toBe(true);
    // iid shocks, no margin: an exiter relapses at the next check with probability 1/2 (income symmetric about the line ±1%).
    const r1 = v("relapseWithin1", 1);
    expect(Math.abs(r1 - normCdf(Math.log(1 / 0.99) / 0.2))).toBeLessThan(4 * Math.sqrt(0.25 / 1900));
    expect(v("relapseWithin2", 2)).toBeGreaterThanOrEqual(v("relapseWithin1", 1) - 0.05);
  });
});

describe("the registration-year transitory shock (regression to the mean)", () => {
  it("year-one exit of households observed below the line matches the closed form", () => {
    // Observed log income ~ N(μ, s²) = level + ε0 with ε ~ N(0, σe²); level ~ N(μ, s² − σe²).
    // Registered: observed below the line. Year one: observed = level + ε1 (no growth, no other shocks).
    // P(exit) = P(level + ε1 ≥ ln L | obs < ln L), computed by quadrature over obs.
    const mu = Math.log(LINE) + 0.1;
    const s = 0.4;
    const se = 0.25;
    const n = 60_000;
    // Observed incomes at the quantiles of N(mu, s²) (a deterministic population), registered when below the line.
    const obs = Array.from({ length: n }, (_, i) => mu + s * invPhi((i + 0.5) / n));
    const h = population(n, (i) => Math.exp(obs[i] as number), (i) => (obs[i] as number) < Math.log(LINE));
    const m = { ...baseEngineModel([2017], LINE), transitorySigma: se, cohortLogMean: Float64Array.of(mu), cohortLogSd: Float64Array.of(s), inflow: false };
    const RUNS = 6;
    const v = run(m, h, RUNS, 7);
    let reg = 0;
    for (let i = 0; i < n; i++) reg += (obs[i] as number) < Math.log(LINE) ? 1 : 0;
    const rates = Array.from({ length: RUNS }, (_, r) => v("exitedHouseholds", 0, r) / reg);
    const mean = rates.reduce((a, b) => a + b, 0) / RUNS;
    // Closed form: level | obs ~ N(obs − k(obs − μ), σe²(1 − k)), k = σe²/s²; + ε1 ~ N(0, σe²).
    const k = (se * se) / (s * s);
    const sdNext = Math.sqrt(se * se * (1 - k) + se * se);
    let num = 0;
    let den = 0;
    const x0 = Math.log(LINE);
    for (let j = 0; j < 20_000; j++) {
      const o = mu - 8 * s + ((j + 0.5) * 16 * s) / 20_000;
      if (o >= x0) break;
      const w = Math.exp(-0.5 * ((o - mu) / s) ** 2);
      den += w;
      num += w * (1 - normCdf((x0 - (o - k * (o - mu))) / sdNext));
    }
    const expected = num / den;
    // Binomial error over the registered households and runs (the population is fixed).
    const se1 = Math.sqrt((expected * (1 - expected)) / (reg * RUNS));
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se1 + 1e-3);
    // With a random walk (ρ = 1) the level's correction rides on the persistent component:
    // the same exits, up to float32 rounding of households exactly at the line.
    const walk = run({ ...m, idioPersistence: 1 }, h, RUNS, 7);
    for (let r = 0; r < RUNS; r++) expect(Math.abs(walk("exitedHouseholds", 0, r) - v("exitedHouseholds", 0, r))).toBeLessThanOrEqual(3);
    // Without regression to the mean (σe only in year one) the exit rate would be much lower.
    const naive = (() => {
      let a = 0;
      let b = 0;
      for (let j = 0; j < 20_000; j++) {
        const o = mu - 8 * s + ((j + 0.5) * 16 * s) / 20_000;
        if (o >= x0) break;
        const w = Math.exp(-0.5 * ((o - mu) / s) ** 2);
        b += w;
        a += w * (1 - normCdf((x0 - o) / se));
      }
      return a / b;
    })();
    expect(expected - naive).toBeGreaterThan(0.03);
  });
});

/** Φ⁻¹ by bisection on normCdf (test helper). */
function invPhi(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
