/**
 * Every spending line does something (issue: "every spending line does what it really
 * does"): in each shipped plan, taking a programme's money away (allocation 0, or planned
 * units 0 where it has no allocation) changes what the runs give — exits, relapses, incomes,
 * villages — run for run on common random numbers, unless the scenario says why it cannot
 * (`effect: {none: reason}`). Demand-driven floors and credit lines (their pool) are not lines
 * of money to take away here.
 */
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { loadScenario } from "../../src/scenario/load.js";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { unwrap } from "../../src/util/result.js";
import type { RunResults } from "../../src/model/results.js";

const PLANS = readdirSync("scenarios").filter((f) => f.endsWith(".yaml"));
const OUTCOMES = ["exitedPeople", "relapses", "meanIncome", "villagesExited", "poorPeople"];
const RUNS = 2;

/** The outcome columns of every run and year, as one list. */
function outcomes(r: RunResults): number[] {
  const ks = OUTCOMES.map((m) => r.metrics.indexOf(m));
  const out: number[] = [];
  for (let i = 0; i < r.runs * r.years.length; i++) for (const k of ks) out.push(r.data[i * r.metrics.length + k] as number);
  return out;
}

describe.each(PLANS)("%s: every spending line", (file) => {
  it("changes the outcomes when its money is taken away, or says why it cannot", async () => {
    const path = `scenarios/${file}`;
    const base = unwrap(await loadScenario(path));
    const sim = async (sets: string[]) => outcomes(unwrap(await simulateScenario(sets.length ? unwrap(await loadScenario(path, { sets })) : base, { runs: RUNS, threads: 1 })).results);
    const reference = await sim([]);
    const inert: string[] = [];
    let checked = 0;
    for (const p of base.scenario.programmes) {
      if (p.kind === "floor" || p.kind === "credit") continue;
      if (p.effect !== undefined && "none" in p.effect) continue; // the scenario says why
      const field = p.allocation !== undefined ? "allocation" : p.units !== undefined ? "units" : undefined;
      const sets = field ? [`programmes.${p.id}.${field}=0`] : (p.schedules ?? []).flatMap((s) => s.cohorts.map((_, k) => `programmes.${p.id}.schedules.${s.id}.cohorts.${k}.units=0`));
      expect(sets.length, `${p.id}: no money to take away`).toBeGreaterThan(0);
      const without = await sim(sets);
      checked++;
      if (without.every((v, i) => Object.is(v, reference[i]))) inert.push(p.id);
    }
    expect(inert, `${file}: lines whose money changes nothing`).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  }, 60_000);
});
