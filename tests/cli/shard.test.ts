/**
 * `fundsim shard` and `fundsim merge` from the command line: three shards merged in another
 * order write the runs.csv `simulate` writes, byte for byte; a merge with a shard missing is
 * refused with the runs named (en and zh); a shard file is never written over a file
 * fundsim did not write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCapture } from "../../src/cli/main.js";

const MINIMAL = "tests/fixtures/minimal.yaml";
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fundsim-shard-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("fundsim shard and merge", () => {
  it("merge writes the runs.csv simulate writes, byte for byte", async () => {
    for (const i of [0, 1, 2]) {
      const r = await runCapture(["shard", MINIMAL, "--index", String(i), "--of", "3", "--runs", "10", "--threads", "1", "--out", join(dir, `s${i}.json`)]);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    const m = await runCapture(["merge", MINIMAL, join(dir, "s2.json"), join(dir, "s0.json"), join(dir, "s1.json"), "--out", join(dir, "merged")]);
    expect(m.exitCode, m.stderr).toBe(0);
    const s = await runCapture(["simulate", MINIMAL, "--runs", "10", "--threads", "2", "--out", join(dir, "local")]);
    expect(s.exitCode).toBe(0);
    expect(await readFile(join(dir, "merged", "runs.csv"))).toEqual(await readFile(join(dir, "local", "runs.csv")));
    expect(await readFile(join(dir, "merged", "summary.json"), "utf8")).toBe(await readFile(join(dir, "local", "summary.json"), "utf8"));
  }, 60_000);

  it("refuses a merge with a shard missing, and a shard over someone else's file", async () => {
    const en = await runCapture(["merge", MINIMAL, join(dir, "s0.json"), join(dir, "s2.json"), "--out", join(dir, "m2")]);
    expect(en.exitCode).toBe(1);
    expect(en.stderr).toContain("3 of the 10 runs are in no shard (runs 3–5)");
    const zh = await runCapture(["merge", MINIMAL, join(dir, "s0.json"), join(dir, "s2.json"), "--out", join(dir, "m3"), "--lang", "zh"]);
    expect(zh.stderr).toContain("10 次模拟中有 3 次不在任何分片中");
    const theirs = join(dir, "notes.json");
    await writeFile(theirs, '{"mine": true}\n');
    const over = await runCapture(["shard", MINIMAL, "--index", "0", "--of", "2", "--runs", "4", "--threads", "1", "--out", theirs]);
    expect(over.exitCode).not.toBe(0);
    expect(await readFile(theirs, "utf8")).toBe('{"mine": true}\n');
    const bad = await runCapture(["shard", MINIMAL, "--index", "2", "--of", "2", "--out", join(dir, "x.json")]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("0 ≤ index < of");
    for (const x of [en, zh, over, bad]) expect(x.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
  }, 60_000);
});
