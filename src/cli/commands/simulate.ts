/**
 * `fundsim simulate <scenario> [--variant NAME] [--set path=value …] [--runs N] [--seed S]
 * [--threads T] [--precision X [--precision-metric exitRate|exitedPeople|pTarget|poolLoss99] [--max-runs M]] [--register FILE.csv] --out DIR`
 *
 * Loads and validates the scenario, builds the ledger and the population (or reads the
 * register), runs the Monte-Carlo engine, writes DIR/runs.csv, DIR/summary.json and
 * DIR/manifest.json atomically, and prints a short summary with uncertainty.
 */
import { resolve } from "node:path";
import cliProgress from "cli-progress";
import type { CommandFactory } from "../command.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang, say, type Lang, type Localized } from "../../messages/lang.js";
import * as R from "../../messages/results.js";
import { cliHelp, decomposingLabel, progressFormat, simulatingLabel } from "../../messages/cli.js";
import { populationIssue, registerIssue, registerRejected } from "../../messages/population.js";
import type { Households } from "../../model/households.js";
import type { PopulationIssue } from "../../population/cohorts.js";
import type { PipelineOptions } from "../../pipeline/simulate.js";
import { PRECISION_METRICS, isPrecisionMetric } from "../../pipeline/simulate.js";
import { forceOption, outputAllowed, outputGuard, writeOrReport } from "../output.js";
import type { LoadedScenario } from "../../scenario/types.js";
import { queueOptions } from "./queue.js";

/** Options shared by `simulate` and `compare`, described in `lang`. */
export const runOptions = (lang: Lang) =>
  ({
    runs: { type: "string", describe: cliHelp(lang).runs },
    seed: { type: "string", describe: cliHelp(lang).seed },
    threads: { type: "string", describe: cliHelp(lang).threads },
    register: { type: "string", describe: cliHelp(lang).register },
  }) as const;

/** --fixed-population: every run on the seed's one synthetic population (simulate, compare, report). */
export const fixedPopulationOption = (lang: Lang) => ({ "fixed-population": { type: "boolean", describe: cliHelp(lang).fixedPopulation } }) as const;

export interface RunArgs {
  readonly runs?: number;
  readonly seed?: number;
  readonly threads?: number;
  readonly fixedPopulation?: boolean;
}

/** Parse an optional whole-number option; writes a message and returns null when invalid. */
export function intOption(ctx: CliContext, lang: Lang, name: string, raw: unknown, min: number, max: number, expected: Localized): number | undefined | null {
  if (raw === undefined) return undefined;
  const text = String(Array.isArray(raw) ? raw[raw.length - 1] : raw).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    ctx.stderr.write(`${say(lang, R.badNumberOption(name, text, expected))}\n`);
    ctx.exitCode = EXIT.usage;
    return null;
  }
  return n;
}

/** Parse --runs, --seed, --threads; null when one is invalid (message written, exit code set). */
export function parseRunArgs(ctx: CliContext, lang: Lang, argv: Record<string, unknown>): RunArgs | null {
  const runs = intOption(ctx, lang, "runs", argv["runs"], 1, 10_000_000, R.positiveInteger());
  if (runs === null) return null;
  const seed = intOption(ctx, lang, "seed", argv["seed"], 0, 4_294_967_295, R.seedNumber());
  if (seed === null) return null;
  const threads = intOption(ctx, lang, "threads", argv["threads"], 1, 1024, R.positiveInteger());
  if (threads === null) return null;
  return {
    ...(runs !== undefined ? { runs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(argv["fixed-population"] === true ? { fixedPopulation: true } : {}),
  };
}

/** Read a register for the CLI, printing its issues; undefined when rejected. */
export async function registerForCli(
  ctx: CliContext,
  lang: Lang,
  file: string,
  loaded: LoadedScenario,
): Promise<{ file: string; households: Households } | undefined> {
  const cohorts = loaded.scenario.population.cohorts.map((c) => ({ id: c.id, segment: c.segment, registered: c.registered }));
  const { loadRegister, problemCount } = await import("../../pipeline/register.js");
  const r = await loadRegister(resolve(ctx.cwd, file), { cohorts, label: file });
  if (r.ok) return { file, households: r.value };
  const total = problemCount(r.error);
  ctx.stderr.write(`${say(lang, registerRejected(file, total))}\n${r.error.map((i) => `  ${say(lang, registerIssue(i))}`).join("\n")}\n`);
  ctx.exitCode = EXIT.invalid;
  return undefined;
}

/** Print population issues. */
export function reportPopulationIssues(ctx: CliContext, lang: Lang, issues: readonly PopulationIssue[]): void {
  ctx.stderr.write(`${say(lang, R.populationFailed())}\n${issues.map((i) => `  ${say(lang, populationIssue(i))}`).join("\n")}\n`);
  ctx.exitCode = EXIT.invalid;
}

/**
 * --register FILE when given: `{ register }`, `{}` without it, or null after a problem (written, exit code set).
 * Spread the result into the pipeline's options.
 */
export async function registerArg(ctx: CliContext, lang: Lang, argv: Record<string, unknown>, loaded: LoadedScenario): Promise<{ register?: NonNullable<PipelineOptions["register"]> } | null> {
  if (argv["register"] === undefined) return {};
  const register = await registerForCli(ctx, lang, String(argv["register"]), loaded);
  return register ? { register } : null;
}

/** --runs, --seed and --threads as pipeline options (the ones given). */
export function runSeedThreads(run: RunArgs): { runs?: number; seed?: number; threads?: number } {
  return {
    ...(run.runs !== undefined ? { runs: run.runs } : {}),
    ...(run.seed !== undefined ? { seed: run.seed } : {}),
    ...(run.threads !== undefined ? { threads: run.threads } : {}),
  };
}

/** A progress bar on stderr when it is a terminal; nothing otherwise. */
export function progressBar(ctx: CliContext, label: string, lang: Lang = "en", format: Localized = progressFormat(label)): { update: (done: number, total: number) => void; stop: () => void } {
  if (!ctx.isTTY) return { update: () => undefined, stop: () => undefined };
  const stream = {
    isTTY: true,
    columns: 100,
    write: (t: string): boolean => {
      ctx.stderr.write(t);
      return true;
    },
  };
  const bar = new cliProgress.SingleBar(
    { format: say(lang, format), stream: stream as unknown as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const t0 = performance.now();
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0, { speed: "—" });
        started = true;
      }
      bar.setTotal(total);
      const s = (performance.now() - t0) / 1000;
      bar.update(done, { speed: s > 0 ? (done / s).toFixed(1) : "—" });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/**
 * --precision X [--precision-metric M] [--max-runs N]: undefined without --precision, null
 * after a usage error (written to stderr, exit code set).
 */
export function parsePrecision(ctx: CliContext, lang: Lang, argv: Record<string, unknown>): PipelineOptions["precision"] | null {
  if (argv["precision"] === undefined) return undefined;
  const metricText = argv["precision-metric"] === undefined ? "exitRate" : String(argv["precision-metric"]).trim();
  if (!isPrecisionMetric(metricText)) {
    ctx.stderr.write(`${say(lang, R.badNumberOption("precision-metric", metricText, R.oneOf(PRECISION_METRICS)))}\n`);
    ctx.exitCode = EXIT.usage;
    return null;
  }
  // Shares (exit rate, P(target)) in (0, 1); people and yuan > 0.
  const share = metricText === "exitRate" || metricText === "pTarget";
  const text = String(argv["precision"]).trim();
  const target = Number(text);
  if (!(Number.isFinite(target) && target > 0 && (!share || target < 1))) {
    ctx.stderr.write(`${say(lang, R.badNumberOption("precision", text, share ? R.shareNumber() : R.positiveNumber()))}\n`);
    ctx.exitCode = EXIT.usage;
    return null;
  }
  const maxRuns = intOption(ctx, lang, "max-runs", argv["max-runs"], 2, 10_000_000, R.positiveInteger());
  if (maxRuns === null) return null;
  return { target, maxRuns: maxRuns ?? 100_000, metric: metricText };
}

/** The --precision options (simulate and report). */
export const precisionOptions = (helpLang: Lang) => ({
  precision: { type: "string" as const, describe: cliHelp(helpLang).precision },
  "precision-metric": { type: "string" as const, describe: cliHelp(helpLang).precisionMetric },
  "max-runs": { type: "string" as const, describe: cliHelp(helpLang).maxRuns },
});

export const simulateCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "simulate <scenario>",
    cliHelp(helpLang).simulate,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .options(scenarioOptions(helpLang))
        .options(runOptions(helpLang))
        .options(fixedPopulationOption(helpLang))
        .options(precisionOptions(helpLang))
        .option("out", { type: "string", demandOption: true, describe: cliHelp(helpLang).simulateOut })
        .option("decompose", { type: "boolean", describe: cliHelp(helpLang).decompose })
        .options(queueOptions(helpLang))
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (!run) return;
      const precision = parsePrecision(ctx, lang, argv);
      if (precision === null) return;
      const out = String(argv["out"]);
      const guard = outputGuard(ctx, argv, [String(argv["scenario"]), argv["register"] as string | undefined]);
      if (!(await outputAllowed(ctx, lang, out, "results", guard))) return;
      if (argv["queue"] !== undefined) {
        const { simulateQueued } = await import("./queue.js");
        await simulateQueued(ctx, lang, argv, run, out, guard);
        return;
      }
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const reg = await registerArg(ctx, lang, argv, loaded);
      if (!reg) return;
      const register = reg.register;
      const [{ simulateScenario, writeResults, RUNS_CSV, SUMMARY_JSON, MANIFEST_JSON, SPENDING_CSV, DECOMPOSITION_JSON }, { summaryText }] = await Promise.all([
        import("../../pipeline/simulate.js"),
        import("../../present/resultsText.js"),
      ]);
      const bar = progressBar(ctx, say(lang, simulatingLabel()), lang);
      const r = await simulateScenario(loaded, {
        ...run,
        ...(precision ? { precision } : {}),
        ...(register ? { register } : {}),
        onProgress: bar.update,
      }).finally(() => bar.stop());
      if (!r.ok) {
        reportPopulationIssues(ctx, lang, r.error);
        return;
      }
      let set = r.value;
      if (argv["decompose"] === true) {
        // Each step simulates the same runs as the headline results (at most DECOMPOSE_RUNS).
        const { decomposeUncertainty, DECOMPOSE_RUNS } = await import("../../pipeline/decompose.js");
        const bar2 = progressBar(ctx, say(lang, decomposingLabel()), lang);
        const d = await decomposeUncertainty(loaded, { ...run, runs: Math.min(r.value.results.runs, DECOMPOSE_RUNS), simulated: { results: r.value.results, populationRedrawn: r.value.manifest.uncertainty?.populationRedrawn === true }, ...(register ? { register } : {}), onProgress: bar2.update }).finally(() =>
          bar2.stop(),
        );
        if (!d.ok) {
          reportPopulationIssues(ctx, lang, d.error);
          return;
        }
        set = { ...set, decomposition: d.value };
      }
      if (!(await writeOrReport(ctx, lang, () => writeResults(out, set, guard)))) return;
      const name = say(lang, nameOf(loaded));
      ctx.stdout.write(summaryText(set, { lang, name }));
      if (set.decomposition) {
        const { decompositionText } = await import("../../present/uncertaintyText.js");
        ctx.stdout.write(`\n${decompositionText(set.decomposition, lang)}\n`);
      }
      ctx.stdout.write(`${say(lang, R.wroteResults(out, [RUNS_CSV, SUMMARY_JSON, MANIFEST_JSON, ...(set.spending ? [SPENDING_CSV] : []), ...(set.decomposition ? [DECOMPOSITION_JSON] : [])].join(", ")))}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );

/** The scenario's name in both languages. */
export function nameOf(loaded: LoadedScenario): Localized {
  const n = loaded.scenario.meta.name;
  return typeof n === "string" ? { en: n, zh: n } : n;
}
