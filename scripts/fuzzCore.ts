/**
 * The fuzz harness behind `npm run fuzz` (scripts/fuzz.ts) and its seeded sample in the
 * tests (tests/scenario/fuzz.test.ts): "every input fundsim accepts runs, every input it
 * refuses says why".
 *
 * For each case: take a base scenario (shipped or a test fixture), apply 1–3 seeded
 * random mutations (numbers to 0, negative, huge, tiny or NaN-like text; fields deleted or
 * set to null, a mapping, a list or text; list items duplicated or removed; years
 * shifted; expressions garbled), sometimes as a `--set` overlay, then run, in this
 * process, through the library:
 *
 *   validate (base and every variant) → ledger (+ text in en and zh)
 *   → population (capped) → engine model → 2 runs → summary → spending reconciliation.
 *
 * A refusal is a success when its issues render in both languages. Counted as failures:
 * a crash (any exception escaping: what the CLI reports as "Internal error"), a hang (a
 * case over its time budget) and a non-finite number where none is documented (ledger
 * numbers: NaN anywhere, Infinity except a capacity, which means "no limit"; run results:
 * NaN only in targetGap/targetMet, in years without a target).
 *
 * @example
 * const report = await runFuzz({ n: 200, seed: 1, bases: await loadBases(root) });
 * report.crashes.length // 0
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import {
  scenarioFromObject,
  renderIssues,
  buildLedger,
  ledgerText,
  ledgerNumbers,
  buildPopulation,
  populationIssue,
  engineModelFromScenario,
  simulateModel,
  summarize,
  targetsFromScenario,
  reconcileSpending,
  seedStream,
  type LoadedScenario,
} from "../src/index.js";
import { nextUniform } from "../src/random/rng.js";
import { NAN_WHEN_UNDEFINED } from "../src/model/results.js";

/** A scenario to mutate. */
export interface FuzzBase {
  readonly name: string;
  readonly raw: unknown;
}

export type Path = readonly (string | number)[];

/** One mutation, enough to reproduce it. */
export interface Mutation {
  readonly path: Path;
  readonly op: string;
  /** The new value (absent for a deletion). */
  readonly value?: unknown;
}

export interface FuzzCase {
  readonly index: number;
  readonly base: string;
  readonly mutations: readonly Mutation[];
  /** The mutations were given as `--set path=value` overlays instead of edits. */
  readonly asSet: boolean;
}

export type Outcome = "refused" | "ran";

export interface Failure {
  readonly kind: "crash" | "hang" | "nonFinite";
  readonly case: FuzzCase;
  readonly detail: string;
}

export interface FuzzReport {
  readonly cases: number;
  readonly refused: number;
  readonly ran: number;
  readonly crashes: readonly Failure[];
  readonly hangs: readonly Failure[];
  readonly nonFinite: readonly Failure[];
  readonly seconds: number;
  readonly slowestMs: number;
}

export interface FuzzOptions {
  readonly n: number;
  readonly seed: number;
  readonly bases: readonly FuzzBase[];
  /** Time budget of one case, ms (default 5000). */
  readonly budgetMs?: number;
  /** Households in the tiny simulation (default 200). */
  readonly households?: number;
  readonly onProgress?: (done: number) => void;
}

/** The shipped scenarios and the scenario fixtures of the tests. */
export async function loadBases(root: string): Promise<FuzzBase[]> {
  const dirs = ["scenarios", "tests/fixtures", "tests/population/fixtures"];
  const out: FuzzBase[] = [];
  for (const d of dirs) {
    let names: string[];
    try {
      names = (await readdir(join(root, d))).filter((f) => f.endsWith(".yaml")).sort();
    } catch {
      continue;
    }
    for (const f of names) out.push({ name: `${d}/${f}`, raw: parseYaml(await readFile(join(root, d, f), "utf8")) as unknown });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Seeded choices.

class Rand {
  private readonly s: Int32Array;
  constructor(seed: number) {
    this.s = new Int32Array(4);
    seedStream(this.s, seed, 0, 0x7f, 0);
  }
  next(): number {
    return nextUniform(this.s);
  }
  int(n: number): number {
    return Math.min(n - 1, Math.floor(this.next() * n));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

// ---------------------------------------------------------------------------------------
// Mutations.

function allPaths(x: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(x)) x.forEach((v, i) => allPaths(v, [...path, i], out));
  else if (x !== null && typeof x === "object") for (const [k, v] of Object.entries(x)) allPaths(v, [...path, k], out);
  return out;
}

function getAt(x: unknown, path: Path): unknown {
  let node = x;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

const NUMBER_VALUES = (x: number): { op: string; value: unknown }[] => [
  { op: "zero", value: 0 },
  { op: "negative", value: -Math.abs(x || 1) },
  { op: "minusOne", value: -1 },
  { op: "huge", value: x * 1e6 || 1e6 },
  { op: "hugest", value: 1e15 },
  { op: "maxSafe", value: 9007199254740991 },
  { op: "beyondSafe", value: 1e300 },
  { op: "tiny", value: 1e-9 },
  { op: "half", value: x + 0.5 },
  { op: "nanText", value: "NaN" },
  { op: "infText", value: "Infinity" },
  { op: "overflowText", value: "1e999" },
  { op: "yearShift", value: x + 1 },
  { op: "yearShiftBack", value: x - 1 },
  { op: "yearShiftFar", value: x + 100 },
  { op: "millions", value: 5_000_000 },
  { op: "two", value: 2 },
  { op: "double", value: x * 2 },
  { op: "halve", value: x / 2 },
  { op: "double", value: x * 2 },
  { op: "tenfold", value: x * 10 },
  { op: "sixtyOne", value: 61 },
];

const EXPRESSIONS = ["sqrt(-4)", "log(-1)", "cbrt(-8)", "1/0", "0/0", "", " ", "x+", "(1", "2^2000", "-1e400", "log(0)", "exp(1000)", "10^400", "min()", "abs(-3) * -1"];

function garble(s: string, r: Rand): string {
  const i = r.int(s.length + 1);
  switch (r.int(4)) {
    case 0:
      return s.slice(0, i) + r.pick(["(", ")", "+", "-", "*", "/", "^", "%", ",", ".", "e", " "]) + s.slice(i);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    case 2:
      return `-(${s})`;
    default:
      return `(${s}) * 1e9`;
  }
}

function chooseValue(current: unknown, r: Rand): { op: string; value?: unknown } {
  const structural: { op: string; value?: unknown }[] = [
    { op: "delete" },
    { op: "null", value: null },
    { op: "emptyMapping", value: {} },
    { op: "mapping", value: { x: 1 } },
    { op: "emptyList", value: [] },
    { op: "list", value: [1] },
    { op: "text", value: "text" },
    { op: "true", value: true },
  ];
  if (typeof current === "number" && r.next() < 0.8) return r.pick(NUMBER_VALUES(current));
  if (typeof current === "string" && r.next() < 0.8) {
    if (r.next() < 0.5) return { op: "garble", value: garble(current, r) };
    if (r.next() < 0.3) return { op: "number", value: r.pick([0, -1, 1e15, 0.5]) };
    return { op: "expression", value: r.pick(EXPRESSIONS) };
  }
  return r.pick(structural);
}

/** Apply one random mutation to `data` in place; returns what it did, or undefined when nothing applies. */
function mutate(data: unknown, r: Rand): Mutation | undefined {
  const paths = allPaths(data);
  if (paths.length === 0) return undefined;
  const path = r.pick(paths);
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1] as string | number;
  const parent = getAt(data, parentPath) as Record<string | number, unknown> | unknown[];
  const current = getAt(data, path);
  // List items: duplicate or remove.
  if (Array.isArray(current) && current.length > 0 && r.next() < 0.5) {
    if (r.next() < 0.5) {
      const i = r.int(current.length);
      current.splice(i, 0, structuredClone(current[i]));
      return { path, op: `duplicateItem[${i}]` };
    }
    const i = r.int(current.length);
    current.splice(i, 1);
    return { path, op: `removeItem[${i}]` };
  }
  // Year keys of a dated mapping: shift.
  if (typeof key === "string" && /^\d{4}$/.test(key) && !Array.isArray(parent) && r.next() < 0.5) {
    const to = String(Number(key) + r.pick([1, -1, 5, -30, 100]));
    const obj = parent as Record<string, unknown>;
    if (!Object.hasOwn(obj, to)) {
      obj[to] = obj[key];
      delete obj[key];
      return { path, op: `renameYear→${to}` };
    }
  }
  const c = chooseValue(current, r);
  if (c.op === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, unknown>)[key];
    return { path, op: "delete" };
  }
  if (Array.isArray(parent)) parent[key as number] = c.value;
  else (parent as Record<string, unknown>)[key] = c.value;
  return { path, op: c.op, value: c.value };
}

/** A mutation as a `--set` overlay (list items by index). */
const setText = (m: Mutation): string => `${m.path.map((s) => (typeof s === "number" ? `[${s}]` : s)).join(".").replace(/\.\[/g, "[")}=${JSON.stringify(m.value)}`;

// ---------------------------------------------------------------------------------------
// Running a case.

/** Non-finite numbers that are not documented, as short descriptions. */
function undocumentedNonFinite(loaded: LoadedScenario, nums: ReturnType<typeof ledgerNumbers>, data: { metrics: readonly string[]; data: Float64Array }): string[] {
  const bad: string[] = [];
  const check = (where: string, xs: ArrayLike<number>, infinityOk = false): void => {
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i] as number;
      if (Number.isNaN(v) || (!infinityOk && !Number.isFinite(v))) {
        bad.push(`${where}[${i}] = ${v}`);
        return;
      }
    }
  };
  for (const p of nums.programmes.values()) {
    check(`ledger ${p.id}.allocation`, p.allocation);
    check(`ledger ${p.id}.scheduled`, p.scheduled);
    check(`ledger ${p.id}.capacity`, p.capacity, true);
  }
  for (const q of nums.pools.values()) {
    for (const k of ["deposits", "fund", "capacity", "plannedLending", "outstanding", "expectedSubsidy"] as const) check(`ledger ${q.id}.${k}`, q[k]);
    check(`ledger ${q.id}.leverage`, [q.leverage]);
  }
  check("ledger sources", nums.sources);
  check("ledger uses", nums.uses);
  const M = data.metrics.length;
  const nanOk = new Set<string>(NAN_WHEN_UNDEFINED);
  for (let i = 0; i < data.data.length; i++) {
    const v = data.data[i] as number;
    const metric = data.metrics[i % M] ?? "?";
    if (Number.isFinite(v) || (Number.isNaN(v) && nanOk.has(metric))) continue;
    bad.push(`run results ${metric} = ${v} (${loaded.scenario.meta.id})`);
    break;
  }
  return bad;
}

/**
 * Run an accepted scenario the way `ledger` and `simulate` do (ledger text in en and zh,
 * a capped population, 2 runs); returns the undocumented non-finite numbers found. Throws
 * only on a bug.
 */
export async function runLoaded(loaded: LoadedScenario, households = 200): Promise<string[]> {
  const s = loaded.scenario;
  const ledger = buildLedger(s);
  ledgerText(ledger, "en");
  ledgerText(ledger, "zh");
  const nums = ledgerNumbers(ledger);
  const total = s.population.cohorts.reduce((a, c) => a + (c.households.values[0]?.toNumber() ?? 0), 0);
  const cap = Math.max(1, Math.min(households, total));
  const pop = buildPopulation(s, { seed: 1, households: cap });
  if (!pop.ok) {
    for (const i of pop.error) {
      populationIssue(i);
    }
    return [];
  }
  const model = engineModelFromScenario(s, ledger, pop.value, { scale: total > 0 ? cap / total : 1 });
  const results = await simulateModel(model, pop.value, { runs: 2, seed: 1, threads: 1 });
  const summary = summarize(results, { targets: targetsFromScenario(s, loaded.years) });
  reconcileSpending(ledger, summary);
  const bad = undocumentedNonFinite(loaded, nums, results);
  if (summary.costPerExit && !(Number.isFinite(summary.costPerExit.meanCost) && Number.isFinite(summary.costPerExit.meanExits))) {
    bad.push(`cost per exit: mean cost ${summary.costPerExit.meanCost}, mean exits ${summary.costPerExit.meanExits}`);
  }
  return bad;
}

/** Run one case: the outcome, or the failures it showed. */
export async function runCase(c: FuzzCase, raw: unknown, households: number): Promise<{ outcome: Outcome; nonFinite: string[] }> {
  const opts = c.asSet ? { sets: c.mutations.map(setText) } : {};
  const r = scenarioFromObject(raw, opts);
  if (!r.ok) {
    renderIssues("en", r.error);
    renderIssues("zh", r.error);
    return { outcome: "refused", nonFinite: [] };
  }
  const nonFinite = await runLoaded(r.value, households);
  // Every variant: validated after its overlay, and what it accepts runs too.
  for (const v of r.value.scenario.variants) {
    const rv = scenarioFromObject(raw, { ...opts, variant: v.id });
    if (!rv.ok) {
      renderIssues("en", rv.error);
      renderIssues("zh", rv.error);
      continue;
    }
    nonFinite.push(...(await runLoaded(rv.value, households)));
  }
  return { outcome: "ran", nonFinite };
}

/** Build case i (deterministic from the seed and i). */
export function makeCase(i: number, seed: number, bases: readonly FuzzBase[]): { c: FuzzCase; raw: unknown } {
  const r = new Rand((seed * 1_000_003 + i) >>> 0);
  const base = r.pick(bases);
  const data = structuredClone(base.raw);
  const n = 1 + r.int(3);
  const mutations: Mutation[] = [];
  for (let k = 0; k < n; k++) {
    const m = mutate(data, r);
    if (m) mutations.push(m);
  }
  const asSet = r.next() < 0.1 && mutations.length > 0 && mutations.every((m) => m.op !== "delete" && !m.op.includes("Item") && !m.op.startsWith("rename"));
  return { c: { index: i, base: base.name, mutations, asSet }, raw: asSet ? base.raw : data };
}

/** Run n seeded cases. */
export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const budget = o.budgetMs ?? 5000;
  const households = o.households ?? 200;
  const crashes: Failure[] = [];
  const hangs: Failure[] = [];
  const nonFinite: Failure[] = [];
  let refused = 0;
  let ran = 0;
  let slowest = 0;
  for (let i = 0; i < o.n; i++) {
    const { c, raw } = makeCase(i, o.seed, o.bases);
    const t0 = performance.now();
    try {
      const r = await runCase(c, raw, households);
      if (r.outcome === "refused") refused++;
      else ran++;
      if (r.nonFinite.length > 0) nonFinite.push({ kind: "nonFinite", case: c, detail: r.nonFinite.slice(0, 3).join("; ") });
    } catch (e) {
      crashes.push({ kind: "crash", case: c, detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    if (ms > budget) hangs.push({ kind: "hang", case: c, detail: `${Math.round(ms)} ms (budget ${budget} ms)` });
    o.onProgress?.(i + 1);
  }
  return { cases: o.n, refused, ran, crashes, hangs, nonFinite, seconds: (performance.now() - started) / 1000, slowestMs: slowest };
}

/** A failure as text, with what reproduces it. */
export function describeFailure(f: Failure, seed: number): string {
  const muts = f.case.mutations
    .map((m) => `    ${m.path.join(".")}: ${m.op}${"value" in m ? ` → ${JSON.stringify(m.value)}` : ""}`)
    .join("\n");
  return `${f.kind} in case ${f.case.index} (--seed ${seed}), ${f.case.base}${f.case.asSet ? " (as --set overlays)" : ""}:\n  ${f.detail}\n${muts}`;
}
