/**
 * `fundsim report <scenario> [--variant NAME …] [--set path=value …] [--runs N] [--seed S]
 * [--threads T] [--lang zh|en] --out DIR`
 *
 * Builds the ledger, simulates the scenario (and each variant, with the same seed, for
 * paired comparison), and writes DIR/report.html — self-contained, offline — with every
 * chart beside it as PNG, SVG, Vega-Lite JSON and CSV, and DIR/manifest.json.
 */
import { resolve } from "node:path";
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { loadForCli } from "../load.js";
import { parseRunArgs } from "./simulate.js";
import { isLang, say, type Lang } from "../../messages/lang.js";
import * as M from "../../messages/report.js";
import type { LoadedVariant } from "../../report/fromPipeline.js";

export const reportCommand: CommandFactory = (y, ctx) =>
  y.command(
    "report <scenario>",
    "Ledger + simulation → a self-contained HTML report with every chart (PNG, SVG, CSV beside it)",
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true })
        .option("variant", { type: "string", array: true, describe: "Compare a variant with the baseline (repeatable)" })
        .option("set", { type: "string", array: true, describe: "Override a value: path=value (repeatable)" })
        .option("runs", { type: "string", describe: "Monte-Carlo runs (default: the scenario's simulation.runs)" })
        .option("seed", { type: "string", describe: "Random seed (default: the scenario's simulation.seed)" })
        .option("threads", { type: "string", describe: "Worker threads (default: available cores)" })
        .option("out", { type: "string", demandOption: true, describe: "Folder to write (replaced atomically)" }),
    async (argv) => {
      const lang: Lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const run = parseRunArgs(ctx, lang, argv);
      if (run === null) return;
      const [{ findFonts }, { reportInputFor }, { writeReport }] = await Promise.all([
        import("../../render/fonts.js"),
        import("../../report/fromPipeline.js"),
        import("../../report/write.js"),
      ]);
      const fonts = findFonts();
      if (!fonts.ok) ctx.stderr.write(`${say(lang, fonts.error)}\n`); // a warning: the report is written anyway
      const scenario = String(argv["scenario"]);
      const set = argv["set"] as string[] | undefined;
      const baseline = await loadForCli({ scenario, set, lang }, ctx);
      if (!baseline) return;
      const variants: LoadedVariant[] = [];
      for (const name of (argv["variant"] as string[] | undefined) ?? []) {
        const loaded = await loadForCli({ scenario, variant: name, set, lang }, ctx);
        if (!loaded) return;
        variants.push({ name, loaded });
      }
      const input = await reportInputFor(baseline, { lang, ...run }, variants);
      if (!input.ok) {
        ctx.stderr.write(`${say(lang, input.error)}\n`);
        ctx.exitCode = EXIT.invalid;
        return;
      }
      const out = String(argv["out"]);
      const files = await writeReport(resolve(ctx.cwd, out), input.value);
      ctx.stdout.write(`${say(lang, M.wroteReport(out, files.length))}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );
