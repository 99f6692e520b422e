/**
 * Shared CLI step: load a scenario (with variant and --set overlays) or print its issues.
 */
import { resolve } from "node:path";
import type { LoadedScenario } from "../scenario/index.js";
import { renderIssues } from "../messages/scenario.js";
import { isLang, type Lang } from "../messages/lang.js";
import type { CliContext } from "./context.js";
import { EXIT } from "./context.js";

export interface ScenarioArgs {
  readonly scenario: string;
  readonly variant?: string | undefined;
  readonly set?: readonly string[] | undefined;
  readonly lang: Lang;
}

/** Load or report: returns undefined (and sets exit code 1) when the scenario is invalid. */
export async function loadForCli(args: ScenarioArgs, ctx: CliContext): Promise<LoadedScenario | undefined> {
  const { loadScenario } = await import("../scenario/index.js");
  const file = resolve(ctx.cwd, args.scenario);
  const r = await loadScenario(file, { variant: args.variant, sets: args.set ?? [] });
  if (!r.ok) {
    const shown = r.error.map((i) => (i.file === file ? { ...i, file: args.scenario } : i));
    ctx.stderr.write(`${renderIssues(args.lang, shown)}\n`);
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
  };
}

/** yargs options shared by commands that take a scenario. */
export const scenarioOptions = {
  variant: { type: "string", describe: "Apply a variant defined in the scenario (variants[].id)" },
  set: { type: "string", array: true, describe: "Override a value: path=value (repeatable), e.g. creditPools.pool.leverage=8" },
} as const;
