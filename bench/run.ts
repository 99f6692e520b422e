/**
 * fundsim benchmark (`npm run bench`, or `npm run bench -- --json` for one JSON object
 * per line). Measures, in one process:
 *
 *   reference             the reference model (scenarios/bench/reference.yaml), tuned kernel, one thread
 *   reference-idiomatic   the same model written object-per-household (bench/idiomatic.ts), one thread
 *   linghai-100k          the full model on the Linghai 2017 scenario scaled to 100,000 households, one thread
 *                         (one population for every run, as --fixed-population)
 *   linghai-100k-redrawn  the same with the population redrawn in every run (simulate's default), in one worker thread
 *   reference-1-thread    the reference at 1,000 runs in this thread (the baseline of the next line)
 *   reference-2-threads   the reference at 1,000 runs on two worker threads
 *
 * Each kernel is warmed up on a tiny problem first. `reference` and `linghai-100k` are timed in
 * five repetitions (runs in consecutive ranges) and report the median, with the slowest and
 * fastest repetition (min, max): on a shared machine one timing can be caught by a slow spell.
 * Throughput is household-years per
 * second (households × years × runs ÷ wall seconds); one-thread lines also give the
 * process CPU seconds and the rate per CPU second, which is what the kernel achieves
 * when the machine is shared (a loaded machine lowers the wall rate, not the CPU rate).
 * Options: --json, --quick (fewer
 * runs, for a smoke test), --only NAME (repeatable).
 *
 * @example
 * npm run bench -- --json | grep '^{' | jq .householdYearsPerSecond
 */
import { availableParallelism, cpus } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { engineModelFromScenario } from "../src/engine/fromScenario.js";
import { REFERENCE_METRICS, runReference } from "../src/engine/reference.js";
import type { ReferenceModel } from "../src/engine/reference.js";
import { osrOff } from "../src/engine/osr.js";
import { prepareModelKernel } from "../src/engine/run.js";
import { runParallel, workerFile } from "../src/engine/workers.js";
import { Worker } from "node:worker_threads";
import { buildLedger } from "../src/ledger/build.js";
import { buildPopulation, populationSpec } from "../src/population/synthetic.js";
import { loadScenario } from "../src/scenario/index.js";
import { scalarNumber } from "../src/scenario/param.js";
import { runReferenceIdiomatic } from "./idiomatic.js";
import { readReferenceScenario } from "./referenceScenario.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

interface Measure {
  readonly name: string;
  readonly householdYearsPerSecond: number;
  readonly seconds: number;
  readonly households: number;
  readonly years: number;
  readonly runs: number;
  readonly threads: number;
  readonly [k: string]: unknown;
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const quick = args.includes("--quick");
const only = args.flatMap((a, i) => (a === "--only" && args[i + 1] ? [args[i + 1] as string] : []));
const wanted = (name: string): boolean => only.length === 0 || only.includes(name);

function report(m: Measure): void {
  if (m.threads === 1 && lastCpu > 0) m = { ...m, cpuSeconds: lastCpu, householdYearsPerCpuSecond: (m.householdYearsPerSecond * m.seconds) / lastCpu };
  lastCpu = 0;
  if (json) console.log(JSON.stringify(m));
  else {
    const extra = Object.entries(m)
      .filter(([k]) => !["name", "householdYearsPerSecond", "seconds", "households", "years", "runs", "threads"].includes(k))
      .map(([k, v]) => `${k}=${typeof v === "number" ? (k === "min" || k === "max" ? `${(v / 1e6).toFixed(1)}M` : +v.toFixed(2)) : String(v)}`)
      .join(" ");
    console.log(
      `${m.name.padEnd(22)} ${(m.householdYearsPerSecond / 1e6).toFixed(1).padStart(8)} M household-years/s   ${m.seconds.toFixed(2).padStart(7)} s   ${m.households} households × ${m.years} years × ${m.runs} runs, ${m.threads} thread(s)${extra ? "   " + extra : ""}`,
    );
  }
}

/** Repetitions of a timed line (reference, linghai-100k); the median is reported. */
const REPEATS = 5;

/**
 * Time `work(k)` for k = 0 … REPEATS − 1, each doing `householdYears`: the median rate with the
 * slowest and fastest, the seconds in all, and (in lastCpu) the CPU seconds in all.
 */
function timeRepeats(householdYears: number, work: (k: number) => void): { median: number; min: number; max: number; seconds: number } {
  const rates: number[] = [];
  let seconds = 0;
  let cpu = 0;
  for (let k = 0; k < REPEATS; k++) {
    const [, s] = time(() => work(k));
    cpu += lastCpu;
    rates.push(householdYears / s);
    seconds += s;
  }
  lastCpu = cpu;
  rates.sort((a, b) => a - b);
  return { median: rates[REPEATS >> 1] as number, min: rates[0] as number, max: rates[REPEATS - 1] as number, seconds };
}

/** Process CPU seconds used by `f` (user + system, all threads) — with `time`, shows how contended the machine was. */
let lastCpu = 0;
function time<T>(f: () => T): [T, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = f();
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1e6;
  return [v, (performance.now() - t0) / 1000];
}

async function timeAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, (performance.now() - t0) / 1000];
}

async function main(): Promise<void> {
  const refFile = resolve(ROOT, "scenarios/bench/reference.yaml");
  const r = readReferenceScenario(refFile);
  if (!r.ok) throw new Error(r.error);
  const ref: ReferenceModel = r.value.model;
  const seed = r.value.seed;
  const hy = (m: ReferenceModel, runs: number): number => m.households * m.years * runs;
  if (!json) console.log(`fundsim benchmark — node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"})`);

  // Warm-up on tiny problems.
  const tiny = { ...ref, households: 2_000 };
  for (let i = 0; i < 5; i++) {
    runReference(tiny, { seed, runStart: i, runEnd: i + 1 });
    runReferenceIdiomatic(tiny, { seed, runStart: i, runEnd: i + 1 });
  }

  let refRate = Number.NaN;
  if (wanted("reference") || wanted("reference-idiomatic")) {
    const runs = quick ? 10 : ref.runs;
    // Repetition k times runs [k·runs/REPEATS, (k+1)·runs/REPEATS): the same runs in all, in pieces.
    const per = Math.max(1, Math.floor(runs / REPEATS));
    const all = REPEATS * per;
    const nm = REFERENCE_METRICS.length;
    const data = new Float64Array(all * ref.years * nm);
    const sp = timeRepeats(hy(ref, per), (k) => data.set(runReference(ref, { seed, runStart: k * per, runEnd: (k + 1) * per }).data, k * per * ref.years * nm));
    refRate = sp.median;
    let exit1 = 0;
    let exit25 = 0;
    for (let k = 0; k < all; k++) {
      exit1 += (data[k * ref.years * nm + 1] as number) / all;
      for (let y = 1; y < ref.years; y++) exit25 += (data[(k * ref.years + y) * nm + 1] as number) / all / (ref.years - 1);
    }
    report({ name: "reference", householdYearsPerSecond: refRate, seconds: sp.seconds, households: ref.households, years: ref.years, runs: all, threads: 1, min: sp.min, max: sp.max, exitYear1: exit1, exitYears2to5: exit25 });
  }
  if (wanted("reference-idiomatic")) {
    const runs = quick ? 2 : 10;
    const [, s] = time(() => runReferenceIdiomatic(ref, { seed, runStart: 0, runEnd: runs }));
    const rate = hy(ref, runs) / s;
    report({ name: "reference-idiomatic", householdYearsPerSecond: rate, seconds: s, households: ref.households, years: ref.years, runs, threads: 1, tunedOverIdiomatic: refRate / rate });
  }

  if (wanted("linghai-100k")) {
    const loaded = await loadScenario(resolve(ROOT, "scenarios/linghai-2017.yaml"));
    if (!loaded.ok) throw new Error(`scenarios/linghai-2017.yaml does not load: ${JSON.stringify(loaded.error[0])}`);
    const s = loaded.value.scenario;
    const target = 100_000;
    const pop = buildPopulation(s, { seed: 1, households: target });
    if (!pop.ok) throw new Error("Linghai population failed");
    const cohortHouseholds = s.population.cohorts.reduce((a, c) => a + scalarNumber(c.households), 0);
    const model = engineModelFromScenario(s, buildLedger(s), pop.value, { scale: target / cohortHouseholds });
    const Y = model.years.length;
    // One kernel in this thread, warmed up on its own first runs — as in each worker
    // thread, where V8 can specialise the kernel's closures on its arrays (a second kernel
    // prepared in the same thread would switch that off; see src/engine/step.ts). OSR off,
    // as simulateModel runs it (src/engine/osr.ts).
    const restoreOsr = osrOff();
    const kernel = prepareModelKernel({ model, households: pop.value });
    kernel({ seed: 1, runStart: 0, runEnd: quick ? 1 : 5 });
    const runs = quick ? 5 : 100;
    const per = Math.max(1, Math.floor(runs / REPEATS));
    const sp = timeRepeats(target * Y * per, (k) => void kernel({ seed: 2, runStart: 1 + k * per, runEnd: 1 + (k + 1) * per }));
    restoreOsr();
    const fixedRate = sp.median;
    report({ name: "linghai-100k", householdYearsPerSecond: fixedRate, seconds: sp.seconds, households: target, years: Y, runs: REPEATS * per, threads: 1, min: sp.min, max: sp.max, programmes: model.programmes.length, pools: model.pools.length });
    if (wanted("linghai-100k-redrawn")) {
      // In a worker thread of its own, as simulate runs it: there it is the only kernel its
      // thread prepares (a second kernel in this thread would measure V8's generic code).
      const restoreOsr2 = osrOff(); // as simulateModel starts its workers (src/engine/osr.ts)
      const worker = new Worker(workerFile(), { workerData: { kernel: "modelRedrawn", input: { model, population: populationSpec(s, { households: target }) } } });
      const slice = (runStart: number, runEnd: number, seed: number): Promise<void> =>
        new Promise((done, fail) => {
          worker.once("message", () => done());
          worker.once("error", fail);
          worker.postMessage({ seed, runStart, runEnd });
        });
      await slice(0, quick ? 1 : 5, 1);
      const t0 = performance.now();
      await slice(1, 1 + runs, 2);
      const sec2 = (performance.now() - t0) / 1000;
      await worker.terminate();
      restoreOsr2();
      const rate = (target * Y * runs) / sec2;
      report({ name: "linghai-100k-redrawn", householdYearsPerSecond: rate, seconds: sec2, households: target, years: Y, runs, threads: 1, fixedOverRedrawn: fixedRate / rate });
    }
  }

  if (wanted("reference-2-threads")) {
    const runs = quick ? 40 : 1000;
    const per = ref.years * REFERENCE_METRICS.length;
    await runParallel("reference", tiny, { runs: 4, seed, threads: 2, valuesPerRun: per });
    const [a, s1] = await timeAsync(() => runParallel("reference", ref, { runs, seed, threads: 1, valuesPerRun: per }));
    report({ name: "reference-1-thread", householdYearsPerSecond: hy(ref, runs) / s1, seconds: s1, households: ref.households, years: ref.years, runs, threads: 1 });
    const [b, s2] = await timeAsync(() => runParallel("reference", ref, { runs, seed, threads: 2, valuesPerRun: per }));
    const identical = Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
    report({ name: "reference-2-threads", householdYearsPerSecond: hy(ref, runs) / s2, seconds: s2, households: ref.households, years: ref.years, runs, threads: 2, speedUp: s1 / s2, identicalToOneThread: identical });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
