/**
 * Shards and merge: a simulation split into run ranges, computed in any order (a retried
 * shard included), merges to exactly the single run — bit for bit, with the population
 * redrawn per run or fixed — and a merge that cannot be right is refused, saying why.
 */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/index.js";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { expectationOf, mergeShards, parseShard, shardJson, shardRange, simulateShard, type Shard } from "../../src/pipeline/shard.js";
import { unwrap } from "../../src/util/result.js";
import { shardProblem } from "../../src/messages/shard.js";

const MINIMAL = "tests/fixtures/minimal.yaml";
const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe("shards and merge", () => {
  it("the ranges tile the runs", () => {
    const tiles = [0, 1, 2, 3, 4, 5, 6].map((i) => shardRange(i, 7, 20));
    expect(tiles[0]!.first).toBe(0);
    expect(tiles[6]!.end).toBe(20);
    tiles.slice(1).forEach((t, i) => expect(t.first).toBe(tiles[i]!.end));
  });

  it.each([false, true])("merged in any order, with a retried copy, the shards are the single run bit for bit (fixed population: %s)", async (fixedPopulation) => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const o = { runs: 13, threads: 1, ...(fixedPopulation ? { fixedPopulation } : {}) };
    const single = unwrap(await simulateScenario(loaded, o)).results;
    const shards: Shard[] = [];
    for (const index of [2, 0, 3, 1]) shards.push(unwrap(await simulateShard(loaded, { ...o, index, of: 4 })));
    // Through the file format (a retry of shard 0 included).
    const files = [...shards, shards[1]!].map((s, k) => ({ file: `${k}.json`, shard: unwrap(parseShard(shardJson(s), `${k}.json`)) }));
    const merged = unwrap(mergeShards(files, expectationOf(loaded, o)));
    expect(merged.runs).toBe(13);
    expect(merged.metrics).toEqual(single.metrics);
    expect(same(merged.data, single.data)).toBe(true);
  });

  it("refuses what does not belong together, saying why", async () => {
    const loaded = unwrap(await loadScenario(MINIMAL));
    const o = { runs: 6, threads: 1 };
    const [a, b] = [unwrap(await simulateShard(loaded, { ...o, index: 0, of: 2 })), unwrap(await simulateShard(loaded, { ...o, index: 1, of: 2 }))];
    const expected = expectationOf(loaded, o);
    const codes = (r: ReturnType<typeof mergeShards>): string[] => (r.ok ? [] : r.error.map((p) => p.code));
    // A missing shard: the runs named.
    const missing = mergeShards([{ file: "a.json", shard: a }], expected);
    expect(codes(missing)).toEqual(["missingRuns"]);
    if (!missing.ok) expect(shardProblem(missing.error[0]!).en).toContain("runs 3–5");
    // Another seed, another scenario, a copy with other numbers.
    expect(codes(mergeShards([{ file: "a.json", shard: a }, { file: "b.json", shard: b }], { ...expected, seed: 8 }))).toEqual(["mismatch", "mismatch"]);
    const other = unwrap(await loadScenario(MINIMAL, { sets: ["income.growth=0.06"] }));
    expect(codes(mergeShards([{ file: "a.json", shard: a }, { file: "b.json", shard: b }], expectationOf(other, o)))).toEqual(["otherScenario", "otherScenario"]);
    const tampered: Shard = { ...b, results: { ...b.results, data: b.results.data.map((x, i) => (i === 0 ? x + 1 : x)) } };
    const conflict = mergeShards([{ file: "a.json", shard: a }, { file: "b.json", shard: b }, { file: "c.json", shard: tampered }], expected);
    expect(codes(conflict)).toEqual(["conflict"]);
    if (!conflict.ok) expect(shardProblem(conflict.error[0]!).zh).toContain("c.json 与 b.json 都包含第 3 次模拟");
    // Files that are not shards, or damaged ones.
    expect(parseShard("{", "x.json")).toMatchObject({ ok: false, error: { code: "notJson" } });
    expect(parseShard('{"format":"other"}', "x.json")).toMatchObject({ ok: false, error: { code: "notShard" } });
    const cut = JSON.parse(shardJson(a)) as { results: { data: unknown[] } };
    cut.results.data.pop();
    expect(parseShard(JSON.stringify(cut), "x.json")).toMatchObject({ ok: false, error: { code: "shardDamaged" } });
  });
});
