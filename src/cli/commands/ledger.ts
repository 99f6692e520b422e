/**
 * `fundsim ledger <scenario> [--variant NAME] [--set path=value …] [--format table|csv|json]
 * [--lang en|zh] [--out DIR] [--strict]` — the exact budget ledger, year by year.
 *
 * Prints the chosen format to stdout. With --out, also writes ledger.txt, ledger.csv and
 * ledger.json into DIR (each file atomically; other files in DIR are left alone).
 * Exit 0 when the ledger is built (its checks are findings, not failures); with --strict,
 * exit 1 when any check has severity "error". Bad scenario → its issues on stderr, exit 1.
 */
import { join, resolve } from "node:path";
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang, say } from "../../messages/lang.js";
import { wroteLedger } from "../../messages/ledger.js";

export const LEDGER_FORMATS = ["table", "csv", "json"] as const;
export type LedgerFormat = (typeof LEDGER_FORMATS)[number];

export const ledgerCommand: CommandFactory = (y, ctx) =>
  y.command(
    "ledger <scenario>",
    "Exact budget ledger: sources and uses per year, capacities, schedules, pools, checks",
    (a) =>
      a
        .positional("scenario", { type: "string", demandOption: true, describe: "Scenario file (.yaml or .json)" })
        .options(scenarioOptions)
        .option("format", { choices: LEDGER_FORMATS, default: "table" as const, describe: "What to print: aligned table, CSV (UTF-8 with BOM) or JSON" })
        .option("out", { type: "string", describe: "Also write ledger.txt, ledger.csv and ledger.json into this folder" })
        .option("strict", { type: "boolean", default: false, describe: "Exit 1 when any check is an error (over-committed year, target missed …)" }),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const [{ buildLedger }, { ledgerText }, { ledgerCsv }, { ledgerJson }, { writeFileAtomic }] = await Promise.all([
        import("../../ledger/build.js"),
        import("../../ledger/text.js"),
        import("../../ledger/csv.js"),
        import("../../ledger/json.js"),
        import("../../io/atomic.js"),
      ]);
      const ledger = buildLedger(loaded.scenario, { years: loaded.years });
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
      const out = argv["out"] as string | undefined;
      if (out !== undefined) {
        const dir = resolve(ctx.cwd, out);
        await writeFileAtomic(join(dir, "ledger.txt"), text);
        await writeFileAtomic(join(dir, "ledger.csv"), csv);
        await writeFileAtomic(join(dir, "ledger.json"), json);
        ctx.stderr.write(`${say(lang, wroteLedger(out))}\n`);
      }
      const failed = argv["strict"] === true && ledger.checks.some((c) => c.severity === "error");
      ctx.exitCode = failed ? EXIT.invalid : EXIT.ok;
    },
  );
