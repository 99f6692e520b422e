/**
 * Model v2 scenario fields: registration of cohorts, the yearly verification, the income
 * process's trend, transitory shock and village share, floor standards, what programmes
 * provide and whether they serve relapsed households again. Each parses with its default,
 * and each bad value is refused with a located message in English and Chinese.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { scenarioFromObject, type Issue } from "../../src/scenario/index.js";
import { scalarNumber, series } from "../../src/scenario/param.js";
import { BOUNDS } from "../../src/scenario/num.js";
import { issueHint, issueMessage, renderIssues } from "../../src/messages/scenario.js";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let base: Raw;
beforeAll(async () => {
  base = parseYaml(await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as Raw;
});

/** The fixture after `edit` (on a deep copy). */
function load(edit: (s: Raw) => void = () => undefined) {
  const raw = structuredClone(base);
  edit(raw);
  return scenarioFromObject(raw);
}

function accepted(edit: (s: Raw) => void) {
  const r = load(edit);
  if (!r.ok) expect.fail(renderIssues("en", r.error));
  return r.value.scenario;
}

/** Refused with an issue of `code` at `path`, rendered in both languages. */
function refused(edit: (s: Raw) => void, code: Issue["code"], path: string): Issue {
  const r = load(edit);
  expect(r.ok).toBe(false);
  const issues = r.ok ? [] : r.error;
  const i = issues.find((x) => x.code === code);
  expect(i, `${code} at ${path}: got ${renderIssues("en", issues)}`).toBeDefined();
  if (i === undefined) throw new Error("unreachable");
  const m = issueMessage(i);
  expect(m.en).toContain(`At ${path}:`);
  expect(m.zh).toContain(`字段 ${path}：`);
  expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
  return i;
}

describe("model v2 fields: defaults", () => {
  it("an old scenario loads with every new field at its default", () => {
    const s = accepted(() => undefined);
    expect(s.population.cohorts.map((c) => c.registered)).toEqual([true, true]);
    expect(s.poverty.verification).toBeUndefined();
    expect(s.poverty.requireSafeHousing).toBe(false);
    expect(s.income.trend).toBeUndefined();
    expect(s.income.transitory).toBeUndefined();
    expect(s.income.idiosyncratic.villageShare).toBeUndefined();
    for (const p of s.programmes) {
      expect(p.standard).toBeUndefined();
      expect(p.provides).toBeUndefined();
      expect(p.serveAgain).toBeUndefined();
    }
  });

  it("poverty.verification fills inflow true, twoYearExit false, guarantees [] when given empty", () => {
    const s = accepted((r) => (r.poverty.verification = {}));
    expect(s.poverty.verification).toEqual({ inflow: true, twoYearExit: false, guarantees: [] });
  });
});

describe("model v2 fields: accepted values", () => {
  it("all new fields parse", () => {
    const s = accepted((r) => {
      r.population.cohorts[1].registered = false;
      r.population.cohorts[0].flags = { uninsured: 0.1, outOfSchool: 0.02, unsafeWater: 0.3 };
      r.poverty.verification = { inflow: false, twoYearExit: true, guarantees: ["safeHousing", "safeWater"], source: "2016 exit rules" };
      r.income.trend = { sigma: 0.02, assumption: "heterogeneous growth" };
      r.income.transitory = { sigma: 0.25, assumption: "panel residual" };
      r.income.idiosyncratic = { sigma: 0.1, persistence: 1, villageShare: 0.3 };
      r.programmes.push({
        id: "floor",
        kind: "floor",
        standard: { 2017: 3000, 2018: 3500 },
        provides: ["medicalCover"],
        serveAgain: true,
        eligibility: { segments: ["dibao"] },
      });
    });
    expect(s.population.cohorts[1]?.registered).toBe(false);
    expect(s.population.cohorts[0]?.flags?.unsafeWater && scalarNumber(s.population.cohorts[0].flags.unsafeWater)).toBe(0.3);
    expect(s.poverty.verification).toMatchObject({ inflow: false, twoYearExit: true, guarantees: ["safeHousing", "safeWater"] });
    expect(scalarNumber(s.income.trend!.sigma)).toBe(0.02);
    expect(scalarNumber(s.income.transitory!.sigma)).toBe(0.25);
    expect(scalarNumber(s.income.idiosyncratic.persistence!)).toBe(1); // a unit root
    expect(scalarNumber(s.income.idiosyncratic.villageShare!)).toBe(0.3);
    const floor = s.programmes.find((p) => p.id === "floor")!;
    expect([...series(floor.standard!)]).toEqual([3000, 3500, 3500]); // dated: carried forward
    expect(floor.provides).toEqual(["medicalCover"]);
    expect(floor.serveAgain).toBe(true);
  });

  it("requireSafeHousing: true still loads with verification guarantees beside it", () => {
    const s = accepted((r) => {
      r.poverty.requireSafeHousing = true;
      r.poverty.verification = { guarantees: ["medicalCover"] };
    });
    expect(s.poverty.requireSafeHousing).toBe(true);
    expect(s.poverty.verification?.guarantees).toEqual(["medicalCover"]);
  });
});

describe("model v2 fields: bad values are refused, located, in en and zh", () => {
  it("cohort registered must be true or false", () => {
    const i = refused((r) => (r.population.cohorts[0].registered = "no"), "invalidType", "population.cohorts[0].registered");
    expect(issueMessage(i).en).toContain("expected true or false");
    expect(issueMessage(i).zh).toContain("true 或 false");
  });

  it("an unknown guarantee name gets a did-you-mean", () => {
    const i = refused((r) => (r.poverty.verification = { guarantees: ["safeHousng"] }), "invalidChoice", "poverty.verification.guarantees[0]");
    expect(i.suggestion).toBe("safeHousing");
    expect(issueHint(i)?.zh).toContain("safeHousing");
  });

  it("verification inflow must be true or false; unknown keys under verification are named", () => {
    refused((r) => (r.poverty.verification = { inflow: 1 }), "invalidType", "poverty.verification.inflow");
    const i = refused((r) => (r.poverty.verification = { twoYearExits: true }), "unknownKey", "poverty.verification");
    expect(i.suggestion).toBe("twoYearExit");
  });

  it("sigmas, shares and the persistence keep their bounds", () => {
    refused((r) => (r.income.transitory = { sigma: BOUNDS.logSigma + 1 }), "outOfRange", "income.transitory.sigma");
    const t = refused((r) => (r.income.trend = { sigma: 0.8 }), "outOfRange", "income.trend.sigma");
    expect(t.expected).toContain(`[0, ${BOUNDS.trendSigma}]`);
    refused((r) => (r.income.trend = { sigma: -0.1 }), "outOfRange", "income.trend.sigma");
    refused((r) => (r.income.idiosyncratic.villageShare = 1.5), "outOfRange", "income.idiosyncratic.villageShare");
    refused((r) => (r.income.idiosyncratic.persistence = 1.01), "outOfRange", "income.idiosyncratic.persistence");
    refused((r) => (r.income.trend = { assumption: "x" }), "missingKey", "income.trend.sigma");
  });

  it("provides names guarantees, serveAgain is a boolean", () => {
    const i = refused((r) => (r.programmes[0].provides = ["water"]), "invalidChoice", "programmes[0].provides[0]");
    expect(i.expected).toBe("safeHousing | medicalCover | schooling | safeWater");
    refused((r) => (r.programmes[0].serveAgain = "yes"), "invalidType", "programmes[0].serveAgain");
  });

  it("a floor standard is money and belongs on a floor programme", () => {
    refused((r) => r.programmes.push({ id: "floor", kind: "floor", standard: -1 }), "outOfRange", "programmes[3].standard");
    const i = refused((r) => (r.programmes[0].standard = 3500), "floorStandardNotFloor", "programmes[0].standard");
    expect(i.found).toBe("industry");
    expect(issueMessage(i).en).toContain('kind "industry"');
    expect(issueHint(i)?.en).toContain("kind: floor");
    expect(issueHint(i)?.zh).toContain("kind 设为 floor");
  });

  it("a floor's phase-in belongs on a floor programme, inside the horizon, from ≤ to", () => {
    const floor = (phaseIn: Record<string, unknown>) => ({ id: "floor", kind: "floor", eligibility: { segments: ["dibao"] }, phaseIn: { before: 0.8, assumption: "x", ...phaseIn } });
    accepted((r) => r.programmes.push(floor({ from: 2017, to: 2019 })));
    refused((r) => r.programmes.push(floor({ from: 2018, to: 2017 })), "outOfRange", "programmes[3].phaseIn.to");
    refused((r) => r.programmes.push(floor({ from: 2015, to: 2017 })), "yearOutsideHorizon", "programmes[3].phaseIn.from");
    refused((r) => r.programmes.push(floor({ from: 2017, to: 2019, before: 1.5 })), "outOfRange", "programmes[3].phaseIn.before");
    const i = refused((r) => (r.programmes[0].phaseIn = { from: 2017, to: 2018, before: 0.5, assumption: "x" }), "floorStandardNotFloor", "programmes[0].phaseIn");
    expect(i.found).toBe("industry");
  });

  it("a floor's coverage and reach belong on a floor programme; coverage does not fall and is not given with phaseIn", () => {
    const floor = (extra: Record<string, unknown>) => ({ id: "floor", kind: "floor", eligibility: { segments: ["general"] }, ...extra });
    accepted((r) => r.programmes.push(floor({ reach: "everyone", coverage: { 2017: 0, 2018: 0.6, 2019: 1 } })));
    const fall = refused((r) => r.programmes.push(floor({ coverage: { 2017: 0.5, 2018: 0.4 } })), "outOfRange", "programmes[3].coverage");
    expect(fall.found).toBe("0.4 in 2018");
    expect(issueMessage(fall).zh).toContain("不低于上一年的村覆盖比例");
    refused((r) => r.programmes.push(floor({ coverage: 0.5, phaseIn: { from: 2017, to: 2018, before: 0.5, assumption: "x" } })), "outOfRange", "programmes[3].coverage");
    refused((r) => r.programmes.push(floor({ coverage: 1.5 })), "outOfRange", "programmes[3].coverage");
    const i = refused((r) => (r.programmes[0].reach = "everyone"), "floorStandardNotFloor", "programmes[0].reach");
    expect(issueHint(i)?.en).toContain("Remove reach");
    expect(issueHint(i)?.zh).toContain("删除该项目的 reach");
  });

  it("two floors serving one segment must agree on phase-in, coverage and reach (the engine keeps one floor per segment)", () => {
    const floor = (id: string, segments: string[], extra: Record<string, unknown> = {}) => ({ id, kind: "floor", eligibility: { segments }, ...extra });
    // Same segment, same reach: the higher standard binds; accepted.
    accepted((r) => r.programmes.push(floor("a", ["dibao"]), floor("b", ["dibao"], { standard: 3000 })));
    // Disjoint segments: each its own.
    accepted((r) => r.programmes.push(floor("a", ["dibao"]), floor("b", ["general"], { reach: "everyone", coverage: 0.5 })));
    const i = refused((r) => r.programmes.push(floor("a", ["dibao"]), floor("b", ["general", "dibao"], { reach: "everyone", coverage: 0.5 })), "floorsOverlap", "programmes[4].eligibility");
    expect(i.found).toBe("b");
    expect(i.expected).toBe("a");
    expect(issueMessage(i).zh).toContain("兜底项目“b”与兜底项目“a”");
    expect(issueHint(i)?.en).toContain("segments that do not overlap");
  });

  it("a transitory sigma wider than a lognormal cohort's income sigma is refused", () => {
    const i = refused((r) => (r.income.transitory = { sigma: 0.35 }), "transitoryAboveSpread", "income.transitory.sigma");
    expect(i.detail).toBe("dibao"); // sigma 0.3
    expect(i.expected).toBe("0.3");
    expect(issueMessage(i).zh).toContain("dibao");
    expect(issueHint(i)?.en).toContain("at most 0.3");
    accepted((r) => (r.income.transitory = { sigma: 0.3 }));
  });
});
