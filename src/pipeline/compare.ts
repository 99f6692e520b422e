/**
 * Variants compared with common random numbers: each variant is simulated with the same
 * seed and runs (run r of every variant sees the same shocks), then the paired
 * differences of every later variant against the first are computed — once, here.
 * What `fundsim compare` runs, and what the report runs for its variants.
 *
 * @example
 * const base = unwrap(await loadScenario("scenarios/linghai-2017.yaml"));
 * const full = unwrap(await loadScenario("scenarios/linghai-2017.yaml", { variant: "full-capacity" }));
 * const c = unwrap(await compareVariants([{ name: "baseline", loaded: base }, { name: "full-capacity", loaded: full }], { runs: 500 }));
 * c.differences[0]?.paired.metrics["exitedPeople"]?.horizon // mean, lo, hi of full-capacity − baseline
 */
import type { PopulationIssue } from "../population/cohorts.js";
import { pairedDifferences, type PairedDifferences } from "../results/paired.js";
import { targetsFromScenario } from "../results/targets.js";
import type { LoadedScenario } from "../scenario/types.js";
import { err, ok, type Result } from "../util/result.js";
import { simulateScenario, type PipelineOptions, type Simulation } from "./simulate.js";

export { writeComparison, variantFolder } from "../results/write.js";

/** A variant to simulate, already loaded (the same file with its overlay applied). */
export interface LoadedVariant {
  readonly name: string;
  readonly loaded: LoadedScenario;
}

export interface CompareOptions extends Omit<PipelineOptions, "onProgress"> {
  /** Progress of one variant: runs done of runs planned. */
  readonly onProgress?: (variant: string, done: number, planned: number) => void;
  /** Called when a variant's simulation has ended (successfully or not). */
  readonly onVariantDone?: (variant: string) => void;
}

/** Every variant's simulation, in the order given, and each later one's differences from the first. */
export interface Compared {
  readonly variants: readonly { readonly name: string; readonly set: Simulation }[];
  /** b − a for a = the first variant and b = each later one. */
  readonly differences: readonly { readonly a: string; readonly b: string; readonly paired: PairedDifferences }[];
  readonly seed: number;
  readonly runs: number;
}

/**
 * Simulate `variants` with common random numbers and pair each later one with the first.
 * Seed and runs default to the first variant's scenario. Errors: a population cannot be built.
 */
export async function compareVariants(variants: readonly LoadedVariant[], o: CompareOptions = {}): Promise<Result<Compared, PopulationIssue[]>> {
  const first = variants[0];
  if (!first) return ok({ variants: [], differences: [], seed: o.seed ?? 0, runs: o.runs ?? 0 });
  const seed = o.seed ?? first.loaded.scenario.simulation.seed;
  const runs = o.runs ?? first.loaded.scenario.simulation.runs;
  const sets: { name: string; set: Simulation }[] = [];
  // With `precision` the first variant runs until precise enough; the others run as many runs (paired).
  let runsNow = runs;
  for (const [i, v] of variants.entries()) {
    const onProgress = o.onProgress;
    const r = await simulateScenario(v.loaded, {
      runs: runsNow,
      ...(i === 0 && o.precision ? { precision: o.precision } : {}),
      seed,
      ...(o.threads !== undefined ? { threads: o.threads } : {}),
      ...(o.register ? { register: o.register } : {}),
      ...(o.fixedPopulation ? { fixedPopulation: true } : {}),
      ...(onProgress ? { onProgress: (done: number, planned: number) => onProgress(v.name, done, planned) } : {}),
    }).finally(() => o.onVariantDone?.(v.name));
    if (!r.ok) return err(r.error);
    sets.push({ name: v.name, set: r.value });
    runsNow = r.value.results.runs;
  }
  const [ref, ...rest] = sets;
  if (!ref) return ok({ variants: sets, differences: [], seed, runs });
  const targets = targetsFromScenario(first.loaded.scenario, first.loaded.years);
  const differences = rest.map((v) => ({ a: ref.name, b: v.name, paired: pairedDifferences(ref.set.results, v.set.results, { targets }) }));
  return ok({ variants: sets, differences, seed, runs: runsNow });
}
