/**
 * Every shipped scenario validates, every variant applies and changes something, and every
 * number carries a source or a named assumption (rule in provenance.ts).
 */
import { describe, it, expect } from "vitest";
import { readFile } from "node:fs/promises";
import { loadScenario, parseScenarioText } from "../../src/scenario/index.js";
import { renderIssues } from "../../src/messages/scenario.js";
import { join } from "node:path";
import { SHIPPED, fileOf, scenariosDir, shipped } from "./helpers.js";
import { provenanceOf, uncovered } from "./provenance.js";

/** Numbers that describe behaviour, never given by a plan: they must be assumptions. */
const BEHAVIOUR = [
  /(^|\.)effect\./,
  /^population\.cohorts\.\*\.income\./,
  /^income\.(growth|commonShock|idiosyncratic)(\.|$)/,
  /^creditPools\.\*\.(pd|correlation|lgd|poolLossShare|shockLink)$/,
  /^poverty\.relapseMargin$/,
];

describe.each(SHIPPED)("scenarios/%s.yaml", (id) => {
  it("validates, with the editor schema header, a fixed seed and 1,000 runs", async () => {
    const text = await readFile(fileOf(id), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/scenario.schema.json");
    const { s } = await shipped(id);
    expect(s.meta.id).toBe(id);
    expect(s.meta.language).toBe("zh");
    expect(typeof s.meta.name === "object" && s.meta.name.en && s.meta.name.zh).toBeTruthy();
    expect(typeof s.meta.jurisdiction === "object" && s.meta.jurisdiction.en && s.meta.jurisdiction.zh).toBeTruthy();
    expect(s.meta.documents?.[0]?.file).toMatch(/^[a-z0-9-]+\.txt$/);
    expect(s.simulation).toMatchObject({ runs: 1000 });
    expect(text).toMatch(/\nsimulation: \{runs: 1000, seed: \d+\}\n/);
  });

  it("gives every number a source or a named assumption", async () => {
    const { raw, s } = await shipped(id);
    const all = provenanceOf(raw, s);
    expect(all.length).toBeGreaterThan(40);
    expect(uncovered(raw, s)).toEqual([]);
    // Both kinds are used: the plan's own figures and the documented assumptions.
    expect(all.some((n) => n.kind === "source")).toBe(true);
    expect(all.some((n) => n.kind === "assumption")).toBe(true);
  });

  it("marks behaviour (effects, incomes, shocks, default risk) as assumptions, never as the plan's", async () => {
    const { raw, s } = await shipped(id);
    const behaviour = provenanceOf(raw, s).filter((n) => BEHAVIOUR.some((re) => re.test(n.pattern)));
    expect(behaviour.length).toBeGreaterThan(5);
    expect(behaviour.filter((n) => n.kind !== "assumption").map((n) => n.path)).toEqual([]);
  });

  it("quotes the plan in every source", async () => {
    const { raw, s } = await shipped(id);
    const texts: string[] = [];
    const collect = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(collect);
      else if (x !== null && typeof x === "object") {
        for (const [k, v] of Object.entries(x)) {
          if (k === "source" && typeof v === "string") texts.push(v);
          else collect(v);
        }
      }
    };
    collect(raw);
    expect(texts.length).toBeGreaterThan(3);
    expect(provenanceOf(raw, s).filter((n) => n.kind === "source").length).toBeGreaterThan(3);
    // A clause reference and a short quote of the Chinese original.
    for (const t of texts) expect(t, t).toMatch(/[\u4e00-\u9fff]{2,}/);
  });

  it("has 2–3 variants that apply, change the scenario and keep every number annotated", async () => {
    const base = await shipped(id);
    const variants = base.s.variants;
    expect(variants.length).toBeGreaterThanOrEqual(2);
    expect(variants.length).toBeLessThanOrEqual(3);
    for (const v of variants) {
      const r = await loadScenario(fileOf(id), { variant: v.id });
      if (!r.ok) expect.fail(`variant ${v.id}: ${renderIssues("en", r.error)}`);
      expect(r.value.variant).toBe(v.id);
      expect(r.value.hash, `variant ${v.id} changes nothing`).not.toBe(base.hash);
      expect(typeof v.label === "object" && v.label.en && v.label.zh, `variant ${v.id} label`).toBeTruthy();
      expect(uncovered(r.value.raw, r.value.scenario), `variant ${v.id}`).toEqual([]);
    }
  });
});

describe("scenarios/china-national-2015.yaml, the national back-test", () => {
  const id = "china-national-2015";
  it("validates with the editor schema header; every number has a source or a named assumption; behaviour is assumed", async () => {
    const text = await readFile(fileOf(id), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/scenario.schema.json");
    const { raw, s } = await shipped(id);
    expect(s.meta.years).toEqual({ start: 2016, end: 2020 });
    expect(uncovered(raw, s)).toEqual([]);
    const all = provenanceOf(raw, s);
    expect(all.filter((n) => n.kind === "source").length).toBeGreaterThan(5);
    expect(all.filter((n) => BEHAVIOUR.some((re) => re.test(n.pattern)) && n.kind !== "assumption").map((n) => n.path)).toEqual([]);
  });

  it("its targets file loads against it, the NBS counts scaled to the scenario's 1:1,000", async () => {
    const { loadTargets } = await import("../../src/scenario/targets.js");
    const loaded = await shipped(id);
    const t = await loadTargets(join(scenariosDir, "targets", "nbs-2015-2020.yaml"), loaded);
    if (!t.ok) expect.fail(renderIssues("en", t.error));
    expect(t.value.targets.map((x) => [x.year, x.observed, x.fit])).toEqual([
      [2016, 43350, true],
      [2017, 30460, true],
      [2018, 16600, true],
      [2019, 5510, true],
      [2020, 0, false],
    ]);
    expect(t.value.free.map((f) => f.parameter)).toEqual(["values.realGrowthPoor", "values.shareJobs", "values.monitoring2019"]);
  });
});

describe("the provenance rule", () => {
  it("catches a plain number, and an effect that leans on its programme's source", async () => {
    const text = await readFile(fileOf("linghai-2017"), "utf8");
    const plain = text.replace(
      'leverage: {value: 10, source: "四(三): 市农业银行按照协议放大10倍…提供贷款"}',
      "leverage: 10",
    );
    expect(plain).not.toBe(text);
    const r1 = parseScenarioText(plain);
    if (!r1.ok) expect.fail(renderIssues("en", r1.error));
    expect(uncovered(r1.value.raw, r1.value.scenario)).toEqual(["creditPools.risk-fund.leverage"]);

    // Provenance does not flow from a programme into its effect.
    const leaning = text.replace(
      '      assumption: "Seven in ten supported households raise income by a factor of about 1.3 (±20%) the same year; 10% of the gain fades each year."\n',
      "",
    );
    expect(leaning).not.toBe(text);
    const withSource = leaning.replace(
      "  - id: industry\n    kind: industry\n",
      '  - id: industry\n    kind: industry\n    source: "三: 产业扶持项目"\n',
    );
    const r2 = parseScenarioText(withSource);
    if (!r2.ok) expect.fail(renderIssues("en", r2.error));
    expect(uncovered(r2.value.raw, r2.value.scenario)).toEqual([
      "programmes.industry.effect.successProbability",
      "programmes.industry.effect.uplift.median",
      "programmes.industry.effect.uplift.sigma",
      "programmes.industry.effect.lagYears",
      "programmes.industry.effect.decay",
    ]);
  });

  it("lets an annotated mapping cover the numbers inside it", () => {
    const r = parseScenarioText(
      [
        "fundsim: 1",
        "meta: {id: t, name: T, jurisdiction: T, years: {start: 2017, end: 2017}}",
        "population:",
        "  cohorts:",
        "    - {id: c, segment: general, households: 1, people: 2, labourShare: 0.5, assumption: test,",
        "       income: {dist: lognormal, median: 2000, sigma: 0.3, assumption: test}}",
        "poverty: {line: {value: 3000, source: test}}",
        "income: {growth: 0.05, commonShock: {sigma: 0.05}, idiosyncratic: {sigma: 0.1, assumption: test}}",
        "funding: {sources: [{id: a, rule: {kind: fixed, amount: 1}, source: test}]}",
      ].join("\n"),
    );
    if (!r.ok) expect.fail(renderIssues("en", r.error));
    expect(uncovered(r.value.raw, r.value.scenario)).toEqual(["income.growth", "income.commonShock.sigma"]);
    const kinds = Object.fromEntries(provenanceOf(r.value.raw, r.value.scenario).map((n) => [n.path, n.kind]));
    expect(kinds).toMatchObject({
      "population.cohorts.c.households": "assumption",
      "population.cohorts.c.income.median": "assumption",
      "poverty.line": "source",
      "funding.sources.a.rule.amount": "source",
    });
  });
});
