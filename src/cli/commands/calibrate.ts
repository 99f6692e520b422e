/**
 * `fundsim calibrate <scenario> --targets FILE --out DIR [--runs R] [--seed S] [--threads T]
 * [--max-evaluations N] [--variant V] [--set …] [--force] [--lang en|zh]`
 *
 * Fits the free parameters a targets file lists (each a --set path with a prior range) to
 * its observed values by the simulated method of moments on common random numbers, prints
 * the fitted values with their uncertainty and the fit per target, and writes
 * calibration.json, fit.csv, parameters.csv, calibrated.yaml (a variant file every command
 * applies with --variant) and manifest.json.
 */
import { resolve } from "node:path";
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang, say } from "../../messages/lang.js";
import * as C from "../../messages/calibration.js";
import * as R from "../../messages/results.js";
import { sensitivityIssue } from "../../messages/sensitivity.js";
import { renderIssues } from "../../messages/scenario.js";
import { cliHelp } from "../../messages/cli.js";
import { forceOption, outputAllowed, outputGuard, writeOrReport } from "../output.js";
import { intOption, nameOf, parseRunArgs, progressBar, reportPopulationIssues, runSeedThreads } from "./simulate.js";

export const calibrateCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "calibrate <scenario>",
    cliHelp(helpLang).calibrate,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .option("targets", { type: "string", demandOption: true, describe: cliHelp(helpLang).calibrateTargets })
        .options(scenarioOptions(helpLang))
        .option("runs", { type: "string", describe: cliHelp(helpLang).calibrateRuns })
        .option("seed", { type: "string", describe: cliHelp(helpLang).seed })
        .option("threads", { type: "string", describe: cliHelp(helpLang).calibrateThreads })
        .option("max-evaluations", { type: "string", describe: cliHelp(helpLang).calibrateMaxEvaluations })
        .option("out", { type: "string", demandOption: true, describe: cliHelp(helpLang).calibrateOut })
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (!run) return;
      const maxEvaluations = intOption(ctx, lang, "max-evaluations", argv["max-evaluations"], 1, 100_000, R.positiveInteger());
      if (maxEvaluations === null) return;
      const scenario = String(argv["scenario"]);
      const targetsArg = String(argv["targets"]);
      const out = String(argv["out"]);
      const guard = outputGuard(ctx, argv, [scenario, targetsArg]);
      if (!(await outputAllowed(ctx, lang, out, "calibration", guard))) return;
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const [{ loadTargets }, { calibrateScenario, writeCalibration, CALIBRATED_VARIANT }, { calibrationText }] = await Promise.all([
        import("../../pipeline/load.js"),
        import("../../pipeline/calibrate.js"),
        import("../../present/calibrationText.js"),
      ]);
      const targetsFile = resolve(ctx.cwd, targetsArg);
      const targets = await loadTargets(targetsFile, loaded);
      if (!targets.ok) {
        const shown = targets.error.map((i) => (i.file === targetsFile ? { ...i, file: targetsArg } : i));
        ctx.stderr.write(`${renderIssues(lang, shown, argv["all-issues"] === true ? Infinity : undefined)}\n`);
        ctx.exitCode = EXIT.invalid;
        return;
      }
      const bar = progressBar(ctx, say(lang, C.calibrateLabel()), lang);
      const r = await calibrateScenario(loaded, { ...targets.value, file: targetsArg }, {
        ...runSeedThreads(run),
        ...(maxEvaluations !== undefined ? { maxEvaluations } : {}),
        onProgress: (done, planned) => bar.update(done, planned),
      }).finally(() => bar.stop());
      if (!r.ok) {
        const e = r.error;
        if (e.kind === "population") {
          reportPopulationIssues(ctx, lang, e.issues);
          return;
        }
        const lines = e.kind === "free" ? e.issues.map((i) => say(lang, sensitivityIssue(i, C.freeWho(targetsArg)))) : [say(lang, C.estimateProblem(e.problem.code, e.problem.code === "badRange" ? e.problem.name : ""))];
        ctx.stderr.write(`${say(lang, C.calibrationRefused())}\n${lines.join("\n")}\n`);
        ctx.exitCode = EXIT.invalid;
        return;
      }
      ctx.stdout.write(calibrationText(r.value, { lang, name: say(lang, nameOf(loaded)) }));
      const files = await writeOrReport(ctx, lang, () => writeCalibration(out, loaded, r.value, guard, lang));
      if (!files) return;
      ctx.stdout.write(`${say(lang, C.wroteCalibration(out, `${out}/${CALIBRATED_VARIANT}`, scenario))}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );
