/**
 * `fundsim optimise` composed: which split of the money of a plan's spending lines gets the
 * most people out of poverty, or meets every target most often?
 *
 * 1. Lines moved: programmes with an allocation — or one-off unit costs × planned units, no
 *    schedules — and a household mechanism (effect, cash, village effect, a required
 *    guarantee), or the ones named. The decision is one share per
 *    line of each year's money of the lines moved: every year's total stays as the plan has
 *    it (sources = uses holds as it did), each line gets its share of it — split exactly to
 *    the fen by the largest-remainder rule (model/money.ts splitByWeights).
 * 2. A candidate is the scenario with those lines' allocations replaced (a dated literal,
 *    with an assumption saying where it came from), validated as any variant is; a split
 *    whose ledger has an error the plan does not have is infeasible.
 * 3. Search: CMA-ES over the splits (optimise/search.ts) on common random numbers — every
 *    candidate simulated with the same seed and runs, the population redrawn per run as
 *    `simulate` does — maximising the objective:
 *      p-all-targets  P(every target of every year met) + ½·(mean progress)/runs, the
 *                     progress towards the targets (results/summarize.ts targetProgress)
 *                     breaking ties between splits with the same count of runs meeting them;
 *      people-out     mean people out of poverty (exited, not relapsed) in the last year.
 * 4. Selection: the search's best value is biased up by the noise it selected on, so the
 *    best few splits and the plan are re-tested on fresh runs; the best of the re-test is
 *    then compared with the plan on a third set of runs, paired run by run: the difference
 *    with its standard error and interval is an unbiased estimate of what the change buys.
 *
 * @example
 * const loaded = unwrap(await loadScenario("scenarios/jiangmen-2016.yaml"));
 * const r = await optimiseAllocation(loaded, { objective: "people-out", runs: 40 });
 * if (r.ok) r.value.confirm.difference; // { mean, se, lo, hi, … } optimised − plan
 */
import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import { stringify } from "yaml";
import type { Decimal } from "decimal.js";
import { buildLedger } from "../ledger/build.js";
import type { Ledger } from "../ledger/types.js";
import { engineModelFromScenario } from "../engine/fromScenario.js";
import { hasHouseholdMechanism } from "../engine/model.js";
import { simulateModel } from "../engine/simulate.js";
import { defaultThreads } from "../engine/workers.js";
import type { Households } from "../model/households.js";
import { splitByWeights, sumOf, yuan, ZERO } from "../model/money.js";
import { TARGET_MEASURE, type RunResults } from "../model/results.js";
import { buildPopulation, populationSpec } from "../population/synthetic.js";
import { yearColumn } from "../results/columns.js";
import { meanSd, probability, wilsonInterval, Z90 } from "../results/stats.js";
import { pairedStat } from "../results/paired.js";
import { fundsimVersion } from "../results/manifest.js";
import { overallTargetHits, targetProgress, type Targets } from "../results/summarize.js";
import { targetsFromScenario } from "../results/targets.js";
import { scenarioFromObject } from "../scenario/load.js";
import { applyOverlay } from "../scenario/overlays.js";
import type { LoadedScenario, Scenario } from "../scenario/types.js";
import type { Issue } from "../scenario/issues.js";
import { searchSplits } from "../optimise/search.js";
import { RETEST, type AllocationScore, type FrontierPoint, type MinCostPoint, type NotMovable, type Optimisation, type OptimisedLine, type OptimiseFailure, type OptimiseObjective, type OptimiseSetupIssue, type PairedDifference } from "../optimise/types.js";
export * from "../optimise/types.js";
import { csvText } from "../io/csv.js";
import { writeOutputDir, type OutputGuard, type OutputProblem } from "../io/outputs.js";
import { err, ok, type Result } from "../util/result.js";
import { labelOf, named } from "../messages/label.js";
import { optimiseCharts } from "../charts/optimise.js";
import { chartFiles } from "../render/formats.js";

export const OPTIMISATION_JSON = "optimisation.json";
export const ALLOCATIONS_CSV = "allocations.csv";
export const EVALUATIONS_CSV = "evaluations.csv";
export const OPTIMISED_VARIANT = "optimised.yaml";
export const FRONTIER_CSV = "frontier.csv";
export const OPTIMISATION_MANIFEST = "manifest.json";

/** Default runs per evaluated split. */
export const OPTIMISE_RUNS = 100;
/** Household-years per evaluation from which the default is to use every core. */
const PARALLEL_HOUSEHOLD_YEARS = 2_000_000;
/** Default probability of meeting every target for --objective min-cost. */
export const MIN_COST_PROBABILITY = 0.8;
/** The largest multiple of the plan's money a frontier or min-cost search considers. */
export const MAX_SCALE = 4;
/** Bisection steps of the min-cost search (the scale to 1/2⁷ of its bracket). */
const MIN_COST_STEPS = 7;
/** Value of an infeasible split (finite, so the search ranks it last without NaN). */
const INFEASIBLE = -1e12;

export interface OptimiseOptions {
  /** Default: p-all-targets when the plan sets targets, else people-out. */
  readonly objective?: OptimiseObjective;
  /** Programme ids to move (default: every programme with an allocation and a household mechanism). */
  readonly lines?: readonly string[];
  /** Bounds on a line's share of each year's money of the lines moved (default 0–1). */
  readonly bounds?: readonly { readonly id: string; readonly min: number; readonly max: number }[];
  /** Runs per evaluated split (default OPTIMISE_RUNS). */
  readonly runs?: number;
  /** Default: the scenario's seed. */
  readonly seed?: number;
  /** Worker threads per evaluation (results do not depend on it). */
  readonly threads?: number;
  /** Evaluations of the search (default 30 per line, at least 60). */
  readonly maxEvaluations?: number;
  /**
   * Budget scales for the frontier (e.g. [0.5, 0.75, 1, 1.25, 1.5]): the money of the lines
   * moved times each, split as the plan and as the optimised split, simulated on the
   * comparison's runs. More than the plan's money comes from an added source
   * (`fundsim-frontier`), so the ledger still balances.
   */
  readonly frontier?: readonly number[];
  /** For min-cost: the probability of meeting every target to reach (default 0.8). */
  readonly probability?: number;
  /** After each evaluation: done, planned, best search value so far. */
  readonly onProgress?: (done: number, planned: number, best: number) => void;
}

const setup = (...issues: OptimiseSetupIssue[]): Result<never, OptimiseFailure> => err({ kind: "setup", issues });

/** The programmes whose money can be moved, and why the others cannot. */
export function movableLines(s: Scenario, ledger: Ledger, households: Households): { movable: string[]; fixed: { id: string; reason: NotMovable }[] } {
  const model = engineModelFromScenario(s, ledger, households);
  const drawn = new Set(s.unknowns.map((u) => u.parameter));
  const movable: string[] = [];
  const fixed: { id: string; reason: NotMovable }[] = [];
  for (const p of s.programmes) {
    const m = model.programmes.find((x) => x.id === p.id);
    const money = ledger.programmes.find((x) => x.id === p.id)?.byYear.some((y) => !y.allocation.isZero()) ?? false;
    let reason: NotMovable | undefined;
    if (p.kind === "floor") reason = "floor";
    else if (p.allocation === undefined && !oneOffUnits(p)) reason = "noAllocation";
    else if ([...drawn].some((d) => d === `programmes.${p.id}.allocation` || d.startsWith(`programmes.${p.id}.allocation.`))) reason = "drawn";
    else if (!m || !hasHouseholdMechanism(m, model.guarantees)) reason = "noMechanism";
    if (reason === undefined) movable.push(p.id);
    else if (money || p.allocation !== undefined) fixed.push({ id: p.id, reason });
  }
  return { movable, fixed };
}

/**
 * A line whose money is unit cost × planned units, paid once per unit served, with no
 * schedules: its money can be set as an allocation (units served = allocation ÷ unit cost,
 * as for any allocation). Lines paid every year or with payment schedules cannot: their
 * money follows from cohorts the allocation would not move.
 */
function oneOffUnits(p: Scenario["programmes"][number]): boolean {
  return p.unitCost !== undefined && p.units !== undefined && p.unitCost.recurringYears === undefined && (p.schedules?.length ?? 0) === 0 && p.enrolment !== "yearly";
}

/** Each line's money of every year when the yearly totals are split by `shares` (exact to the fen, Σ = the total). */
export function splitTotals(totals: readonly Decimal[], shares: readonly number[]): Decimal[][] {
  const parts = totals.map((t) => splitByWeights(t, shares.map((w, i) => ({ key: String(i), weight: yuan(Math.max(0, w)) }))));
  return shares.map((_, i) => parts.map((p) => p[i] ?? ZERO));
}

/** The raw scenario with the lines' allocations replaced by the dated amounts given. */
function withAllocations(raw: unknown, years: readonly number[], ids: readonly string[], amounts: readonly (readonly Decimal[])[], assumption: (i: number) => string): Result<unknown, Issue> {
  let data = raw;
  for (const [i, id] of ids.entries()) {
    const value = Object.fromEntries(years.map((y, k) => [String(y), (amounts[i]?.[k] ?? ZERO).toNumber()]));
    const r = applyOverlay(data, `programmes.${id}.allocation`, { value, assumption: assumption(i) }, "fundsim optimise");
    if (!r.ok) return r;
    data = r.value;
  }
  return ok(data);
}

/** Error findings of a ledger, as keys (code, year, programme, source, pool). */
const errorKeys = (l: Ledger): Set<string> => new Set(l.checks.filter((c) => c.severity === "error").map((c) => [c.code, c.year, c.programme, c.source, c.pool].join("|")));

const meanOf = (x: ArrayLike<number>): number => meanSd(x).mean;

/** Per run: the measure an objective compares (0/1 all targets met, or people out in the last year). */
function perRun(r: RunResults, objective: OptimiseObjective, targets: Targets): Float64Array {
  if (objective === "p-all-targets") return Float64Array.from(overallTargetHits(r, targets) ?? new Float64Array(r.runs));
  return Float64Array.from(yearColumn(r, TARGET_MEASURE, r.years.length - 1) ?? new Float64Array(r.runs)).map((x) => (Number.isNaN(x) ? 0 : x));
}

/** The search's value of run results: the objective, with the graded tie-break for p-all-targets. */
function searchValue(r: RunResults, objective: OptimiseObjective, targets: Targets): number {
  const m = meanOf(perRun(r, objective, targets));
  if (objective !== "p-all-targets") return m;
  // Progress ∈ [0, 1] per run, weighted below one run's worth of probability: it orders splits with the same P only.
  const progress = targetProgress(r, targets);
  return m + (progress ? (0.5 * meanOf(progress)) / r.runs : 0);
}

function score(r: RunResults, targets: Targets, hasTargets: boolean): AllocationScore {
  const out = meanSd(perRun(r, "people-out", targets));
  let pAll: AllocationScore["pAll"] = null;
  if (hasTargets) {
    const { p, se, n } = probability(perRun(r, "p-all-targets", targets));
    pAll = { p, se, ...wilsonInterval(Math.round(p * n), n, Z90) };
  }
  return { pAll, peopleOut: { mean: out.mean, se: r.runs > 0 ? out.sd / Math.sqrt(r.runs) : Number.NaN } };
}

/** `a` − `b` run by run: the paired mean with its t interval at 90% (results/paired.ts), and the runs better, worse, the same. */
function paired(a: Float64Array, b: Float64Array): PairedDifference {
  const st = pairedStat(b, a, 0.9);
  let better = 0;
  let worse = 0;
  a.forEach((x, i) => {
    if (x > (b[i] as number)) better++;
    else if (x < (b[i] as number)) worse++;
  });
  return { mean: st.mean, se: st.se, lo: st.lo, hi: st.hi, better, worse, same: a.length - better - worse };
}

const round6 = (x: number): number => Number(x.toFixed(6));

/** Search the split of the plan's movable money that serves the objective best. */
export async function optimiseAllocation(loaded: LoadedScenario, o: OptimiseOptions = {}): Promise<Result<Optimisation, OptimiseFailure>> {
  const started = performance.now();
  const s = loaded.scenario;
  const years = loaded.years;
  const seed = o.seed ?? s.simulation.seed;
  const runs = o.runs ?? OPTIMISE_RUNS;
  const pop = buildPopulation(s, { seed });
  if (!pop.ok) return err({ kind: "population", issues: pop.error });
  const households = pop.value;
  const ledger = buildLedger(s);
  const targets = targetsFromScenario(s, years);
  const hasTargets = (targets.exits?.some((x) => x !== null) ?? false) || (targets.villages?.some((x) => x !== null) ?? false);
  const asked = o.objective ?? (hasTargets ? "p-all-targets" : "people-out");
  if (asked !== "people-out" && !hasTargets) return setup({ code: "noTargets" });
  // min-cost: the split that meets the targets most often at the plan's money, then the least money at which it reaches the probability.
  const objective: "p-all-targets" | "people-out" = asked === "min-cost" ? "p-all-targets" : asked;
  const probability = o.probability ?? MIN_COST_PROBABILITY;
  if (asked === "min-cost" && !(probability > 0 && probability < 1)) return setup({ code: "badProbability", found: probability });
  const scales = [...new Set(o.frontier ?? [])].sort((a, b) => a - b);
  if (scales.some((x) => !(x >= 0 && x <= MAX_SCALE))) return setup({ code: "badScale", found: scales.find((x) => !(x >= 0 && x <= MAX_SCALE)) ?? Number.NaN, max: MAX_SCALE });

  // 1. The lines moved.
  const { movable, fixed: notMovable } = movableLines(s, ledger, households);
  const issues: OptimiseSetupIssue[] = [];
  let ids = movable;
  if (o.lines && o.lines.length > 0) {
    const all = s.programmes.map((p) => p.id);
    ids = [];
    for (const id of o.lines) {
      if (!all.includes(id)) issues.push({ code: "unknownLine", id, valid: movable });
      else if (!movable.includes(id)) issues.push({ code: "lineNotMovable", id, reason: notMovable.find((f) => f.id === id)?.reason ?? "noAllocation" });
      else if (!ids.includes(id)) ids.push(id);
    }
  }
  if (issues.length === 0 && ids.length < 2) issues.push({ code: "tooFewLines", lines: ids });
  const lo = ids.map(() => 0);
  const hi = ids.map(() => 1);
  for (const b of o.bounds ?? []) {
    const i = ids.indexOf(b.id);
    if (i < 0) issues.push({ code: "boundLine", id: b.id, lines: ids });
    else if (!(b.min >= 0 && b.max <= 1 && b.min <= b.max)) issues.push({ code: "badBound", id: b.id, min: b.min, max: b.max });
    else {
      lo[i] = b.min;
      hi[i] = b.max;
    }
  }
  const sumMin = lo.reduce((a, b) => a + b, 0);
  const sumMax = hi.reduce((a, b) => a + b, 0);
  if (issues.length === 0 && (sumMin > 1 + 1e-12 || sumMax < 1 - 1e-12)) issues.push({ code: "boundsInfeasible", sumMin, sumMax });
  const planAmounts = ids.map((id) => ledger.programmes.find((p) => p.id === id)!.byYear.map((y) => y.allocation));
  const totals = years.map((_, k) => sumOf(planAmounts.map((a) => a[k] ?? ZERO)));
  const grand = sumOf(totals);
  if (issues.length === 0 && grand.isZero()) issues.push({ code: "noMoney", lines: ids });
  if (issues.length > 0) return setup(...issues);
  const planShares = planAmounts.map((a) => sumOf(a).div(grand).toNumber());
  const fixed = [...notMovable, ...s.programmes.filter((p) => movable.includes(p.id) && !ids.includes(p.id)).map((p) => ({ id: p.id, reason: "notNamed" as const }))];

  // 2–3. Candidates on common random numbers.
  const size = households.count * years.length * runs;
  const threads = o.threads ?? (size >= PARALLEL_HOUSEHOLD_YEARS ? defaultThreads() : 1);
  const planErrors = errorKeys(ledger);
  const redraw = populationSpec(s);
  const note = (shares: readonly number[]) => (i: number) =>
    `Optimised by fundsim optimise (${objective}, seed ${seed}, ${runs} runs per split): ${(100 * (shares[i] as number)).toFixed(2)}% of each year's money of ${ids.join(", ")}.`;
  const candidate = (shares: readonly number[], scale = 1): Result<{ scenario: Scenario; ledger: Ledger; amounts: Decimal[][]; raw: unknown }, Issue[]> => {
    const scaled = scale === 1 ? totals : totals.map((t) => t.times(scale).toDecimalPlaces(2));
    const amounts = splitTotals(scaled, shares);
    let raw = withAllocations(loaded.raw, years, ids, amounts, note(shares));
    if (raw.ok && scale > 1) raw = withExtraSource(raw.value, years, scaled.map((t, k) => t.minus(totals[k] ?? ZERO)), scale);
    if (!raw.ok) return err([raw.error]);
    const at = scenarioFromObject(raw.value, { skipVariants: true });
    if (!at.ok) return at;
    return ok({ scenario: at.value.scenario, ledger: buildLedger(at.value.scenario), amounts, raw: raw.value });
  };
  const simulate = (sc: Scenario, l: Ledger, firstRun: number): Promise<RunResults> =>
    simulateModel(engineModelFromScenario(sc, l, households), households, { runs, firstRun, seed, threads, redraw });

  const maxEvaluations = o.maxEvaluations ?? Math.max(60, 30 * ids.length);
  const planned = maxEvaluations + RETEST + 1 + 3;
  let done = 0;
  let best = -Infinity;
  let infeasible = 0;
  let invalid: Issue[] | undefined;
  const tick = (v: number): void => {
    done++;
    if (v > best) best = v;
    o.onProgress?.(done, Math.max(done, planned), best);
  };
  const found = await searchSplits(
    async (shares) => {
      const c = candidate(shares);
      if (!c.ok) {
        invalid ??= c.error;
        infeasible++;
        return INFEASIBLE;
      }
      if ([...errorKeys(c.value.ledger)].some((k) => !planErrors.has(k))) {
        infeasible++;
        return INFEASIBLE;
      }
      return searchValue(await simulate(c.value.scenario, c.value.ledger, 0), objective, targets);
    },
    { lo, hi, start: planShares, seed, maxEvaluations, onEvaluation: (_d, b) => tick(b) },
  );
  const feasible = found.evaluated.filter((e) => e.value > INFEASIBLE);
  if (feasible.length === 0) return setup({ code: "candidateInvalid", issues: invalid ?? [] });

  // 4. Re-test the best few and the plan on fresh runs; confirm the winner against the plan on a third set.
  const retest: { shares: readonly number[] | null; searchValue: number | null; value: number }[] = [];
  const planRetest = await simulate(s, ledger, runs);
  retest.push({ shares: null, searchValue: null, value: searchValue(planRetest, objective, targets) });
  tick(retest[0]!.value);
  for (const e of feasible.slice(0, RETEST)) {
    const c = candidate(e.shares);
    if (!c.ok) continue;
    const v = searchValue(await simulate(c.value.scenario, c.value.ledger, runs), objective, targets);
    retest.push({ shares: e.shares, searchValue: e.value, value: v });
    tick(v);
  }
  const winner = retest.slice(1).reduce((a, b) => (b.value > a.value ? b : a), retest[1]!);
  const shares = winner.shares!;
  const chosen = candidate(shares);
  if (!chosen.ok) return setup({ code: "candidateInvalid", issues: chosen.error });
  const firstRun = 2 * runs;
  const planConfirm = await simulate(s, ledger, firstRun);
  tick(0);
  const optConfirm = await simulate(chosen.value.scenario, chosen.value.ledger, firstRun);
  tick(0);
  const difference = paired(perRun(optConfirm, objective, targets), perRun(planConfirm, objective, targets));
  const peopleOut = paired(perRun(optConfirm, "people-out", targets), perRun(planConfirm, "people-out", targets));
  const retimed = candidate(planShares);
  let planSharesScore: Optimisation["confirm"]["planShares"] = null;
  if (retimed.ok) {
    const r = await simulate(retimed.value.scenario, retimed.value.ledger, firstRun);
    planSharesScore = {
      score: score(r, targets, hasTargets),
      difference: paired(perRun(optConfirm, objective, targets), perRun(r, objective, targets)),
      peopleOut: paired(perRun(optConfirm, "people-out", targets), perRun(r, "people-out", targets)),
    };
  }
  tick(0);

  // The frontier and the least money for the probability, on the comparison's runs.
  const atScale = async (sh: readonly number[], scale: number): Promise<{ money: Decimal; score: AllocationScore } | null> => {
    const c = candidate(sh, scale);
    if (!c.ok || [...errorKeys(c.value.ledger)].some((k) => !planErrors.has(k))) return null;
    const r = await simulate(c.value.scenario, c.value.ledger, firstRun);
    return { money: sumOf(c.value.amounts.flat()), score: score(r, targets, hasTargets) };
  };
  const frontier: FrontierPoint[] = [];
  for (const scale of scales) {
    for (const [split, sh] of [["plan", planShares], ["optimised", shares]] as const) {
      const at = await atScale(sh, scale);
      frontier.push(at ? { scale, split, feasible: true, money: at.money, score: at.score } : { scale, split, feasible: false, money: null, score: null });
      tick(0);
    }
  }
  let minCost: Optimisation["minCost"] = null;
  if (asked === "min-cost") {
    const least = async (sh: readonly number[]): Promise<MinCostPoint | null> => {
      const meets = async (scale: number) => {
        const at = await atScale(sh, scale);
        tick(0);
        return at && (at.score.pAll?.p ?? 0) >= probability ? at : null;
      };
      let hiScale = 1;
      let hiAt = await meets(hiScale);
      while (!hiAt && hiScale < MAX_SCALE) {
        hiScale = Math.min(MAX_SCALE, hiScale * 2);
        hiAt = await meets(hiScale);
      }
      if (!hiAt) return null;
      let loScale = hiScale === 1 ? 0 : hiScale / 2;
      for (let k = 0; k < MIN_COST_STEPS; k++) {
        const mid = (loScale + hiScale) / 2;
        const at = await meets(mid);
        if (at) {
          hiScale = mid;
          hiAt = at;
        } else loScale = mid;
      }
      return { scale: hiScale, money: hiAt.money, score: hiAt.score };
    };
    minCost = { probability, maxScale: MAX_SCALE, plan: await least(planShares), optimised: await least(shares) };
  }

  const lines: OptimisedLine[] = ids.map((id, i) => {
    const p = s.programmes.find((x) => x.id === id)!;
    return {
      id,
      label: labelOf(p.label, id),
      min: lo[i] as number,
      max: hi[i] as number,
      planShare: planShares[i] as number,
      share: shares[i] as number,
      plan: planAmounts[i] as Decimal[],
      optimised: chosen.value.amounts[i] as Decimal[],
    };
  });
  const name = named(s.meta.name);
  const list = lines.map((l) => `${l.id} ${(100 * l.share).toFixed(1)}%`).join(", ");
  const listZh = lines.map((l) => `${l.id} ${(100 * l.share).toFixed(1)}%`).join("、");
  const variant = {
    id: "optimised",
    label: { en: `Optimised split (${objective})`, zh: `优化分配（${objective}）` },
    description: {
      en: `Found by fundsim optimise for ${name.en} (${objective}, seed ${seed}, ${runs} runs per split): each year's money of the lines moved split ${list}.`,
      zh: `由 fundsim optimise 为${name.zh}求得（${objective}，随机种子 ${seed}，每种分配 ${runs} 次模拟）：被调整项目每年的资金按 ${listZh} 分配。`,
    },
    set: Object.fromEntries(
      lines.map((l) => [
        `programmes.${l.id}.allocation`,
        { value: Object.fromEntries(years.map((y, k) => [String(y), (l.optimised[k] ?? ZERO).toNumber()])), assumption: note(shares)(ids.indexOf(l.id)) },
      ]),
    ),
  };
  return ok({
    objective: asked,
    runs,
    seed,
    threads,
    seconds: (performance.now() - started) / 1000,
    years: [...years],
    totals,
    lines,
    fixed,
    search: { evaluations: found.evaluations, infeasible, stop: found.stop, evaluated: found.evaluated.map((e) => ({ shares: e.shares.map(round6), value: e.value })) },
    retest: retest.map((r) => ({ ...r, shares: r.shares ? r.shares.map(round6) : null })),
    confirm: { firstRun, plan: score(planConfirm, targets, hasTargets), optimised: score(optConfirm, targets, hasTargets), difference, peopleOut, planShares: planSharesScore },
    variant,
    planMoney: grand,
    frontier,
    minCost,
  });
}

/**
 * The raw scenario with a fixed source paying the money above the plan's (a frontier point
 * or a min-cost search beyond the plan's budget), so sources = uses still holds.
 */
function withExtraSource(raw: unknown, years: readonly number[], extra: readonly Decimal[], scale: number): Result<unknown, Issue> {
  const sources = ((raw as { funding?: { sources?: unknown[] } }).funding?.sources ?? []) as unknown[];
  const source = {
    id: "fundsim-frontier",
    label: { en: "Money above the plan's (budget frontier)", zh: "超出规划的资金（预算前沿）" },
    rule: {
      kind: "fixed",
      amount: {
        value: Object.fromEntries(years.map((y, k) => [String(y), (extra[k] ?? ZERO).toNumber()])),
        assumption: `fundsim optimise: ${scale} × the plan's money of the lines moved; the part above the plan's comes from this source.`,
      },
    },
  };
  return applyOverlay(raw, "funding.sources", [...sources, source], "fundsim optimise");
}

/** Each line's money, plan and optimised, by year and in all. */
export function allocationsCsv(x: Optimisation): string {
  return csvText(
    ["line", "min_share", "max_share", "plan_share", "optimised_share", ...x.years.flatMap((y) => [`plan_${y}`, `optimised_${y}`]), "plan_total", "optimised_total"],
    x.lines.map((l) => [
      l.id,
      l.min,
      l.max,
      round6(l.planShare),
      round6(l.share),
      ...x.years.flatMap((_, k) => [(l.plan[k] ?? ZERO).toFixed(2), (l.optimised[k] ?? ZERO).toFixed(2)]),
      sumOf(l.plan).toFixed(2),
      sumOf(l.optimised).toFixed(2),
    ]),
  );
}

/** Every split the search evaluated, best first. */
export function evaluationsCsv(x: Optimisation): string {
  return csvText(
    [...x.lines.map((l) => l.id), "value", "feasible"],
    x.search.evaluated.map((e) => [...e.shares, e.value > INFEASIBLE ? e.value : "", e.value > INFEASIBLE ? 1 : 0]),
  );
}

/** The frontier: each budget scale and split with its outcome. */
export function frontierCsv(x: Optimisation): string {
  return csvText(
    ["scale", "split", "feasible", "money", "people_out_mean", "people_out_se", "p_all_targets", "p_lo90", "p_hi90"],
    x.frontier.map((f) => [
      f.scale,
      f.split,
      f.feasible ? 1 : 0,
      f.money ? f.money.toFixed(2) : "",
      f.score ? f.score.peopleOut.mean : "",
      f.score ? f.score.peopleOut.se : "",
      f.score?.pAll ? f.score.pAll.p : "",
      f.score?.pAll ? f.score.pAll.lo : "",
      f.score?.pAll ? f.score.pAll.hi : "",
    ]),
  );
}

/** The variant file: how to apply it, then the variant. */
export function optimisedYaml(x: Optimisation, scenarioFile: string): string {
  return `# fundsim variant written by fundsim optimise; apply it with\n#   fundsim simulate ${scenarioFile} --variant ${OPTIMISED_VARIANT} --out DIR\n${stringify(x.variant, { lineWidth: 0 })}`;
}

/**
 * Write an optimisation into `dir` (output kind `optimisation`): optimisation.json,
 * allocations.csv, evaluations.csv, optimised.yaml (the variant), the shares chart (Vega-Lite
 * JSON, SVG, PNG, in `lang`), with a frontier frontier.csv and its chart, and manifest.json.
 */
export async function writeOptimisation(dir: string, loaded: LoadedScenario, x: Optimisation, guard: OutputGuard = {}, lang: "en" | "zh" = "en", charts = true): Promise<Result<readonly string[], OutputProblem>> {
  return writeOutputDir(
    dir,
    "optimisation",
    async (tmp) => {
      const json = {
        method:
          "CMA-ES over the lines' shares of each year's money (softmax of log-ratios, bounds by projection) on common random numbers (population redrawn per run); the best splits re-tested on fresh runs; the winner compared with the plan on a third set of runs, paired",
        objective: x.objective,
        runs: x.runs,
        seed: x.seed,
        years: x.years,
        totals: x.totals.map((t) => t.toFixed(2)),
        lines: x.lines.map((l) => ({ ...l, plan: l.plan.map((v) => v.toFixed(2)), optimised: l.optimised.map((v) => v.toFixed(2)) })),
        fixed: x.fixed,
        search: { evaluations: x.search.evaluations, infeasible: x.search.infeasible, stop: x.search.stop },
        retest: x.retest,
        confirm: x.confirm,
        planMoney: x.planMoney.toFixed(2),
        frontier: x.frontier.map((f) => ({ ...f, money: f.money ? f.money.toFixed(2) : null })),
        minCost: x.minCost
          ? { ...x.minCost, plan: x.minCost.plan ? { ...x.minCost.plan, money: x.minCost.plan.money.toFixed(2) } : null, optimised: x.minCost.optimised ? { ...x.minCost.optimised, money: x.minCost.optimised.money.toFixed(2) } : null }
          : null,
      };
      await writeFile(join(tmp, OPTIMISATION_JSON), `${JSON.stringify(json, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`);
      await writeFile(join(tmp, ALLOCATIONS_CSV), allocationsCsv(x));
      await writeFile(join(tmp, EVALUATIONS_CSV), evaluationsCsv(x));
      await writeFile(join(tmp, OPTIMISED_VARIANT), optimisedYaml(x, loaded.file));
      if (x.frontier.length > 0) await writeFile(join(tmp, FRONTIER_CSV), frontierCsv(x));
      if (charts) {
        for (const chart of optimiseCharts(x, lang)) {
          for (const f of await chartFiles(chart.name, chart.spec)) await writeFile(join(tmp, f.file), f.data);
        }
      }
      const manifest = {
        fundsim: fundsimVersion(),
        scenario: { file: loaded.file, id: loaded.scenario.meta.id, hash: loaded.hash },
        variant: loaded.variant ?? null,
        sets: [...loaded.sets],
        objective: x.objective,
        seed: x.seed,
        runs: x.runs,
        threads: x.threads,
        evaluations: x.search.evaluations,
        wallTimeSeconds: x.seconds,
      };
      await writeFile(join(tmp, OPTIMISATION_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    },
    guard,
  );
}
