/**
 * Everything a report needs, as data: the baseline and each variant simulated with common
 * random numbers (pipeline/compare.ts: the ledger is built once per variant, inside the
 * simulation, and the paired differences are computed once), then assembled by
 * report/assemble.ts into facts, charts, tables, checks and the manifest.
 *
 * @example
 * const loaded = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
 * const r = await reportInputFor(loaded, { lang: "zh", runs: 500 });
 * if (r.ok) await writeReport("out/linghai", r.value);
 */
import type { Lang, Localized } from "../messages/lang.js";
import { populationIssue } from "../messages/population.js";
import { assembleReport } from "../report/assemble.js";
import type { ReportInput } from "../report/types.js";
import { BASELINE_ID } from "../report/variants.js";
import type { LoadedScenario } from "../scenario/types.js";
import { err, ok, type Result } from "../util/result.js";
import { compareVariants, type LoadedVariant } from "./compare.js";
import { DECOMPOSE_RUNS, decomposeUncertainty } from "./decompose.js";
import type { PipelineOptions } from "./simulate.js";
import { runSensitivity, type StudyMethod } from "./sensitivity.js";
import { optimiseAllocation } from "./optimise.js";
import { whatMattersBlocks } from "../report/whatMatters.js";
import type { Block } from "../render/html.js";
import { say } from "../messages/lang.js";
import { labelText } from "../messages/label.js";
import { whatMattersFailed } from "../messages/report.js";
import { sensitivityIssue } from "../messages/sensitivity.js";
import { optimiseIssue } from "../messages/optimise.js";

export interface ReportOptions extends Pick<PipelineOptions, "runs" | "seed" | "threads" | "onProgress" | "precision" | "fixedPopulation"> {
  readonly lang: Lang;
  /**
   * Add "where the uncertainty comes from" (pipeline/decompose.ts) on min(runs,
   * DECOMPOSE_RUNS) runs per step (default true).
   */
  readonly decompose?: boolean;
  /**
   * Add "What matters and what to change": a sensitivity study by this method (default
   * parameters, people out in the last year) and an optimisation of the split (default
   * objective), on min(runs, WHAT_MATTERS_RUNS) runs per point.
   */
  readonly whatMatters?: StudyMethod;
}

/** Runs per point of the report's sensitivity study and optimisation, at most. */
export const WHAT_MATTERS_RUNS = 100;

/** Simulate the baseline and the variants and assemble the report input. Errors: a population cannot be built (text in both languages). */
export async function reportInputFor(loaded: LoadedScenario, o: ReportOptions, variants: readonly LoadedVariant[] = []): Promise<Result<ReportInput, Localized>> {
  const onProgress = o.onProgress;
  const c = await compareVariants([{ name: loaded.variant ?? BASELINE_ID, loaded }, ...variants], {
    ...(o.runs !== undefined ? { runs: o.runs } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
    ...(o.precision ? { precision: o.precision } : {}),
    ...(o.fixedPopulation ? { fixedPopulation: true } : {}),
    ...(onProgress ? { onProgress: (_: string, done: number, planned: number) => onProgress(done, planned) } : {}),
  });
  if (!c.ok) return err(joinIssues(c.error.map(populationIssue)));
  const [base, ...rest] = c.value.variants;
  if (!base) throw new Error("compareVariants returned no baseline"); // a bug: one variant was given
  const compared = rest.map((v, i) => {
    const d = c.value.differences[i];
    if (!d || d.b !== v.name) throw new Error(`paired differences out of order at ${v.name}`); // a bug
    return { name: v.name, set: v.set, paired: d.paired };
  });
  let set = base.set;
  if (o.decompose !== false) {
    const d = await decomposeUncertainty(loaded, {
      runs: Math.min(set.results.runs, DECOMPOSE_RUNS),
      seed: set.manifest.seed,
      simulated: { results: set.results, populationRedrawn: set.manifest.uncertainty?.populationRedrawn === true },
      ...(o.threads !== undefined ? { threads: o.threads } : {}),
    });
    if (!d.ok) return err(joinIssues(d.error.map(populationIssue)));
    set = { ...set, decomposition: d.value };
  }
  const input = assembleReport(loaded, set, base.set.ledger, compared, o.lang);
  if (o.whatMatters === undefined) return ok(input);
  return ok({ ...input, whatMatters: await whatMattersSection(loaded, o, o.whatMatters, Math.min(set.results.runs, WHAT_MATTERS_RUNS), set.manifest.seed) });
}

/** The sensitivity study and the optimisation of the report's "What matters" section, as blocks in the report's language. */
async function whatMattersSection(loaded: LoadedScenario, o: ReportOptions, method: StudyMethod, runs: number, seed: number): Promise<Block[]> {
  const lang = o.lang;
  const threads = o.threads !== undefined ? { threads: o.threads } : {};
  const problems: string[] = [];
  const study = await runSensitivity(loaded, { method, runs, seed, ...threads });
  if (!study.ok) {
    const why = study.error.kind === "population" ? study.error.issues.map((i) => say(lang, populationIssue(i))) : study.error.issues.map((i) => say(lang, sensitivityIssue(i)));
    problems.push(say(lang, whatMattersFailed("sensitivity", why.join(" "))));
  }
  const optimised = await optimiseAllocation(loaded, { runs, seed, ...threads });
  if (!optimised.ok) {
    const why = optimised.error.kind === "population" ? optimised.error.issues.map((i) => say(lang, populationIssue(i))) : optimised.error.issues.map((i) => say(lang, optimiseIssue(i)));
    problems.push(say(lang, whatMattersFailed("optimise", why.join(" "))));
  }
  const name = labelText(loaded.scenario.meta.name, lang, loaded.scenario.meta.id);
  const label = (id: string): string => labelText(loaded.scenario.programmes.find((p) => p.id === id)?.label, lang, id);
  return whatMattersBlocks({ ...(study.ok ? { study: study.value } : {}), ...(optimised.ok ? { optimisation: optimised.value } : {}), problems }, lang, name, label);
}

const joinIssues = (xs: readonly Localized[]): Localized => ({ en: xs.map((x) => x.en).join("\n"), zh: xs.map((x) => x.zh).join("\n") });
