/**
 * `fundsim compare <scenario> --variant A --variant B … [--runs N] [--seed S] [--threads T]
 * [--register FILE.csv] [--out DIR]`
 *
 * Simulates each variant with the same seed and runs — common random numbers, so run r
 * of every variant sees the same shocks — and reports paired differences against the
 * first variant with 95% confidence intervals (exits, P(targets), cost, pool losses,
 * interest subsidy). `baseline` names the scenario without overlays; with a single
 * --variant the baseline is the reference.
 */
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { allIssuesOption, loadForCli, scenarioOptions } from "../load.js";
import { isLang, say } from "../../messages/lang.js";
import * as R from "../../messages/results.js";
import { cliHelp } from "../../messages/cli.js";
import { forceOption, outputAllowed, outputGuard, writeOrReport } from "../output.js";
import type { PipelineOptions } from "../../pipeline/simulate.js";
import { fixedPopulationOption, nameOf, parseRunArgs, progressBar, registerForCli, reportPopulationIssues, runOptions } from "./simulate.js";

export const BASELINE = "baseline";

export const compareCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "compare <scenario>",
    cliHelp(helpLang).compare,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .options({ set: scenarioOptions(helpLang).set, "all-issues": allIssuesOption(helpLang) })
        .option("variant", { type: "string", array: true, describe: cliHelp(helpLang).compareVariant })
        .options(runOptions(helpLang))
        .options(fixedPopulationOption(helpLang))
        .option("out", { type: "string", describe: cliHelp(helpLang).compareOut })
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (!run) return;
      const given = ((argv["variant"] as string[] | undefined) ?? []).map(String);
      const names = given.length === 1 && given[0] !== BASELINE ? [BASELINE, ...given] : given;
      if (names.length < 2) {
        ctx.stderr.write(`${say(lang, R.compareNeedsTwo())}\n`);
        ctx.exitCode = EXIT.usage;
        return;
      }
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup !== undefined) {
        ctx.stderr.write(`${say(lang, R.duplicateVariant(dup))}\n`);
        ctx.exitCode = EXIT.usage;
        return;
      }
      const scenario = String(argv["scenario"]);
      const sets = argv["set"] as string[] | undefined;
      const out = argv["out"] === undefined ? undefined : String(argv["out"]);
      const guard = outputGuard(ctx, argv, [scenario, argv["register"] as string | undefined]);
      if (out !== undefined && !(await outputAllowed(ctx, lang, out, "comparison", guard))) return;
      const loadedAll = [];
      for (const name of names) {
        const loaded = await loadForCli({ scenario, variant: name === BASELINE ? undefined : name, set: sets, lang, allIssues: argv["all-issues"] === true }, ctx);
        if (!loaded) return;
        loadedAll.push(loaded);
      }
      const first = loadedAll[0];
      if (!first) return;
      let register: PipelineOptions["register"];
      if (argv["register"] !== undefined) {
        register = await registerForCli(ctx, lang, String(argv["register"]), first);
        if (!register) return;
      }
      const [{ formatNumber }, { compareVariants, writeComparison }, { differencesText, summaryText }, { variantLabel }] = await Promise.all([
        import("../../messages/format.js"),
        import("../../pipeline/compare.js"),
        import("../../present/resultsText.js"),
        import("../../report/variants.js"),
      ]);
      // Every variant gets the same seed and runs: common random numbers.
      const bars = new Map<string, ReturnType<typeof progressBar>>();
      const barOf = (name: string): ReturnType<typeof progressBar> => {
        let bar = bars.get(name);
        if (!bar) bars.set(name, (bar = progressBar(ctx, name, lang)));
        return bar;
      };
      const r = await compareVariants(
        loadedAll.map((loaded, i) => ({ name: names[i] ?? BASELINE, loaded })),
        {
          ...(run.runs !== undefined ? { runs: run.runs } : {}),
          ...(run.seed !== undefined ? { seed: run.seed } : {}),
          ...(run.threads !== undefined ? { threads: run.threads } : {}),
          ...(register ? { register } : {}),
          ...(run.fixedPopulation ? { fixedPopulation: true } : {}),
          onProgress: (name, done, planned) => barOf(name).update(done, planned),
          onVariantDone: (name) => barOf(name).stop(),
        },
      );
      if (!r.ok) {
        reportPopulationIssues(ctx, lang, r.error);
        return;
      }
      const { variants: sets_, differences, runs } = r.value;

      // Variants are shown by their label in `lang`, with the id the user typed.
      const shown = (name: string): string => {
        if (name === BASELINE) return say(lang, R.baselineName());
        const label = variantLabel(first, name, lang);
        return label === undefined ? name : say(lang, R.variantShown(label, name));
      };
      const title = say(lang, nameOf(first));
      for (const v of sets_) ctx.stdout.write(`\n${summaryText(v.set, { lang, name: `${title} · ${shown(v.name)}` })}`);
      ctx.stdout.write(`\n${say(lang, R.compareHeading(formatNumber(runs), "95%"))}\n`);
      for (const d of differences) ctx.stdout.write(differencesText(d.paired, shown(d.a), shown(d.b), lang));
      if (out !== undefined) {
        if (!(await writeOrReport(ctx, lang, () => writeComparison(out, { variants: sets_, differences }, guard)))) return;
        ctx.stdout.write(`${say(lang, R.wroteResults(out, "differences.csv, differences.json, …"))}\n`);
      }
      ctx.exitCode = EXIT.ok;
    },
  );
