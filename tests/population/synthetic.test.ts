import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildCohorts, type CohortSpec } from "../../src/population/cohorts.js";
import { buildPopulation } from "../../src/population/synthetic.js";
import { nationalRegister, NATIONAL_PEOPLE, NATIONAL_HOUSEHOLDS } from "../../src/population/national.js";
import { CAUSES, FLAG, SEGMENTS, totalPeople, type Households } from "../../src/model/households.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { unwrap } from "../../src/util/result.js";

const minimal = readFileSync(fileURLToPath(new URL("./fixtures/minimal.yaml", import.meta.url)), "utf8");

const spec = (over: Partial<CohortSpec> = {}): CohortSpec => ({
  id: "c",
  segment: "dibao",
  households: 536,
  people: 892,
  labourShare: 0.3,
  income: { kind: "lognormal", median: 2600, sigma: 0.4 },
  flags: { remote: 0.25, unsafeHousing: 0.1 },
  causes: { illness: 0.4, disability: 0.1 },
  ...over,
});

const count = (a: ArrayLike<number>, pred: (x: number) => boolean, from = 0, to = a.length): number => {
  let k = 0;
  for (let i = from; i < to; i++) if (pred(a[i] as number)) k++;
  return k;
};

const cohortPeople = (h: Households, c: number): number => {
  let s = 0;
  for (let i = 0; i < h.count; i++) if (h.cohort[i] === c) s += h.size[i] as number;
  return s;
};

describe("buildCohorts", () => {
  it("property: sizes sum exactly to people; labour, flag and cause counts are exact", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 1, max: 6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (households, perHousehold, labourShare, illness, seed) => {
          const people = Math.round(households * perHousehold);
          const h = unwrap(
            buildCohorts([spec({ households, people, labourShare, causes: { illness, disability: 0.5 } }), spec({ id: "w", segment: "wubao", households: 7, people: 7 })], {
              seed,
              villages: 5,
            }),
          );
          expect(h.count).toBe(households + 7);
          expect(cohortPeople(h, 0)).toBe(people);
          expect(cohortPeople(h, 1)).toBe(7);
          expect(count(h.size, (s) => s < 1)).toBe(0);
          expect(count(h.labour, (x) => x === 1, 0, households)).toBe(Math.round(labourShare * households));
          expect(count(h.flags, (f) => (f & FLAG.remote) !== 0, 0, households)).toBe(Math.round(0.25 * households));
          // Causes: round(share × H) each, unless the rounded counts exceed H (ties at .5);
          // then the largest is cut back, so a count is within 1 of share × H and all sum to H.
          const ill = count(h.cause, (c) => c === CAUSES.indexOf("illness"), 0, households);
          const dis = count(h.cause, (c) => c === CAUSES.indexOf("disability"), 0, households);
          if (Math.round(illness * households) + Math.round(0.5 * households) <= households) {
            expect(ill).toBe(Math.round(illness * households));
          } else {
            expect(Math.abs(ill - illness * households)).toBeLessThanOrEqual(1);
            expect(ill + dis).toBe(households);
          }
          expect(count(h.segment, (s) => s === SEGMENTS.indexOf("wubao"))).toBe(7);
          expect(count(h.village, (v) => v >= 5)).toBe(0);
          expect(count(h.income, (x) => !(x >= 0))).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("is deterministic from the seed, and a different seed gives different households", () => {
    const a = unwrap(buildCohorts([spec()], { seed: 42, villages: 3 }));
    const b = unwrap(buildCohorts([spec()], { seed: 42, villages: 3 }));
    const c = unwrap(buildCohorts([spec()], { seed: 43, villages: 3 }));
    expect(Array.from(a.income)).toEqual(Array.from(b.income));
    expect(Array.from(a.size)).toEqual(Array.from(b.size));
    expect(Array.from(a.income)).not.toEqual(Array.from(c.income));
  });

  it("draws incomes from the cohort distribution (median within Monte-Carlo error)", () => {
    const n = 20_000;
    const h = unwrap(buildCohorts([spec({ households: n, people: 3 * n })], { seed: 5, villages: 10 }));
    const sorted = Float64Array.from(h.income).sort();
    // Median of a lognormal sample: SE of the sample median ≈ 1.2533·σ·m/√n in income units.
    const se = (1.2533 * 0.4 * 2600) / Math.sqrt(n);
    expect(Math.abs((sorted[n / 2] as number) - 2600)).toBeLessThan(4 * se);
    // Every village is used.
    expect(new Set(h.village).size).toBe(10);
  });

  it("rejects impossible cohorts as issues", () => {
    const r = buildCohorts([spec({ households: 2, people: 600 }), spec({ id: "d", households: 5, people: 3 })], { seed: 1, villages: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((i) => [i.code, i.cohort])).toEqual([["tooManyPeople", "c"], ["tooFewPeople", "d"]]);
  });
});

describe("buildPopulation from a scenario", () => {
  const loaded = unwrap(parseScenarioText(minimal, { file: "minimal.yaml" }));

  it("follows the scenario's cohorts", () => {
    const h = unwrap(buildPopulation(loaded.scenario, { seed: 7 }));
    expect(h.count).toBe(400);
    expect(totalPeople(h)).toBe(1080);
    expect(h.villages).toBe(4);
    expect(h.cohortNames).toEqual(["general", "dibao"]);
    expect(count(h.labour, (x) => x === 1, 0, 300)).toBe(210);
    expect(count(h.flags, (f) => (f & FLAG.remote) !== 0, 0, 300)).toBe(30);
  });

  it("scales to a requested number of households", () => {
    const h = unwrap(buildPopulation(loaded.scenario, { seed: 7, households: 10_000 }));
    expect(h.count).toBe(10_000);
    expect(totalPeople(h)).toBe(7500 * 3 + 2500 * 1.8);
  });
});

describe("nationalRegister", () => {
  it("keeps the national people per household at any scale", () => {
    const h = nationalRegister({ households: 50_000, seed: 3 });
    expect(h.count).toBe(50_000);
    expect(Math.abs(totalPeople(h) / h.count - NATIONAL_PEOPLE / NATIONAL_HOUSEHOLDS)).toBeLessThan(0.001);
    expect(h.villages).toBe(217);
  });
});
