import { describe, expect, it } from "vitest";
import { engineModelFromScenario } from "../../src/engine/fromScenario.js";
import { modelMetrics, prepareModelKernel } from "../../src/engine/run.js";
import { buildLedger } from "../../src/ledger/build.js";
import { buildPopulation } from "../../src/population/synthetic.js";
import { loadScenario } from "../../src/scenario/index.js";
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
    expect(p.infrastructure?.behaviour).toBe("cost");
    expect(p.infrastructure?.fixedSpend[0]).toBe(5_000_000);
    expect(p.credit).toBeUndefined(); // lends through its pool
    const pool = m.pools[0]!;
    expect(pool.deposits[0]! * pool.leverage).toBe(99_000_000);
    expect(pool.plannedLending[0]).toBe(50_000_000);
    expect(pool.loanSize).toBe(25_000);
    expect(m.exitTarget[0]).toBe(2400);
    expect(Number.isNaN(m.exitTarget[1])).toBe(true);
    expect(m.guarantees).toBe(1); // requireSafeHousing: safeHousing, bit 0 of GUARANTEES
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
