/**
 * `fundsim sensitivity <scenario> [--method tornado|morris|sobol] [--metric M] [--year Y]
 * [--param path=low:high …] [--runs R] [--seed S] [--threads T] [--samples N] [--out DIR]
 * [--force] [--lang en|zh]`
 *
 * Varies scenario numbers over ranges (paths as `--set` writes them), simulates every
 * design point with the same seed and runs (common random numbers), and prints which
 * parameters move the metric, each figure with its uncertainty. With `--out`, writes
 * sensitivity.csv, sensitivity.json, manifest.json and the chart (tornado or Sobol).
 */
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang, say } from "../../messages/lang.js";
import * as R from "../../messages/results.js";
import * as S from "../../messages/sensitivity.js";
import { cliHelp } from "../../messages/cli.js";
import { forceOption, outputAllowed, outputGuard, writeOrReport } from "../output.js";
import { intOption, nameOf, parseRunArgs, progressBar, reportPopulationIssues } from "./simulate.js";

const METHODS = ["tornado", "morris", "sobol"] as const;

export const sensitivityCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "sensitivity <scenario>",
    cliHelp(helpLang).sensitivity,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .options(scenarioOptions(helpLang))
        .option("method", { type: "string", choices: METHODS, default: "tornado", describe: cliHelp(helpLang).sensitivityMethod })
        .option("param", { type: "string", array: true, describe: cliHelp(helpLang).sensitivityParam })
        .option("metric", { type: "string", describe: cliHelp(helpLang).sensitivityMetric })
        .option("year", { type: "string", describe: cliHelp(helpLang).sensitivityYear })
        .option("runs", { type: "string", describe: cliHelp(helpLang).runs })
        .option("seed", { type: "string", describe: cliHelp(helpLang).seed })
        .option("threads", { type: "string", describe: cliHelp(helpLang).sensitivityThreads })
        .option("samples", { type: "string", describe: cliHelp(helpLang).sensitivitySamples })
        .option("out", { type: "string", describe: cliHelp(helpLang).sensitivityOut })
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (!run) return;
      const samples = intOption(ctx, lang, "samples", argv["samples"], 1, 1 << 30, R.positiveInteger());
      if (samples === null) return;
      const method = METHODS.find((m) => m === argv["method"]) ?? "tornado";
      const scenario = String(argv["scenario"]);
      const out = argv["out"] === undefined ? undefined : String(argv["out"]);
      const guard = outputGuard(ctx, argv, [scenario]);
      if (out !== undefined && !(await outputAllowed(ctx, lang, out, "sensitivity", guard))) return;
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const [{ runSensitivity, writeSensitivity, SENSITIVITY_CSV, SENSITIVITY_JSON, SENSITIVITY_MANIFEST }, { studyText }] = await Promise.all([
        import("../../pipeline/sensitivity.js"),
        import("../../present/sensitivityText.js"),
      ]);
      const bar = progressBar(ctx, say(lang, S.sensitivityLabel()), lang);
      const r = await runSensitivity(loaded, {
        method,
        params: ((argv["param"] as string[] | undefined) ?? []).map(String),
        ...(argv["metric"] !== undefined ? { metric: String(argv["metric"]) } : {}),
        ...(argv["year"] !== undefined ? { year: String(argv["year"]) } : {}),
        ...run,
        ...(samples !== undefined ? { samples } : {}),
        // Before a long study: how many evaluations and about how long (stderr, beside the progress bar).
        onPlan: (evaluations, each) => ctx.stderr.write(`${say(lang, S.planLine(evaluations, run.runs ?? loaded.scenario.simulation.runs, evaluations * each))}\n`),
        onProgress: (done, planned) => bar.update(done, planned),
      }).finally(() => bar.stop());
      if (!r.ok) {
        if (r.error.kind === "population") {
          reportPopulationIssues(ctx, lang, r.error.issues);
          return;
        }
        ctx.stderr.write(`${say(lang, S.sensitivityRefused())}\n${r.error.issues.map((i) => say(lang, S.sensitivityIssue(i))).join("\n")}\n`);
        ctx.exitCode = EXIT.invalid;
        return;
      }
      const study = r.value;
      ctx.stdout.write(studyText(study, { lang, name: say(lang, nameOf(loaded)) }));
      ctx.stderr.write(`${say(lang, S.timingLine(study.evaluations, study.seconds, study.rebuiltPopulation))}\n`);
      if (out !== undefined) {
        const files = await writeOrReport(ctx, lang, () => writeSensitivity(out, loaded, study, lang, guard));
        if (!files) return;
        ctx.stdout.write(`${say(lang, R.wroteResults(out, [SENSITIVITY_CSV, SENSITIVITY_JSON, SENSITIVITY_MANIFEST, "…"].join(", ")))}\n`);
      }
      ctx.exitCode = EXIT.ok;
    },
  );
