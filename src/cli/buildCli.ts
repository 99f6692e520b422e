/**
 * CLI factory: builds a yargs program bound to a context, so tests run it in-process and
 * assert stdout, stderr and the exit code.
 */
import yargs from "yargs";
import type { Argv } from "yargs";
import { LANGS, isLang, type Lang } from "../messages/lang.js";
import { cliHelp, usageLine, YARGS_ZH } from "../messages/cli.js";
import type { CliContext } from "./context.js";
import { commands } from "./commands/index.js";

/** A usage mistake (unknown option, missing argument): exit code 2, no stack trace. */
export class UsageError extends Error {}

/**
 * The language of a command line: the last valid `--lang`, else the environment's
 * (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them) when it starts with `zh`,
 * else English.
 *
 * @example
 * cliLang(["describe", "s.yaml"], { LANG: "zh_CN.UTF-8" }) // "zh"
 */
export function cliLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Lang {
  let given: Lang | undefined;
  argv.forEach((a, i) => {
    const v = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice("--lang=".length) : undefined;
    if (isLang(v)) given = v;
  });
  if (given !== undefined) return given;
  const locale = env["LC_ALL"] || env["LC_MESSAGES"] || env["LANG"] || "";
  return /^zh/i.test(locale) ? "zh" : "en";
}

export function buildCli(argv: readonly string[], ctx: CliContext): Argv {
  const lang = cliLang(argv, ctx.env);
  const h = cliHelp(lang);
  let y: Argv = yargs([...argv])
    .scriptName("fundsim")
    .locale(lang === "zh" ? "zh_CN" : "en");
  // yargs' own words (Options:, [required], usage errors) in the same language as ours.
  if (lang === "zh") y = y.updateStrings(YARGS_ZH as Record<string, string>);
  y = y
    .usage(usageLine()[lang])
    .option("lang", {
      choices: LANGS,
      default: lang,
      describe: h.lang,
      global: true,
    })
    .strict()
    .demandCommand(1, h.noCommand)
    .recommendCommands()
    .help()
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, error) => {
      if (error && !msg) throw error;
      throw new UsageError(msg ?? error?.message ?? "usage error");
    });
  for (const register of commands) y = register(y, ctx, lang);
  return y;
}
