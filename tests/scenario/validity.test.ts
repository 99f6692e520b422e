/**
 * "Every input fundsim accepts runs, every input it refuses says why": one test per class
 * of input that used to pass validation and then break `ledger` or `simulate` (or give
 * nonsense), per expression that crashed, and per message that said the wrong thing.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { scenarioFromObject, parseScenarioText, type Issue } from "../../src/scenario/index.js";
import { BOUNDS } from "../../src/scenario/num.js";
import { issueMessage, issueHint, renderIssues } from "../../src/messages/scenario.js";
import { runLoaded } from "../../scripts/fuzzCore.js";

let text: string;
let base: Record<string, unknown>;
beforeAll(async () => {
  text = await readFile(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8");
  base = parseYaml(text) as Record<string, unknown>;
});

/** The fixture with `path = value` (a --set overlay). */
const withSet = (path: string, value: unknown) => scenarioFromObject(base, { sets: [`${path}=${JSON.stringify(value)}`] });

function refused(path: string, value: unknown): Issue[] {
  const r = withSet(path, value);
  expect(r.ok, `${path} = ${JSON.stringify(value)} should be refused`).toBe(false);
  if (r.ok) return [];
  // Every refusal renders in both languages.
  expect(renderIssues("en", r.error)).not.toBe("");
  expect(renderIssues("zh", r.error)).not.toBe("");
  return r.error;
}

async function runs(path: string, value: unknown): Promise<void> {
  const r = withSet(path, value);
  if (!r.ok) expect.fail(renderIssues("en", r.error));
  expect(await runLoaded(r.value)).toEqual([]);
}

describe("accepted values run; values that would break a run are refused with their bound", () => {
  it.each([
    ["creditPools.pool.shockLink", 5, "[-1, 1]"],
    ["creditPools.pool.loan.size", 0, "[1, "],
    ["creditPools.pool.loan.termYears", 3_000_000, `[1, ${BOUNDS.loanTermYears}]`],
    ["programmes.relocation.schedules.follow-up.years", 5_000_000, `[1, ${BOUNDS.scheduleYears}]`],
    ["programmes.industry.unitCost.recurringYears", 5_000_000, `[1, ${BOUNDS.scheduleYears}]`],
    ["programmes.industry.effect.lagYears", 5_000_000, `[0, ${BOUNDS.scheduleYears}]`],
    ["creditPools.pool.loan.rate", -0.05, `[0, ${BOUNDS.loanRate}]`],
    ["income.idiosyncratic.sigma", 40, `[0, ${BOUNDS.logSigma}]`],
    ["income.commonShock.sigma", 40, `[0, ${BOUNDS.logSigma}]`],
    ["population.cohorts.general.income.sigma", 40, `[0, ${BOUNDS.logSigma}]`],
    ["income.growth", -1, "[-0.5, 1]"],
    ["income.illness.loss", 1, `[0, ${BOUNDS.loss}]`],
    ["creditPools.pool.leverage", 1e6, `[0, ${BOUNDS.leverage}]`],
    ["programmes.industry.effect.uplift.median", 0, `[${BOUNDS.positive}, `],
    ["population.villages.count", 12_000_000, `[0, ${BOUNDS.villages}]`],
  ])("%s = %s is refused, the message states %s", (path, value, bound) => {
    const issues = refused(path, value);
    const i = issues.find((x) => x.code === "outOfRange");
    expect(i, JSON.stringify(issues)).toBeDefined();
    if (!i) return;
    expect(issueMessage(i).en).toContain(bound);
    expect(issueMessage(i).zh).toContain(bound.replace(/^\[/, "").split(",")[0] as string);
  });

  it("a disaster that destroys all income is refused (the fiscal cost would be empty)", () => {
    const withDisaster = { ...base, income: { ...(base["income"] as object), disaster: { probability: 1, villageShare: 1, loss: 1 } } };
    const r = scenarioFromObject(withDisaster);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((i) => i.path.join("."))).toContain("income.disaster.loss");
  });

  it.each([
    ["creditPools.pool.shockLink", -1],
    ["creditPools.pool.shockLink", 1],
    ["creditPools.pool.loan.termYears", BOUNDS.loanTermYears],
    ["programmes.relocation.schedules.follow-up.years", BOUNDS.scheduleYears],
    ["income.idiosyncratic.sigma", BOUNDS.logSigma],
    ["income.illness.loss", BOUNDS.loss],
    ["creditPools.pool.correlation", 1],
    ["creditPools.pool.loan.rate", 0],
  ])("%s = %s, at its bound, runs with finite results", async (path, value) => {
    await runs(path, value);
  });

  it("a disaster at the loss bound, hitting every village every year, runs with finite results", async () => {
    const r = scenarioFromObject({ ...base, income: { ...(base["income"] as object), disaster: { probability: 1, villageShare: 1, loss: BOUNDS.loss } } });
    if (!r.ok) expect.fail(renderIssues("en", r.error));
    expect(await runLoaded(r.value)).toEqual([]);
  });

  it("one loan larger than the planned lending is refused: no loan, no interest subsidy", () => {
    const issues = refused("creditPools.pool.loan.size", 6_000_000);
    const i = issues.find((x) => x.code === "loanAboveLending");
    expect(i?.path).toEqual(["creditPools", 0, "loan", "size"]);
    if (!i) return;
    expect(issueMessage(i).en).toContain("6000000");
    expect(issueMessage(i).en).toContain("2017");
    expect(issueHint(i)?.zh).toBeDefined();
  });

  it("more than the bound of loans a year is refused, with the bound", () => {
    const issues = refused("creditPools.pool.loan.size", 1);
    const i = issues.find((x) => x.code === "tooManyLoans");
    expect(i).toBeDefined();
    if (i) expect(issueMessage(i).en).toContain(String(BOUNDS.loansPerYear));
  });
});

describe("variants are validated after their overlay", () => {
  it.each([
    ["programmes.industry.allocation", { a: 1 }],
    ["programmes.industry.allocation", null],
    ["programmes.industry.allocation", -5],
    ["creditPools.pool.loan.termYears", 3_000_000],
  ])("a variant setting %s to %j is not valid; the issue names the variant and points at its set: entry", (path, value) => {
    const raw = { ...base, variants: [{ id: "more-industry", set: { "programmes.industry.allocation": 3000000 } }, { id: "bad", set: { [path]: value } }] };
    const r = scenarioFromObject(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const i = r.error.find((x) => x.variant === "bad");
    expect(i, JSON.stringify(r.error)).toBeDefined();
    if (!i) return;
    expect(i.path).toEqual(["variants", 1, "set", path]);
    expect(issueMessage(i).en).toMatch(/^Variant bad: /);
    expect(issueMessage(i).zh).toMatch(/^方案 bad：/);
  });

  it("in a file, the issue's line is the line of the variant's set: key", () => {
    const edited = text.replace("set: {programmes.industry.allocation: 3000000}", "set:\n      programmes.industry.allocation: -3000000");
    expect(edited).not.toBe(text);
    const r = parseScenarioText(edited, { file: "x.yaml" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const i = r.error.find((x) => x.variant === "more-industry");
    const line = edited.split("\n").findIndex((l) => l.includes("programmes.industry.allocation: -3000000")) + 1;
    expect(i?.line).toBe(line);
  });

  it("a --set overlay goes through the same validation", () => {
    const issues = refused("creditPools.pool.loan.termYears", 3_000_000);
    expect(issues.map((i) => i.code)).toContain("outOfRange");
  });
});

describe("expressions", () => {
  it.each([
    ["sqrt(-4)", "expressionDomain"],
    ["log(-1)", "expressionDomain"],
    ["(-8)^(1/3)", "expressionDomain"],
    ["cbrt(-8)", "expressionForbidden"],
    ["1/0", "expressionNotFinite"],
  ])("%s is a located issue, not a crash", (expr, code) => {
    const issues = refused("creditPools.pool.fund", { 2017: expr });
    const i = issues.find((x) => x.code === code);
    expect(i, JSON.stringify(issues)).toBeDefined();
    if (!i) return;
    expect(i.path.slice(0, 3)).toEqual(["creditPools", 0, "fund"]);
    expect(issueMessage(i).en).toContain(expr);
  });

  it("a value with no real value names the value and what it gave, with a hint", () => {
    const r = scenarioFromObject({ ...base, values: { ...(base["values"] as object), root: "sqrt(-4)" } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const i = r.error.find((x) => x.code === "expressionDomain");
    expect(i?.path).toEqual(["values", "root"]);
    if (!i) return;
    expect(issueMessage(i).en).toContain("(at sqrt(-4))");
    expect(issueHint(i)?.en).toContain("sqrt()");
  });

  it("a chain of 10,000 named values resolves (no recursion per link)", () => {
    const values: Record<string, unknown> = { ...(base["values"] as object), a1: 1 };
    for (let k = 2; k <= 10_000; k++) values[`a${k}`] = `a${k - 1} + 1`;
    const r = scenarioFromObject({ ...base, values, programmes: (base["programmes"] as object[]).map((p, j) => (j === 0 ? { ...p, allocation: "a10000 * 100" } : p)) });
    if (!r.ok) expect.fail(renderIssues("en", r.error));
    expect(r.value.scenario.programmes[0]?.allocation?.values[0]?.toNumber()).toBe(1_000_000);
  });

  it("a cycle of 10,000 named values is reported once, shortened", () => {
    const values: Record<string, unknown> = { ...(base["values"] as object), a1: "a10000 + 1" };
    for (let k = 2; k <= 10_000; k++) values[`a${k}`] = `a${k - 1} + 1`;
    const r = scenarioFromObject({ ...base, values });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const cycles = r.error.filter((i) => i.code === "expressionCycle");
    expect(cycles).toHaveLength(1);
    expect(issueMessage(cycles[0] as Issue).en.length).toBeLessThan(300);
  });
});

describe("messages say what was actually wrong", () => {
  it("a horizon longer than the bound says the bound, not 'must end after its start'", () => {
    const issues = refused("meta.years", { start: 2016, end: 2100 });
    const i = issues.find((x) => x.code === "horizonTooLong");
    expect(i).toBeDefined();
    if (!i) return;
    expect(issueMessage(i).en).toContain(`at most ${BOUNDS.horizonYears} years`);
    expect(issueMessage(i).en).toContain("85 years");
    expect(issueMessage(i).zh).toContain(`最多可模拟 ${BOUNDS.horizonYears} 年`);
    expect(issueMessage(i).en).not.toContain("at or after its start");
  });

  it("a horizon ending before its start says so", () => {
    const i = refused("meta.years", { start: 2019, end: 2017 })[0];
    expect(i?.code).toBe("badHorizon");
  });

  it("a blank expression asks for a number or an expression (not 'constant undefined')", () => {
    const issues = refused("programmes.industry.allocation", "   ");
    const i = issues[0] as Issue;
    expect(issueMessage(i).en).toContain("expected a number or an expression over named values");
    expect(issueMessage(i).en).not.toContain("undefined");
    expect(issueMessage(i).zh).toContain("数值或基于命名数值的表达式");
  });

  it("a text field given NaN is told text is expected, not to write a number", () => {
    const r = scenarioFromObject({ ...base, meta: { ...(base["meta"] as object), name: Number.NaN } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const i = r.error[0] as Issue;
    expect(i.code).toBe("invalidType");
    expect(issueMessage(i).en).toContain("expected text");
    expect(issueHint(i)?.en ?? "").not.toContain("Write a number");
  });

  it("a number field given NaN still asks for a finite number", () => {
    const r = scenarioFromObject({ ...base, income: { ...(base["income"] as object), growth: Number.NaN } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]?.code).toBe("notFinite");
  });
});
