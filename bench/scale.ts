/**
 * Scale check: a synthetic national register (default 30,000,000 households) × 5 years ×
 * 100 runs of the full model on worker threads; prints wall time, throughput and the
 * process's peak resident memory (workers included).
 *
 * Run (after `npm run build`):
 *   node dist/bench/scale.js [--households N] [--runs R] [--threads T] [--v2] [--json]
 * `--v2` runs the model-v2 income process (src/income/defaults.ts: per-run levels and
 * household trends, village-shared and transitory shocks) with inflow on.
 * e.g. `node dist/bench/scale.js --households 1000000 --runs 2` for a quick try.
 *
 * Memory: the population is built once and moved into shared memory (≈ 19 bytes a
 * household, read by every worker), with the run-invariant log incomes (4 bytes); each
 * worker holds the rest of the engine state (≤ 64 bytes a household in all, see engineBytesPerHousehold in
 * src/engine/run.ts) and its candidate lists.
 */
import { resourceUsage } from "node:process";
import { simulateModel, shareHouseholds } from "../src/engine/simulate.js";
import { metricIndex } from "../src/model/results.js";
import { nationalRegister } from "../src/population/national.js";
import type { Households } from "../src/model/households.js";
import { nationalModel } from "./nationalModel.js";
import { withIncomeProcess } from "../src/engine/incomeProcess.js";
import { engineBytesPerHousehold } from "../src/engine/run.js";
import { DEFAULT_INCOME_VALUES } from "../src/income/defaults.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const households = opt("households", 30_000_000);
const runs = opt("runs", 100);
const threads = opt("threads", 2);
const json = args.includes("--json");
const v2 = args.includes("--v2");

const peakMiB = (): number => resourceUsage().maxRSS / 1024; // maxRSS is in KiB

async function main(): Promise<void> {
  const t0 = performance.now();
  let pop: Households | null = nationalRegister({ households, seed: 1 });
  const shared = shareHouseholds(pop);
  pop = null; // the shared copy is all that is kept
  const v1 = nationalModel(households);
  const model = v2 ? { ...withIncomeProcess(v1, DEFAULT_INCOME_VALUES), inflow: true } : v1;
  const tBuilt = performance.now();
  let last = 0;
  const res = await simulateModel(model, shared, {
    runs,
    seed: 2016,
    threads,
    chunkSize: 1,
    onProgress: (done) => {
      const now = performance.now();
      if (!json && now - last > 10_000) {
        last = now;
        console.log(`  ${done}/${runs} runs, ${((now - tBuilt) / 1000).toFixed(0)} s, peak RSS ${peakMiB().toFixed(0)} MiB`);
      }
    },
  });
  const t1 = performance.now();
  const Y = res.years.length;
  const e = metricIndex(res, "exitRate");
  let exit = 0;
  for (let r = 0; r < runs; r++) exit += (res.data[(r * Y + Y - 1) * res.metrics.length + e] as number) / runs;
  const out = {
    name: v2 ? "scale-national-v2" : "scale-national",
    bytesPerHouseholdPerThread: engineBytesPerHousehold(model),
    households,
    years: Y,
    runs,
    threads,
    buildSeconds: (tBuilt - t0) / 1000,
    simulateSeconds: (t1 - tBuilt) / 1000,
    householdYearsPerSecond: (households * Y * runs) / ((t1 - tBuilt) / 1000),
    peakRssMiB: peakMiB(),
    meanFinalExitRate: exit,
  };
  if (json) console.log(JSON.stringify(out));
  else console.log(Object.entries(out).map(([k, v]) => `${k}: ${typeof v === "number" ? +v.toFixed(3) : v}`).join("\n"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
