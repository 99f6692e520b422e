/**
 * The shipped scenarios encode the plans' own numbers: each figure of the design's
 * seed facts (targets, cohorts, amounts, pool parameters) read back from the resolved
 * scenario. Money is compared exactly (decimal), not as floats.
 */
import { describe, it, expect } from "vitest";
import { Decimal } from "decimal.js";
import { scalar, scalarNumber, type Param } from "../../src/scenario/index.js";
import { shipped, byId, num, given } from "./helpers.js";

const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((a, b) => a.plus(b), new Decimal(0));
const exact = (d: Decimal, expected: number | string): void => expect(d.toString()).toBe(new Decimal(expected).toString());
/** Sum of a flow over the years the file names. */
const flowTotal = (p: Param): Decimal => sum(p.values.filter((_, i) => p.given[i] === true));

describe("Linghai 2017", () => {
  it("targets 2,400 people and 6 villages in 2017 only", async () => {
    const { s, years } = await shipped("linghai-2017");
    expect(years[0]).toBe(2017);
    expect(given(s.targets.exits!, years)).toEqual({ 2017: 2400 });
    expect(given(s.targets.villages!, years)).toEqual({ 2017: 6 });
  });

  it("receives 6.467 M from the centre and province and 5.00 M from the city", async () => {
    const { s, years } = await shipped("linghai-2017");
    const cp = byId(s.funding.sources, "central-provincial").rule;
    const city = byId(s.funding.sources, "city").rule;
    if (cp.kind !== "transfer" || city.kind !== "fixed") expect.fail("unexpected rule kinds");
    expect(given(cp.amount, years)).toEqual({ 2017: 6_467_000 });
    expect(given(city.amount, years)).toEqual({ 2017: 5_000_000 });
    expect(byId(s.programmes, "infrastructure").fundedBy).toEqual(["city"]);
    exact(flowTotal(byId(s.programmes, "infrastructure").allocation!), 5_000_000);
  });

  it("encodes every line item of the 2017 fund-use plan", async () => {
    const { s, years } = await shipped("linghai-2017");
    const p = (id: string) => byId(s.programmes, id);
    const unitTimes = (id: string) => at2017(p(id).units!).times(at2017(p(id).unitCost!.amount));
    const at2017 = (x: Param) => x.values[years.indexOf(2017)]!;
    exact(flowTotal(p("industry").allocation!), 3_678_000);
    expect(num(p("housing").units!, 2017, years)).toBe(50);
    expect(num(p("housing").unitCost!.amount, 2017, years)).toBe(35_000);
    exact(unitTimes("housing"), 1_750_000);
    exact(flowTotal(p("health").allocation!), 527_400);
    exact(unitTimes("health"), 527_400); // 2,930 people × 180
    exact(flowTotal(p("technology").allocation!), 390_000);
    expect(num(p("technology").units!, 2017, years)).toBe(30_000);
    expect(p("technology").unitCost!.per).toBe("mu");
    exact(flowTotal(p("enterprises").allocation!), 450_000);
    expect(num(p("training").units!, 2017, years)).toBe(800);
    exact(unitTimes("training"), 240_000);
    // The line items exceed the 6.467 M received; the rest is the funds still to be sought.
    const items = sum(["industry", "health", "technology", "enterprises"].map((id) => flowTotal(p(id).allocation!))).plus(unitTimes("housing")).plus(unitTimes("training"));
    exact(items, 7_035_400);
    const sought = byId(s.funding.sources, "to-be-sought").rule;
    if (sought.kind !== "fixed") expect.fail("to-be-sought is not fixed");
    exact(flowTotal(sought.amount).plus(6_467_000), 7_035_400);
  });

  it("has the housing stretch goal of 100 households (3.5 M) as a variant", async () => {
    const { s, years } = await shipped("linghai-2017", "housing-stretch");
    const h = byId(s.programmes, "housing");
    expect(num(h.units!, 2017, years)).toBe(100);
    exact(h.units!.values[0]!.times(h.unitCost!.amount.values[0]!), 3_500_000);
  });

  it("levers the 9.9 M risk-compensation fund tenfold: 99 M capacity against 50 M planned for 2,000 people", async () => {
    const { s, years } = await shipped("linghai-2017");
    const pool = byId(s.creditPools, "risk-fund");
    expect(given(pool.fund, years)).toEqual({ 2017: 9_900_000 });
    expect(scalarNumber(pool.leverage)).toBe(10);
    exact(flowTotal(pool.fund).times(scalar(pool.leverage)), 99_000_000);
    expect(given(pool.plannedLending, years)).toEqual({ 2017: 50_000_000 });
    exact(scalar(pool.loan.size), 25_000);
    exact(flowTotal(pool.plannedLending).div(scalar(pool.loan.size)), 2_000);
    // Interest subsidy at the benchmark on eligible loans; parameters.md defaults.
    expect(num(pool.loan.rate, 2017, years)).toBe(0.0475);
    expect(num(pool.loan.subsidyShare, 2017, years)).toBe(1);
    expect(scalarNumber(pool.lgd)).toBe(0.45);
    expect(scalarNumber(pool.poolLossShare)).toBe(0.7);
    expect(scalarNumber(pool.suspension!.nplThreshold)).toBe(0.03);
    const pd = num(pool.pd, 2017, years);
    const w = (1 - Math.exp(-35 * pd)) / (1 - Math.exp(-35));
    expect(scalarNumber(pool.correlation)).toBeCloseTo(0.03 * w + 0.16 * (1 - w), 12);
    expect(byId(s.programmes, "credit").pool).toBe("risk-fund");
    const full = await shipped("linghai-2017", "full-capacity");
    // Full capacity: 99 M less the 6.35 M already lent before 2017 (existingLoans).
    expect(given(byId(full.s.creditPools, "risk-fund").plannedLending, full.years)).toEqual({ 2017: 99_000_000 - 6_350_000 });
    expect(scalarNumber(byId(s.creditPools, "risk-fund").existingLoans!.outstanding)).toBe(6_350_000);
    const none = await shipped("linghai-2017", "no-pool");
    expect(given(byId(none.s.creditPools, "risk-fund").plannedLending, none.years)).toEqual({ 2017: 0 });
    exact(flowTotal(byId(none.s.programmes, "industry").allocation!), 3_678_000 + 9_900_000);
  });
});

describe("Zhengzhou 2016", () => {
  it("runs to 2021 so the 2017 cohort's five years of follow-up fit", async () => {
    const { s } = await shipped("zhengzhou-2016");
    expect(s.meta.years.start).toBe(2016);
    expect(s.meta.years.end).toBeGreaterThanOrEqual(2021);
  });

  it("targets 32,000 people and 88 villages in 2016, 7,000 and 57 in 2017", async () => {
    const { s, years } = await shipped("zhengzhou-2016");
    expect(given(s.targets.exits!, years)).toEqual({ 2016: 32_000, 2017: 7_000 });
    expect(given(s.targets.villages!, years)).toEqual({ 2016: 88, 2017: 57 });
    expect(scalarNumber(s.population.villages!.poor!)).toBe(145);
    // The plan's registered poor; the near-poor cohort (registered: false) is the model's, not the plan's.
    const people = sum(s.population.cohorts.filter((c) => c.registered !== false).map((c) => scalar(c.people)));
    exact(people, 39_000);
    expect(scalarNumber(byId(s.population.cohorts, "floor").people)).toBe(2_115);
    expect(scalarNumber(byId(s.population.cohorts, "floor").labourShare)).toBe(0);
  });

  it("relocates 15,000 + 6,000 and pays 2,000 a person-year for 5 years (210 M)", async () => {
    const { s, years } = await shipped("zhengzhou-2016");
    const reloc = byId(s.programmes, "relocation");
    expect(given(reloc.units!, years)).toEqual({ 2016: 15_000, 2017: 6_000 });
    const fu = byId(reloc.schedules!, "follow-up");
    expect(fu.unit).toBe("person");
    exact(scalar(fu.amountPerUnitYear), 2_000);
    expect(scalarNumber(fu.years)).toBe(5);
    expect(fu.cohorts.map((c) => [c.year, scalarNumber(c.units)])).toEqual([
      [2016, 15_000],
      [2017, 6_000],
    ]);
    // Paid by year: each cohort from its year for `years` years.
    const byYear = new Map<number, Decimal>();
    for (const c of fu.cohorts)
      for (let k = 0; k < scalarNumber(fu.years); k++)
        byYear.set(c.year + k, (byYear.get(c.year + k) ?? new Decimal(0)).plus(scalar(c.units).times(scalar(fu.amountPerUnitYear))));
    expect(Object.fromEntries([...byYear].map(([y, d]) => [y, d.toNumber()]))).toEqual({
      2016: 30_000_000,
      2017: 42_000_000,
      2018: 42_000_000,
      2019: 42_000_000,
      2020: 42_000_000,
      2021: 12_000_000,
    });
    exact(sum([...byYear.values()]), 210_000_000);
    expect(Math.max(...byYear.keys())).toBeLessThanOrEqual(s.meta.years.end);
  });

  it("values the land-transfer subsidy at 200 kg of wheat per mu per year for 5 years", async () => {
    const { s } = await shipped("zhengzhou-2016");
    const land = byId(byId(s.programmes, "relocation").schedules!, "land-transfer");
    const wheat = s.values!["wheatPrice"]!;
    expect(wheat.assumption).toMatch(/wheat/);
    expect(scalarNumber(wheat)).toBeGreaterThan(1);
    expect(land.unit).toBe("mu");
    exact(scalar(land.amountPerUnitYear), scalar(wheat).times(200).toString());
    expect(scalarNumber(land.years)).toBe(5);
    expect(s.values!["muPerPerson"]!.assumption).toBeTruthy();
    exact(scalar(land.cohorts[0]!.units), scalar(s.values!["muPerPerson"]!).times(15_000).round().toString());
  });

  it("supports 14,000 through industry and 16,000 through training; 2,000 / 4,000 per student-year; ≥ 500,000 per poor village", async () => {
    const { s } = await shipped("zhengzhou-2016");
    exact(flowTotal(byId(s.programmes, "industry").units!), 14_000);
    exact(flowTotal(byId(s.programmes, "training").units!), 16_000);
    expect(byId(s.programmes, "floor").eligibility?.segments).toEqual(["dibao"]);
    const voc = byId(s.programmes, "vocational").unitCost!;
    const uni = byId(s.programmes, "undergraduates").unitCost!;
    expect([voc.per, scalarNumber(voc.amount), uni.per, scalarNumber(uni.amount)]).toEqual(["student", 2_000, "student", 4_000]);
    const pool = byId(s.creditPools, "mutual-aid");
    const villages = scalar(s.population.villages!.poor!);
    expect(flowTotal(pool.fund).div(villages).gte(500_000)).toBe(true);
    const bigger = await shipped("zhengzhou-2016", "follow-up-3000");
    exact(scalar(byId(byId(bigger.s.programmes, "relocation").schedules!, "follow-up").amountPerUnitYear), 3_000);
  });
});

describe("Hanyang 2015", () => {
  it("helps three cohorts: dibao 536/892, wubao 46/46, general 515/1,531 in 21 villages", async () => {
    const { s } = await shipped("hanyang-2015");
    const c = (id: string) => byId(s.population.cohorts, id);
    expect([scalarNumber(c("dibao").households), scalarNumber(c("dibao").people)]).toEqual([536, 892]);
    expect([scalarNumber(c("wubao").households), scalarNumber(c("wubao").people)]).toEqual([46, 46]);
    expect([scalarNumber(c("general").households), scalarNumber(c("general").people)]).toEqual([515, 1_531]);
    expect([c("dibao").segment, c("wubao").segment, c("general").segment]).toEqual(["dibao", "wubao", "general"]);
    // The plan's registered poor; a near-poor cohort (registered: false) is the model's, not the plan's.
    const registered = s.population.cohorts.filter((x) => x.registered !== false);
    exact(sum(registered.map((x) => scalar(x.households))), 1_097);
    exact(sum(registered.map((x) => scalar(x.people))), 2_469);
    expect(scalarNumber(s.population.villages!.count)).toBe(21);
  });

  it("exits people 30 / 50 / 20 % and villages 30 / 40 / 30 % of the totals", async () => {
    const { s, years } = await shipped("hanyang-2015");
    const exits = given(s.targets.exits!, years);
    expect(exits).toEqual({ 2016: 741, 2017: 1_234, 2018: 494 });
    expect(exits[2016]! + exits[2017]! + exits[2018]!).toBe(2_469);
    // Cumulative shares, rounded to whole people.
    expect(Math.abs(exits[2016]! - 0.3 * 2_469)).toBeLessThan(0.5);
    expect(Math.abs(exits[2016]! + exits[2017]! - 0.8 * 2_469)).toBeLessThan(0.5);
    const villages = given(s.targets.villages!, years);
    expect(villages).toEqual({ 2016: 6, 2017: 9, 2018: 6 });
    expect(Math.abs(villages[2016]! + villages[2017]! - 0.7 * 21)).toBeLessThan(0.5);
    expect(s.targets.exits!.source).toMatch(/30%.*50%.*20%/);
  });

  it("is funded by ≥ 3 M a year from the district plus 66 units × 30,000 (4.98 M a year)", async () => {
    const { s, years } = await shipped("hanyang-2015");
    const district = byId(s.funding.sources, "district").rule;
    const units = byId(s.funding.sources, "units").rule;
    if (district.kind !== "fixed" || units.kind !== "perUnit") expect.fail("unexpected rule kinds");
    for (const y of years) {
      expect(num(district.amount, y, years)).toBe(3_000_000);
      expect(num(units.units, y, years)).toBe(66);
      expect(num(units.amountPerUnit, y, years)).toBe(30_000);
      exact(units.units.values[0]!.times(units.amountPerUnit.values[years.indexOf(y)]!).plus(district.amount.values[years.indexOf(y)]!), 4_980_000);
    }
  });

  it("tests villages on all households out and collective income ≥ 100,000; reimbursement +20 points", async () => {
    const { s, years } = await shipped("hanyang-2015");
    expect(num(s.poverty.villageExit!.collectiveIncome!, 2018, years)).toBe(100_000);
    // Everyone gets the ordinary 50%; the medical-assistance programme's cover adds the 20 points
    // for those it serves: 0.2 ÷ (1 − 0.5) of the loss left after the ordinary share.
    const base = scalarNumber(s.values!["baseReimbursement"]!);
    expect(num(s.income.illness!.insuranceReimbursement!, 2016, years)).toBe(base);
    const cover = (x: typeof s) => scalarNumber(x.programmes.find((p) => p.id === "health")!.cover!);
    expect(base + (1 - base) * cover(s)).toBeCloseTo(base + 0.2, 12);
    const none = await shipped("hanyang-2015", "no-health-uplift");
    expect(cover(none.s)).toBe(0);
  });
});

describe("Jiangmen 2016–2018", () => {
  it("uses the relative 6,600 line (5,040 for rural Taishan, Kaiping, Enping) and the plan's exit tests", async () => {
    const { s, years } = await shipped("jiangmen-2016");
    expect(num(s.poverty.line, 2016, years)).toBe(6_600);
    expect(scalarNumber(s.values!["tkeLine"]!)).toBe(5_040);
    const tke = byId(s.population.cohorts, "rural-tke").income;
    if (tke.dist !== "lognormal") expect.fail("rural-tke income is not lognormal");
    // Observed 2015 incomes: median 0.68 × the identification line (10% recorded above it).
    expect(scalarNumber(tke.median)).toBe(Math.round(0.68 * 5_040));
    const rural = s.poverty.bySegment!.dibao!.exitLine!;
    const urban = s.poverty.bySegment!.urban!.exitLine!;
    for (const y of years) {
      expect(num(rural, y, years)).toBeCloseTo(0.45 * num(s.values!["ruralIncome"]!, y, years), 6);
      expect(num(urban, y, years)).toBeCloseTo(1.5 * num(s.values!["urbanDibao"]!, y, years), 6);
    }
  });

  it("helps 5,097 households / 16,659 people: rural 4,225 / 14,172, urban 872 / 2,487", async () => {
    const { s } = await shipped("jiangmen-2016");
    // The plan's target group is the registered cohorts; the near-poor (registered: false) are not in it.
    const registered = s.population.cohorts.filter((c) => c.registered !== false);
    const rural = registered.filter((c) => c.segment === "dibao");
    const urban = byId(s.population.cohorts, "urban");
    exact(sum(rural.map((c) => scalar(c.households))), 4_225);
    exact(sum(rural.map((c) => scalar(c.people))), 14_172);
    expect([scalarNumber(urban.households), scalarNumber(urban.people), urban.segment]).toEqual([872, 2_487, "urban"]);
    exact(sum(registered.map((c) => scalar(c.households))), 5_097);
    exact(sum(registered.map((c) => scalar(c.people))), 16_659);
    for (const c of s.population.cohorts) expect(scalarNumber(c.labourShare)).toBe(1);
  });

  it("exits 3,332 / 4,998 / 8,329 people (2 : 3 : 5)", async () => {
    const { s, years } = await shipped("jiangmen-2016");
    expect(given(s.targets.exits!, years)).toEqual({ 2016: 3_332, 2017: 4_998, 2018: 8_329 });
  });

  it("requires 20,000 × 16,659 = 333.18 M: 241 M from the city fund, the 92.18 M gap shared by weights", async () => {
    const { s } = await shipped("jiangmen-2016");
    const t = s.funding.perPersonTarget!;
    exact(scalar(t.amountPerPerson), 20_000);
    exact(scalar(t.people), 16_659);
    const required = scalar(t.amountPerPerson).times(scalar(t.people));
    exact(required, 333_180_000);
    const fund = byId(s.funding.sources, t.fund).rule;
    if (fund.kind !== "fixed") expect.fail("city fund is not fixed");
    exact(flowTotal(fund.amount), 241_000_000);
    exact(required.minus(flowTotal(fund.amount)), 92_180_000);
    const sharers = s.funding.sources.filter((x) => x.rule.kind === "gapShare");
    expect(sharers.map((x) => x.id)).toEqual(["city-level", "pengjiang", "jianghai", "xinhui", "taishan", "kaiping", "heshan", "enping"]);
    const weights = sharers.map((x) => (x.rule.kind === "gapShare" ? x.rule.weight : undefined)!);
    exact(sum(weights.map(scalar)), 1);
    // The weights are not in the plan: each is a named assumption.
    for (const w of weights) expect(w.assumption).toMatch(/poverty-fund income/);
  });

  it("sets village collective income ≥ 150,000 / 180,000 / 200,000", async () => {
    const { s, years } = await shipped("jiangmen-2016");
    expect(given(s.poverty.villageExit!.collectiveIncome!, years)).toEqual({ 2016: 150_000, 2017: 180_000, 2018: 200_000 });
  });
});

describe("Anqing 2016", () => {
  it("adds 20% (designated counties) and 10% (others) of the revenue increase the scenario assumes", async () => {
    const { s, years } = await shipped("anqing-2016");
    const d = byId(s.funding.sources, "designated-counties").rule;
    const o = byId(s.funding.sources, "other-counties").rule;
    if (d.kind !== "revenueShare" || o.kind !== "revenueShare") expect.fail("not revenue-share rules");
    for (const y of years) {
      expect(num(d.share, y, years)).toBe(0.2);
      expect(num(o.share, y, years)).toBe(0.1);
    }
    expect(d.share.source).toMatch(/20%/);
    expect(o.share.source).toMatch(/10%/);
    expect(s.values!["designatedIncrease"]!.assumption).toBeTruthy();
    expect(given(d.revenueIncrease, years)).toEqual({ 2016: 400_000_000, 2017: 430_000_000, 2018: 460_000_000 });
    // The named budget the programmes split is exactly the sum of the sources' rules.
    for (const [i] of years.entries()) {
      const bySource = s.funding.sources.map((src) => {
        const r = src.rule;
        switch (r.kind) {
          case "revenueShare":
            return r.share.values[i]!.times(r.revenueIncrease.values[i]!);
          case "fixed":
          case "transfer":
            return r.amount.values[i]!;
          default:
            return expect.fail(`unexpected rule ${r.kind}`);
        }
      });
      exact(sum(bySource), s.values!["budget"]!.values[i]!.toString());
    }
  });

  it("has a guarantee fund (credit pool with suspension and top-up), treasury-paid insurance and asset-income shares", async () => {
    const { s } = await shipped("anqing-2016");
    const pool = byId(s.creditPools, "guarantee");
    expect(scalarNumber(pool.leverage)).toBe(10);
    expect(pool.topUp).toBeDefined();
    expect(pool.suspension).toBeDefined();
    expect(byId(s.programmes, "credit").pool).toBe("guarantee");
    expect(byId(s.programmes, "insurance").kind).toBe("insurance");
    expect(byId(s.programmes, "insurance").source).toMatch(/财政代缴/);
    expect(byId(s.programmes, "asset-shares").kind).toBe("assetShares");
  });

  it("chooses the path by household type", async () => {
    const { s } = await shipped("anqing-2016");
    const e = (id: string) => byId(s.programmes, id).eligibility;
    expect(e("floor")?.segments).toEqual(["dibao"]);
    expect(e("industry")).toMatchObject({ labour: "required" });
    expect(byId(s.creditPools, "guarantee").eligibility).toMatchObject({ labour: "required", causes: ["lackCapital", "lackLand"] });
    expect(e("training")).toMatchObject({ labour: "required", causes: ["lackSkills"] });
    expect(e("asset-shares")).toMatchObject({ labour: "none" });
    expect(e("relocation")?.flags).toEqual(["remote"]);
    expect(e("education")?.flags).toEqual(["student"]);
  });
});
