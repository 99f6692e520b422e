/**
 * `fundsim report <scenario> [--variant NAME …] [--set path=value …] [--runs N] [--seed S]
 * [--threads T] [--lang zh|en] --out DIR`
 *
 * Builds the ledger, simulates the scenario (and each variant, with the same seed, for
 * paired comparison), and writes DIR/report.html — self-contained, offline — with every
 * chart beside it as PNG, SVG, Vega-Lite JSON and CSV, and DIR/manifest.json.
 */
import type { CommandFactory } from "../command.js";
import { STUDY_METHODS } from "../../sensitivity/study.js";
import { EXIT } from "../context.js";
import { allIssuesOption, loadForCli } from "../load.js";
import { fixedPopulationOption, parsePrecision, parseRunArgs, precisionOptions } from "./simulate.js";
import { isLang, say, type Lang } from "../../messages/lang.js";
import * as M from "../../messages/report.js";
import { cliHelp } from "../../messages/cli.js";
import type { LoadedVariant } from "../../pipeline/compare.js";
import { forceOption, outputAllowed, outputGuard, writeOrReport } from "../output.js";

export const reportCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "report <scenario>",
    cliHelp(helpLang).report,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .option("variant", { type: "string", array: true, describe: cliHelp(helpLang).reportVariant })
        .option("set", { type: "string", array: true, describe: cliHelp(helpLang).reportSet })
        .option("runs", { type: "string", describe: cliHelp(helpLang).runs })
        .option("seed", { type: "string", describe: cliHelp(helpLang).reportSeed })
        .option("threads", { type: "string", describe: cliHelp(helpLang).reportThreads })
        .option("out", { type: "string", demandOption: true, describe: cliHelp(helpLang).reportOut })
        .option("decompose", { type: "boolean", default: true, describe: cliHelp(helpLang).reportDecompose })
        .option("what-matters", { type: "string", choices: ["", ...STUDY_METHODS], describe: cliHelp(helpLang).reportWhatMatters })
        .options(fixedPopulationOption(helpLang))
        .options(precisionOptions(helpLang))
        .option("all-issues", allIssuesOption(helpLang))
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang: Lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (run === null) return;
      const precision = parsePrecision(ctx, lang, argv);
      if (precision === null) return;
      const [{ findFonts }, { reportInputFor }, { writeReport }] = await Promise.all([
        import("../../render/fonts.js"),
        import("../../pipeline/report.js"),
        import("../../report/write.js"),
      ]);
      const fonts = findFonts();
      if (!fonts.ok) ctx.stderr.write(`${say(lang, fonts.error)}\n`); // a warning: the report is written anyway
      const scenario = String(argv["scenario"]);
      const set = argv["set"] as string[] | undefined;
      const out = String(argv["out"]);
      const guard = outputGuard(ctx, argv, [scenario]);
      if (!(await outputAllowed(ctx, lang, out, "report", guard))) return;
      const allIssues = argv["all-issues"] === true;
      const baseline = await loadForCli({ scenario, set, lang, allIssues }, ctx);
      if (!baseline) return;
      const variants: LoadedVariant[] = [];
      for (const name of (argv["variant"] as string[] | undefined) ?? []) {
        const loaded = await loadForCli({ scenario, variant: name, set, lang, allIssues }, ctx);
        if (!loaded) return;
        variants.push({ name, loaded });
      }
      const wm = argv["what-matters"];
      const whatMatters = typeof wm === "string" ? { whatMatters: STUDY_METHODS.find((m) => m === wm) ?? ("tornado" as const) } : {};
      const input = await reportInputFor(baseline, { lang, ...run, ...(precision ? { precision } : {}), decompose: argv["decompose"] !== false, ...whatMatters }, variants);
      if (!input.ok) {
        ctx.stderr.write(`${say(lang, input.error)}\n`);
        ctx.exitCode = EXIT.invalid;
        return;
      }
      const files = await writeOrReport(ctx, lang, () => writeReport(out, input.value, guard));
      if (!files) return;
      ctx.stdout.write(`${say(lang, M.wroteReport(out, files.length))}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );
