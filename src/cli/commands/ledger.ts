/**
 * `fundsim ledger <scenario> [--variant NAME] [--set path=value …] [--format table|csv|json]
 * [--lang en|zh] [--out DIR] [--strict]` — the exact budget ledger, year by year.
 *
 * Prints the chosen format to stdout. With --out, also writes ledger.txt, ledger.csv,
 * ledger.json and manifest.json into DIR, all or nothing (DIR: new, empty, or a previous
 * ledger folder; see io/outputs.ts).
 * Exit 0 when the ledger is built (its checks are findings, not failures); with --strict,
 * exit 1 when any check has severity "error". Bad scenario → its issues on stderr, exit 1.
 */
import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang, say } from "../../messages/lang.js";
import { wroteLedger } from "../../messages/ledger.js";
import { cliHelp } from "../../messages/cli.js";
import { forceOption, outputAllowed, outputGuard, writeOrReport } from "../output.js";

export const LEDGER_FORMATS = ["table", "csv", "json"] as const;
export type LedgerFormat = (typeof LEDGER_FORMATS)[number];

export const ledgerCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "ledger <scenario>",
    cliHelp(helpLang).ledger,
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile })
        .options(scenarioOptions(helpLang))
        .option("format", { choices: LEDGER_FORMATS, default: "table" as const, describe: cliHelp(helpLang).ledgerFormat })
        .option("out", { type: "string", describe: cliHelp(helpLang).ledgerOut })
        .options(forceOption(helpLang))
        .option("strict", { type: "boolean", default: false, describe: cliHelp(helpLang).ledgerStrict }),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const out = argv["out"] === undefined ? undefined : String(argv["out"]);
      const guard = outputGuard(ctx, argv, [String(argv["scenario"])]);
      if (out !== undefined && !(await outputAllowed(ctx, lang, out, "ledger", guard))) return;
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const [{ ledgerFor, ledgerCsv, ledgerJson, fundsimVersion }, { ledgerText }, { writeOutputDir }] = await Promise.all([
        import("../../pipeline/ledger.js"),
        import("../../present/ledgerText.js"),
        import("../../io/outputs.js"),
      ]);
      const ledger = ledgerFor(loaded);
      const format = (argv["format"] as LedgerFormat | undefined) ?? "table";
      const text = ledgerText(ledger, lang);
      const csv = ledgerCsv(ledger, lang);
      const json = ledgerJson(ledger);
      switch (format) {
        case "table":
          ctx.stdout.write(text);
          break;
        case "csv":
          ctx.stdout.write(csv);
          break;
        case "json":
          ctx.stdout.write(json);
          break;
        default:
          format satisfies never;
      }
      if (out !== undefined) {
        const manifest = { fundsim: fundsimVersion(), created: new Date().toISOString(), scenario: { file: loaded.file, id: loaded.scenario.meta.id, hash: loaded.hash }, variant: loaded.variant ?? null, sets: loaded.sets };
        const wrote = await writeOrReport(ctx, lang, () =>
          writeOutputDir(out, "ledger", async (tmp) => {
            await writeFile(join(tmp, "ledger.txt"), text);
            await writeFile(join(tmp, "ledger.csv"), csv);
            await writeFile(join(tmp, "ledger.json"), json);
            await writeFile(join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
          }, guard),
        );
        if (!wrote) return;
        ctx.stderr.write(`${say(lang, wroteLedger(out))}\n`);
      }
      const failed = argv["strict"] === true && ledger.checks.some((c) => c.severity === "error");
      ctx.exitCode = failed ? EXIT.invalid : EXIT.ok;
    },
  );
