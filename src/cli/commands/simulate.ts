/**
 * `fundsim simulate <scenario> [--variant NAME] [--set path=value …] [--runs N] [--seed S]
 * [--threads T] [--precision X [--max-runs M]] [--register FILE.csv] --out DIR`
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
import { populationIssue, registerIssue, registerRejected } from "../../messages/population.js";
import type { Households } from "../../population/households.js";
import type { PopulationIssue } from "../../population/cohorts.js";
import type { PipelineOptions } from "../../results/pipeline.js";
import type { LoadedScenario } from "../../scenario/types.js";

/** Options shared by `simulate` and `compare`. */
export const runOptions = {
  runs: { type: "string", describe: "Monte-Carlo runs (default: the scenario's simulation.runs)" },
  seed: { type: "string", describe: "Random seed, 0–4294967295 (default: the scenario's simulation.seed)" },
  threads: { type: "string", describe: "Worker threads (default: available cores); results do not depend on it" },
  register: { type: "string", describe: "Household register CSV to simulate instead of the scenario's cohorts (see docs/outputs.md)" },
} as const;

export interface RunArgs {
  readonly runs?: number;
  readonly seed?: number;
  readonly threads?: number;
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
  return { ...(runs !== undefined ? { runs } : {}), ...(seed !== undefined ? { seed } : {}), ...(threads !== undefined ? { threads } : {}) };
}

/** Read a register for the CLI, printing its issues; undefined when rejected. */
export async function registerForCli(
  ctx: CliContext,
  lang: Lang,
  file: string,
  loaded: LoadedScenario,
): Promise<{ file: string; households: Households } | undefined> {
  const cohorts = loaded.scenario.population.cohorts.map((c) => ({ id: c.id, segment: c.segment }));
  const { loadRegister } = await import("../../population/register.js");
  const r = await loadRegister(resolve(ctx.cwd, file), { cohorts, label: file });
  if (r.ok) return { file, households: r.value };
  const more = r.error.find((i) => i.code === "more")?.count ?? 0;
  const total = r.error.filter((i) => i.code !== "more").length + more;
  ctx.stderr.write(`${say(lang, registerRejected(file, total))}\n${r.error.map((i) => `  ${say(lang, registerIssue(i))}`).join("\n")}\n`);
  ctx.exitCode = EXIT.invalid;
  return undefined;
}

/** Print population issues. */
export function reportPopulationIssues(ctx: CliContext, lang: Lang, issues: readonly PopulationIssue[]): void {
  ctx.stderr.write(`${say(lang, R.populationFailed())}\n${issues.map((i) => `  ${say(lang, populationIssue(i))}`).join("\n")}\n`);
  ctx.exitCode = EXIT.invalid;
}

/** A progress bar on stderr when it is a terminal; nothing otherwise. */
export function progressBar(ctx: CliContext, label: string): { update: (done: number, total: number) => void; stop: () => void } {
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
    { format: `${label} [{bar}] {value}/{total} runs | {speed} runs/s | ETA {eta_formatted}`, stream: stream as unknown as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true },
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

export const simulateCommand: CommandFactory = (y, ctx) =>
  y.command(
    "simulate <scenario>",
    "Monte-Carlo simulation: exits, relapses, pool losses and fiscal cost, with uncertainty",
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: "Scenario file (.yaml or .json)" })
        .options(scenarioOptions)
        .options(runOptions)
        .option("precision", { type: "string", describe: "Add runs until the standard error of the final-year exit rate is ≤ this (e.g. 0.002)" })
        .option("max-runs", { type: "string", describe: "Cap on runs with --precision (default 100000)" })
        .option("out", { type: "string", demandOption: true, describe: "Output folder (runs.csv, summary.json, manifest.json)" }),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (!run) return;
      let precision: PipelineOptions["precision"];
      if (argv["precision"] !== undefined) {
        const text = String(argv["precision"]).trim();
        const target = Number(text);
        if (!(Number.isFinite(target) && target > 0 && target < 1)) {
          ctx.stderr.write(`${say(lang, R.badNumberOption("precision", text, R.positiveNumber()))}\n`);
          ctx.exitCode = EXIT.usage;
          return;
        }
        const maxRuns = intOption(ctx, lang, "max-runs", argv["max-runs"], 2, 10_000_000, R.positiveInteger());
        if (maxRuns === null) return;
        precision = { target, maxRuns: maxRuns ?? 100_000 };
      }
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      let register: PipelineOptions["register"];
      if (argv["register"] !== undefined) {
        register = await registerForCli(ctx, lang, String(argv["register"]), loaded);
        if (!register) return;
      }
      const [{ simulateScenario }, { summaryText }, { writeResults, RUNS_CSV, SUMMARY_JSON, MANIFEST_JSON, SPENDING_CSV }] = await Promise.all([
        import("../../results/pipeline.js"),
        import("../../results/text.js"),
        import("../../results/write.js"),
      ]);
      const bar = progressBar(ctx, "simulate");
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
      const out = String(argv["out"]);
      if (!(await writeOrReport(ctx, lang, out, () => writeResults(resolve(ctx.cwd, out), r.value)))) return;
      const name = say(lang, nameOf(loaded));
      ctx.stdout.write(summaryText(r.value, { lang, name }));
      ctx.stdout.write(`${say(lang, R.wroteResults(out, [RUNS_CSV, SUMMARY_JSON, MANIFEST_JSON, ...(r.value.spending ? [SPENDING_CSV] : [])].join(", ")))}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );

/** Run a write; on an I/O error print a clear message (exit 1) and return false. */
export async function writeOrReport(ctx: CliContext, lang: Lang, out: string, write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code !== "string") throw e; // not an I/O error: a bug
    ctx.stderr.write(`${say(lang, R.cannotWrite(out, code))}\n`);
    ctx.exitCode = EXIT.invalid;
    return false;
  }
}

/** The scenario's name in both languages. */
export function nameOf(loaded: LoadedScenario): Localized {
  const n = loaded.scenario.meta.name;
  return typeof n === "string" ? { en: n, zh: n } : n;
}
