import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { engineModelFromScenario } from "../../src/engine/fromScenario.js";
import { modelMetrics, prepareModelKernel } from "../../src/engine/run.js";
import { buildLedger } from "../../src/ledger/build.js";
import { buildPopulation } from "../../src/population/synthetic.js";
import { loadScenario, scenarioFromObject, scalarNumber } from "../../src/scenario/index.js";
import { parseRegister } from "../../src/population/register.js";
import { GUARANTEES, SEGMENTS } from "../../src/model/households.js";
import { unwrap } from "../../src/util/result.js";

const load = async (name: string) => {
  const loaded = unwrap(await loadScenario(`scenarios/${name}.yaml`));
  const s = loaded.scenario;
  const ledger = buildLedger(s);
  const households = unwrap(buildPopulation(s, { seed: 1 }));
  return { s, ledger, households };
};

describe("engineModelFromScenario", () => {
  it("maps Linghai: capacities from the ledger, the pool's 10× lending, the 2,400 exit target", async () => {
    const { s, ledger, households } = await load("linghai-2017");
    const m = engineModelFromScenario(s, ledger, households);
    expect(m.years).toEqual([2017, 2018, 2019]);
    const p = Object.fromEntries(m.programmes.map((x) => [x.id, x]));
    expect(p.industry?.behaviour).toBe("effect");
    expect(p.industry?.capacity[0]).toBe(735); // 3,678,000 ÷ 5,000
    expect(p.housing?.behaviour).toBe("housing");
    expect(p.housing?.capacity[0]).toBe(50);
    expect(p.training?.unit).toBe("person");
    expect(p.training?.capacity[0]).toBe(800);
    expect(p.floor?.behaviour).toBe("floor");
    // Village infrastructure serves villages: 5 M ÷ 416,000 a village = 12 villages in 2017.
    expect(p.infrastructure?.behaviour).toBe("village");
    expect(p.infrastructure?.capacity[0]).toBe(12);
    expect(p.infrastructure?.unitCost[0]).toBe(416_000);
    expect(p.technology?.behaviour).toBe("cost"); // effect: none, with the plan's reason
    expect(p.credit).toBeUndefined(); // lends through its pool
    const pool = m.pools[0]!;
    expect(pool.deposits[0]! * pool.leverage).toBe(99_000_000);
    expect(pool.plannedLending[0]).toBe(50_000_000);
    expect(pool.loanSize).toBe(25_000);
    expect(m.exitTarget[0]).toBe(2400);
    expect(Number.isNaN(m.exitTarget[1])).toBe(true);
    expect(m.guarantees & (1 << GUARANTEES.indexOf("safeHousing"))).not.toBe(0);
    const scaled = engineModelFromScenario(s, ledger, households, { scale: 2 });
    expect(scaled.programmes[0]!.capacity[0]).toBe(2 * m.programmes[0]!.capacity[0]!);
    expect(scaled.exitTarget[0]).toBe(4800);
    expect(scaled.pools[0]!.plannedLending[0]).toBe(100_000_000);
  });

  it("Zhengzhou: the engine's relocation follow-up payments reconcile with the ledger's schedules", async () => {
    const { s, ledger, households } = await load("zhengzhou-2016");
    const m = engineModelFromScenario(s, ledger, households);
    const metrics = modelMetrics(m);
    const d = prepareModelKernel({ model: m, households })({ seed: 3, runStart: 0, runEnd: 1 });
    const reloc = ledger.programmes.find((x) => x.kind === "relocation")!;
    const Y = m.years.length;
    const v = (y: number, k: string): number => d[y * metrics.length + metrics.indexOf(k)] as number;
    const fill = reloc.byYear.map((b, c) => {
      const planned = b.plannedUnits?.toNumber() ?? 0;
      return planned > 0 ? v(c, `served:${reloc.id}`) / planned : 0;
    });
    for (let y = 0; y < Y; y++) {
      // Expected: each cohort's scheduled payments in proportion to the people actually relocated.
      let expected = 0;
      for (const e of ledger.schedules) if (e.programme === reloc.id && e.year === m.years[y]) expected += e.amount.toNumber() * (fill[m.years.indexOf(e.cohortYear)] ?? 0);
      expect(v(y, "followUpPayments")).toBeCloseTo(expected, 2);
      const scheduled = reloc.byYear[y]!.scheduled.toNumber();
      expect(v(y, "followUpPayments")).toBeLessThanOrEqual(scheduled + 1e-6);
      expect(v(y, "followUpPayments")).toBeGreaterThan(0.99 * scheduled);
    }
  });
});

describe("engineModelFromScenario: model v2 fields", () => {
  const SHIPPED = ["anqing-2016", "hanyang-2015", "jiangmen-2016", "linghai-2017", "zhengzhou-2016"];

  it("shipped scenarios map as their files say: verification, guarantees, floor at the exit line (两线合一), sigmas, provides, serveAgain, registration", async () => {
    const bit = (g: string): number => 1 << GUARANTEES.indexOf(g as never);
    for (const name of SHIPPED) {
      const { s, ledger, households } = await load(name);
      const m = engineModelFromScenario(s, ledger, households);
      const v = s.poverty.verification;
      const required = new Set<string>([...(v?.guarantees ?? []), ...(s.poverty.requireSafeHousing ? ["safeHousing"] : [])]);
      expect(m.guarantees, name).toBe([...required].reduce((a, g) => a | bit(g), 0));
      expect([m.inflow, m.twoYearExit], name).toEqual([v?.inflow ?? true, v?.twoYearExit ?? false]);
      // Every shipped plan merges the floor and the line: its floor standard is the exit line.
      expect([...m.floorStandard], name).toEqual([...m.exitLine]);
      const sigma = (x: Parameters<typeof scalarNumber>[0] | undefined): number => (x === undefined ? 0 : scalarNumber(x));
      expect([m.villageShare, m.trendSigma, m.transitorySigma], name).toEqual([
        sigma(s.income.idiosyncratic.villageShare),
        sigma(s.income.trend?.sigma),
        sigma(s.income.transitory?.sigma),
      ]);
      expect(m.cohortLogMean.length, name).toBe(s.population.cohorts.length);
      s.population.cohorts.forEach((c, i) => {
        if (c.income.dist !== "lognormal") return;
        expect(m.cohortLogMean[i], name).toBeCloseTo(Math.log(scalarNumber(c.income.median)), 12);
        expect(m.cohortLogSd[i], name).toBe(scalarNumber(c.income.sigma));
      });
      for (const p of m.programmes) {
        const sp = s.programmes.find((x) => x.id === p.id)!;
        const byKind = { housing: ["safeHousing"], health: ["medicalCover"], education: ["schooling"] }[sp.kind as string] ?? [];
        expect(p.provides, `${name} ${p.id}`).toBe((sp.provides ?? byKind).reduce((a: number, g: string) => a | bit(g), 0));
        expect(p.serveAgain, `${name} ${p.id}`).toBe(sp.serveAgain ?? false);
      }
      expect(households.registered === undefined, name).toBe(s.population.cohorts.every((c) => c.registered !== false));
    }
  });

  it("maps verification, the income-process sigmas, floor standards, provides and serveAgain", async () => {
    const base = parseYaml(await readFile("tests/fixtures/minimal.yaml", "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    base.population.cohorts[1].registered = false;
    base.population.cohorts[1].income = { dist: "normal", mean: 2500, sd: 500 };
    base.poverty.requireSafeHousing = true;
    base.poverty.verification = { inflow: false, twoYearExit: true, guarantees: ["schooling", "safeWater"] };
    base.poverty.bySegment = { dibao: { exitLine: 3000 } };
    base.income.trend = { sigma: 0.02 };
    base.income.transitory = { sigma: 0.2 };
    base.income.idiosyncratic = { sigma: 0.1, persistence: 1, villageShare: 0.25 };
    base.programmes.push(
      { id: "floor-dibao", kind: "floor", standard: { 2017: 2800, 2019: 3600 }, eligibility: { segments: ["dibao"] } },
      { id: "floor-general", kind: "floor", standard: 2000, eligibility: { segments: ["general"] } },
      { id: "floor-any", kind: "floor", eligibility: { segments: ["general", "wubao"] }, serveAgain: true },
      { id: "houses", kind: "housing", provides: ["safeHousing", "safeWater"], unitCost: { amount: 20000, per: "household" }, units: 10 },
    );
    base.programmes[0].serveAgain = true;
    base.programmes[0].provides = ["medicalCover"];
    const loaded = scenarioFromObject(base);
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.error));
    const s = loaded.value.scenario;
    const ledger = buildLedger(s);
    const households = unwrap(buildPopulation(s, { seed: 1 }));
    const m = engineModelFromScenario(s, ledger, households);

    const bit = (g: (typeof GUARANTEES)[number]): number => 1 << GUARANTEES.indexOf(g);
    expect(m.guarantees).toBe(bit("safeHousing") | bit("schooling") | bit("safeWater"));
    expect([m.inflow, m.twoYearExit]).toEqual([false, true]);
    expect([m.villageShare, m.trendSigma, m.transitorySigma, m.idioPersistence]).toEqual([0.25, 0.02, 0.2, 1]);

    // Floor standard per segment: dibao its programme's dated standard; general the higher of
    // 2,000 and the exit line (floor-any has no standard: the exit line); wubao the exit line; urban none.
    const Y = 3;
    const seg = (k: (typeof SEGMENTS)[number]): number[] => [...m.floorStandard.subarray(SEGMENTS.indexOf(k) * Y, (SEGMENTS.indexOf(k) + 1) * Y)];
    expect(seg("dibao")).toEqual([2800, 2800, 3600]);
    expect(seg("general")).toEqual([3200, 3300, 3400]);
    expect(seg("wubao")).toEqual([3200, 3300, 3400]);
    expect(seg("urban")).toEqual([3200, 3300, 3400]);
    expect([...m.exitLine.subarray(SEGMENTS.indexOf("dibao") * Y, (SEGMENTS.indexOf("dibao") + 1) * Y)]).toEqual([3000, 3000, 3000]);

    const p = Object.fromEntries(m.programmes.map((x) => [x.id, x]));
    expect(p.industry?.provides).toBe(bit("medicalCover"));
    expect(p.industry?.serveAgain).toBe(true);
    expect(p.houses?.provides).toBe(bit("safeHousing") | bit("safeWater"));
    expect(p["floor-any"]?.serveAgain).toBe(true);
    expect(p["floor-dibao"]?.serveAgain).toBe(false);

    // Cohort log-income moments: lognormal exactly; normal by quadrature (close to ln 2500, sd ≈ 0.2).
    expect(m.cohortLogMean[0]).toBeCloseTo(Math.log(2600), 12);
    expect(m.cohortLogSd[0]).toBe(0.4);
    expect(m.cohortLogMean[1]).toBeCloseTo(Math.log(2500) - 0.02, 2);
    expect(m.cohortLogSd[1]).toBeGreaterThan(0.19);
    expect(m.cohortLogSd[1]).toBeLessThan(0.23);

    // The near-poor cohort's households are not registered.
    expect(households.registered).toBeDefined();
    expect(households.registered!.reduce((a, x) => a + x, 0)).toBe(300);
  });

  it("a register population: cohort moments from its households (log of max(1, income))", async () => {
    const { s, ledger } = await load("linghai-2017");
    const cohorts = s.population.cohorts.map((c) => ({ id: c.id, segment: c.segment }));
    const first = cohorts[0]!.id;
    const reg = unwrap(await parseRegister([`id,village,size,income,labour,segment,cohort\na,V,1,1000,1,general,${first}\nb,V,2,4000,1,general,${first}\nc,V,2,0,0,dibao,${first}\n`], { cohorts }));
    const m = engineModelFromScenario(s, ledger, reg);
    const logs = [Math.log(1000), Math.log(4000), 0];
    const mean = logs.reduce((a, b) => a + b) / 3;
    expect(m.cohortLogMean[0]).toBeCloseTo(mean, 12);
    expect(m.cohortLogSd[0]).toBeCloseTo(Math.sqrt(logs.reduce((a, x) => a + (x - mean) ** 2, 0) / 3), 12);
    expect(m.cohortLogMean.length).toBe(cohorts.length);
    expect([m.cohortLogMean[1], m.cohortLogSd[1]]).toEqual([0, 0]); // no households in that cohort
  });
});
