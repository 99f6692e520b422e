/**
 * How programme money reaches households (model.md "Programmes"): cash paid in the year
 * served (per-student aid lowers the household's spending) — not an effect that outlives
 * the payment; agricultural insurance reimbursing a share of disaster losses; health cover
 * from the scenario. Closed-form cases without shocks; the scenario side of the fields.
 */
import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { allocateHouseholds } from "../../src/model/households.js";
import { baseEngineModel, blankProgramme, hasHouseholdMechanism } from "../../src/engine/model.js";
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
const N = 100;

function population(income: number) {
  const h = allocateHouseholds(N, 5);
  for (let i = 0; i < N; i++) {
    h.income[i] = income;
    h.size[i] = 2;
    h.labour[i] = 1;
    h.village[i] = i % 5;
  }
  return h;
}

const model = (p: EngineProgramme, over: Partial<EngineModel> = {}): EngineModel => ({ ...baseEngineModel(YEARS, 3100), programmes: [p], ...over });
const at = (r: RunResults, y: number, name: string): number => r.data[y * r.metrics.length + metricIndex(r, name)] as number;

describe("cash delivery", () => {
  const aid = (over: Partial<EngineProgramme>): EngineProgramme => ({
    ...blankProgramme("aid", Y),
    capacity: Float64Array.of(Infinity, Infinity, 0),
    unitCost: new Float64Array(Y).fill(400),
    yearly: true,
    cash: true,
    ...over,
  });

  it("pays each household its unit cost ÷ size per person in the years it is served, and only then", async () => {
    // 3,000 + 400 / 2 = 3,200 ≥ 3,100 while paid; 3,000 < 3,100 once the payments stop.
    const r = await simulateModel(model(aid({})), population(3000), { runs: 1, seed: 1, threads: 1 });
    expect(at(r, 0, "exitedPeople")).toBe(2 * N);
    expect(at(r, 1, "exitedPeople")).toBe(2 * N);
    expect(at(r, 2, "exitedPeople")).toBe(0);
    expect(at(r, 2, "relapses")).toBe(2 * N);
    expect(at(r, 1, "spend:aid")).toBe(400 * N);
    expect(at(r, 0, "meanIncome")).toBeCloseTo(3200, 2); // log incomes are float32: relative error ~1e-7
  });

  it("per person served: the unit cost is each person's cash", async () => {
    const r = await simulateModel(model(aid({ unit: "person", unitCost: new Float64Array(Y).fill(150) })), population(3000), { runs: 1, seed: 1, threads: 1 });
    expect(at(r, 0, "meanIncome")).toBeCloseTo(3150, 2); // log incomes are float32: relative error ~1e-7
    expect(at(r, 0, "spend:aid")).toBe(150 * 2 * N);
  });

  it("without cash the same money changes nobody's income (it is a project without an effect)", async () => {
    const r = await simulateModel(model(aid({ cash: false })), population(3000), { runs: 1, seed: 1, threads: 1 });
    expect(at(r, 0, "exitedPeople")).toBe(0);
    expect(at(r, 0, "meanIncome")).toBeCloseTo(3000, 2); // log incomes are float32: relative error ~1e-7
    expect(hasHouseholdMechanism(aid({ cash: false }))).toBe(false);
    expect(hasHouseholdMechanism(aid({}))).toBe(true);
  });
});

describe("relocation follow-up", () => {
  const relocation = (cash: number, project: number): EngineProgramme => {
    const table = (v: number) => Float64Array.from({ length: Y * Y }, (_, k) => (Math.floor(k / Y) === 0 ? v : 0)); // cohort of year 0, paid every year
    return { ...blankProgramme("reloc", Y, "relocation"), unit: "person", capacity: Float64Array.of(Infinity, 0, 0), unitCost: new Float64Array(Y).fill(10_000), followUp: table(cash), followUpProject: table(project) };
  };

  it("cash is income of the relocated; project money is spent (followUpPayments) but is no one's income", async () => {
    const cash = await simulateModel(model(relocation(200, 0)), population(3000), { runs: 1, seed: 1, threads: 1 });
    const project = await simulateModel(model(relocation(0, 200)), population(3000), { runs: 1, seed: 1, threads: 1 });
    for (let y = 0; y < Y; y++) {
      expect(at(cash, y, "followUpPayments")).toBeCloseTo(200 * 2 * N, 6);
      expect(at(project, y, "followUpPayments")).toBeCloseTo(200 * 2 * N, 6);
      expect(at(cash, y, "fiscalCost")).toBeCloseTo(at(project, y, "fiscalCost"), 6);
      expect(at(cash, y, "meanIncome")).toBeCloseTo(3200, 2); // float32 log incomes
      expect(at(project, y, "meanIncome")).toBeCloseTo(3000, 2);
    }
    expect(at(cash, 0, "exitedPeople")).toBe(2 * N);
    expect(at(project, 0, "exitedPeople")).toBe(0);
  });
});

describe("agricultural insurance", () => {
  const disasters = { disasterProbability: new Float64Array(Y).fill(1), disasterVillageShare: 1, disasterLoss: 0.3 };
  const insurance = (cover: number): EngineProgramme => ({ ...blankProgramme("insurance", Y), capacity: new Float64Array(Y).fill(Infinity), unitCost: new Float64Array(Y).fill(40), yearly: true, disasterCover: cover });

  it("reimburses its share of the disaster loss for the insured: 4,000 × (1 − 0.3 × 0.2) ≥ 3,100 > 4,000 × 0.7", async () => {
    const insured = await simulateModel(model(insurance(0.8), disasters), population(4000), { runs: 1, seed: 1, threads: 1 });
    const uninsured = await simulateModel(model(insurance(0), disasters), population(4000), { runs: 1, seed: 1, threads: 1 });
    expect(at(insured, 0, "meanIncome")).toBeCloseTo(4000 * (1 - 0.3 * 0.2), 2); // log incomes are float32: relative error ~1e-7
    expect(at(uninsured, 0, "meanIncome")).toBeCloseTo(2800, 2); // log incomes are float32: relative error ~1e-7
    expect(at(insured, 0, "exitedPeople")).toBe(2 * N);
    expect(at(uninsured, 0, "exitedPeople")).toBe(0);
  });

  it("covers only the households it served", async () => {
    const half = { ...insurance(1), capacity: Float64Array.of(N / 2, 0, 0), yearly: false };
    const r = await simulateModel(model(half, disasters), population(4000), { runs: 1, seed: 1, threads: 1 });
    expect(at(r, 0, "exitedPeople")).toBe(N); // 50 households of 2 people
    expect(at(r, 2, "exitedPeople")).toBe(N); // insured from the year served on
  });
});

describe("a scenario's delivery and cover", () => {
  type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const minimal = async (): Promise<Raw> => parseYaml(await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as Raw;
  const engine = (raw: Raw) => {
    const s = unwrap(scenarioFromObject(raw)).scenario;
    return engineModelFromScenario(s, buildLedger(s), unwrap(buildPopulation(s, { seed: 1 })));
  };

  it("education per student is cash by default; project when it says so; health and insurance cover reach the engine", async () => {
    const raw = await minimal();
    raw.programmes.push(
      { id: "study", kind: "education", enrolment: "yearly", units: 20, unitCost: { amount: 2000, per: "student" } },
      { id: "study-project", kind: "education", delivery: "project", units: 20, unitCost: { amount: 2000, per: "student" } },
      { id: "health", kind: "health", enrolment: "yearly", units: 100, unitCost: { amount: 180, per: "person" }, cover: 0.6 },
      { id: "crops", kind: "insurance", enrolment: "yearly", units: 100, unitCost: { amount: 40, per: "household" }, cover: 0.7 },
    );
    raw.programmes[1].schedules.push({ ...raw.programmes[1].schedules[0], id: "industry-funds", delivery: "project" });
    const m = engine(raw);
    const p = (id: string) => m.programmes.find((x) => x.id === id)!;
    expect(p("study").cash).toBe(true);
    expect(p("study-project").cash).toBeUndefined();
    expect(p("health").illnessCover).toBe(0.6);
    expect(p("crops").disasterCover).toBe(0.7);
    expect(p("industry").cash).toBeUndefined();
    // The relocation's project schedule is spent, not paid: the same amounts in the project table, none added to the cash one.
    const r = p("relocation");
    const sum = (a: Float64Array | undefined) => (a ?? new Float64Array(0)).reduce((x, v) => x + v, 0);
    expect(sum(r.followUpProject)).toBeGreaterThan(0);
    expect(sum(r.followUpProject)).toBeCloseTo(2000 * 3, 6); // 2,000 per person a year, cohort 2017, three years in the horizon
    expect(sum(r.followUp)).toBeGreaterThan(0); // the land subsidy stays cash
  });

  const refused = async (programme: Raw, code: string, path: string) => {
    const raw = await minimal();
    raw.programmes.push(programme);
    return expectRefused(scenarioFromObject(raw), code as Issue["code"], path);
  };

  it("refuses cash that cannot be paid and cover where it means nothing", async () => {
    const m = await refused({ id: "x", kind: "other", delivery: "cash", allocation: 1000, unitCost: { amount: 13, per: "mu" } }, "effectCannotApply", "programmes[3].delivery");
    expect(m.en).toContain("per mu");
    const rec = await refused({ id: "x", kind: "education", delivery: "cash", units: 5, unitCost: { amount: 100, per: "student", recurringYears: 3 } }, "effectCannotApply", "programmes[3].delivery");
    expect(rec.en).toContain("recurs");
    await refused({ id: "x", kind: "industry", cover: 0.5, units: 5, unitCost: { amount: 100, per: "household" } }, "coverNotApplicable", "programmes[3].cover");
  });
});
