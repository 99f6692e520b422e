import type { Argv } from "yargs";
import type { CliContext } from "./context.js";

/**
 * A command registers itself on a yargs instance. The handler must set
 * `ctx.exitCode` and write through `ctx.stdout` / `ctx.stderr` only.
 */
export type CommandFactory = (yargs: Argv, ctx: CliContext) => Argv;
