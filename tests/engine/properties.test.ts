/** Invariants of the full model on small generated EngineModels (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANY_ELIGIBLE, ENGINE_BEHAVIOURS, baseEngineModel, blankProgramme } from "../../src/engine/model.js";
import type { EngineModel, EngineProgramme } from "../../src/engine/model.js";
import { modelMetrics, prepareModelKernel } from "../../src/engine/run.js";
import { FLAG, SEGMENTS } from "../../src/model/households.js";
import { NAN_WHEN_UNDEFINED, type CoreMetric } from "../../src/model/results.js";
import { creditPool, referencePopulation } from "./fixtures.js";

const arbProgramme = (Y: number, k: number): fc.Arbitrary<EngineProgramme> =>
  fc
    .record({
      behaviour: fc.constantFrom(...ENGINE_BEHAVIOURS),
      unit: fc.constantFrom("household" as const, "person" as const),
      capacity: fc.array(fc.oneof(fc.integer({ min: 0, max: 80 }), fc.constant(Infinity)), { minLength: Y, maxLength: Y }),
      cost: fc.integer({ min: 0, max: 5000 }),
      recurring: fc.integer({ min: 1, max: 3 }),
      segmentMask: fc.integer({ min: 1, max: (1 << SEGMENTS.length) - 1 }),
      labour: fc.constantFrom("any" as const, "required" as const, "none" as const),
      targeting: fc.constantFrom("poorest" as const, "random" as const, "cause" as const),
      success: fc.double({ min: 0, max: 1, noNaN: true }),
      additive: fc.boolean(),
      lag: fc.integer({ min: 0, max: 2 }),
      decay: fc.double({ min: 0, max: 1, noNaN: true }),
      follow: fc.integer({ min: 0, max: 3000 }),
      provides: fc.integer({ min: 0, max: 15 }),
      again: fc.boolean(),
    })
    .map((r) => ({
      ...blankProgramme(`p${k}`, Y, r.behaviour),
      unit: r.unit,
      capacity: Float64Array.from(r.capacity),
      unitCost: new Float64Array(Y).fill(r.cost),
      recurringYears: r.recurring,
      eligibility: { ...ANY_ELIGIBLE, segmentMask: r.segmentMask, labour: r.labour, causeMask: r.targeting === "cause" ? 0b101 : 0 },
      targeting: r.targeting,
      effect: { successProbability: r.success, mode: r.additive ? ("additive" as const) : ("multiplicative" as const), uplift: r.additive ? { kind: "uniform" as const, a: 0, b: 2000, c: 0 } : { kind: "lognormal" as const, a: 1.2, b: 0.3, c: 0 }, lagYears: r.lag, decay: r.decay },
      followUp: r.behaviour === "relocation" ? new Float64Array(Y * Y).fill(r.follow) : new Float64Array(0),
      illnessCover: r.behaviour === "health" ? 0.5 : 0,
      fixedSpend: new Float64Array(Y).fill(r.cost),
      provides: r.provides,
      serveAgain: r.again,
      ...(r.behaviour === "village"
        ? { village: { successProbability: r.success, uplift: { kind: "lognormal" as const, a: 1.2, b: 0.3, c: 0 }, lagYears: r.lag, decay: r.decay, collective: r.again } }
        : {}),
    }));

const arbModel: fc.Arbitrary<EngineModel> = fc.integer({ min: 1, max: 4 }).chain((Y) =>
  fc
    .record({
      programmes: fc.tuple(...[0, 1, 2].map((k) => arbProgramme(Y, k))).chain((ps) => fc.integer({ min: 0, max: 3 }).map((n) => ps.slice(0, n))),
      pool: fc.option(
        fc.record({
          loans: fc.integer({ min: 1, max: 60 }),
          pd: fc.double({ min: 0, max: 0.5, noNaN: true }),
          rho: fc.double({ min: 0, max: 0.99, noNaN: true }),
          lgd: fc.double({ min: 0, max: 1, noNaN: true }),
          share: fc.double({ min: 0, max: 1, noNaN: true }),
          leverage: fc.double({ min: 0.5, max: 20, noNaN: true }),
          link: fc.double({ min: -1, max: 1, noNaN: true }),
          topUp: fc.integer({ min: 0, max: 100_000 }),
          npl: fc.double({ min: 0, max: 0.2, noNaN: true }),
          straight: fc.boolean(),
          perLoan: fc.constantFrom(0.3, 1, 3),
        }),
        { nil: null },
      ),
      common: fc.double({ min: 0, max: 0.3, noNaN: true }),
      idio: fc.double({ min: 0, max: 0.5, noNaN: true }),
      phi: fc.double({ min: 0, max: 0.9, noNaN: true }),
      ill: fc.double({ min: 0, max: 1, noNaN: true }),
      margin: fc.double({ min: 0, max: 0.3, noNaN: true }),
      guarantees: fc.integer({ min: 0, max: 15 }),
      inflow: fc.boolean(),
      twoYear: fc.boolean(),
      trend: fc.constantFrom(0, 0.05),
      transitory: fc.constantFrom(0, 0.1, 0.3),
      villageShare: fc.constantFrom(0, 0.3),
      floorAt: fc.constantFrom(0.8, 1),
      disaster: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((r) => {
      const years = Array.from({ length: Y }, (_, i) => 2016 + i);
      const pools = r.pool
        ? [
            creditPool(r.pool.loans, r.pool.pd, r.pool.rho, r.pool.lgd, Y, {
              poolLossShare: r.pool.share,
              leverage: r.pool.leverage,
              shockLink: r.pool.link,
              topUpMax: new Float64Array(Y).fill(r.pool.topUp),
              nplThreshold: r.pool.npl,
              amortisation: r.pool.straight ? "straightLine" : "bullet",
              householdsPerLoan: r.pool.perLoan,
              plannedLending: new Float64Array(Y).fill(r.pool.loans * 10_000),
              termYears: 2,
            }),
          ]
        : [];
      return {
        ...baseEngineModel(years, 3300),
        programmes: r.programmes,
        pools,
        commonSigma: r.common,
        idioSigma: r.idio,
        idioPersistence: r.phi,
        illnessProbability: new Float64Array(Y).fill(r.ill),
        illnessLoss: new Float64Array(Y).fill(0.4),
        relapseMargin: r.margin,
        guarantees: r.guarantees,
        inflow: r.inflow,
        twoYearExit: r.twoYear,
        trendSigma: r.trend,
        transitorySigma: r.transitory,
        villageShare: r.villageShare,
        floorStandard: new Float64Array(SEGMENTS.length * Y).fill(3300 * r.floorAt),
        disasterProbability: new Float64Array(Y).fill(r.disaster),
        disasterVillageShare: 0.5,
        disasterLoss: 0.3,
        exitTarget: new Float64Array(Y).fill(100),
        villageIncidenceBelow: 0.5,
      };
    }),
);

describe("engine invariants (property tests)", () => {
  const base = referencePopulation(300, 5, 7);
  for (let i = 0; i < base.count; i++) base.income[i] = 800 + ((i * 2654435761) % 4000);
  // A third of the households are not registered at the start (near-poor); some lack guarantees.
  const registered = Uint8Array.from({ length: base.count }, (_, i) => (i % 3 === 0 ? 0 : 1));
  for (let i = 0; i < base.count; i++) base.flags[i] = (base.flags[i] as number) | (i % 4 === 0 ? FLAG.uninsured : 0) | (i % 5 === 0 ? FLAG.outOfSchool : 0) | (i % 7 === 0 ? FLAG.unsafeWater : 0);
  const h = { ...base, registered };
  let unregistered0 = 0;
  for (let i = 0; i < h.count; i++) unregistered0 += registered[i] === 0 ? 1 : 0;
  let people = 0;
  for (let i = 0; i < h.count; i++) people += h.size[i] as number;

  it("exits ≤ households, losses ≤ exposure × LGD, pool balance reconciles and never goes negative, capacities hold", () => {
    fc.assert(
      fc.property(arbModel, fc.integer({ min: 0, max: 1000 }), (m, seed) => {
        const metrics = modelMetrics(m);
        const nm = metrics.length;
        const Y = m.years.length;
        const RUNS = 2;
        const d = prepareModelKernel({ model: m, households: h })({ seed, runStart: 0, runEnd: RUNS });
        for (let r = 0; r < RUNS; r++) {
          let deposits = 0, poolLoss = 0, topUps = 0, lent = 0, losses = 0, cum = 0;
          for (let y = 0; y < Y; y++) {
            const v = (k: string): number => d[(r * Y + y) * nm + metrics.indexOf(k)] as number;
            for (const k of metrics) {
              if (NAN_WHEN_UNDEFINED.includes(k as CoreMetric) && Number.isNaN(v(k))) continue;
              expect(Number.isFinite(v(k))).toBe(true);
            }
            // Registered poor + exited + not registered = the population, every year.
            expect(v("poorHouseholds") + v("exitedHouseholds") + v("unregisteredHouseholds")).toBe(h.count);
            // Without inflow nobody is registered by a verification.
            if (!m.inflow) {
              expect(v("unregisteredHouseholds")).toBe(unregistered0);
              expect(v("newlyRegistered")).toBe(0);
            }
            expect(v("unregisteredHouseholds")).toBeLessThanOrEqual(unregistered0);
            for (const k of ["exitHazard", "poorExitRate", "newSpellExitRate", "relapseWithin1", "relapseWithin2", "relapseWithin3"]) {
              if (Number.isNaN(v(k))) continue;
              expect(v(k)).toBeGreaterThanOrEqual(0);
              expect(v(k)).toBeLessThanOrEqual(1);
            }
            if (y === 0) expect(Number.isNaN(v("poorExitRate"))).toBe(true);
            expect(v("poorHouseholds")).toBeGreaterThanOrEqual(0);
            expect(v("poorHouseholds")).toBeLessThanOrEqual(h.count);
            expect(v("exitedPeople")).toBeLessThanOrEqual(people);
            expect(v("exitRate")).toBeGreaterThanOrEqual(0);
            expect(v("exitRate")).toBeLessThanOrEqual(1);
            expect(v("newExits")).toBeGreaterThanOrEqual(0);
            expect(v("relapses")).toBeGreaterThanOrEqual(0);
            cum += v("newExits");
            expect(v("cumulativeExits")).toBe(cum);
            // Targets are compared with the people out of poverty at year end, not the cumulative count.
            expect(v("targetMet")).toBe(v("exitedPeople") >= 100 ? 1 : 0);
            expect(v("targetGap")).toBe(100 - v("exitedPeople"));
            expect(v("villagesExited")).toBeLessThanOrEqual(h.villages);
            for (const [k, p] of m.programmes.entries()) {
              if (p.behaviour === "floor" || p.behaviour === "cost") continue;
              expect(v(`served:${p.id}`)).toBeLessThanOrEqual((p.capacity[y] as number) + 1e-9);
              if (p.behaviour === "village") expect(v(`served:${p.id}`)).toBeLessThanOrEqual(h.villages);
              expect(v(`spend:${p.id}`)).toBeGreaterThanOrEqual(0);
              void k;
            }
            deposits += m.pools.reduce((s, q) => s + (q.deposits[y] as number), 0);
            poolLoss += v("poolLoss");
            topUps += v("poolTopUps");
            lent += v("newLending");
            losses += v("poolLoss") + v("bankLoss");
            const lgd = m.pools[0]?.lgd ?? 0;
            expect(losses).toBeLessThanOrEqual(lgd * lent + 1e-6);
            expect(v("poolBalance")).toBeGreaterThanOrEqual(0);
            // Every yuan of the fund is accounted for: deposits − losses paid + top-ups.
            expect(v("poolBalance")).toBeCloseTo(deposits - poolLoss + topUps, 4);
            // The pool pays at most its share; a shortfall is recorded as depletion.
            const share = m.pools[0]?.poolLossShare ?? 0;
            expect(v("poolLoss")).toBeLessThanOrEqual(share * (v("poolLoss") + v("bankLoss")) + 1e-6);
            if (v("poolLoss") < share * (v("poolLoss") + v("bankLoss")) - 1e-6) expect(v("poolDepleted")).toBe(1);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
