/**
 * A simulation on a job queue (BullMQ on Redis): one flow per simulation, whose children
 * are the shards (run ranges, pipeline/shard.ts) and whose parent is the merge. Any number
 * of workers on any machines take the jobs; the coordinator waits for the parent and gets
 * the merged runs, bit for bit those of the single-machine simulation.
 *
 * What travels with each job (`SimulationJob`): the scenario file's text with the variant
 * (an id, or a variant file's contents) and the --set overlays, the scenario's hash, the
 * fundsim version, the register's sha256 (its bytes are stored once in Redis under that
 * hash, kept 7 days), the seed, the runs, the population option and the shard count. A
 * worker loads the scenario from the text, recomputes the hash and refuses for good
 * (BullMQ's UnrecoverableError, never retried) a job whose hash or fundsim version is not
 * its own; the refusal (JSON after `fundsim:` in the failed reason) is shown to the user
 * in en or zh. Other failures are retried (`attempts`, exponential backoff): a shard is a
 * pure function of its range, so a retried or re-queued shard (a killed worker's, found by
 * BullMQ's stalled-job check) gives the same numbers.
 *
 * @example
 * const q = unwrap(await queuedScenario("scenarios/linghai-2017.yaml"));
 * const job = simulationJob(q.loaded, q.source, { runs: 400, shards: 8 });
 * const r = await runOnQueue(job, { url: "redis://127.0.0.1:6379" }); // workers: startQueueWorker(...)
 * if (r.ok) await simulateScenario(q.loaded, { runs: 400, computed: r.value });
 */
import { createHash, randomUUID } from "node:crypto";
import { availableParallelism, hostname } from "node:os";
import { FlowProducer, Job, Queue, UnrecoverableError, Worker, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { isVariantFile, loadVariantFile, parseScenarioText, readDocumentText } from "../scenario/load.js";
import type { Issue } from "../scenario/issues.js";
import type { LoadedScenario } from "../scenario/types.js";
import { parseRegister } from "../population/register.js";
import type { Households } from "../model/households.js";
import type { RunResults } from "../model/results.js";
import { fundsimVersion } from "../results/manifest.js";
import { err, ok, type Result } from "../util/result.js";
import type { JobRefusal, JobWhat, QueueProblem, WorkerEvent } from "../messages/queue.js";
import { expectationOf, mergeShards, parseShard, shardJson, shardRange, simulateShard, SHARD_FORMAT, SHARD_VERSION, type ShardIdentity } from "./shard.js";
export type { JobRefusal, JobWhat, QueueProblem, WorkerEvent } from "../messages/queue.js";

export const JOB_FORMAT = "fundsim-queue-job";
export const JOB_VERSION = 1;
/** The queue's name in Redis (keys `bull:fundsim:…`). */
export const QUEUE_NAME = "fundsim";
/** Largest register the queue carries (one Redis string is at most 512 MB). */
export const MAX_REGISTER_BYTES = 500 * 2 ** 20;
/** How long a connection attempt may take before the command gives up. */
export const CONNECT_TIMEOUT_MS = 5000;
const WEEK_SECONDS = 7 * 24 * 3600;
const REFUSAL_PREFIX = "fundsim:";

/** The scenario as it travels: the file's text and the overlays, so a worker loads exactly what the coordinator loaded. */
export interface QueuedScenario {
  /** The file as named to the user (messages, manifest). */
  readonly file: string;
  readonly text: string;
  /** A variant id of the scenario (a variant file's id when `extraVariant` is given). */
  readonly variant: string | null;
  /** A variant file's contents (fundsim calibrate's, an allocation workbook's), as data. */
  readonly extraVariant: unknown;
  readonly sets: readonly string[];
}

/** One simulation's job data (the merge's; a shard's adds `index`). */
export interface SimulationJob {
  readonly format: typeof JOB_FORMAT;
  readonly version: typeof JOB_VERSION;
  readonly fundsim: string;
  readonly scenario: QueuedScenario & { readonly id: string; readonly hash: string };
  /** The register by its sha256 (bytes in Redis), or none. */
  readonly register: { readonly file: string; readonly sha256: string; readonly bytes: number } | null;
  readonly seed: number;
  readonly runs: number;
  readonly fixedPopulation: boolean;
  /** Shards the runs are split into. */
  readonly of: number;
}
export interface ShardJobData extends SimulationJob {
  readonly index: number;
}

/**
 * Read a scenario file (and a variant file) into what travels with a job, and load it the
 * way a worker will. `label` names the file in messages (default: `file`).
 */
export async function queuedScenario(
  file: string,
  o: { readonly variant?: string | undefined; readonly sets?: readonly string[] | undefined; readonly label?: string } = {},
): Promise<Result<{ loaded: LoadedScenario; source: QueuedScenario }, Issue[]>> {
  let extraVariant: unknown = null;
  let variant = o.variant ?? null;
  if (o.variant !== undefined && isVariantFile(o.variant)) {
    const v = await loadVariantFile(o.variant);
    if (!v.ok) return v;
    extraVariant = v.value;
    variant = v.value.id;
  }
  const text = await readDocumentText(file);
  if (!text.ok) return text;
  const source: QueuedScenario = { file: o.label ?? file, text: text.value, variant, extraVariant, sets: [...(o.sets ?? [])] };
  const loaded = loadQueuedScenario(source);
  return loaded.ok ? ok({ loaded: loaded.value, source }) : loaded;
}

/** Load a scenario as it travels with a job. */
export function loadQueuedScenario(s: QueuedScenario): Result<LoadedScenario, Issue[]> {
  return parseScenarioText(s.text, {
    file: s.file,
    ...(s.variant !== null ? { variant: s.variant } : {}),
    sets: s.sets,
    ...(s.extraVariant !== null && s.extraVariant !== undefined ? { extraVariant: s.extraVariant as never } : {}),
  });
}

/** The job data of a simulation of `loaded` (loaded from `source`). */
export function simulationJob(
  loaded: LoadedScenario,
  source: QueuedScenario,
  o: { readonly runs?: number; readonly seed?: number; readonly fixedPopulation?: boolean; readonly shards?: number; readonly register?: SimulationJob["register"] },
): SimulationJob {
  const runs = o.runs ?? loaded.scenario.simulation.runs;
  return {
    format: JOB_FORMAT,
    version: JOB_VERSION,
    fundsim: fundsimVersion(),
    scenario: { ...source, id: loaded.scenario.meta.id, hash: loaded.hash },
    register: o.register ?? null,
    seed: o.seed ?? loaded.scenario.simulation.seed,
    runs,
    fixedPopulation: o.fixedPopulation === true,
    of: Math.max(1, Math.min(runs, o.shards ?? defaultShards(runs))),
  };
}

/** Shards when not given: at least 8 (a few per worker), about 100 runs each for large simulations. */
export const defaultShards = (runs: number): number => Math.min(runs, Math.max(8, Math.ceil(runs / 100)));

/** What a shard or the merge is, for messages. */
export function jobWhat(data: SimulationJob, index: number | undefined): JobWhat {
  if (index === undefined) return { kind: "merge" };
  const { first, end } = shardRange(index, data.of, data.runs);
  return { kind: "shard", index, of: data.of, first, end };
}

// ── Connection ────────────────────────────────────────────────────────────────────

export interface QueueConnection {
  /** redis://[:PASSWORD@]HOST:PORT[/DB] or rediss://… */
  readonly url: string;
  /** The queue's name (default `fundsim`): coordinators and workers of one pool use the same. */
  readonly queue?: string;
  /** Give up connecting after this long (default 5 s). */
  readonly connectTimeoutMs?: number;
}

/** Check a Redis URL's form. */
export function checkRedisUrl(url: string): Result<URL, QueueProblem> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return err({ code: "badUrl", url });
  }
  if ((u.protocol !== "redis:" && u.protocol !== "rediss:") || u.hostname === "" || (u.port !== "" && !/^\d+$/.test(u.port))) return err({ code: "badUrl", url });
  if (u.pathname !== "" && u.pathname !== "/" && !/^\/\d+$/.test(u.pathname)) return err({ code: "badUrl", url });
  return ok(u);
}

/**
 * Connect to Redis once, within the timeout: a client for the queue's own keys (registers),
 * which reconnects by itself after it has once connected. Errors: bad URL, unreachable,
 * refused (password).
 */
export async function connectRedis(c: QueueConnection): Promise<Result<Redis, QueueProblem>> {
  const u = checkRedisUrl(c.url);
  if (!u.ok) return u;
  const timeout = c.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  let ready = false;
  let lastError: Error | undefined;
  const redis = new Redis(c.url, {
    lazyConnect: true,
    connectTimeout: timeout,
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => (ready ? Math.min(times * 500, 5000) : null),
  });
  redis.on("error", (e: Error) => {
    lastError = e;
  });
  const timer = new Promise<"timeout">((res) => setTimeout(() => res("timeout"), timeout + 500).unref());
  try {
    const r = await Promise.race([redis.connect().then(() => redis.ping()), timer]);
    if (r === "timeout") throw Object.assign(new Error("timeout"), { code: "ETIMEDOUT" });
    ready = true;
    return ok(redis);
  } catch (e) {
    redis.disconnect();
    const x = (e instanceof Error ? e : lastError) as (Error & { code?: unknown }) | undefined;
    const last = (lastError as (Error & { code?: unknown }) | undefined)?.code;
    const code = typeof x?.code === "string" ? x.code : typeof last === "string" ? last : undefined;
    const message = x?.message ?? String(e);
    if (lastError && /RESP|protocol/i.test(lastError.message)) return err({ code: "notRedis", url: c.url });
    if (code?.startsWith("E") || /connect|closed|timeout/i.test(message)) {
      return err({ code: "unreachable", url: c.url, detail: code ?? message, seconds: timeout / 1000 });
    }
    return err({ code: "redisRefused", url: c.url, detail: message.split("\n")[0] ?? message });
  }
}

/** BullMQ's connection options for a checked URL. */
const bullConnection = (c: QueueConnection): ConnectionOptions => ({ url: c.url, connectTimeout: c.connectTimeoutMs ?? CONNECT_TIMEOUT_MS });
const registerKey = (queue: string, sha256: string): string => `bull:${queue}:register:${sha256}`;

/** Store a register's bytes in Redis under their sha256 (7 days), for the workers. */
export async function storeRegister(redis: Redis, queue: string, file: string, bytes: Uint8Array, expectedSha256?: string): Promise<Result<NonNullable<SimulationJob["register"]>, QueueProblem>> {
  if (bytes.byteLength > MAX_REGISTER_BYTES) return err({ code: "registerTooLarge", file, bytes: bytes.byteLength, max: MAX_REGISTER_BYTES });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (expectedSha256 !== undefined && expectedSha256 !== sha256) return err({ code: "registerChanged", file });
  await redis.set(registerKey(queue, sha256), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "EX", WEEK_SECONDS);
  return ok({ file, sha256, bytes: bytes.byteLength });
}

// ── Refusals travel as the failed reason ─────────────────────────────────────────

export const encodeRefusal = (r: JobRefusal): string => `${REFUSAL_PREFIX}${JSON.stringify(r)}`;
export function decodeRefusal(reason: string | undefined): JobRefusal | undefined {
  if (!reason?.startsWith(REFUSAL_PREFIX)) return undefined;
  try {
    const r = JSON.parse(reason.slice(REFUSAL_PREFIX.length)) as { code?: unknown };
    return typeof r.code === "string" ? (r as JobRefusal) : undefined;
  } catch {
    return undefined;
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);
const isCount = (x: unknown, min: number): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= min;

/**
 * Check a job's data as a worker receives it: its form, the fundsim version, and the
 * scenario's hash recomputed from the text. The refusal when it may not be run.
 */
export function checkJob(data: unknown, index?: unknown): Result<{ job: SimulationJob; loaded: LoadedScenario; index: number | undefined }, JobRefusal> {
  if (!isObj(data) || data["format"] !== JOB_FORMAT) return err({ code: "notJob", detail: `no "format": "${JOB_FORMAT}"` });
  if (data["version"] !== JOB_VERSION) return err({ code: "notJob", detail: `job format ${String(data["version"])}, this worker reads ${JOB_VERSION}` });
  if (data["fundsim"] !== fundsimVersion()) return err({ code: "version", job: String(data["fundsim"]), worker: fundsimVersion() });
  const sc = data["scenario"];
  const reg = data["register"];
  if (
    !isObj(sc) ||
    typeof sc["file"] !== "string" ||
    typeof sc["text"] !== "string" ||
    typeof sc["hash"] !== "string" ||
    !(sc["variant"] === null || typeof sc["variant"] === "string") ||
    !Array.isArray(sc["sets"]) ||
    !sc["sets"].every((x) => typeof x === "string") ||
    !(reg === null || (isObj(reg) && typeof reg["file"] === "string" && typeof reg["sha256"] === "string")) ||
    !isCount(data["seed"], 0) ||
    !isCount(data["runs"], 1) ||
    !isCount(data["of"], 1) ||
    (data["of"] as number) > (data["runs"] as number) ||
    typeof data["fixedPopulation"] !== "boolean" ||
    !(index === undefined || (isCount(index, 0) && index < (data["of"] as number)))
  ) {
    return err({ code: "notJob", detail: "fields missing or of the wrong type" });
  }
  const job = data as unknown as SimulationJob;
  const loaded = loadQueuedScenario(job.scenario);
  if (!loaded.ok) return err({ code: "scenario", issues: loaded.error.slice(0, 5) });
  if (loaded.value.hash !== job.scenario.hash) return err({ code: "hash", expected: job.scenario.hash, found: loaded.value.hash });
  return ok({ job, loaded: loaded.value, index: index as number | undefined });
}

/** What every shard of this job must say about itself. */
export function identityOf(job: SimulationJob, loaded: LoadedScenario): ShardIdentity {
  return { ...expectationOf(loaded, { runs: job.runs, seed: job.seed, fixedPopulation: job.fixedPopulation }), register: job.register?.sha256 ?? null, populationRedrawn: job.register === null && !job.fixedPopulation };
}

// ── Coordinator ──────────────────────────────────────────────────────────────────

export interface RunOnQueueOptions extends QueueConnection {
  /** Tries per job (default 3); a retry waits `backoffMs` · 2^(try − 1) (default 1 s). */
  readonly attempts?: number;
  readonly backoffMs?: number;
  /** The register's bytes when the job has one (stored in Redis once, under their sha256). */
  readonly registerBytes?: Uint8Array;
  /** Shards done of shards (parent's processed children). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once the flow is in the queue. */
  readonly onSubmitted?: (id: string) => void;
  /** Abort: the flow's waiting jobs are removed and the result is `cancelled`. */
  readonly signal?: AbortSignal;
  /** How often to look at the flow (default 250 ms). */
  readonly pollMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((res) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      res();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/**
 * Put a simulation on the queue as a flow (children: the shards; parent: the merge), wait
 * for the merge and return the runs of the whole simulation. With `job.register`, give its
 * bytes in `registerBytes`.
 */
export async function runOnQueue(job: SimulationJob, o: RunOnQueueOptions): Promise<Result<RunResults, QueueProblem>> {
  const redis = await connectRedis(o);
  if (!redis.ok) return redis;
  const queueName = o.queue ?? QUEUE_NAME;
  const connection = bullConnection(o);
  const quiet = (): void => undefined;
  const queue = new Queue(queueName, { connection });
  const flow = new FlowProducer({ connection });
  queue.on("error", quiet);
  flow.on("error", quiet);
  try {
    if (job.register) {
      const bytes = o.registerBytes;
      if (!bytes) return err({ code: "registerChanged", file: job.register.file });
      const stored = await storeRegister(redis.value, queueName, job.register.file, bytes, job.register.sha256);
      if (!stored.ok) return stored;
    }
    const id = `fundsim-${randomUUID()}`;
    const childId = (i: number): string => `${id}-shard-${i}`;
    const attempts = Math.max(1, o.attempts ?? 3);
    const backoff = { type: "exponential", delay: o.backoffMs ?? 1000 };
    const keepFailed = { age: WEEK_SECONDS };
    if (o.signal?.aborted) return err({ code: "cancelled", removed: 0, running: 0 });
    try {
      await flow.add({
        name: "merge",
        queueName,
        data: job,
        opts: { jobId: id, attempts, backoff, removeOnFail: keepFailed },
        children: Array.from({ length: job.of }, (_, i) => ({
          name: "shard",
          queueName,
          data: { ...job, index: i } satisfies ShardJobData,
          opts: { jobId: childId(i), attempts, backoff, failParentOnFailure: true, removeOnComplete: true, removeOnFail: keepFailed },
        })),
      });
    } catch (e) {
      // Redis answered the ping but not BullMQ's commands (too old a Redis, a read-only replica, no permission).
      return err({ code: "redisFailed", url: o.url, detail: e instanceof Error ? (e.message.split("\n")[0] ?? e.message) : String(e) });
    }
    o.onSubmitted?.(id);
    let failingSince: number | undefined;
    for (;;) {
      if (o.signal?.aborted) return err(await cancelFlow(queue, id, job.of, childId));
      try {
        const parent = await Job.fromId(queue, id);
        if (!parent) return err({ code: "vanished", id });
        const state = await parent.getState();
        if (state === "completed") {
          o.onProgress?.(job.of, job.of);
          // Read the job again: it may have completed after it was read above (its return value then missing).
          const done = await Job.fromId(queue, id);
          const merged = fromMergeJob(done?.returnvalue, job, id);
          await parent.remove().catch(quiet);
          return merged;
        }
        if (state === "failed") {
          const problem = await diagnose(queue, parent, job, childId);
          await cancelFlow(queue, id, job.of, childId);
          return err(problem);
        }
        const counts = await parent.getDependenciesCount({ processed: true });
        o.onProgress?.(counts.processed ?? 0, job.of);
        failingSince = undefined;
      } catch (e) {
        // Redis went away for a moment: keep waiting (the workers and the flow live in Redis), up to a minute.
        failingSince ??= Date.now();
        if (Date.now() - failingSince > 60_000) return err({ code: "unreachable", url: o.url, detail: e instanceof Error ? e.message : String(e), seconds: 60 });
      }
      await sleep(o.pollMs ?? 250, o.signal);
    }
  } finally {
    await Promise.allSettled([queue.close(), flow.close()]);
    redis.value.disconnect();
  }
}

/** The merge job's value: the whole simulation as one shard, checked against the job. */
function fromMergeJob(value: unknown, job: SimulationJob, id: string): Result<RunResults, QueueProblem> {
  if (typeof value !== "string") return err({ code: "badResult", problems: [{ code: "notShard", file: id }] });
  const s = parseShard(value, id);
  if (!s.ok) return err({ code: "badResult", problems: [s.error] });
  const expected: ShardIdentity = { fundsim: job.fundsim, scenario: { id: job.scenario.id, hash: job.scenario.hash }, register: job.register?.sha256 ?? null, seed: job.seed, runs: job.runs, populationRedrawn: job.register === null && !job.fixedPopulation };
  const m = mergeShards([{ file: id, shard: s.value }], expected);
  return m.ok ? m : err({ code: "badResult", problems: m.error });
}

/** Which job failed, why and where: the first failed shard, else the merge. */
async function diagnose(queue: Queue, parent: Job, job: SimulationJob, childId: (i: number) => string): Promise<QueueProblem> {
  const problemOf = (j: Job, what: JobWhat): QueueProblem => {
    const refusal = decodeRefusal(j.failedReason);
    const worker = j.processedBy ?? "";
    return refusal ? { code: "refused", what, refusal, worker } : { code: "failed", what, error: j.failedReason || "?", worker, attempts: j.attemptsMade };
  };
  for (let i = 0; i < job.of; i++) {
    const c = await Job.fromId(queue, childId(i));
    if (c && (await c.getState()) === "failed") return problemOf(c, jobWhat(job, i));
  }
  return problemOf(parent, { kind: "merge" });
}

/** Remove a flow's waiting jobs (running ones cannot be taken from their workers; their results are dropped). */
async function cancelFlow(queue: Queue, id: string, of: number, childId: (i: number) => string): Promise<QueueProblem> {
  let removed = 0;
  let running = 0;
  const parent = await Job.fromId(queue, id).catch(() => undefined);
  if (parent) {
    const state = await parent.getState().catch(() => "unknown");
    if (state !== "failed" && (await parent.remove({ removeChildren: false }).then(() => true, () => false))) removed++;
  }
  for (let i = 0; i < of; i++) {
    const c = await Job.fromId(queue, childId(i)).catch(() => undefined);
    if (!c) continue;
    const state = await c.getState().catch(() => "unknown");
    if (state === "active") running++;
    else if (state === "waiting" || state === "delayed" || state === "prioritized" || state === "waiting-children") {
      if (await c.remove().then(() => true, () => false)) removed++;
      else running++;
    }
  }
  return { code: "cancelled", removed, running };
}

// ── Worker ───────────────────────────────────────────────────────────────────────

export interface QueueWorkerOptions extends QueueConnection {
  /** Shown in failures and logs (default host:pid). */
  readonly name?: string;
  /** Jobs at a time (default 1). */
  readonly concurrency?: number;
  /** Engine threads per job (default: the machine's cores ÷ concurrency). */
  readonly threads?: number;
  /** A job's lock lasts this long and is renewed at half of it (default 30 s); a killed worker's job is re-queued within about lockDuration + stalledInterval. */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  readonly onEvent?: (e: WorkerEvent) => void;
}

export interface QueueWorker {
  readonly name: string;
  /** Stop taking jobs; wait for the running ones unless `force` (they then go back to the queue). */
  close(force?: boolean): Promise<void>;
}

/**
 * Start a worker: it computes shards (with its engine threads) and merges, until closed.
 * Errors: the connection cannot be made.
 */
export async function startQueueWorker(o: QueueWorkerOptions): Promise<Result<QueueWorker, QueueProblem>> {
  const redis = await connectRedis(o);
  if (!redis.ok) return redis;
  const client = redis.value;
  const queueName = o.queue ?? QUEUE_NAME;
  const name = o.name ?? `${hostname()}:${process.pid}`;
  const concurrency = Math.max(1, o.concurrency ?? 1);
  const threads = Math.max(1, o.threads ?? Math.floor(availableParallelism() / concurrency));
  const emit = o.onEvent ?? ((): void => undefined);
  let registerCache: { key: string; households: Households } | undefined;

  async function registerOf(job: SimulationJob, loaded: LoadedScenario): Promise<Result<Households | undefined, JobRefusal>> {
    const reg = job.register;
    if (reg === null) return ok(undefined);
    const key = `${reg.sha256}|${job.scenario.hash}`;
    if (registerCache?.key === key) return ok(registerCache.households);
    const bytes = await client.getBuffer(registerKey(queueName, reg.sha256));
    if (!bytes || createHash("sha256").update(bytes).digest("hex") !== reg.sha256) return err({ code: "registerMissing", file: reg.file, sha256: reg.sha256 });
    const cohorts = loaded.scenario.population.cohorts.map((c) => ({ id: c.id, segment: c.segment, registered: c.registered }));
    const r = await parseRegister([bytes], { cohorts, label: reg.file });
    if (!r.ok) return err({ code: "register", file: reg.file, issues: r.error.slice(0, 5) });
    const households = { ...r.value, sourceSha256: reg.sha256 };
    registerCache = { key, households };
    return ok(households);
  }

  async function handle(j: Job): Promise<string> {
    const started = performance.now();
    const data = j.data as Partial<ShardJobData> | undefined;
    const index = j.name === "shard" ? data?.index : undefined;
    const scenarioId = isObj(data?.scenario) && typeof data.scenario.id === "string" ? data.scenario.id : "?";
    const whatOf = (): JobWhat => (isCount(data?.of, 1) && isCount(data?.runs, 1) && isCount(index, 0) ? jobWhat(data as SimulationJob, index) : { kind: "merge" });
    const refuse = (refusal: JobRefusal): never => {
      emit({ kind: "refused", scenario: scenarioId, what: whatOf(), refusal });
      throw new UnrecoverableError(encodeRefusal(refusal));
    };
    if (j.name !== "shard" && j.name !== "merge") refuse({ code: "notJob", detail: `job name ${j.name}` });
    const checked = checkJob(data, j.name === "shard" ? (index ?? -1) : undefined);
    if (!checked.ok) return refuse(checked.error);
    const { job, loaded } = checked.value;
    const register = await registerOf(job, loaded);
    if (!register.ok) return refuse(register.error);
    let text: string;
    if (j.name === "shard") {
      const r = await simulateShard(loaded, {
        index: index as number,
        of: job.of,
        runs: job.runs,
        seed: job.seed,
        threads,
        ...(job.fixedPopulation ? { fixedPopulation: true } : {}),
        ...(register.value ? { register: { file: job.register?.file ?? "", households: register.value } } : {}),
      });
      if (!r.ok) return refuse({ code: "population", issues: r.error.slice(0, 5) });
      text = shardJson(r.value);
    } else {
      const values = await j.getChildrenValues<unknown>();
      const shards = [];
      const problems = [];
      for (const [key, value] of Object.entries(values)) {
        const s = typeof value === "string" ? parseShard(value, key) : err({ code: "notShard" as const, file: key });
        if (s.ok) shards.push({ file: key, shard: s.value });
        else problems.push(s.error);
      }
      if (problems.length > 0) return refuse({ code: "merge", problems: problems.slice(0, 5) });
      const identity = identityOf(job, loaded);
      const merged = mergeShards(shards, identity);
      if (!merged.ok) return refuse({ code: "merge", problems: merged.error.slice(0, 5) });
      text = shardJson({ format: SHARD_FORMAT, version: SHARD_VERSION, ...identity, firstRun: 0, results: merged.value });
    }
    emit({ kind: "done", scenario: scenarioId, what: whatOf(), seconds: (performance.now() - started) / 1000, attempt: j.attemptsMade + 1 });
    return text;
  }

  const worker = new Worker(queueName, handle, {
    connection: bullConnection(o),
    name,
    concurrency,
    lockDuration: o.lockDurationMs ?? 30_000,
    stalledInterval: o.stalledIntervalMs ?? 30_000,
    maxStalledCount: 2,
    autorun: true,
  });
  let lastConnectionError = "";
  worker.on("error", (e: Error) => {
    const detail = (e as { code?: string }).code ?? e.message;
    if (detail !== lastConnectionError) emit({ kind: "connection", detail });
    lastConnectionError = detail;
  });
  worker.on("failed", (j, e) => {
    if (!j || e instanceof UnrecoverableError || decodeRefusal(e.message)) return;
    const data = j.data as Partial<ShardJobData>;
    const index = j.name === "shard" ? data.index : undefined;
    const what = isCount(data.of, 1) && isCount(data.runs, 1) && isCount(index, 0) ? jobWhat(data as SimulationJob, index) : ({ kind: "merge" } as const);
    emit({ kind: "error", scenario: typeof data.scenario?.id === "string" ? data.scenario.id : "?", what, error: e.message, attempt: j.attemptsMade, attempts: j.opts.attempts ?? 1 });
  });
  await worker.waitUntilReady();
  emit({ kind: "listening", name, url: o.url, queue: queueName, concurrency, threads });
  let closing: Promise<void> | undefined;
  return ok({
    name,
    close: (force = false) => {
      emit({ kind: "stopping", force });
      if (force) return worker.close(true).finally(() => client.disconnect());
      closing ??= worker.close().finally(() => {
        client.disconnect();
        emit({ kind: "stopped" });
      });
      return closing;
    },
  });
}
