/** `fundsim validate <files…>` — exit 0 when every file is valid, 1 otherwise. */
import { resolve } from "node:path";
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { renderIssues, fileValid, fileInvalid } from "../../messages/scenario.js";
import { isLang } from "../../messages/lang.js";
import { cliHelp } from "../../messages/cli.js";
import { allIssuesOption } from "../load.js";

export const validateCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "validate <files..>",
    cliHelp(helpLang).validate,
    (a) =>
      a
        .positional("files", { type: "string", array: true, demandOption: true, describe: cliHelp(helpLang).validateFiles })
        .option("all-issues", allIssuesOption(helpLang)),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const { loadScenario } = await import("../../pipeline/load.js");
      let bad = 0;
      for (const f of (argv["files"] as string[] | undefined) ?? []) {
        const r = await loadScenario(resolve(ctx.cwd, f));
        if (r.ok) {
          ctx.stdout.write(`${fileValid(f)[lang]}\n`);
        } else {
          bad++;
          const shown = r.error.map((i) => ({ ...i, file: f }));
          ctx.stderr.write(`${fileInvalid(f, r.error.length)[lang]}\n${renderIssues(lang, shown, argv["all-issues"] === true ? Infinity : undefined)}\n`);
        }
      }
      ctx.exitCode = bad > 0 ? EXIT.invalid : EXIT.ok;
    },
  );
