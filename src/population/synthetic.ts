/**
 * Synthetic households from a scenario's population cohorts (see cohorts.ts for how
 * each attribute is drawn), deterministic from the seed.
 *
 * The population can be scaled (`households` option, or the scenario's
 * `simulation.households`) for benchmarks and scale checks: every cohort's households
 * and people are multiplied by the same factor, rounded, with the total hitting the
 * requested number exactly.
 *
 * Villages: `population.villages.count` villages (default 1); a cohort lives in its
 * `villages` first villages (default: all).
 *
 * @example
 * const r = buildPopulation(loaded.scenario, { seed: 2017 });
 * if (r.ok) r.value.count // Hanyang: 536 + 46 + 515 = 1,097 households
 */
import { scalarNumber } from "../scenario/param.js";
import type { Scenario } from "../scenario/types.js";
import type { Result } from "../util/result.js";
import { buildCohorts, type CohortSpec, type PopulationIssue } from "./cohorts.js";
import type { Cause, FlagName, Households } from "../model/households.js";
import { prepareDist } from "./sampleDist.js";

export interface PopulationOptions {
  /** Seed of the population streams (usually the simulation seed). */
  readonly seed: number;
  /** Scale the population to this many households (default: the scenario's `simulation.households`, else unscaled). */
  readonly households?: number;
}

type ScenarioCohort = Scenario["population"]["cohorts"][number];

function shares<K extends string>(rec: Partial<Record<K, Parameters<typeof scalarNumber>[0]>> | undefined): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  if (!rec) return out;
  for (const [k, v] of Object.entries(rec) as [K, Parameters<typeof scalarNumber>[0] | undefined][]) {
    if (v !== undefined) out[k] = scalarNumber(v);
  }
  return out;
}

/** Cohort specs (plain numbers) from a scenario. */
export function cohortSpecs(scenario: Scenario): CohortSpec[] {
  return scenario.population.cohorts.map((c: ScenarioCohort): CohortSpec => {
    const villages = c.villages === undefined ? undefined : scalarNumber(c.villages);
    return {
      id: c.id,
      segment: c.segment,
      households: scalarNumber(c.households),
      people: scalarNumber(c.people),
      labourShare: scalarNumber(c.labourShare),
      income: prepareDist(c.income),
      flags: shares<FlagName>(c.flags),
      causes: shares<Cause>(c.causes),
      ...(villages === undefined ? {} : { villages }),
      ...(c.registered ? {} : { registered: false }),
    };
  });
}

/** Scale cohorts so their households sum to `target` exactly (people scaled alike, never below households). */
export function scaleCohorts(specs: readonly CohortSpec[], target: number): CohortSpec[] {
  const total = specs.reduce((a, c) => a + c.households, 0);
  if (total === 0 || target === total) return [...specs];
  const f = target / total;
  let given = 0;
  return specs.map((c, i) => {
    const households = i === specs.length - 1 ? Math.max(1, target - given) : Math.max(1, Math.round(c.households * f));
    given += households;
    const people = Math.min(255 * households, Math.max(households, Math.round(c.people * f)));
    return { ...c, households, people };
  });
}

/**
 * What builds a scenario's synthetic households: cohort specs (scaled) and the village count.
 * Plain data (structured-cloneable), so a worker thread can redraw the population per run.
 */
export interface PopulationSpec {
  readonly cohorts: readonly CohortSpec[];
  readonly villages: number;
}

/** The population spec of a scenario (options as buildPopulation's; the seed is not used). */
export function populationSpec(scenario: Scenario, options: Omit<PopulationOptions, "seed"> = {}): PopulationSpec {
  let specs = cohortSpecs(scenario);
  const target = options.households ?? scenario.simulation.households;
  if (target !== undefined) specs = scaleCohorts(specs, target);
  const villages = scenario.population.villages ? scalarNumber(scenario.population.villages.count) : 1;
  return { cohorts: specs, villages };
}

/**
 * Synthetic households for a scenario: the population of the seed, or with `run` the
 * population redrawn in that run (its own addressed streams, cohorts.ts).
 */
export function buildPopulation(scenario: Scenario, options: PopulationOptions & { readonly run?: number }): Result<Households, PopulationIssue[]> {
  const spec = populationSpec(scenario, options);
  return buildCohorts(spec.cohorts, { seed: options.seed, villages: spec.villages, ...(options.run !== undefined ? { run: options.run } : {}) });
}
