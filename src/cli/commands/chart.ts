/**
 * `fundsim chart <results-dir|scenario> --kind … --format svg|png|pdf|json --lang en|zh --out FILE`
 *
 * From a results folder (`fundsim simulate --out DIR`) it draws the simulation charts;
 * from a scenario file it builds the ledger and runs the simulation first, so every
 * chart kind is available.
 */
import { resolve } from "node:path";
import { stat } from "node:fs/promises";
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { scenarioOptions } from "../load.js";
import { isLang, say, type Lang, type Localized } from "../../messages/lang.js";
import { chartUnavailable, needsLedger, needsVariants, noSuchData, unknownFormat } from "../../messages/charts.js";
import * as M from "../../messages/report.js";
import { cliHelp } from "../../messages/cli.js";
import { checkOutputFile, writeOutputFile } from "../../io/outputs.js";
import { isSignedChart, signChart } from "../../render/signature.js";
import { forceOption, outputGuard, reportOutputProblem, writeOrReport } from "../output.js";
import { CHART_INFO, CHART_KINDS, type ChartKind } from "../../charts/kinds.js";
import type { ChartData, ChartInputMap } from "../../charts/registry.js";
import { CHART_FORMATS, formatFromPath, isChartFormat } from "../../render/formats.js";
import type { LoadedVariant } from "../../pipeline/compare.js";
import type { CliContext } from "../context.js";
import { loadForCli } from "../load.js";
import { parseRunArgs, type RunArgs } from "./simulate.js";

export const chartCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "chart <input>",
    cliHelp(helpLang).chart,
    (a) =>
      a
        .positional("input", { type: "string", demandOption: true, describe: cliHelp(helpLang).chartInput })
        .option("kind", { choices: CHART_KINDS, demandOption: true, describe: cliHelp(helpLang).chartKind })
        .option("format", { choices: CHART_FORMATS, describe: cliHelp(helpLang).chartFormat })
        .option("out", { type: "string", demandOption: true, describe: cliHelp(helpLang).chartOut })
        .option("force", { ...forceOption(helpLang).force, describe: cliHelp(helpLang).chartForce })
        .option("runs", { type: "string", describe: cliHelp(helpLang).chartRuns })
        .option("seed", { type: "string", describe: cliHelp(helpLang).chartSeed })
        .option("threads", { type: "string", describe: cliHelp(helpLang).chartThreads })
        .option("compare", { type: "string", array: true, describe: cliHelp(helpLang).chartCompare })
        .options(scenarioOptions(helpLang)),
    async (argv) => {
      const lang: Lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (run === null) return;
      const kind = argv["kind"] as ChartKind;
      const out = resolve(ctx.cwd, String(argv["out"]));
      const format = argv["format"] ?? formatFromPath(out) ?? "svg";
      if (!isChartFormat(format)) {
        ctx.stderr.write(`${say(lang, unknownFormat(String(format)))}\n`);
        ctx.exitCode = EXIT.usage;
        return;
      }
      const guard = { ...outputGuard(ctx, argv, [String(argv["input"])]), isOurs: isSignedChart };
      const refused = await checkOutputFile(String(argv["out"]), guard);
      if (refused) return reportOutputProblem(ctx, lang, refused);
      if (format !== "json") {
        const { findFonts } = await import("../../render/fonts.js");
        const fonts = findFonts();
        if (!fonts.ok) ctx.stderr.write(`${say(lang, fonts.error)}\n`); // a warning: the chart is drawn anyway
      }
      const input = String(argv["input"]);
      const isDir = await stat(resolve(ctx.cwd, input)).then((s) => s.isDirectory(), () => false);
      const data = await loadChartData(
        {
          input,
          isDir,
          lang,
          variant: argv["variant"] as string | undefined,
          set: argv["set"] as string[] | undefined,
          run,
          compare: (argv["compare"] as string[] | undefined) ?? [],
          allIssues: argv["all-issues"] === true,
        },
        ctx,
      );
      if (!data) return; // the loader already reported the problem
      const chartInput = (data as ChartData)[kind];
      if (chartInput === undefined) {
        ctx.stderr.write(`${say(lang, chartUnavailable(kind, say(lang, whyUnavailable(kind, isDir, (data as ChartData)["budget-sources"] !== undefined))))}\n`);
        ctx.exitCode = EXIT.invalid;
        return;
      }
      const [{ buildChart }, { renderAs }] = await Promise.all([import("../../charts/registry.js"), import("../../render/formats.js")]);
      const spec = buildChart(kind, chartInput as ChartInputMap[typeof kind], lang);
      const bytes = signChart(await renderAs(spec, format), format);
      if ((await writeOrReport(ctx, lang, () => writeOutputFile(String(argv["out"]), bytes, guard))) === undefined) return;
      ctx.stdout.write(`${say(lang, M.wroteChart(String(argv["out"])))}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );

/** Why a chart has no input; `ledgerLoaded`: the budget ledger was built (its charts are there). */
function whyUnavailable(kind: ChartKind, isDir: boolean, ledgerLoaded: boolean): Localized {
  if (CHART_INFO[kind].from === "results of variants") return needsVariants();
  if (isDir && !ledgerLoaded && CHART_INFO[kind].needsLedger) return needsLedger();
  return noSuchData();
}

interface ChartArgs {
  readonly input: string;
  readonly isDir: boolean;
  readonly lang: Lang;
  readonly variant: string | undefined;
  readonly set: readonly string[] | undefined;
  readonly run: RunArgs;
  readonly compare: readonly string[];
  readonly allIssues: boolean;
}

/** The chart inputs for a results folder or a scenario; undefined (with the problem reported) when the input is bad. */
async function loadChartData(args: ChartArgs, ctx: CliContext): Promise<ChartData | undefined> {
  if (args.isDir) {
    const { chartDataFromResults } = await import("../../pipeline/charts.js");
    const data = await chartDataFromResults(args.input, { lang: args.lang, cwd: ctx.cwd });
    if (!data.ok) {
      ctx.stderr.write(`${say(args.lang, data.error)}\n`);
      ctx.exitCode = EXIT.invalid;
      return undefined;
    }
    return data.value;
  }
  const loaded = await loadForCli({ scenario: args.input, variant: args.variant, set: args.set, lang: args.lang, allIssues: args.allIssues }, ctx);
  if (!loaded) return undefined;
  const variants: LoadedVariant[] = [];
  for (const name of args.compare) {
    const v = await loadForCli({ scenario: args.input, variant: name, set: args.set, lang: args.lang, allIssues: args.allIssues }, ctx);
    if (!v) return undefined;
    variants.push({ name, loaded: v });
  }
  const { chartDataFromScenario } = await import("../../pipeline/charts.js");
  const data = await chartDataFromScenario(loaded, { lang: args.lang, ...args.run }, variants);
  if (!data.ok) {
    ctx.stderr.write(`${say(args.lang, data.error)}\n`);
    ctx.exitCode = EXIT.invalid;
    return undefined;
  }
  return data.value;
}
