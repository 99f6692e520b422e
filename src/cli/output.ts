/**
 * Shared CLI step for outputs: the `--force` option, the guard (working folder, inputs),
 * an early check of `--out` before any long computation, and printing a write's problem.
 */
import type { CliContext } from "./context.js";
import { EXIT } from "./context.js";
import { say, type Lang } from "../messages/lang.js";
import { cliHelp } from "../messages/cli.js";
import { outputProblem } from "../messages/io.js";
import { checkOutputDir, type OutputGuard, type OutputKind, type OutputProblem } from "../io/outputs.js";
import type { Result } from "../util/result.js";

/** `--force`, described in `lang` (`describe` may be replaced, as `chart` does). */
export const forceOption = (lang: Lang) => ({ force: { type: "boolean", default: false, describe: cliHelp(lang).force } }) as const;

/** The guard of a command: its working folder, its input files and --force. */
export function outputGuard(ctx: CliContext, argv: Readonly<Record<string, unknown>>, inputs: readonly (string | undefined)[]): OutputGuard {
  return { cwd: ctx.cwd, inputs: inputs.filter((i): i is string => typeof i === "string"), force: argv["force"] === true };
}

/** Print an output problem (exit 1). */
export function reportOutputProblem(ctx: CliContext, lang: Lang, problem: OutputProblem): void {
  ctx.stderr.write(`${say(lang, outputProblem(problem))}\n`);
  ctx.exitCode = EXIT.invalid;
}

/**
 * Check `--out` before the work starts (a refusal after a long simulation wastes the
 * user's time). Returns false, with the problem printed, when the folder may not be used.
 */
export async function outputAllowed(ctx: CliContext, lang: Lang, out: string, kind: OutputKind, guard: OutputGuard): Promise<boolean> {
  const problem = await checkOutputDir(out, kind, guard);
  if (problem) reportOutputProblem(ctx, lang, problem);
  return problem === undefined;
}

/** Run a write; on a problem print it (exit 1) and return undefined. */
export async function writeOrReport<T>(ctx: CliContext, lang: Lang, write: () => Promise<Result<T, OutputProblem>>): Promise<T | undefined> {
  const r = await write();
  if (r.ok) return r.value;
  reportOutputProblem(ctx, lang, r.error);
  return undefined;
}
