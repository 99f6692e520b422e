/**
 * `fundsim shard <scenario> --index I --of N [--runs R] [--seed S] [--threads T]
 * [--fixed-population] [--register FILE] [--variant V] [--set …] --out FILE.json` and
 * `fundsim merge <scenario> SHARD.json… [same scenario options] --out DIR`
 *
 * A simulation in N pieces (on a cluster's job array, or any machines): shard I computes
 * runs ⌊I·R/N⌋ … ⌊(I+1)·R/N⌋ − 1 and writes them to one file atomically; merge checks that
 * the shards belong to this scenario and to each other, covers every run once (a retried
 * shard's identical copy is harmless) and writes the same folder `simulate` writes — its
 * runs.csv byte for byte the single-machine one.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang, say } from "../../messages/lang.js";
import * as R from "../../messages/results.js";
import * as S from "../../messages/shard.js";
import { outputProblem } from "../../messages/io.js";
import { cliHelp } from "../../messages/cli.js";
import { forceOption, outputAllowed, outputGuard, writeOrReport } from "../output.js";
import { fixedPopulationOption, intOption, nameOf, parseRunArgs, progressBar, registerArg, reportPopulationIssues, runOptions } from "./simulate.js";
import type { CliContext } from "../context.js";
import type { Lang } from "../../messages/lang.js";
import type { LoadedScenario } from "../../scenario/types.js";
import type { RunResults } from "../../model/results.js";
import type { PipelineOptions } from "../../pipeline/simulate.js";
import type { OutputGuard } from "../../io/outputs.js";

/**
 * Write the runs computed elsewhere (merged shards, a queued simulation) as `simulate`
 * writes a results folder, and print its summary: what `merge` and `simulate --queue` end with.
 */
export async function writeComputed(ctx: CliContext, lang: Lang, loaded: LoadedScenario, o: PipelineOptions, computed: RunResults, out: string, guard: OutputGuard): Promise<void> {
  const [{ simulateScenario, writeResults, RUNS_CSV, SUMMARY_JSON, MANIFEST_JSON, SPENDING_CSV }, { summaryText }] = await Promise.all([
    import("../../pipeline/simulate.js"),
    import("../../present/resultsText.js"),
  ]);
  const r = await simulateScenario(loaded, { ...o, computed });
  if (!r.ok) {
    reportPopulationIssues(ctx, lang, r.error);
    return;
  }
  if (!(await writeOrReport(ctx, lang, () => writeResults(out, r.value, guard)))) return;
  ctx.stdout.write(summaryText(r.value, { lang, name: say(lang, nameOf(loaded)) }));
  ctx.stdout.write(`${say(lang, R.wroteResults(out, [RUNS_CSV, SUMMARY_JSON, MANIFEST_JSON, ...(r.value.spending ? [SPENDING_CSV] : [])].join(", ")))}\n`);
  ctx.exitCode = EXIT.ok;
}

export const shardCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "shard <scenario>",
    cliHelp(helpLang).shard,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .option("index", { type: "string", demandOption: true, describe: cliHelp(helpLang).shardIndex })
        .option("of", { type: "string", demandOption: true, describe: cliHelp(helpLang).shardOf })
        .options(scenarioOptions(helpLang))
        .options(runOptions(helpLang))
        .options(fixedPopulationOption(helpLang))
        .option("out", { type: "string", demandOption: true, describe: cliHelp(helpLang).shardOut })
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (!run) return;
      const index = intOption(ctx, lang, "index", argv["index"], 0, 1_000_000, R.positiveInteger());
      const of = intOption(ctx, lang, "of", argv["of"], 1, 1_000_000, R.positiveInteger());
      if (index === null || of === null || index === undefined || of === undefined) return;
      if (index >= of) {
        ctx.stderr.write(`${say(lang, S.badShardIndex(index, of))}\n`);
        ctx.exitCode = EXIT.usage;
        return;
      }
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const runs = run.runs ?? loaded.scenario.simulation.runs;
      if (of > runs) {
        ctx.stderr.write(`${say(lang, S.emptyShard(of, runs))}\n`);
        ctx.exitCode = EXIT.usage;
        return;
      }
      const reg = await registerArg(ctx, lang, argv, loaded);
      if (!reg) return;
      const register = reg.register;
      const out = String(argv["out"]);
      const [{ simulateShard, shardJson, shardRange }, { writeOutputFile }] = await Promise.all([import("../../pipeline/shard.js"), import("../../io/outputs.js")]);
      const bar = progressBar(ctx, say(lang, S.shardLabel()), lang);
      const r = await simulateShard(loaded, { index, of, ...run, ...(register ? { register } : {}), onProgress: bar.update }).finally(() => bar.stop());
      if (!r.ok) {
        reportPopulationIssues(ctx, lang, r.error);
        return;
      }
      const guard = { ...outputGuard(ctx, argv, [String(argv["scenario"]), argv["register"] as string | undefined]), isOurs: (b: Buffer) => b.subarray(0, 40).toString("utf8").startsWith('{"format":"fundsim-shard"') };
      if (!(await writeOrReport(ctx, lang, () => writeOutputFile(out, shardJson(r.value), guard)))) return;
      const { first, end } = shardRange(index, of, runs);
      ctx.stdout.write(`${say(lang, S.wroteShard(out, first, end, runs))}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );

export const mergeCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "merge <scenario> <shards..>",
    cliHelp(helpLang).merge,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .positional("shards", { type: "string", array: true, demandOption: true, describe: cliHelp(helpLang).mergeShards })
        .options(scenarioOptions(helpLang))
        .options(runOptions(helpLang))
        .options(fixedPopulationOption(helpLang))
        .option("out", { type: "string", demandOption: true, describe: cliHelp(helpLang).simulateOut })
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (!run) return;
      const files = (argv["shards"] as unknown[]).map(String);
      const out = String(argv["out"]);
      const guard = outputGuard(ctx, argv, [String(argv["scenario"]), argv["register"] as string | undefined, ...files]);
      if (!(await outputAllowed(ctx, lang, out, "results", guard))) return;
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const reg = await registerArg(ctx, lang, argv, loaded);
      if (!reg) return;
      const register = reg.register;
      const { parseShard, mergeShards, expectationOf } = await import("../../pipeline/shard.js");
      const problems: string[] = [];
      const shards = [];
      for (const file of files) {
        let text: string;
        try {
          text = await readFile(resolve(ctx.cwd, file), "utf8");
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          problems.push(say(lang, outputProblem({ code: "io", op: "read", path: file, errno: typeof code === "string" ? code : String(e) })));
          continue;
        }
        const s = parseShard(text, file);
        if (s.ok) shards.push({ file, shard: s.value });
        else problems.push(say(lang, S.shardProblem(s.error)));
      }
      if (problems.length === 0) {
        // Runs and seed: as given, else as the shards say (each shard is still checked against the rest).
        const runs = run.runs ?? shards[0]?.shard.runs;
        const seed = run.seed ?? shards[0]?.shard.seed;
        const given = { ...run, ...(runs !== undefined ? { runs } : {}), ...(seed !== undefined ? { seed } : {}) };
        const merged = mergeShards(shards, expectationOf(loaded, { ...given, ...(register ? { register } : {}) }));
        if (!merged.ok) problems.push(...merged.error.map((p) => say(lang, S.shardProblem(p))));
        else {
          await writeComputed(ctx, lang, loaded, { ...given, ...(register ? { register } : {}) }, merged.value, out, guard);
          return;
        }
      }
      ctx.stderr.write(`${say(lang, S.mergeRefused())}\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
      ctx.exitCode = EXIT.invalid;
    },
  );
