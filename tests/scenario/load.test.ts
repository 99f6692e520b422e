import { describe, it, expect } from "vitest";
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { loadScenario, parseScenarioText, scenarioFromObject, at, givenIn, scalar } from "../../src/scenario/index.js";

const fixture = new URL("../fixtures/minimal.yaml", import.meta.url).pathname;

describe("loading a valid scenario", () => {
  it("resolves plain, dated and expression numbers per year, keeping provenance", async () => {
    const r = await loadScenario(fixture);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { scenario: s, years } = r.value;
    expect(years).toEqual([2017, 2018, 2019]);
    expect(at(s.poverty.line, 2018, years).toString()).toBe("3300");
    expect(s.poverty.line.assumption).toBe("test lines");
    const land = s.programmes[1]?.schedules?.[1];
    expect(land && scalar(land.amountPerUnitYear).toString()).toBe("460");
    expect(land?.amountPerUnitYear.expr).toBe("200 * wheatPrice");
    const pool = s.creditPools[0];
    if (!pool) throw new Error("pool");
    expect(givenIn(pool.fund, 2017, years)).toBe(true);
    expect(givenIn(pool.fund, 2018, years)).toBe(false);
    expect(Object.isFrozen(s.programmes)).toBe(true);
  });

  it("expressions over dated values are dated", async () => {
    const r = await loadScenario(fixture);
    if (!r.ok) throw new Error("invalid");
    const rule = r.value.scenario.funding.sources[1]?.rule;
    if (rule?.kind !== "revenueShare") throw new Error("rule");
    expect(rule.revenueIncrease.dated).toBe(true);
    expect(rule.revenueIncrease.values.map(String)).toEqual(["50000000", "60000000", "40000000"]);
  });

  it("JSON files and a UTF-8 BOM are accepted, with the same hash as the YAML", async () => {
    const text = await readFile(fixture, "utf8");
    const json = JSON.stringify(parse(text));
    const a = parseScenarioText(text);
    const b = parseScenarioText(`\uFEFF${json}`);
    expect(a.ok && b.ok && a.value.hash === b.value.hash).toBe(true);
  });

  it("a variant changes the hash and the overlaid value only", async () => {
    const base = await loadScenario(fixture);
    const v = await loadScenario(fixture, { variant: "more-industry" });
    if (!base.ok || !v.ok) throw new Error("invalid");
    expect(v.value.hash).not.toBe(base.value.hash);
    expect(scalar(v.value.scenario.programmes[0]!.allocation!).toNumber()).toBe(3_000_000);
    expect(scalar(base.value.scenario.programmes[0]!.allocation!).toNumber()).toBe(2_000_000);
    expect(v.value.variant).toBe("more-industry");
  });

  it("--set overlays are validated like the file", async () => {
    const ok = await loadScenario(fixture, { sets: ["creditPools.pool.leverage=8"] });
    expect(ok.ok && scalar(ok.value.scenario.creditPools[0]!.leverage).toNumber()).toBe(8);
    const bad = await loadScenario(fixture, { sets: ["creditPools.pool.leverage=-8"] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error[0]?.path).toEqual(["creditPools", 0, "leverage"]);
  });

  it("plain objects validate too (notebooks)", async () => {
    const raw = parse(await readFile(fixture, "utf8")) as unknown;
    expect(scenarioFromObject(raw).ok).toBe(true);
    expect(scenarioFromObject([1, 2]).ok).toBe(false);
  });
});
