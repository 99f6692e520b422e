/**
 * Messages of the job queue (`simulate --queue`, `fundsim worker`): connection problems, a
 * job a worker refused (other fundsim version, other scenario hash, bad scenario, register
 * or population), a shard that failed after its retries (which shard, which error, which
 * worker), cancellation, and the worker's log lines, in en and zh.
 *
 * @example
 * say("zh", queueProblem({ code: "unreachable", url: "redis://10.0.0.5:6379", detail: "ECONNREFUSED", seconds: 5 }));
 */
import { formatNumber } from "./format.js";
import { loc, type Localized } from "./lang.js";
import { renderIssues } from "./scenario.js";
import { populationIssue, registerIssue } from "./population.js";
import { shardProblem, type ShardProblem } from "./shard.js";
import type { Issue } from "../scenario/issues.js";
import type { PopulationIssue } from "../population/cohorts.js";
import type { RegisterIssue } from "../population/registerIssues.js";

/** Why a worker refused a job for good (not retried): carried in the job's failed reason. */
export type JobRefusal =
  | { readonly code: "notJob"; readonly detail: string }
  | { readonly code: "version"; readonly job: string; readonly worker: string }
  | { readonly code: "hash"; readonly expected: string; readonly found: string }
  | { readonly code: "scenario"; readonly issues: readonly Issue[] }
  | { readonly code: "registerMissing"; readonly file: string; readonly sha256: string }
  | { readonly code: "register"; readonly file: string; readonly issues: readonly RegisterIssue[] }
  | { readonly code: "population"; readonly issues: readonly PopulationIssue[] }
  | { readonly code: "merge"; readonly problems: readonly ShardProblem[] };

/** Which job of a simulation: a shard (index and run range) or the merge. */
export type JobWhat = { readonly kind: "shard"; readonly index: number; readonly of: number; readonly first: number; readonly end: number } | { readonly kind: "merge" };

export type QueueProblem =
  | { readonly code: "badUrl"; readonly url: string }
  | { readonly code: "unreachable"; readonly url: string; readonly detail: string; readonly seconds: number }
  | { readonly code: "redisRefused"; readonly url: string; readonly detail: string }
  | { readonly code: "notRedis"; readonly url: string }
  | { readonly code: "redisFailed"; readonly url: string; readonly detail: string }
  | { readonly code: "registerTooLarge"; readonly file: string; readonly bytes: number; readonly max: number }
  | { readonly code: "registerChanged"; readonly file: string }
  | { readonly code: "refused"; readonly what: JobWhat; readonly refusal: JobRefusal; readonly worker: string }
  | { readonly code: "failed"; readonly what: JobWhat; readonly error: string; readonly worker: string; readonly attempts: number }
  | { readonly code: "badResult"; readonly problems: readonly ShardProblem[] }
  | { readonly code: "vanished"; readonly id: string }
  | { readonly code: "cancelled"; readonly removed: number; readonly running: number };

const what = (w: JobWhat): Localized =>
  w.kind === "merge"
    ? loc("The merge job", "合并作业")
    : loc(
        `Shard ${w.index + 1} of ${w.of} (runs ${formatNumber(w.first)}–${formatNumber(w.end - 1)})`,
        `第 ${w.index + 1}/${w.of} 个分片（第 ${formatNumber(w.first)}–${formatNumber(w.end - 1)} 次模拟）`,
      );
const worker = (name: string): Localized => (name ? loc(`on worker ${name}`, `（工作进程 ${name}）`) : loc("(worker unknown)", "（工作进程未知）"));

const lines = (items: readonly Localized[]): Localized => loc(items.map((i) => `  ${i.en}`).join("\n"), items.map((i) => `  ${i.zh}`).join("\n"));

/** A refusal's reason, in full. */
export function jobRefusal(r: JobRefusal): Localized {
  switch (r.code) {
    case "notJob":
      return loc(`the job is not a fundsim simulation job (${r.detail}).`, `该作业不是 fundsim 模拟作业（${r.detail}）。`);
    case "version":
      return loc(
        `the job was made by fundsim ${r.job}, the worker is fundsim ${r.worker}. Results of different versions are not merged: run the same fundsim version on the coordinator and every worker.`,
        `该作业由 fundsim ${r.job} 创建，而工作进程为 fundsim ${r.worker}。不同版本的结果不能合并：请在提交端和所有工作进程上使用同一 fundsim 版本。`,
      );
    case "hash":
      return loc(
        `the scenario the job carries hashes to ${r.found.slice(0, 12)}, not the ${r.expected.slice(0, 12)} it claims: the job is damaged or was altered. Submit it again.`,
        `作业所带情景的哈希为 ${r.found.slice(0, 12)}，与其声明的 ${r.expected.slice(0, 12)} 不符：作业已损坏或被改动。请重新提交。`,
      );
    case "scenario": {
      const shown = r.issues.slice(0, 5);
      return loc(`the worker cannot read the scenario the job carries:\n${renderIssues("en", shown)}`, `工作进程无法读取作业所带的情景：\n${renderIssues("zh", shown)}`);
    }
    case "registerMissing":
      return loc(
        `the register ${r.file} (sha256 ${r.sha256.slice(0, 12)}) is no longer in Redis (it is kept 7 days). Submit the simulation again.`,
        `名册 ${r.file}（sha256 ${r.sha256.slice(0, 12)}）已不在 Redis 中（保存 7 天）。请重新提交模拟。`,
      );
    case "register":
      return joinLoc(loc(`the register ${r.file} is refused:`, `名册 ${r.file} 被拒绝：`), lines(r.issues.slice(0, 5).map(registerIssue)));
    case "population":
      return joinLoc(loc("the population cannot be built:", "无法构建人口："), lines(r.issues.slice(0, 5).map(populationIssue)));
    case "merge":
      return joinLoc(loc("the shards do not merge:", "分片无法合并："), lines(r.problems.slice(0, 5).map(shardProblem)));
  }
}

const joinLoc = (a: Localized, b: Localized): Localized => loc(`${a.en}\n${b.en}`, `${a.zh}\n${b.zh}`);

/** Redact a password in a Redis URL shown to the user. */
export function shownUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/i, "$1***@");
}

export function queueProblem(p: QueueProblem): Localized {
  switch (p.code) {
    case "badUrl":
      return loc(
        `--queue ${shownUrl(p.url)}: not a Redis URL. Expected redis://HOST:PORT (or rediss:// for TLS, redis://:PASSWORD@HOST:PORT/DB), e.g. redis://127.0.0.1:6379.`,
        `--queue ${shownUrl(p.url)}：不是 Redis 地址。应为 redis://主机:端口（TLS 用 rediss://，或 redis://:密码@主机:端口/库号），如 redis://127.0.0.1:6379。`,
      );
    case "unreachable":
      return loc(
        `Cannot reach Redis at ${shownUrl(p.url)} (${p.detail === "ETIMEDOUT" ? `no answer within ${p.seconds} s` : p.detail}). Check that redis-server is running there and that this machine may connect to its port.`,
        `无法连接 ${shownUrl(p.url)} 上的 Redis（${p.detail === "ETIMEDOUT" ? `${p.seconds} 秒内无应答` : p.detail}）。请确认该处 redis-server 正在运行，且本机可以连接其端口。`,
      );
    case "notRedis":
      return loc(
        `Something answers at ${shownUrl(p.url)}, but not Redis (it does not speak the Redis protocol). Check the host and port of --queue.`,
        `${shownUrl(p.url)} 有服务应答，但不是 Redis（不使用 Redis 协议）。请检查 --queue 的主机和端口。`,
      );
    case "redisFailed":
      return loc(
        `Redis at ${shownUrl(p.url)} did not take the simulation's jobs: ${p.detail}. The queue needs a writable Redis primary of a version BullMQ supports (this machine's tests use Redis 7.0).`,
        `${shownUrl(p.url)} 上的 Redis 未能接收模拟作业：${p.detail}。队列需要可写的 Redis 主节点，且版本须受 BullMQ 支持（本机测试使用 Redis 7.0）。`,
      );
    case "redisRefused":
      return loc(
        `Redis at ${shownUrl(p.url)} refused the connection: ${p.detail}. Check the password (redis://:PASSWORD@HOST:PORT) and database number.`,
        `${shownUrl(p.url)} 上的 Redis 拒绝了连接：${p.detail}。请检查密码（redis://:密码@主机:端口）和库号。`,
      );
    case "registerTooLarge":
      return loc(
        `The register ${p.file} is ${formatNumber(p.bytes / 2 ** 20)} MB; the queue carries registers up to ${formatNumber(p.max / 2 ** 20)} MB (one Redis value). Split the simulation with fundsim shard on machines that read the register themselves (docs/scaling.md).`,
        `名册 ${p.file} 为 ${formatNumber(p.bytes / 2 ** 20)} MB；队列可携带的名册最大为 ${formatNumber(p.max / 2 ** 20)} MB（一个 Redis 值）。请在能直接读取名册的机器上用 fundsim shard 拆分模拟（见 docs/scaling.md）。`,
      );
    case "registerChanged":
      return loc(`The register ${p.file} changed while it was read. Run the command again.`, `名册 ${p.file} 在读取过程中发生了变化。请重新运行命令。`);
    case "refused": {
      const r = jobRefusal(p.refusal);
      const w = worker(p.worker);
      return loc(`${what(p.what).en} was refused ${w.en}, not retried: ${r.en}`, `${what(p.what).zh}被拒绝${w.zh}，不再重试：${r.zh}`);
    }
    case "failed": {
      const w = worker(p.worker);
      return loc(
        `${what(p.what).en} failed after ${p.attempts} attempt${p.attempts === 1 ? "" : "s"} ${w.en}: ${p.error}`,
        `${what(p.what).zh}在尝试 ${p.attempts} 次后失败${w.zh}：${p.error}`,
      );
    }
    case "badResult":
      return joinLoc(loc("The merged result from the queue does not match this scenario:", "队列返回的合并结果与本情景不符："), lines(p.problems.slice(0, 5).map(shardProblem)));
    case "vanished":
      return loc(
        `The simulation's merge job (${p.id}) is gone from the queue: someone removed it or cleared Redis. Submit it again.`,
        `该模拟的合并作业（${p.id}）已不在队列中：可能被他人删除或 Redis 被清空。请重新提交。`,
      );
    case "cancelled":
      return loc(
        `Cancelled: ${formatNumber(p.removed)} waiting job${p.removed === 1 ? "" : "s"} removed from the queue${p.running === 1 ? "; 1 shard already running finishes on its worker and is discarded" : p.running > 1 ? `; ${formatNumber(p.running)} shards already running finish on their workers and are discarded` : ""}. Nothing was written.`,
        `已取消：从队列中移除 ${formatNumber(p.removed)} 个等待中的作业${p.running > 0 ? `；${formatNumber(p.running)} 个正在运行的分片将在其工作进程上完成后被丢弃` : ""}。未写入任何文件。`,
      );
  }
}

/** Progress bar text while a queued simulation runs (cli-progress format). */
export const queueProgressFormat = (label: string): Localized =>
  loc(`${label} [{bar}] {value}/{total} shards | ETA {eta_formatted}`, `${label} [{bar}] {value}/{total} 个分片 | 剩余 {eta_formatted}`);
export const queueLabel = (): Localized => loc("queue", "队列");

export const submitted = (shards: number, runs: number, url: string): Localized =>
  loc(
    `Submitted ${formatNumber(runs)} runs in ${formatNumber(shards)} shards to ${shownUrl(url)}; waiting for workers (fundsim worker --queue ${shownUrl(url)}). Ctrl-C cancels.`,
    `已将 ${formatNumber(runs)} 次模拟分为 ${formatNumber(shards)} 个分片提交至 ${shownUrl(url)}；等待工作进程（fundsim worker --queue ${shownUrl(url)}）。按 Ctrl-C 取消。`,
  );
export const cancelling = (): Localized => loc("Cancelling…", "正在取消…");
export const queueOnlyPlain = (option: string): Localized =>
  option === "threads"
    ? loc("--threads cannot be used with --queue: threads are set on each worker (fundsim worker --threads T).", "--threads 不能与 --queue 同用：线程数在各工作进程上设置（fundsim worker --threads T）。")
    : loc(
        `--${option} cannot be used with --queue: a queued simulation runs the runs given (--runs) and writes runs.csv, summary.json, manifest.json and spending.csv. Run it locally for --${option}.`,
        `--${option} 不能与 --queue 同用：队列模拟按给定次数（--runs）运行，写出 runs.csv、summary.json、manifest.json 和 spending.csv。如需 --${option} 请在本地运行。`,
      );
export const tooManyShards = (shards: number, runs: number): Localized =>
  loc(`--shards ${shards} is more shards than the ${runs} runs: some shards would be empty. Use --shards ${runs} or fewer.`, `--shards ${shards} 超过模拟次数 ${runs}：部分分片将为空。请使用 --shards ${runs} 或更少。`);

/** What a worker reports as it works. */
export type WorkerEvent =
  | { readonly kind: "listening"; readonly name: string; readonly url: string; readonly queue: string; readonly concurrency: number; readonly threads: number }
  | { readonly kind: "done"; readonly scenario: string; readonly what: JobWhat; readonly seconds: number; readonly attempt: number }
  | { readonly kind: "refused"; readonly scenario: string; readonly what: JobWhat; readonly refusal: JobRefusal }
  | { readonly kind: "error"; readonly scenario: string; readonly what: JobWhat; readonly error: string; readonly attempt: number; readonly attempts: number }
  | { readonly kind: "connection"; readonly detail: string }
  | { readonly kind: "stopping"; readonly force: boolean }
  | { readonly kind: "stopped" };

const stamp = (): string => new Date().toISOString().slice(11, 19);

/** One line of the worker's log. */
export function workerEvent(e: WorkerEvent): Localized {
  const t = stamp();
  switch (e.kind) {
    case "listening":
      return loc(
        `${t} worker ${e.name} waiting for jobs on ${shownUrl(e.url)} (queue ${e.queue}; ${e.concurrency} job${e.concurrency === 1 ? "" : "s"} at a time, ${e.threads} thread${e.threads === 1 ? "" : "s"} each). Ctrl-C or SIGTERM stops it after the running jobs.`,
        `${t} 工作进程 ${e.name} 正在 ${shownUrl(e.url)} 上等待作业（队列 ${e.queue}；同时 ${e.concurrency} 个作业，每个 ${e.threads} 个线程）。按 Ctrl-C 或发送 SIGTERM 将在当前作业完成后停止。`,
      );
    case "done":
      return loc(
        `${t} ${e.scenario}: ${what(e.what).en} finished in ${e.seconds.toFixed(1)} s${e.attempt > 1 ? ` (attempt ${e.attempt})` : ""}`,
        `${t} ${e.scenario}：${what(e.what).zh}完成，用时 ${e.seconds.toFixed(1)} 秒${e.attempt > 1 ? `（第 ${e.attempt} 次尝试）` : ""}`,
      );
    case "refused": {
      const r = jobRefusal(e.refusal);
      return loc(`${t} ${e.scenario}: ${what(e.what).en} refused: ${r.en}`, `${t} ${e.scenario}：${what(e.what).zh}被拒绝：${r.zh}`);
    }
    case "error":
      return loc(
        `${t} ${e.scenario}: ${what(e.what).en} failed (attempt ${e.attempt} of ${e.attempts}): ${e.error}`,
        `${t} ${e.scenario}：${what(e.what).zh}失败（第 ${e.attempt}/${e.attempts} 次尝试）：${e.error}`,
      );
    case "connection":
      return loc(`${t} Queue or Redis problem: ${e.detail} (the worker carries on; a lost connection is retried)`, `${t} 队列或 Redis 问题：${e.detail}（工作进程继续运行；连接中断时自动重连）`);
    case "stopping":
      return e.force
        ? loc(`${t} Stopping now; running jobs go back to the queue for another worker.`, `${t} 立即停止；正在运行的作业将退回队列由其他工作进程处理。`)
        : loc(`${t} Stopping after the running jobs (Ctrl-C again to stop at once).`, `${t} 将在当前作业完成后停止（再按 Ctrl-C 立即停止）。`);
    case "stopped":
      return loc(`${t} Worker stopped.`, `${t} 工作进程已停止。`);
  }
}
