/**
 * The plan's targets as summaries need them: cumulative from the start of the horizon,
 * per horizon year, null in years the plan sets no target.
 *
 * Scenario targets are increments per year (`targets.exits: {2017: 800, 2018: 900}`):
 * the cumulative target of a year is the sum of the increments of the years given up to
 * it, and is checked only in the years given.
 *
 * @example
 * targetsFromScenario(s, [2017, 2018, 2019]) // { exits: [800, 1700, null] } for the example above
 */
import { givenIn, atNumber, type Param } from "../scenario/index.js";
import type { Scenario } from "../scenario/types.js";
import type { Targets } from "./summarize.js";

function cumulative(p: Param | undefined, years: readonly number[]): (number | null)[] | undefined {
  if (!p) return undefined;
  let sum = 0;
  return years.map((y) => {
    if (!givenIn(p, y, years)) return null;
    sum += atNumber(p, y, years);
    return sum;
  });
}

/** Cumulative exit and village targets by horizon year. */
export function targetsFromScenario(scenario: Scenario, years: readonly number[]): Targets {
  const exits = cumulative(scenario.targets.exits, years);
  const villages = cumulative(scenario.targets.villages, years);
  return { ...(exits ? { exits } : {}), ...(villages ? { villages } : {}) };
}
