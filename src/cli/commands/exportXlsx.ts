/**
 * `fundsim export-xlsx <scenario> [--variant V] [--set …] [--unit yuan|wan] [--lang en|zh] --out FILE.xlsx [--force]`
 *
 * The budget ledger as an Excel workbook (render/workbook.ts): sources and uses by year with
 * formula totals and balance, the checks, and what the numbers are; headers in the user's
 * language, amounts in yuan or 万元 (default: 万元 in Chinese, yuan in English). Written
 * atomically; an existing file is replaced only with --force (fundsim cannot tell its own
 * workbooks from a user's).
 */
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang, say } from "../../messages/lang.js";
import { cliHelp } from "../../messages/cli.js";
import { wroteTemplate, wroteWorkbook } from "../../messages/workbook.js";
import { forceOption, outputGuard, writeOrReport } from "../output.js";
import { XLSX_UNITS, type XlsxUnit } from "../../render/workbook.js";

export const exportXlsxCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "export-xlsx <scenario>",
    cliHelp(helpLang).exportXlsx,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .options(scenarioOptions(helpLang))
        .option("unit", { type: "string", choices: XLSX_UNITS, describe: cliHelp(helpLang).exportXlsxUnit })
        .option("out", { type: "string", demandOption: true, describe: cliHelp(helpLang).exportXlsxOut })
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const unit: XlsxUnit = argv["unit"] === "yuan" || argv["unit"] === "wan" ? argv["unit"] : lang === "zh" ? "wan" : "yuan";
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const out = String(argv["out"]);
      const [{ ledgerFor, fundsimVersion }, { ledgerWorkbook }, { writeOutputFile }] = await Promise.all([
        import("../../pipeline/ledger.js"),
        import("../../render/workbook.js"),
        import("../../io/outputs.js"),
      ]);
      const bytes = await ledgerWorkbook(ledgerFor(loaded), { lang, unit, scenario: { file: loaded.file, id: loaded.scenario.meta.id, hash: loaded.hash }, version: fundsimVersion() });
      const guard = outputGuard(ctx, argv, [String(argv["scenario"])]);
      if (!(await writeOrReport(ctx, lang, () => writeOutputFile(out, bytes, guard)))) return;
      ctx.stdout.write(`${say(lang, wroteWorkbook(out))}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );

/**
 * `fundsim template-xlsx <scenario> [--variant V] [--set …] [--lang en|zh] --out FILE.xlsx [--force]`:
 * an allocation workbook to fill in (each programme with an allocation, by year, in yuan);
 * any command reads it back with `--variant FILE.xlsx`.
 */
export const templateXlsxCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "template-xlsx <scenario>",
    cliHelp(helpLang).templateXlsx,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .options(scenarioOptions(helpLang))
        .option("out", { type: "string", demandOption: true, describe: cliHelp(helpLang).exportXlsxOut })
        .options(forceOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const out = String(argv["out"]);
      const scenarioArg = String(argv["scenario"]);
      const [{ ledgerFor, fundsimVersion }, { allocationTemplate }, { writeOutputFile }] = await Promise.all([
        import("../../pipeline/ledger.js"),
        import("../../render/workbook.js"),
        import("../../io/outputs.js"),
      ]);
      const ids = loaded.scenario.programmes.filter((p) => p.allocation !== undefined).map((p) => p.id);
      const bytes = await allocationTemplate(ledgerFor(loaded), ids, { lang, unit: "yuan", scenario: { file: loaded.file, id: loaded.scenario.meta.id, hash: loaded.hash }, version: fundsimVersion(), scenarioArg });
      const guard = outputGuard(ctx, argv, [scenarioArg]);
      if (!(await writeOrReport(ctx, lang, () => writeOutputFile(out, bytes, guard)))) return;
      ctx.stdout.write(`${say(lang, wroteTemplate(out, scenarioArg))}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );
