/**
 * A simulation split into shards and merged back, bit for bit. Runs are addressed by
 * (seed, run index, purpose, household), so runs [a, b) computed anywhere are exactly rows
 * [a, b) of the single-machine simulation: a shard is a run range, its file holds the
 * per-run × year metrics (JSON numbers round-trip a double exactly), and merging the shards
 * of a simulation in any order gives the runs of the single run. A shard computed twice
 * (a retry) is harmless: identical copies are merged once; copies that differ are refused.
 *
 * Each shard file records the fundsim version, the scenario's hash (after variant and
 * --set), the register's hash, the seed, the total runs, whether the population is redrawn,
 * and its run range; the merge refuses shards that do not belong together or to the
 * scenario it is given, and names the runs missing.
 *
 * @example
 * const parts = await Promise.all([0, 1, 2].map((i) => simulateShard(loaded, { index: i, of: 3, runs: 30 })));
 * const merged = mergeShards(parts.map((p) => unwrap(p)), expectationOf(loaded, {}));
 * // merged.value.results equals the 30 runs of simulateScenario(loaded, { runs: 30 })
 */
import { fundsimVersion } from "../results/manifest.js";
import type { RunResults } from "../model/results.js";
import type { PopulationIssue } from "../population/cohorts.js";
import type { LoadedScenario } from "../scenario/types.js";
import { err, ok, type Result } from "../util/result.js";
import { simulateScenario, type PipelineOptions } from "./simulate.js";
import type { ShardProblem } from "../messages/shard.js";
export type { ShardProblem } from "../messages/shard.js";

export const SHARD_FORMAT = "fundsim-shard";
export const SHARD_VERSION = 1;

/** What a shard belongs to: the same in every shard of one simulation. */
export interface ShardIdentity {
  readonly fundsim: string;
  readonly scenario: { readonly id: string; readonly hash: string };
  readonly register: string | null;
  readonly seed: number;
  /** Runs of the whole simulation. */
  readonly runs: number;
  readonly populationRedrawn: boolean;
}

export interface Shard extends ShardIdentity {
  readonly format: typeof SHARD_FORMAT;
  readonly version: typeof SHARD_VERSION;
  /** Runs [firstRun, firstRun + results.runs) of the simulation. */
  readonly firstRun: number;
  readonly results: RunResults;
}

export interface ShardOptions extends Pick<PipelineOptions, "threads" | "fixedPopulation" | "register" | "onProgress"> {
  /** 0 ≤ index < of. */
  readonly index: number;
  readonly of: number;
  /** Runs of the whole simulation (default: the scenario's `simulation.runs`). */
  readonly runs?: number;
  readonly seed?: number;
}

/** Runs [first, end) of shard `index` of `of` over `runs` runs (the ranges tile 0…runs − 1). */
export function shardRange(index: number, of: number, runs: number): { first: number; end: number } {
  return { first: Math.floor((index * runs) / of), end: Math.floor(((index + 1) * runs) / of) };
}

/** What the shards of this scenario and these options must say about themselves. */
export function expectationOf(loaded: LoadedScenario, o: Pick<ShardOptions, "runs" | "seed" | "fixedPopulation" | "register">): ShardIdentity {
  return {
    fundsim: fundsimVersion(),
    scenario: { id: loaded.scenario.meta.id, hash: loaded.hash },
    register: o.register ? (o.register.households.sourceSha256 ?? o.register.file) : null,
    seed: o.seed ?? loaded.scenario.simulation.seed,
    runs: o.runs ?? loaded.scenario.simulation.runs,
    populationRedrawn: !o.register && o.fixedPopulation !== true,
  };
}

/** Simulate one shard. Errors: the population cannot be built. */
export async function simulateShard(loaded: LoadedScenario, o: ShardOptions): Promise<Result<Shard, PopulationIssue[]>> {
  const id = expectationOf(loaded, o);
  const { first, end } = shardRange(o.index, o.of, id.runs);
  const r = await simulateScenario(loaded, {
    runs: end - first,
    firstRun: first,
    seed: id.seed,
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
    ...(o.fixedPopulation ? { fixedPopulation: true } : {}),
    ...(o.register ? { register: o.register } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  if (!r.ok) return r;
  return ok({ format: SHARD_FORMAT, version: SHARD_VERSION, ...id, firstRun: first, results: r.value.results });
}

/** A shard as JSON text (NaN as null; every other number exactly). */
export function shardJson(s: Shard): string {
  const { results, ...rest } = s;
  const data = Array.from(results.data, (x) => (Number.isNaN(x) ? null : x));
  return `${JSON.stringify({ ...rest, results: { runs: results.runs, years: results.years, metrics: results.metrics, data } })}\n`;
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);
const isInt = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;

/** Read a shard file's text; `file` names it in problems. */
export function parseShard(text: string, file: string): Result<Shard, ShardProblem> {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return err({ code: "notJson", file });
  }
  if (!isObj(j) || j["format"] !== SHARD_FORMAT) return err({ code: "notShard", file });
  if (j["version"] !== SHARD_VERSION) return err({ code: "shardVersion", file, found: String(j["version"]), expected: String(SHARD_VERSION) });
  const r = j["results"];
  const sc = j["scenario"];
  if (
    !isObj(r) ||
    !isObj(sc) ||
    typeof sc["id"] !== "string" ||
    typeof sc["hash"] !== "string" ||
    typeof j["fundsim"] !== "string" ||
    !(j["register"] === null || typeof j["register"] === "string") ||
    !isInt(j["seed"]) ||
    !isInt(j["runs"]) ||
    !isInt(j["firstRun"]) ||
    typeof j["populationRedrawn"] !== "boolean" ||
    !isInt(r["runs"]) ||
    !Array.isArray(r["years"]) ||
    !r["years"].every(isInt) ||
    !Array.isArray(r["metrics"]) ||
    !r["metrics"].every((m) => typeof m === "string") ||
    !Array.isArray(r["data"]) ||
    r["data"].length !== (r["runs"] as number) * r["years"].length * r["metrics"].length ||
    !r["data"].every((x) => x === null || typeof x === "number") ||
    (j["firstRun"] as number) + (r["runs"] as number) > (j["runs"] as number)
  ) {
    return err({ code: "shardDamaged", file });
  }
  return ok({
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    fundsim: j["fundsim"],
    scenario: { id: sc["id"], hash: sc["hash"] },
    register: j["register"] as string | null,
    seed: j["seed"],
    runs: j["runs"],
    populationRedrawn: j["populationRedrawn"],
    firstRun: j["firstRun"],
    results: {
      runs: r["runs"] as number,
      years: r["years"] as number[],
      metrics: r["metrics"] as string[],
      data: Float64Array.from(r["data"] as (number | null)[], (x) => (x === null ? Number.NaN : x)),
    },
  });
}

/**
 * Merge shards (in any order, retried copies allowed) into the runs of the whole simulation.
 * Every shard must match `expected` (version, scenario hash, register, seed, runs,
 * population), and together they must cover every run once.
 */
export function mergeShards(shards: readonly { readonly file: string; readonly shard: Shard }[], expected: ShardIdentity): Result<RunResults, ShardProblem[]> {
  const problems: ShardProblem[] = [];
  const fields = ["fundsim", "seed", "runs", "populationRedrawn", "register"] as const;
  for (const { file, shard } of shards) {
    if (shard.scenario.hash !== expected.scenario.hash) problems.push({ code: "otherScenario", file, found: `${shard.scenario.id} ${shard.scenario.hash.slice(0, 12)}`, expected: `${expected.scenario.id} ${expected.scenario.hash.slice(0, 12)}` });
    for (const f of fields) {
      if (shard[f] !== expected[f]) problems.push({ code: "mismatch", file, field: f, found: String(shard[f]), expected: String(expected[f]) });
    }
  }
  if (problems.length > 0) return err(problems);
  const first = shards[0]?.shard.results;
  if (!first) return err([{ code: "noShards" }]);
  const layout = (r: RunResults): string => `${r.years.join(",")}|${r.metrics.join(",")}`;
  const width = first.years.length * first.metrics.length;
  const data = new Float64Array(expected.runs * width);
  const from = new Int32Array(expected.runs).fill(-1);
  shards.forEach(({ file, shard }, k) => {
    const r = shard.results;
    if (layout(r) !== layout(first)) {
      problems.push({ code: "mismatch", file, field: "metrics", found: layout(r).slice(0, 60), expected: layout(first).slice(0, 60) });
      return;
    }
    for (let i = 0; i < r.runs; i++) {
      const run = shard.firstRun + i;
      const row = r.data.subarray(i * width, (i + 1) * width);
      const seen = from[run] as number;
      if (seen >= 0) {
        const before = data.subarray(run * width, (run + 1) * width);
        // Object.is: NaN equals NaN, and −0 differs from 0 (bit for bit).
        if (row.some((x, c) => !Object.is(x, before[c]))) problems.push({ code: "conflict", file, other: shards[seen]!.file, run });
        continue;
      }
      data.set(row, run * width);
      from[run] = k;
    }
  });
  const missing: number[] = [];
  from.forEach((k, run) => {
    if (k < 0) missing.push(run);
  });
  if (missing.length > 0) problems.push({ code: "missingRuns", runs: missing.length, ranges: ranges(missing), total: expected.runs });
  if (problems.length > 0) return err(problems.slice(0, 20));
  return ok({ runs: expected.runs, years: first.years, metrics: first.metrics, data });
}

/** Consecutive runs as "a–b" ranges. */
function ranges(xs: readonly number[]): string {
  const out: string[] = [];
  let start = xs[0] as number;
  let prev = start;
  for (const x of [...xs.slice(1), Number.NaN]) {
    if (x === prev + 1) {
      prev = x;
      continue;
    }
    out.push(start === prev ? String(start) : `${start}–${prev}`);
    start = x;
    prev = x;
  }
  return out.slice(0, 10).join(", ") + (out.length > 10 ? ", …" : "");
}
