/**
 * The scenario's unknowns (parameters drawn once per run): accepted where the path names a
 * value that can be drawn and the draws stay in its range; refused otherwise, with a located
 * message and a fix in English and Chinese; and carried to the engine as run draws.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { scenarioFromObject, type Issue } from "../../src/scenario/index.js";
import { issueHint, issueMessage, renderIssues } from "../../src/messages/scenario.js";
import { buildLedger } from "../../src/ledger/build.js";
import { engineModelFromScenario } from "../../src/engine/fromScenario.js";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let base: Raw;
beforeAll(async () => {
  base = parseYaml(await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as Raw;
});

const withUnknowns = (unknowns: unknown[], edit: (s: Raw) => void = () => undefined) => {
  const raw = structuredClone(base);
  raw.unknowns = unknowns;
  edit(raw);
  return scenarioFromObject(raw);
};

function refused(unknowns: unknown[], code: Issue["code"], path: string, edit?: (s: Raw) => void): Issue {
  const r = withUnknowns(unknowns, edit);
  expect(r.ok).toBe(false);
  const issues = r.ok ? [] : r.error;
  const i = issues.find((x) => x.code === code);
  expect(i, `${code} at ${path}: got ${renderIssues("en", issues)}`).toBeDefined();
  if (i === undefined) throw new Error("unreachable");
  const m = issueMessage(i);
  expect(m.en).toContain(`At ${path}:`);
  expect(m.zh).toContain(`字段 ${path}：`);
  const hint = issueHint(i);
  expect(hint?.en.length ?? 0).toBeGreaterThan(10);
  expect(hint?.zh).toMatch(/[\u4e00-\u9fff]/);
  return i;
}

describe("unknowns", () => {
  it("defaults to none, and accepts the values that can be drawn", () => {
    const none = withUnknowns([]);
    expect(none.ok).toBe(true);
    const r = withUnknowns([
      { parameter: "programmes.industry.effect.successProbability", draw: { dist: "beta", alpha: 7, beta: 3 }, source: "a range from trials" },
      { parameter: "programmes.industry.effect.uplift.median", draw: { dist: "uniform", min: 1.05, max: 1.3 } },
      { parameter: "income.growth", draw: { dist: "normal", mean: 0.05, sd: 0.01 } },
      { parameter: "creditPools.pool.lgd", draw: { dist: "triangular", min: 0.3, mode: 0.5, max: 0.8 } },
    ]);
    if (!r.ok) expect.fail(renderIssues("en", r.error));
    const s = r.value.scenario;
    expect(s.unknowns.map((u) => u.scope)).toEqual(["run", "run", "run", "run"]);
    const m = engineModelFromScenario(s, buildLedger(s));
    const draws = m.runDraws ?? [];
    expect(draws.map((d) => d.target)).toEqual(["success", "upliftCentre", "growth", "lgd"]);
    const industry = m.programmes.findIndex((p) => p.id === "industry");
    expect(draws[0]?.source).toBe(industry);
    expect(draws[2]?.source).toBe(-1);
    expect(draws[3]?.source).toBe(0);
    expect(draws[0]?.dist).toMatchObject({ kind: "beta", a: 7, b: 3 });
  });

  it("refuses a path that is not a value that can be drawn", () => {
    const i = refused([{ parameter: "programmes.industry.allocation", draw: { dist: "uniform", min: 1, max: 2 } }], "notAnUnknown", "unknowns[0].parameter");
    expect(issueMessage(i).en).toContain("income.growth");
  });

  it("refuses an unknown programme id, with a suggestion", () => {
    const i = refused([{ parameter: "programmes.industy.effect.successProbability", draw: { dist: "beta", alpha: 2, beta: 2 } }], "unknownReference", "unknowns[0].parameter");
    expect(i.suggestion).toBe("industry");
  });

  it("refuses the wrong centre of an uplift (a lognormal's is its median)", () => {
    const i = refused([{ parameter: "programmes.industry.effect.uplift.mean", draw: { dist: "uniform", min: 1, max: 2 } }], "notAnUnknown", "unknowns[0].parameter");
    expect(issueMessage(i).en).toContain("effect.uplift.median");
  });

  it("refuses draws outside the value's range", () => {
    const i = refused([{ parameter: "programmes.industry.effect.successProbability", draw: { dist: "normal", mean: 0.7, sd: 0.1 } }], "unknownRange", "unknowns[0].draw");
    expect(issueMessage(i).en).toContain("[0, 1]");
    refused([{ parameter: "programmes.industry.effect.uplift.median", draw: { dist: "uniform", min: 0, max: 2 } }], "unknownRange", "unknowns[0].draw");
  });

  it("refuses a value given year by year", () => {
    refused([{ parameter: "income.growth", draw: { dist: "uniform", min: 0, max: 0.1 } }], "unknownDated", "unknowns[0].parameter", (s) => {
      s.income.growth = { 2017: 0.05, 2018: 0.06 };
    });
  });

  it("refuses the same value drawn twice", () => {
    const u = { parameter: "income.growth", draw: { dist: "uniform", min: 0, max: 0.1 } };
    refused([u, u], "duplicateUnknown", "unknowns[1].parameter");
  });

  it("refuses scope household: household variation is the field's own distribution", () => {
    const r = withUnknowns([{ parameter: "income.growth", draw: { dist: "uniform", min: 0, max: 0.1 }, scope: "household" }]);
    expect(r.ok).toBe(false);
  });
});
