/**
 * `fundsim optimise <scenario> [--objective p-all-targets|people-out|min-cost] [--lines a,b,…]
 * [--bounds id=min:max …] [--frontier 0.5,1,1.5] [--probability P] [--runs R] [--seed S] [--threads T] [--max-evaluations N]
 * [--out DIR] [--variant V] [--set …] [--force] [--lang en|zh]`
 *
 * Searches the split of the plan's movable money (each year's total of the lines moved kept)
 * that meets every target most often, or gets the most people out, on common random numbers;
 * prints the lines' shares and money under the plan and optimised, and both compared on
 * fresh runs with the paired difference; with --out writes optimisation.json,
 * allocations.csv, evaluations.csv, optimised.yaml (a variant file every command applies
 * with --variant), the shares chart and manifest.json.
 */
import type { CommandFactory } from "../command.js";
import type { Localized } from "../../messages/lang.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang, say } from "../../messages/lang.js";
import * as O from "../../messages/optimise.js";
import * as R from "../../messages/results.js";
import { labelText } from "../../messages/label.js";
import { cliHelp } from "../../messages/cli.js";
import { forceOption, outputAllowed, outputGuard, writeOrReport } from "../output.js";
import { intOption, nameOf, parseRunArgs, progressBar, reportPopulationIssues, runSeedThreads } from "./simulate.js";
import { OPTIMISE_OBJECTIVES, type OptimiseObjective } from "../../optimise/types.js";

/** `id=min:max` → a bound, or null when it does not parse. */
export function parseBound(arg: string): { id: string; min: number; max: number } | null {
  const m = /^\s*([^=\s]+)\s*=\s*([^:]*):(.*)$/.exec(arg);
  if (!m) return null;
  const min = m[2]!.trim() === "" ? Number.NaN : Number(m[2]);
  const max = m[3]!.trim() === "" ? Number.NaN : Number(m[3]);
  return { id: m[1]!, min, max };
}

export const optimiseCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "optimise <scenario>",
    cliHelp(helpLang).optimise,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .option("objective", { type: "string", choices: OPTIMISE_OBJECTIVES, describe: cliHelp(helpLang).optimiseObjective })
        .option("lines", { type: "string", describe: cliHelp(helpLang).optimiseLines })
        .option("bounds", { type: "string", array: true, describe: cliHelp(helpLang).optimiseBounds })
        .options(scenarioOptions(helpLang))
        .option("frontier", { type: "string", describe: cliHelp(helpLang).optimiseFrontier })
        .option("probability", { type: "string", describe: cliHelp(helpLang).optimiseProbability })
        .option("runs", { type: "string", describe: cliHelp(helpLang).optimiseRuns })
        .option("seed", { type: "string", describe: cliHelp(helpLang).seed })
        .option("threads", { type: "string", describe: cliHelp(helpLang).calibrateThreads })
        .option("max-evaluations", { type: "string", describe: cliHelp(helpLang).optimiseMaxEvaluations })
        .option("out", { type: "string", describe: cliHelp(helpLang).optimiseOut })
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (!run) return;
      const maxEvaluations = intOption(ctx, lang, "max-evaluations", argv["max-evaluations"], 2, 100_000, R.positiveInteger());
      if (maxEvaluations === null) return;
      const bounds: { id: string; min: number; max: number }[] = [];
      for (const raw of (argv["bounds"] as unknown[] | undefined) ?? []) {
        const b = parseBound(String(raw));
        if (!b) {
          ctx.stderr.write(`${say(lang, R.badNumberOption("bounds", String(raw), O.boundSyntax()))}\n`);
          ctx.exitCode = EXIT.usage;
          return;
        }
        bounds.push(b);
      }
      const numbers = (name: string, expected: () => Localized): number[] | null | undefined => {
        const raw = argv[name];
        if (raw === undefined) return undefined;
        const text = String(Array.isArray(raw) ? raw[raw.length - 1] : raw);
        const xs = text.split(",").map((x) => x.trim());
        if (xs.some((x) => x === "" || !Number.isFinite(Number(x)))) {
          ctx.stderr.write(`${say(lang, R.badNumberOption(name, text, expected()))}\n`);
          ctx.exitCode = EXIT.usage;
          return null;
        }
        return xs.map(Number);
      };
      const frontier = numbers("frontier", O.frontierSyntax);
      if (frontier === null) return;
      const probability = numbers("probability", R.shareNumber);
      if (probability === null) return;
      const lines = typeof argv["lines"] === "string" ? argv["lines"].split(",").map((x) => x.trim()).filter((x) => x !== "") : undefined;
      const scenario = String(argv["scenario"]);
      const out = typeof argv["out"] === "string" ? argv["out"] : undefined;
      const guard = outputGuard(ctx, argv, [scenario]);
      if (out !== undefined && !(await outputAllowed(ctx, lang, out, "optimisation", guard))) return;
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const [{ optimiseAllocation, writeOptimisation, OPTIMISED_VARIANT }, { optimiseText }] = await Promise.all([import("../../pipeline/optimise.js"), import("../../present/optimiseText.js")]);
      const bar = progressBar(ctx, say(lang, O.optimiseLabel()), lang);
      const r = await optimiseAllocation(loaded, {
        ...(typeof argv["objective"] === "string" ? { objective: argv["objective"] as OptimiseObjective } : {}),
        ...(lines ? { lines } : {}),
        ...(bounds.length > 0 ? { bounds } : {}),
        ...(frontier ? { frontier } : {}),
        ...(probability ? { probability: probability[probability.length - 1]! } : {}),
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
        ctx.stderr.write(`${say(lang, O.optimiseRefused())}\n${e.issues.map((i) => say(lang, O.optimiseIssue(i))).join("\n")}\n`);
        ctx.exitCode = EXIT.invalid;
        return;
      }
      const label = (id: string): string => labelText(loaded.scenario.programmes.find((p) => p.id === id)?.label, lang, id);
      ctx.stdout.write(optimiseText(r.value, { lang, name: say(lang, nameOf(loaded)), label }));
      if (out !== undefined) {
        const files = await writeOrReport(ctx, lang, () => writeOptimisation(out, loaded, r.value, guard, lang));
        if (!files) return;
        ctx.stdout.write(`${say(lang, O.wroteOptimisation(out, `${out}/${OPTIMISED_VARIANT}`, scenario))}\n`);
      }
      ctx.exitCode = EXIT.ok;
    },
  );
