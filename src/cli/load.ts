/**
 * Shared CLI step: load a scenario (with variant and --set overlays) or print its issues.
 */
import { resolve } from "node:path";
import type { LoadedScenario } from "../scenario/types.js";
import { renderIssues } from "../messages/scenario.js";
import { isLang, type Lang } from "../messages/lang.js";
import { cliHelp } from "../messages/cli.js";
import type { CliContext } from "./context.js";
import { EXIT } from "./context.js";

export interface ScenarioArgs {
  readonly scenario: string;
  readonly variant?: string | undefined;
  readonly set?: readonly string[] | undefined;
  readonly lang: Lang;
  /** List every issue (--all-issues), not only the first screen. */
  readonly allIssues?: boolean | undefined;
}

/** Load or report: returns undefined (and sets exit code 1) when the scenario is invalid. */
export async function loadForCli(args: ScenarioArgs, ctx: CliContext): Promise<LoadedScenario | undefined> {
  const { loadScenario, isVariantFile } = await import("../pipeline/load.js");
  const file = resolve(ctx.cwd, args.scenario);
  // A variant file (fundsim calibrate writes one) is read relative to the working directory, as the scenario.
  const variant = args.variant !== undefined && isVariantFile(args.variant) ? resolve(ctx.cwd, args.variant) : args.variant;
  const r = await loadScenario(file, { variant, sets: args.set ?? [] });
  if (!r.ok) {
    const shown = r.error.map((i) => (i.file === file ? { ...i, file: args.scenario } : i));
    ctx.stderr.write(`${renderIssues(args.lang, shown, args.allIssues === true ? Infinity : undefined)}\n`);
    ctx.exitCode = EXIT.invalid;
    return undefined;
  }
  return { ...r.value, file: args.scenario };
}

/** The scenario arguments of a parsed command line (positional `scenario`, --variant, --set, --lang). */
export function scenarioArgsOf(argv: Readonly<Record<string, unknown>>): ScenarioArgs {
  const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
  const variant = argv["variant"];
  const set = argv["set"];
  return {
    scenario: String(argv["scenario"]),
    variant: typeof variant === "string" ? variant : undefined,
    set: Array.isArray(set) ? set.map(String) : undefined,
    lang,
    allIssues: argv["all-issues"] === true,
  };
}

/** yargs options shared by commands that take a scenario, described in `lang`. */
export const scenarioOptions = (lang: Lang) =>
  ({
    variant: { type: "string", describe: cliHelp(lang).variant },
    set: { type: "string", array: true, describe: cliHelp(lang).set },
    "all-issues": allIssuesOption(lang),
  }) as const;

/** --all-issues: list every problem instead of the first screen. */
export const allIssuesOption = (lang: Lang) => ({ type: "boolean", default: false, describe: cliHelp(lang).allIssues }) as const;
