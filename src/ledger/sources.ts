/**
 * Funding sources: yearly amounts from each rule (except `gapShare`, which depends on the
 * per-person target and is filled in by target.ts).
 *
 * | rule          | amount in year y                                             |
 * |---------------|--------------------------------------------------------------|
 * | fixed         | amount (flow: dated → the years named only)                   |
 * | transfer      | amount (flow), from a higher level                           |
 * | revenueShare  | share(y) × max(0, revenueIncrease(y)) (revenueIncrease: flow) |
 * | perUnit       | units(y) × amountPerUnit(y) (amountPerUnit: flow, units: level) |
 * | gapShare      | its part of the per-person target gap (target.ts)            |
 *
 * @example
 * ruleAmounts({ kind: "perUnit", units: 66, amountPerUnit: 30000 }, years) // 1,980,000 a year
 */
import type { Decimal } from "decimal.js";
import type { Scenario } from "../scenario/types.js";
import { flow, level, zeros } from "./yearly.js";
import { positivePart } from "../model/money.js";

export type SourceSpec = Scenario["funding"]["sources"][number];
export type RuleSpec = SourceSpec["rule"];

/** Yearly amounts of a rule; `gapShare` gives zeros here (its amounts come from the target). */
export function ruleAmounts(rule: RuleSpec, years: readonly number[]): Decimal[] {
  switch (rule.kind) {
    case "fixed":
    case "transfer":
      return flow(rule.amount, years);
    case "revenueShare": {
      const share = level(rule.share, years);
      return flow(rule.revenueIncrease, years).map((inc, i) => share[i]!.times(positivePart(inc)));
    }
    case "perUnit": {
      const units = level(rule.units, years);
      return flow(rule.amountPerUnit, years).map((a, i) => units[i]!.times(a));
    }
    case "gapShare":
      return zeros(years);
    default:
      return rule satisfies never;
  }
}

/** Years in which a revenue-share rule sees no increase (a zero or negative revenueIncrease). */
export function yearsWithoutIncrease(rule: RuleSpec, years: readonly number[]): number[] {
  if (rule.kind !== "revenueShare") return [];
  const inc = flow(rule.revenueIncrease, years);
  return years.filter((_, i) => rule.revenueIncrease.given[i] === true && !inc[i]!.gt(0));
}
