/**
 * The job queue from the command line:
 *
 * `fundsim simulate <scenario> --queue redis://HOST:PORT [--shards K] [--attempts A] … --out DIR`
 * puts the simulation on the queue as one flow (the shards, then their merge), shows the
 * shards done, and writes what a local `simulate --out` writes. Ctrl-C removes the flow's
 * waiting jobs and stops.
 *
 * `fundsim worker --queue redis://HOST:PORT [--threads T] [--concurrency C] [--name N]`
 * takes jobs until Ctrl-C or SIGTERM (after the running jobs; a second signal stops at once).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CommandFactory } from "../command.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../context.js";
import { isLang, say, type Lang } from "../../messages/lang.js";
import * as R from "../../messages/results.js";
import * as Q from "../../messages/queue.js";
import { cliHelp } from "../../messages/cli.js";
import { renderIssues } from "../../messages/scenario.js";
import { outputProblem } from "../../messages/io.js";
import type { OutputGuard } from "../../io/outputs.js";
import { intOption, progressBar, registerArg, type RunArgs } from "./simulate.js";
import { writeComputed } from "./shard.js";
import { scenarioArgsOf } from "../load.js";

/** The --queue options of `simulate`. */
export const queueOptions = (lang: Lang) =>
  ({
    queue: { type: "string", describe: cliHelp(lang).queue },
    shards: { type: "string", describe: cliHelp(lang).queueShards },
    attempts: { type: "string", describe: cliHelp(lang).queueAttempts },
  }) as const;

function reportProblem(ctx: CliContext, lang: Lang, p: Q.QueueProblem): void {
  ctx.stderr.write(`${say(lang, Q.queueProblem(p))}\n`);
  ctx.exitCode = p.code === "cancelled" ? EXIT.interrupted : EXIT.invalid;
}

/** `simulate --queue`: the rest of the simulate command once its options are read and --out is allowed. */
export async function simulateQueued(ctx: CliContext, lang: Lang, argv: Record<string, unknown>, run: RunArgs, out: string, guard: OutputGuard): Promise<void> {
  for (const option of ["precision", "decompose", "threads"] as const) {
    if (argv[option] !== undefined && argv[option] !== false) {
      ctx.stderr.write(`${say(lang, Q.queueOnlyPlain(option))}\n`);
      ctx.exitCode = EXIT.usage;
      return;
    }
  }
  const shards = intOption(ctx, lang, "shards", argv["shards"], 1, 1_000_000, R.positiveInteger());
  const attempts = intOption(ctx, lang, "attempts", argv["attempts"], 1, 100, R.positiveInteger());
  if (shards === null || attempts === null) return;
  const url = String(argv["queue"]);
  const [{ queuedScenario, simulationJob, runOnQueue, checkRedisUrl }, { isVariantFile }] = await Promise.all([import("../../pipeline/queue.js"), import("../../pipeline/load.js")]);
  const badUrl = checkRedisUrl(url);
  if (!badUrl.ok) return reportProblem(ctx, lang, badUrl.error);
  const args = scenarioArgsOf(argv);
  // A variant file is read relative to the working directory, as loadForCli does.
  const variant = args.variant !== undefined && isVariantFile(args.variant) ? resolve(ctx.cwd, args.variant) : args.variant;
  const q = await queuedScenario(resolve(ctx.cwd, args.scenario), { variant, sets: args.set ?? [], label: args.scenario });
  if (!q.ok) {
    ctx.stderr.write(`${renderIssues(lang, q.error, args.allIssues === true ? Infinity : undefined)}\n`);
    ctx.exitCode = EXIT.invalid;
    return;
  }
  const { loaded, source } = q.value;
  const runs = run.runs ?? loaded.scenario.simulation.runs;
  if (shards !== undefined && shards > runs) {
    ctx.stderr.write(`${say(lang, Q.tooManyShards(shards, runs))}\n`);
    ctx.exitCode = EXIT.usage;
    return;
  }
  const reg = await registerArg(ctx, lang, argv, loaded);
  if (!reg) return;
  const register = reg.register;
  let registerBytes: Uint8Array | undefined;
  if (register) {
    try {
      registerBytes = await readFile(resolve(ctx.cwd, register.file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      ctx.stderr.write(`${say(lang, outputProblem({ code: "io", op: "read", path: register.file, errno: typeof code === "string" ? code : String(e) }))}\n`);
      ctx.exitCode = EXIT.invalid;
      return;
    }
  }
  const job = simulationJob(loaded, source, {
    runs,
    ...(run.seed !== undefined ? { seed: run.seed } : {}),
    ...(run.fixedPopulation ? { fixedPopulation: true } : {}),
    ...(shards !== undefined ? { shards } : {}),
    ...(register && registerBytes ? { register: { file: register.file, sha256: register.households.sourceSha256 ?? "", bytes: registerBytes.byteLength } } : {}),
  });
  const abort = new AbortController();
  const release = ctx.onSignal?.(() => {
    if (abort.signal.aborted) return;
    ctx.stderr.write(`\n${say(lang, Q.cancelling())}\n`);
    abort.abort();
  });
  const label = say(lang, Q.queueLabel());
  const bar = progressBar(ctx, label, lang, Q.queueProgressFormat(label));
  const r = await runOnQueue(job, {
    url,
    ...(attempts !== undefined ? { attempts } : {}),
    ...(registerBytes ? { registerBytes } : {}),
    onSubmitted: () => {
      if (!abort.signal.aborted) ctx.stderr.write(`${say(lang, Q.submitted(job.of, job.runs, url))}\n`);
    },
    onProgress: bar.update,
    signal: abort.signal,
  }).finally(() => {
    bar.stop();
    release?.();
  });
  if (!r.ok) return reportProblem(ctx, lang, r.error);
  await writeComputed(ctx, lang, loaded, { runs: job.runs, seed: job.seed, ...(run.fixedPopulation ? { fixedPopulation: true } : {}), ...(register ? { register } : {}) }, r.value, out, guard);
}

export const workerCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "worker",
    cliHelp(helpLang).worker,
    (a) =>
      a
        .option("queue", { type: "string", demandOption: true, describe: cliHelp(helpLang).workerQueue })
        .option("threads", { type: "string", describe: cliHelp(helpLang).workerThreads })
        .option("concurrency", { type: "string", describe: cliHelp(helpLang).workerConcurrency })
        .option("name", { type: "string", describe: cliHelp(helpLang).workerName })
        .option("lock-duration", { type: "string", describe: cliHelp(helpLang).workerLockDuration })
        .option("stalled-interval", { type: "string", describe: cliHelp(helpLang).workerStalledInterval }),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const threads = intOption(ctx, lang, "threads", argv["threads"], 1, 1024, R.positiveInteger());
      const concurrency = intOption(ctx, lang, "concurrency", argv["concurrency"], 1, 1024, R.positiveInteger());
      const lockDuration = intOption(ctx, lang, "lock-duration", argv["lock-duration"], 500, 86_400_000, R.positiveInteger());
      const stalledInterval = intOption(ctx, lang, "stalled-interval", argv["stalled-interval"], 100, 86_400_000, R.positiveInteger());
      if (threads === null || concurrency === null || lockDuration === null || stalledInterval === null) return;
      const { startQueueWorker } = await import("../../pipeline/queue.js");
      const log = (e: Q.WorkerEvent): void => {
        const line = `${say(lang, Q.workerEvent(e))}\n`;
        if (e.kind === "refused" || e.kind === "error" || e.kind === "connection") ctx.stderr.write(line);
        else ctx.stdout.write(line);
      };
      const w = await startQueueWorker({
        url: String(argv["queue"]),
        ...(threads !== undefined ? { threads } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(typeof argv["name"] === "string" && argv["name"].trim() !== "" ? { name: argv["name"].trim() } : {}),
        ...(lockDuration !== undefined ? { lockDurationMs: lockDuration } : {}),
        ...(stalledInterval !== undefined ? { stalledIntervalMs: stalledInterval } : {}),
        onEvent: log,
      });
      if (!w.ok) return reportProblem(ctx, lang, w.error);
      // Runs until a signal: the first stops after the running jobs, a second at once.
      await new Promise<void>((done) => {
        let signals = 0;
        const release = ctx.onSignal?.(() => {
          signals++;
          void w.value.close(signals > 1).finally(() => {
            release?.();
            done();
          });
        });
      });
      ctx.exitCode = EXIT.ok;
    },
  );
