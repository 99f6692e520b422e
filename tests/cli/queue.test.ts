/**
 * The job queue end to end, on a redis-server started here on a free loopback port (no
 * persistence) and `fundsim worker` processes (bin/fundsim.js, built in dist/):
 *
 * - 100 runs in 8 shards on two workers write the runs.csv a local `simulate` writes, byte
 *   for byte; a worker stopped with SIGTERM finishes and exits 0;
 * - a worker killed (SIGKILL) in the middle of a shard: its shard is re-queued (stalled-job
 *   check) and computed by another worker; the result is still identical;
 * - a job of another fundsim version, or whose scenario does not hash to what it claims, is
 *   refused for good, with the shard, the reason and the worker named (en, zh);
 * - no Redis at the address, or not a Redis URL: a clear message, exit 1, no stack trace.
 *
 * Skipped, with the reason in the test name, where redis-server is not installed (CI
 * installs it: scripts/setup.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Queue, Worker } from "bullmq";
import { runCapture } from "../../src/cli/main.js";
import { queuedScenario, runOnQueue, simulationJob, type SimulationJob } from "../../src/pipeline/queue.js";
import { queueProblem } from "../../src/messages/queue.js";
import { simulateScenario } from "../../src/pipeline/simulate.js";
import { say } from "../../src/messages/lang.js";
import { unwrap } from "../../src/util/result.js";

const inCI = process.env["CI"] === "true";
const REDIS_SERVER = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((p) => existsSync(p));
const skipWithoutRedis = REDIS_SERVER === undefined && !inCI;
const REDIS_REASON = "needs Debian package redis-server (not installed here)";

const ROOT = resolve(import.meta.dirname, "../..");
const MINIMAL = "tests/fixtures/minimal.yaml";
let dir = "";
let url = "";
let redis: ChildProcess | undefined;
const workers = new Map<string, { proc: ChildProcess; out: string[] }>();

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Start `fundsim worker` (short locks, so a killed worker's shard is re-queued within seconds). */
async function startWorker(name: string): Promise<void> {
  const proc = spawn(process.execPath, ["bin/fundsim.js", "worker", "--queue", url, "--threads", "1", "--name", name, "--lock-duration", "2000", "--stalled-interval", "500"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: string[] = [];
  proc.stdout?.on("data", (b: Buffer) => out.push(b.toString()));
  proc.stderr?.on("data", (b: Buffer) => out.push(b.toString()));
  workers.set(name, { proc, out });
  await until(`worker ${name}`, () => out.join("").includes("waiting for jobs"));
}

const logOf = (name: string): string => workers.get(name)?.out.join("") ?? "";

async function stopWorker(name: string, signal: NodeJS.Signals): Promise<number | null> {
  const w = workers.get(name);
  if (!w || w.proc.exitCode !== null || w.proc.signalCode !== null) return w?.proc.exitCode ?? null;
  const exited = new Promise<number | null>((res) => w.proc.once("exit", (code) => res(code)));
  w.proc.kill(signal);
  return exited;
}

let localCsv: Buffer;

beforeAll(async () => {
  if (skipWithoutRedis) return;
  dir = await mkdtemp(join(tmpdir(), "fundsim-queue-"));
  const port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  redis = spawn(REDIS_SERVER ?? "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  redis.stdout?.on("data", (b: Buffer) => void (log += b.toString()));
  await until("redis-server", () => log.includes("Ready to accept connections"));
  const local = await runCapture(["simulate", MINIMAL, "--runs", "100", "--threads", "1", "--out", join(dir, "local")], ROOT);
  expect(local.exitCode, local.stderr).toBe(0);
  localCsv = await readFile(join(dir, "local", "runs.csv"));
});

afterAll(async () => {
  await Promise.all([...workers.keys()].map((n) => stopWorker(n, "SIGKILL")));
  if (redis && redis.exitCode === null) {
    const gone = new Promise((r) => redis?.once("exit", r));
    redis.kill("SIGTERM");
    await gone;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skipWithoutRedis)(`simulate --queue and fundsim worker${skipWithoutRedis ? ` (skipped: ${REDIS_REASON})` : ""}`, () => {
  it("100 runs in 8 shards on two workers: runs.csv byte-identical to a local run; SIGTERM stops a worker cleanly", async () => {
    await Promise.all([startWorker("wA"), startWorker("wB")]);
    const r = await runCapture(["simulate", MINIMAL, "--runs", "100", "--shards", "8", "--queue", url, "--out", join(dir, "queued")], ROOT);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain("Submitted 100 runs in 8 shards");
    expect(await readFile(join(dir, "queued", "runs.csv"))).toEqual(localCsv);
    expect(await readFile(join(dir, "queued", "summary.json"), "utf8")).toBe(await readFile(join(dir, "local", "summary.json"), "utf8"));
    const both = logOf("wA") + logOf("wB");
    // Every shard finished (one may finish twice on a loaded machine, its lock lapsed: harmless).
    expect(new Set(both.match(/Shard \d of 8 /g)).size).toBe(8);
    expect(both).toContain("The merge job finished");
    // A folder holding someone else's file is refused before anything is queued (the output rules of simulate).
    await mkdir(join(dir, "mine"));
    await writeFile(join(dir, "mine", "notes.txt"), "mine\n");
    const theirs = await runCapture(["simulate", MINIMAL, "--runs", "100", "--queue", url, "--out", join(dir, "mine")], ROOT);
    expect(theirs.exitCode).toBe(1);
    expect(theirs.stderr).not.toContain("Submitted");
    expect(await readFile(join(dir, "mine", "notes.txt"), "utf8")).toBe("mine\n");
    expect(await Promise.all([stopWorker("wA", "SIGTERM"), stopWorker("wB", "SIGTERM")])).toEqual([0, 0]);
    expect(logOf("wA")).toContain("Worker stopped.");
  }, 30_000);

  it("a worker killed mid-shard: the shard is re-queued to another worker and the result is identical", async () => {
    await Promise.all([...workers.keys()].map((n) => stopWorker(n, "SIGKILL")));
    await startWorker("wKill");
    const queued = runCapture(["simulate", MINIMAL, "--runs", "100", "--shards", "2", "--queue", url, "--out", join(dir, "killed")], ROOT);
    const queue = new Queue("fundsim", { connection: { url } });
    queue.on("error", () => undefined);
    let index = -1;
    try {
      await until("a shard on wKill", async () => {
        const active = await queue.getActive();
        const mine = active.find((j) => j.processedBy === "wKill" && j.name === "shard");
        if (mine) index = (mine.data as { index: number }).index;
        return mine !== undefined;
      });
    } finally {
      await queue.close();
    }
    await stopWorker("wKill", "SIGKILL");
    await Promise.all([startWorker("wC"), startWorker("wD")]);
    const r = await queued;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await readFile(join(dir, "killed", "runs.csv"))).toEqual(localCsv);
    expect(logOf("wKill")).not.toContain(`Shard ${index + 1} of 2`);
    expect(logOf("wC") + logOf("wD")).toMatch(new RegExp(`Shard ${index + 1} of 2 \\(runs [^)]*\\) finished`));
  }, 30_000);

  it("refuses for good a job of another fundsim version or whose scenario does not match its hash (shard, reason, worker named)", async () => {
    const q = unwrap(await queuedScenario(join(ROOT, MINIMAL), { label: MINIMAL }));
    const job = simulationJob(q.loaded, q.source, { runs: 4, shards: 2 });
    const other: SimulationJob = { ...job, fundsim: "0.0.0-other" };
    const v = await runOnQueue(other, { url, pollMs: 50 });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.error.code).toBe("refused");
    const en = say("en", queueProblem(v.error));
    expect(en).toMatch(/^Shard [12] of 2 \(runs \d–\d\) was refused on worker w[CD], not retried: the job was made by fundsim 0\.0\.0-other, the worker is fundsim /);
    expect(say("zh", queueProblem(v.error))).toContain("该作业由 fundsim 0.0.0-other 创建");
    const altered: SimulationJob = { ...job, scenario: { ...job.scenario, text: job.scenario.text.replace("seed: 7}", "seed: 8}") } };
    expect(altered.scenario.text).not.toBe(job.scenario.text);
    const h = await runOnQueue(altered, { url, pollMs: 50 });
    expect(h.ok).toBe(false);
    if (h.ok) return;
    expect(h.error.code === "refused" && h.error.refusal.code).toBe("hash");
    expect(say("en", queueProblem(h.error))).toContain("the job is damaged or was altered");
    // Refused at once: no retries.
    expect(h.error.code === "refused" && h.error.worker).toMatch(/^w[CD]$/);
  }, 30_000);

  it("a register, a variant and --set travel with the jobs: the queued run equals the local one", async () => {
    const csv = join(dir, "register.csv");
    const rows = Array.from({ length: 60 }, (_, i) => `h${i},V${i % 3},${1 + (i % 4)},${1500 + 50 * i},${i % 2},${i % 5 === 0 ? "dibao" : "general"}`);
    await writeFile(csv, `id,village,size,income,labour,segment\n${rows.join("\n")}\n`);
    const args = [MINIMAL, "--register", csv, "--variant", "more-industry", "--set", "creditPools.pool.leverage=8", "--runs", "12"];
    const local = await runCapture(["simulate", ...args, "--threads", "1", "--out", join(dir, "reg-local")], ROOT);
    expect(local.exitCode, local.stderr).toBe(0);
    const queued = await runCapture(["simulate", ...args, "--shards", "3", "--queue", url, "--out", join(dir, "reg-queued")], ROOT);
    expect(queued.exitCode, queued.stderr).toBe(0);
    expect(await readFile(join(dir, "reg-queued", "runs.csv"))).toEqual(await readFile(join(dir, "reg-local", "runs.csv")));
    const manifest = JSON.parse(await readFile(join(dir, "reg-queued", "manifest.json"), "utf8"));
    expect([manifest.variant, manifest.sets, manifest.register.households]).toEqual(["more-industry", ["creditPools.pool.leverage=8"], 60]);
  }, 30_000);

  it("runOnQueue from code: progress in shards done, ending at all of them; the runs equal a local simulation's", async () => {
    const q = unwrap(await queuedScenario(join(ROOT, MINIMAL), { label: MINIMAL }));
    const job = simulationJob(q.loaded, q.source, { runs: 12, shards: 3 });
    const seen: [number, number][] = [];
    const r = unwrap(await runOnQueue(job, { url, pollMs: 20, onProgress: (done, total) => seen.push([done, total]) }));
    expect(seen.at(-1)).toEqual([3, 3]);
    expect(seen.every(([d, t], i) => t === 3 && d >= (seen[i - 1]?.[0] ?? 0))).toBe(true);
    const local = unwrap(await simulateScenario(q.loaded, { runs: 12, threads: 1 }));
    expect(r.data).toEqual(local.results.data);
  }, 30_000);

  it("a shard that keeps failing is reported after its attempts with the shard, the error and the worker", async () => {
    const q = unwrap(await queuedScenario(join(ROOT, MINIMAL), { label: MINIMAL }));
    const job = simulationJob(q.loaded, q.source, { runs: 4, shards: 2 });
    // A worker of another queue that fails every shard (a stand-in for a crash, a full disk).
    const flaky = new Worker(
      "fundsim-flaky",
      async (j) => {
        if (j.name === "shard") throw new Error("disk full");
        return "";
      },
      { connection: { url }, name: "flaky-1" },
    );
    flaky.on("error", () => undefined);
    try {
      const r = await runOnQueue(job, { url, queue: "fundsim-flaky", attempts: 2, backoffMs: 10, pollMs: 50 });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({ code: "failed", error: "disk full", worker: "flaky-1", attempts: 2 });
      expect(say("en", queueProblem(r.error))).toMatch(/^Shard [12] of 2 \(runs \d–\d\) failed after 2 attempts on worker flaky-1: disk full$/);
      expect(say("zh", queueProblem(r.error))).toMatch(/^第 [12]\/2 个分片（第 \d–\d 次模拟）在尝试 2 次后失败（工作进程 flaky-1）：disk full$/);
    } finally {
      await flaky.close(true);
    }
  }, 30_000);

  it("Ctrl-C on simulate --queue removes the flow's waiting jobs, exits 130 and writes nothing", async () => {
    await Promise.all([...workers.keys()].map((n) => stopWorker(n, "SIGTERM")));
    const proc = spawn(process.execPath, ["bin/fundsim.js", "simulate", MINIMAL, "--runs", "20", "--shards", "4", "--queue", url, "--out", join(dir, "cancelled")], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    proc.stderr?.on("data", (b: Buffer) => void (stderr += b.toString()));
    const exited = new Promise<number | null>((res) => proc.once("exit", (code) => res(code)));
    await until("the flow submitted", () => stderr.includes("Submitted 20 runs in 4 shards"));
    proc.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("Cancelled: 5 waiting jobs removed from the queue. Nothing was written.");
    expect(await readFile(join(dir, "cancelled", "runs.csv")).catch(() => null)).toBeNull();
    const queue = new Queue("fundsim", { connection: { url } });
    queue.on("error", () => undefined);
    try {
      const counts = await queue.getJobCounts("waiting", "waiting-children", "active", "delayed", "prioritized");
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    } finally {
      await queue.close();
    }
  }, 30_000);

  it("no Redis at the address, or not a Redis URL: a clear message (en, zh), exit 1, no stack trace", async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const en = await runCapture(["simulate", MINIMAL, "--runs", "10", "--queue", closed, "--out", join(dir, "none")], ROOT);
    expect(en.exitCode).toBe(1);
    expect(en.stderr).toContain(`Cannot reach Redis at ${closed} (ECONNREFUSED)`);
    const zh = await runCapture(["worker", "--queue", closed, "--lang", "zh"], ROOT);
    expect(zh.exitCode).toBe(1);
    expect(zh.stderr).toContain(`无法连接 ${closed} 上的 Redis`);
    const bad = await runCapture(["simulate", MINIMAL, "--queue", "localhost:6379", "--out", join(dir, "none")], ROOT);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("not a Redis URL");
    const secret = await runCapture(["worker", "--queue", "redis://:hunter2@127.0.0.1:1"], ROOT);
    expect(secret.stderr).toContain("redis://:***@127.0.0.1:1");
    expect(secret.stderr).not.toContain("hunter2");
    for (const x of [en, zh, bad, secret]) expect(x.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(await readFile(join(dir, "none", "runs.csv")).catch(() => null)).toBeNull();
  }, 30_000);
});
