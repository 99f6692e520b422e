/**
 * CLI factory: builds a yargs program bound to a context, so tests run it in-process and
 * assert stdout, stderr and the exit code.
 */
import yargs from "yargs";
import type { Argv } from "yargs";
import { LANGS } from "../messages/lang.js";
import type { CliContext } from "./context.js";
import { commands } from "./commands/index.js";

/** A usage mistake (unknown option, missing argument): exit code 2, no stack trace. */
export class UsageError extends Error {}

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
    .demandCommand(1, "No command given.")
    .recommendCommands()
    .help()
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, error) => {
      if (error && !msg) throw error;
      throw new UsageError(msg ?? error?.message ?? "usage error");
    });
  for (const register of commands) y = register(y, ctx);
  return y;
}
