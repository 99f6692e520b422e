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

export interface ReportOptions extends Pick<PipelineOptions, "runs" | "seed" | "threads" | "onProgress" | "precision" | "fixedPopulation"> {
  readonly lang: Lang;
  /**
   * Add "where the uncertainty comes from" (pipeline/decompose.ts) on min(runs,
   * DECOMPOSE_RUNS) runs per step (default true).
   */
  readonly decompose?: boolean;
}

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
  return ok(assembleReport(loaded, set, base.set.ledger, compared, o.lang));
}

const joinIssues = (xs: readonly Localized[]): Localized => ({ en: xs.map((x) => x.en).join("\n"), zh: xs.map((x) => x.zh).join("\n") });
