/**
 * CLI factory: builds a yargs program bound to a context, so tests run it in-process and
 * assert stdout, stderr and the exit code.
 */
import yargs from "yargs";
import type { Argv } from "yargs";
import { LANGS } from "../messages/lang.js";
import type { CliContext } from "./context.js";
import { EXIT } from "./context.js";
import { commands } from "./commands/index.js";

export function buildCli(argv: readonly string[], ctx: CliContext): Argv {
  let y: Argv = yargs([...argv])
    .scriptName("fundsim")
    .usage("fundsim <command> [options]\n\nTest poverty-alleviation budgets before committing money.")
    .option("lang", {
      choices: LANGS,
      default: "en" as const,
      describe: "Language of messages and outputs (en | zh)",
      global: true,
    })
    .strict()
    .demandCommand(1, "Give a command (see the list above).")
    .recommendCommands()
    .help()
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, error) => {
      if (error) throw error;
      ctx.stderr.write(`${msg}\n\nRun \`fundsim --help\` for usage.\n`);
      ctx.exitCode = EXIT.usage;
    });
  for (const register of commands) y = register(y, ctx);
  return y;
}
