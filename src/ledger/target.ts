/**
 * The per-person investment target and the gap shared by weights (Jiangmen: ≥ 20,000 ×
 * 16,659 people = 333,180,000; the city poverty fund provides 241,000,000; the remaining
 * 92,180,000 is raised by the city and its districts in proportion to their weights).
 *
 * 1. required = amountPerPerson × people;
 * 2. fund = what the source named `fund` provides over the horizon;
 * 3. gap = max(0, required − fund);
 * 4. the gap is split among the `gapShare` sources in proportion to their weights, to the
 *    fen, by the largest-remainder rule (money.ts `splitByWeights`, ties by source id);
 * 5. each source's part is spread over the years by `phasing` (the years it names, normalised
 *    to sum to 1; undated: every year alike) or evenly, again by largest remainder (ties:
 *    earlier year first), so every part and every year adds up exactly.
 *
 * @example
 * const t = planTarget(s, years, fundAmounts); // t.gap = 92180000, t.shares[i].amount …
 */
import type { Decimal } from "decimal.js";
import type { Scenario } from "../scenario/types.js";
import { splitByWeights, sumOf, yuan, ZERO } from "../model/money.js";
import { scalar } from "../scenario/param.js";
import type { SourceSpec } from "./sources.js";

export interface TargetPlan {
  readonly amountPerPerson: Decimal;
  readonly people: Decimal;
  readonly required: Decimal;
  readonly fundSource: string;
  readonly fundAmount: Decimal;
  readonly gap: Decimal;
  readonly phasing: readonly Decimal[];
  /** True when phasing was given but names no positive weight (the gap is then spread evenly). */
  readonly phasingEmpty: boolean;
  readonly shares: readonly { readonly source: string; readonly weight: Decimal; readonly amount: Decimal; readonly byYear: readonly Decimal[] }[];
}

/** Year weights from `phasing` (given years only), or even (all 1). */
function phasingWeights(t: NonNullable<Scenario["funding"]["perPersonTarget"]>, years: readonly number[]): { w: Decimal[]; empty: boolean } {
  const even = years.map(() => yuan(1));
  if (t.phasing === undefined) return { w: even, empty: false };
  const phasing = t.phasing;
  const raw = years.map((_, i) => (phasing.given[i] === true ? yuan(phasing.values[i]!) : ZERO));
  if (sumOf(raw).isZero()) return { w: even, empty: true };
  return { w: raw, empty: false };
}

/**
 * Work out the target, its gap and each gapShare source's part by year. `fundByYear` are
 * the yearly amounts of the named fund source. Returns undefined without a target.
 */
export function planTarget(
  s: Scenario,
  years: readonly number[],
  fundByYear: readonly Decimal[],
): TargetPlan | undefined {
  const t = s.funding.perPersonTarget;
  if (t === undefined) return undefined;
  const amountPerPerson = yuan(scalar(t.amountPerPerson));
  const people = yuan(scalar(t.people));
  const required = amountPerPerson.times(people);
  const fundAmount = sumOf(fundByYear);
  const gapRaw = required.minus(fundAmount);
  const gap = gapRaw.gt(0) ? gapRaw : ZERO;
  const { w: yearWeights, empty } = phasingWeights(t, years);
  const weightSum = sumOf(yearWeights);
  const phasing = yearWeights.map((x) => x.div(weightSum));
  const sharers = s.funding.sources.filter((x: SourceSpec) => x.rule.kind === "gapShare");
  const weights = sharers.map((x) => ({ key: x.id, weight: x.rule.kind === "gapShare" ? yuan(scalar(x.rule.weight)) : ZERO }));
  const parts = splitByWeights(gap, weights);
  const yearKeys = years.map((y, i) => ({ key: String(y), weight: yearWeights[i]! }));
  const shares = sharers.map((x, i) => {
    const amount = parts[i]!;
    return { source: x.id, weight: weights[i]!.weight, amount, byYear: splitByWeights(amount, yearKeys) };
  });
  return { amountPerPerson, people, required, fundSource: t.fund, fundAmount, gap, phasing, phasingEmpty: empty, shares };
}
