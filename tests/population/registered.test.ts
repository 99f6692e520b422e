/**
 * Registration status (model v2): near-poor cohorts and the register's `registered` column
 * give Households.registered; the new flags have Chinese names; the cohorts' log-income
 * moments follow each law.
 */
import { describe, expect, it } from "vitest";
import { buildCohorts, type CohortSpec } from "../../src/population/cohorts.js";
import { parseRegister } from "../../src/population/register.js";
import { distLogMoments, householdLogMoments } from "../../src/population/logMoments.js";
import { sampleDist, type Dist } from "../../src/population/sampleDist.js";
import { shareHouseholds } from "../../src/engine/simulate.js";
import { FLAG } from "../../src/model/households.js";
import { registerIssue } from "../../src/messages/population.js";
import { seedStream } from "../../src/random/rng.js";
import { unwrap } from "../../src/util/result.js";

const spec = (over: Partial<CohortSpec> = {}): CohortSpec => ({
  id: "c",
  segment: "general",
  households: 100,
  people: 300,
  labourShare: 0.5,
  income: { kind: "lognormal", median: 3000, sigma: 0.4 },
  ...over,
});

describe("synthetic cohorts: registered", () => {
  it("registered cohorts only: no registered array (every household is registered)", () => {
    const h = unwrap(buildCohorts([spec(), spec({ id: "d", registered: true })], { seed: 1, villages: 2 }));
    expect(h.registered).toBeUndefined();
  });

  it("a near-poor cohort's households are 0, the others 1; no other attribute changes", () => {
    const specs = [spec(), spec({ id: "near", households: 40, people: 100, registered: false })];
    const h = unwrap(buildCohorts(specs, { seed: 1, villages: 2 }));
    expect(h.registered).toBeDefined();
    expect([...h.registered!.subarray(0, 100)].every((x) => x === 1)).toBe(true);
    expect([...h.registered!.subarray(100)].every((x) => x === 0)).toBe(true);
    const plain = unwrap(buildCohorts([spec(), spec({ id: "near", households: 40, people: 100 })], { seed: 1, villages: 2 }));
    expect(h.income).toEqual(plain.income);
    expect(h.flags).toEqual(plain.flags);
  });

  it("shareHouseholds shares registered when present", () => {
    const h = unwrap(buildCohorts([spec({ registered: false })], { seed: 1, villages: 1 }));
    const s = shareHouseholds(h);
    expect(s.registered?.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...s.registered!]).toEqual([...h.registered!]);
    expect(shareHouseholds(unwrap(buildCohorts([spec()], { seed: 1, villages: 1 }))).registered).toBeUndefined();
  });
});

describe("register: registered column and the new flags", () => {
  const parse = (csv: string, options = {}) => parseRegister([csv], options);

  it("reads 1/0, true/false, 是/否 under a Chinese header; without any 0 there is no array", async () => {
    const r = unwrap(await parse("id,village,size,income,labour,segment,是否建档立卡\na,V,1,100,1,dibao,1\nb,V,1,100,1,dibao,否\nc,V,2,100,1,dibao,true\nd,V,2,100,1,dibao,false\ne,V,2,100,1,dibao,是\n"));
    expect([...r.registered!]).toEqual([1, 0, 1, 0, 1]);
    const all = unwrap(await parse("id,village,size,income,labour,segment,registered\na,V,1,100,1,dibao,1\n"));
    expect(all.registered).toBeUndefined();
  });

  it("a blank cell or no column takes the row's cohort's registered status (default 1)", async () => {
    const cohorts = [
      { id: "poor", segment: "dibao" as const },
      { id: "near", segment: "general" as const, registered: false },
    ];
    const r = unwrap(await parse("id,village,size,income,labour,segment,registered\na,V,1,100,1,dibao,\nb,V,1,100,1,general,\nc,V,1,100,1,general,1\n", { cohorts }));
    expect([...r.registered!]).toEqual([1, 0, 1]);
    const noColumn = unwrap(await parse("id,village,size,income,labour,segment\na,V,1,100,1,dibao\nb,V,1,100,1,general\n", { cohorts }));
    expect([...noColumn.registered!]).toEqual([1, 0]);
  });

  it("a bad value is reported with its line, column and the allowed words, in en and zh", async () => {
    const r = await parse("id,village,size,income,labour,segment,registered\na,V,1,100,1,dibao,maybe\n");
    expect(r.ok).toBe(false);
    const i = r.ok ? undefined : r.error[0];
    expect(i).toMatchObject({ code: "unknownValue", line: 2, column: "registered", found: "maybe" });
    const m = registerIssue(i!);
    expect(m.en).toContain("column registered");
    expect(m.en).toContain("是");
    expect(m.zh).toContain("registered 列");
  });

  it("accepts the Chinese names of the new flags", async () => {
    const r = unwrap(await parse("id,village,size,income,labour,segment,flags\na,V,1,100,1,dibao,未参保、辍学\nb,V,1,100,1,dibao,失学辍学|饮水不安全\nc,V,1,100,1,dibao,uninsured;unsafeWater\n"));
    expect([...r.flags]).toEqual([FLAG.uninsured | FLAG.outOfSchool, FLAG.outOfSchool | FLAG.unsafeWater, FLAG.uninsured | FLAG.unsafeWater]);
  });
});

describe("log-income moments by cohort", () => {
  /** Mean and sd of ln(max(1, max(0, draw))) over many draws, as the synthetic population draws them. */
  function sampled(d: Dist, n = 200_000): { mean: number; sd: number } {
    const s = new Int32Array(4);
    seedStream(s, 5, -1, 0x1ff, 0);
    let m = 0;
    let q = 0;
    for (let i = 1; i <= n; i++) {
      const x = Math.log(Math.max(1, Math.max(0, sampleDist(d, s))));
      const dm = x - m;
      m += dm / i;
      q += dm * (x - m);
    }
    return { mean: m, sd: Math.sqrt(q / n) };
  }

  it("lognormal: exactly (ln median, sigma)", () => {
    expect(distLogMoments({ kind: "lognormal", median: 2600, sigma: 0.4 })).toEqual({ mean: Math.log(2600), sd: 0.4 });
  });

  it("fixed, discrete and beta: exact", () => {
    expect(distLogMoments({ kind: "fixed", value: 3000 })).toEqual({ mean: Math.log(3000), sd: 0 });
    expect(distLogMoments({ kind: "beta", alpha: 2, beta: 3 })).toEqual({ mean: 0, sd: 0 });
    const d = distLogMoments({ kind: "discrete", values: Float64Array.from([1000, 4000]), cumulative: Float64Array.from([0.5, 1]) });
    expect(d.mean).toBeCloseTo((Math.log(1000) + Math.log(4000)) / 2, 12);
    expect(d.sd).toBeCloseTo((Math.log(4000) - Math.log(1000)) / 2, 12);
  });

  it("normal, uniform, triangular: the quadrature matches 200,000 draws within Monte-Carlo error", () => {
    const laws = [
      { kind: "normal", mean: 3000, sd: 800 },
      { kind: "normal", mean: 1000, sd: 800 }, // negative draws are incomes of 0
      { kind: "uniform", min: 1500, max: 4500 },
      { kind: "triangular", min: 1000, mode: 2500, max: 5000 },
    ] as const;
    for (const law of laws) {
      const q = distLogMoments(law);
      const s = sampled(law);
      // SE of the sample mean is sd/√n; 5 SE (plus the quadrature's own error) as tolerance.
      expect(Math.abs(q.mean - s.mean), law.kind).toBeLessThan((5 * s.sd) / Math.sqrt(200_000) + 1e-3);
      expect(Math.abs(q.sd - s.sd) / s.sd, law.kind).toBeLessThan(0.02);
    }
  });

  it("register households: sample mean and sd per cohort, log of max(1, income)", () => {
    const h = unwrap(buildCohorts([spec({ households: 3, people: 3 }), spec({ id: "d", households: 2, people: 2 })], { seed: 1, villages: 1 }));
    h.income.set([100, 0, 1000, 50, 50]);
    const m = householdLogMoments(h, 3);
    const logs = [Math.log(100), 0, Math.log(1000)];
    const mean0 = logs.reduce((a, b) => a + b) / 3;
    expect(m.mean[0]).toBeCloseTo(mean0, 12);
    expect(m.sd[0]).toBeCloseTo(Math.sqrt(logs.reduce((a, x) => a + (x - mean0) ** 2, 0) / 3), 12);
    expect(m.mean[1]).toBeCloseTo(Math.log(50), 12);
    expect(m.sd[1]).toBe(0);
    expect([m.mean[2], m.sd[2]]).toEqual([0, 0]); // no households
  });
});
