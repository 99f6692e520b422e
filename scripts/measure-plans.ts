/**
 * Measure the shipped plans as scenarios/README.md reports them: for each plan, with the
 * file's seed and 200 runs, P(exit target met) and P(village target met) per year, people
 * out of poverty in the final year, inflow, exit rates, relapse of exiters, and programme
 * money the runs did not spend against the ledger (by year).
 *
 * The population is redrawn per run, as `simulate` does; --fixed-population holds the seed's.
 *
 *   npx tsx scripts/measure-plans.ts [--runs 200] [--json] [--fixed-population] [plan-id …]
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { loadScenario } from "../src/pipeline/load.js";
import { simulateScenario } from "../src/pipeline/simulate.js";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 200) || 200;
const json = args.includes("--json");
const fixedPopulation = args.includes("--fixed-population");
const wanted = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--runs");
const dir = resolve(import.meta.dirname, "../scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml") && (wanted.length === 0 || wanted.some((w) => f.startsWith(w))));

const pct = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? "—" : `${(100 * v).toFixed(1)}%`);

for (const f of files) {
  const loaded = await loadScenario(resolve(dir, f));
  if (!loaded.ok) {
    console.log(`${f}: does not load`);
    continue;
  }
  const sim = await simulateScenario(loaded.value, { runs, fixedPopulation });
  if (!sim.ok) {
    console.log(`${f}: population fails`);
    continue;
  }
  const { results: r, summary, spending } = sim.value;
  const Y = r.years.length;
  const nm = r.metrics.length;
  const col = (name: string, y: number): number[] => {
    const m = r.metrics.indexOf(name);
    if (m < 0) return [];
    return Array.from({ length: r.runs }, (_, k) => r.data[(k * Y + y) * nm + m] as number).filter((v) => !Number.isNaN(v));
  };
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
  const target = r.years.map((_, y) => mean(col("targetMet", y)));
  const villages = summary.metrics["villagesExited"];
  const row = {
    plan: loaded.value.scenario.meta.id,
    years: r.years,
    pTarget: target,
    exitedPeopleFinal: mean(col("exitedPeople", Y - 1)),
    poorPeopleFinal: mean(col("poorPeople", Y - 1)),
    newlyRegistered: r.years.map((_, y) => mean(col("newlyRegistered", y))),
    exitHazard: r.years.map((_, y) => mean(col("exitHazard", y))),
    poorExitRate: r.years.map((_, y) => mean(col("poorExitRate", y))),
    relapseWithin1: r.years.map((_, y) => mean(col("relapseWithin1", y))),
    relapseWithin2: r.years.map((_, y) => mean(col("relapseWithin2", y))),
    villagesExitedMean: villages ? villages.byYear.map((s) => s.mean) : [],
    unspent: r.years.map((year) => {
      let budget = 0;
      let short = 0;
      for (const s of spending ?? []) {
        if (s.year !== year || s.item !== "programme" || s.status === "demandDriven") continue;
        budget += s.budgeted;
        short += Math.max(0, s.budgeted - s.mean);
      }
      return { budget, unspent: short, share: budget > 0 ? short / budget : 0 };
    }),
  };
  if (json) console.log(JSON.stringify(row));
  else {
    console.log(`\n${row.plan} (${runs} runs)`);
    console.log(`  P(exit target): ${r.years.map((y, i) => `${y} ${pct(target[i])}`).join(" · ")}`);
    console.log(`  out of poverty (final year): ${Math.round(row.exitedPeopleFinal)}; registered poor left: ${Math.round(row.poorPeopleFinal)}`);
    console.log(`  newly registered: ${row.newlyRegistered.map((v) => Math.round(v)).join(" / ")}`);
    console.log(`  exit rate registered: ${row.exitHazard.map(pct).join(" / ")}; truly poor: ${row.poorExitRate.map(pct).join(" / ")}`);
    console.log(`  relapse within 1 y: ${row.relapseWithin1.map(pct).join(" / ")}; within 2 y: ${row.relapseWithin2.map(pct).join(" / ")}`);
    console.log(`  programme money unspent: ${row.unspent.map((u, i) => `${r.years[i]} ${Math.round(u.unspent / 1e4)} 万 of ${Math.round(u.budget / 1e4)} 万 (${pct(u.share)})`).join(" · ")}`);
    const tb = row.unspent.reduce((a, u) => a + u.budget, 0);
    const tu = row.unspent.reduce((a, u) => a + u.unspent, 0);
    console.log(`  total unspent: ${Math.round(tu / 1e4)} 万 of ${Math.round(tb / 1e4)} 万 (${pct(tu / tb)})`);
  }
}
