/** `fundsim describe <scenario>` — a readable summary of a scenario (en/zh). */
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang } from "../../messages/lang.js";

export const describeCommand: CommandFactory = (y, ctx) =>
  y.command(
    "describe <scenario>",
    "Summarise a scenario: population, money, programmes, credit pools, targets",
    (a) => a.positional("scenario", { type: "string", demandOption: true }).options(scenarioOptions),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const { describeText } = await import("../../messages/describe.js");
      ctx.stdout.write(`${describeText(loaded, lang)}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );
