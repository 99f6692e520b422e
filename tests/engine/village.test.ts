/**
 * Village programmes (behaviour "village", model.md "Programmes": village infrastructure and
 * collective economy): the villages served get, after the lag, an income factor for every
 * household living there, and may meet the collective-income test of the village exit.
 * Closed-form cases without shocks; the scenario side refuses effects that cannot apply.
 */
import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { allocateHouseholds } from "../../src/model/households.js";
import { baseEngineModel, blankProgramme } from "../../src/engine/model.js";
import type { EngineModel, EngineProgramme } from "../../src/engine/model.js";
import { simulateModel } from "../../src/engine/simulate.js";
import { metricIndex, type RunResults } from "../../src/model/results.js";
import { scenarioFromObject } from "../../src/scenario/index.js";
import type { Issue } from "../../src/scenario/index.js";
import { expectRefused } from "../scenario/refused.js";
import { buildLedger } from "../../src/ledger/build.js";
import { engineModelFromScenario } from "../../src/engine/fromScenario.js";
import { buildPopulation } from "../../src/population/synthetic.js";
import { unwrap } from "../../src/util/result.js";

const YEARS = [2017, 2018, 2019];
const Y = YEARS.length;
const VILLAGES = 10;
const PER_VILLAGE = 20;

/** 200 households of 2 people at 3,000 yuan, 20 per village; the line is 3,100. */
function population() {
  const h = allocateHouseholds(VILLAGES * PER_VILLAGE, VILLAGES);
  for (let i = 0; i < h.count; i++) {
    h.income[i] = 3000;
    h.size[i] = 2;
    h.labour[i] = 1;
    h.village[i] = Math.floor(i / PER_VILLAGE);
  }
  return h;
}

function villageProgramme(over: Partial<EngineProgramme["village"] & object> = {}, capacity = [3, 0, 0]): EngineProgramme {
  return {
    ...blankProgramme("roads", Y, "village"),
    capacity: Float64Array.from(capacity),
    unitCost: new Float64Array(Y).fill(500_000),
    village: { successProbability: 1, uplift: { kind: "fixed", a: 1.05, b: 0, c: 0 }, lagYears: 1, decay: 0, collective: false, ...over },
  };
}

const model = (p: EngineProgramme, over: Partial<EngineModel> = {}): EngineModel => ({ ...baseEngineModel(YEARS, 3100), programmes: [p], ...over });

const at = (r: RunResults, run: number, y: number, name: string): number => r.data[(run * r.years.length + y) * r.metrics.length + metricIndex(r, name)] as number;

describe("village programmes", () => {
  it("lift every household of the villages served after the lag; the poorest villages first (ties by index); spend = villages × unit cost", async () => {
    const r = await simulateModel(model(villageProgramme()), population(), { runs: 2, seed: 3, threads: 1 });
    for (let run = 0; run < 2; run++) {
      expect(at(r, run, 0, "exitedPeople")).toBe(0); // the lag: nothing in the year of investment
      expect(at(r, run, 1, "exitedPeople")).toBe(3 * PER_VILLAGE * 2); // 3,000 × 1.05 = 3,150 ≥ 3,100 in villages 0–2
      expect(at(r, run, 2, "exitedPeople")).toBe(3 * PER_VILLAGE * 2);
      expect(at(r, run, 0, "served:roads")).toBe(3);
      expect(at(r, run, 0, "spend:roads")).toBe(1_500_000);
      expect(at(r, run, 1, "spend:roads")).toBe(0);
    }
  });

  it("serve the villages not yet served, up to the villages there are (money beyond them is not spent)", async () => {
    const r = await simulateModel(model(villageProgramme({}, [4, 4, 4])), population(), { runs: 1, seed: 3, threads: 1 });
    expect([0, 1, 2].map((y) => at(r, 0, y, "served:roads"))).toEqual([4, 4, 2]);
    expect(at(r, 0, 2, "spend:roads")).toBe(1_000_000);
    // Year 2: the villages served in years 0 and 1 are out (8 villages), those of year 2 not yet.
    expect(at(r, 0, 2, "exitedPeople")).toBe(8 * PER_VILLAGE * 2);
  });

  it("an investment that fails changes nothing; success is drawn per village", async () => {
    const none = await simulateModel(model(villageProgramme({ successProbability: 0 })), population(), { runs: 3, seed: 3, threads: 1 });
    for (let run = 0; run < 3; run++) expect(at(none, run, 2, "exitedPeople")).toBe(0);
    const half = await simulateModel(model(villageProgramme({ successProbability: 0.5 }, [10, 0, 0])), population(), { runs: 40, seed: 3, threads: 1 });
    const worked = Array.from({ length: 40 }, (_, run) => at(half, run, 1, "exitedPeople") / (PER_VILLAGE * 2));
    for (const w of worked) expect(Number.isInteger(w)).toBe(true); // whole villages exit
    const mean = worked.reduce((a, b) => a + b, 0) / worked.length;
    // Binomial(10, 0.5) per run: mean 5, sd of the mean over 40 runs √(2.5/40) = 0.25.
    expect(Math.abs(mean - 5)).toBeLessThan(4 * 0.25);
  });

  it("decay shrinks the log uplift each year after it starts", async () => {
    // 3,000 × 1.05^(0.5) ≈ 3,074 < 3,100: out in the first year of effect, back below the line in the next.
    const r = await simulateModel(model(villageProgramme({ decay: 0.5, lagYears: 0 })), population(), { runs: 1, seed: 3, threads: 1 });
    expect(at(r, 0, 0, "exitedPeople")).toBe(3 * PER_VILLAGE * 2);
    expect(at(r, 0, 1, "exitedPeople")).toBe(0);
    expect(at(r, 0, 1, "relapses")).toBe(3 * PER_VILLAGE * 2);
  });

  it("a collective-income programme lets its villages pass the collective test that others fail", async () => {
    const villageRules = { villageIncidenceBelow: 0.5, villageCollectiveMet: new Float64Array(Y).fill(0), villageTarget: new Float64Array(Y).fill(Number.NaN) };
    const without = await simulateModel(model(villageProgramme({ collective: false }), villageRules), population(), { runs: 1, seed: 3, threads: 1 });
    const withIt = await simulateModel(model(villageProgramme({ collective: true }), villageRules), population(), { runs: 1, seed: 3, threads: 1 });
    expect(at(without, 0, 2, "villagesExited")).toBe(0);
    expect(at(withIt, 0, 0, "villagesExited")).toBe(0);
    expect(at(withIt, 0, 1, "villagesExited")).toBe(3);
  });

  it("an unknown village uplift is drawn once per run and shared by every village served", async () => {
    const m = model(villageProgramme(), {
      runDraws: [{ target: "villageUplift", source: 0, path: "programmes.roads.villageEffect.uplift.value", dist: { kind: "uniform", a: 1, b: 1.1, c: 0 }, min: 0, max: Infinity }],
    });
    const r = await simulateModel(m, population(), { runs: 80, seed: 4, threads: 1 });
    const out = Array.from({ length: 80 }, (_, run) => at(r, run, 1, "exitedPeople"));
    // All three villages or none: 3,000 × u ≥ 3,100 when u ≥ 1.0333, P = 2/3.
    for (const x of out) expect([0, 3 * PER_VILLAGE * 2]).toContain(x);
    const share = out.filter((x) => x > 0).length / out.length;
    expect(Math.abs(share - 2 / 3)).toBeLessThan(4 * Math.sqrt((2 / 9) / 80));
  });

  it("give the same runs on one thread and on two", async () => {
    const m = model(villageProgramme({ successProbability: 0.6, uplift: { kind: "lognormal", a: 1.04, b: 0.03, c: 0 } }, [2, 2, 2]), { commonSigma: 0.05, idioSigma: 0.1 });
    const a = await simulateModel(m, population(), { runs: 8, seed: 9, threads: 1 });
    const b = await simulateModel(m, population(), { runs: 8, seed: 9, threads: 2 });
    expect(b.data).toEqual(a.data);
  });
});

describe("a scenario's village effect", () => {
  type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const minimal = async (): Promise<Raw> => parseYaml(await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as Raw;
  const roads = { id: "roads", kind: "infrastructure", allocation: 1_000_000, unitCost: { amount: 250_000, per: "village" }, villageEffect: { uplift: { dist: "fixed", value: 1.05 }, lagYears: 1, collectiveIncome: true, assumption: "test" } };

  it("becomes a village programme: capacity = allocation ÷ cost per village, not scaled with households", async () => {
    const raw = await minimal();
    raw.programmes.push(roads);
    const s = unwrap(scenarioFromObject(raw)).scenario;
    const m = engineModelFromScenario(s, buildLedger(s), unwrap(buildPopulation(s, { seed: 1 })));
    const p = m.programmes.find((x) => x.id === "roads")!;
    expect(p.behaviour).toBe("village");
    expect([...p.capacity]).toEqual([4, 4, 4]);
    expect(p.village).toMatchObject({ successProbability: 1, lagYears: 1, decay: 0, collective: true });
  });

  const refused = async (edit: (p: Raw) => void, code: string, path: string) => {
    const raw = await minimal();
    const p = structuredClone(roads) as Raw;
    edit(p);
    raw.programmes.push(p);
    return expectRefused(scenarioFromObject(raw), code as Issue["code"], path);
  };

  it("is refused without a unit cost per village, beside a household effect, or on a floor", async () => {
    expect((await refused((p) => (p.unitCost = { amount: 500, per: "household" }), "villageEffectMisplaced", "programmes[3].villageEffect")).en).toContain("unit cost per village");
    expect((await refused((p) => (p.effect = { successProbability: 1, uplift: { dist: "fixed", value: 1.1 } }), "villageEffectMisplaced", "programmes[3].villageEffect")).en).toContain("not both");
    expect((await refused((p) => (p.kind = "floor"), "villageEffectMisplaced", "programmes[3].villageEffect")).en).toContain("floor programme");
  });

  it("a household effect that cannot apply is refused, not dropped; effect: {none: …} says why a line has none", async () => {
    const m = await refused(
      (p) => {
        delete p.villageEffect;
        p.kind = "industry";
        p.unitCost = { amount: 13, per: "mu" };
        p.effect = { successProbability: 0.5, uplift: { dist: "fixed", value: 1.1 } };
      },
      "effectCannotApply",
      "programmes[3].effect",
    );
    expect(m.en).toContain("per mu");
    const raw = await minimal();
    raw.programmes.push({ id: "office", kind: "other", allocation: 100_000, effect: { none: "administration of the county office" } });
    expect(scenarioFromObject(raw).ok).toBe(true);
  });
});
