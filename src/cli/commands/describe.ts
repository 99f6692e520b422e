/** `fundsim describe <scenario>` — a readable summary of a scenario (en/zh). */
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { loadForCli, scenarioArgsOf, scenarioOptions } from "../load.js";
import { isLang } from "../../messages/lang.js";
import { cliHelp } from "../../messages/cli.js";

export const describeCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "describe <scenario>",
    cliHelp(helpLang).describe,
    (a) => a.positional("scenario", { type: "string", demandOption: true, describe: cliHelp(helpLang).scenarioFile }).options(scenarioOptions(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const loaded = await loadForCli(scenarioArgsOf(argv), ctx);
      if (!loaded) return;
      const { describeText } = await import("../../present/describe.js");
      ctx.stdout.write(`${describeText(loaded, lang)}\n`);
      ctx.exitCode = EXIT.ok;
    },
  );
