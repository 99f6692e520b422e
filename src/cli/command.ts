import type { Argv } from "yargs";
import type { CliContext } from "./context.js";
import type { Lang } from "../messages/lang.js";

/**
 * A command registers itself on a yargs instance. The handler must set
 * `ctx.exitCode` and write through `ctx.stdout` / `ctx.stderr` only. `lang` is the
 * language of the help texts (the one messages will use, see `cliLang`).
 */
export type CommandFactory = (yargs: Argv, ctx: CliContext, lang: Lang) => Argv;
