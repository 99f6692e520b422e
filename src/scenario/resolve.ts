/**
 * Resolution: every NumRef in a parsed scenario becomes a Param — one exact decimal per
 * horizon year — after evaluating expressions over the named `values:` (with cycle
 * detection) and checking each result against its constraint.
 *
 * Dated forms: years before the first given year take the first value; gaps carry the
 * latest value forward; `given` records which years the file named.
 */
import { Decimal } from "decimal.js";
import { NumRef, rangeOf, type Param, type NumInput, type NumLiteral, type Provenance } from "./num.js";
import { parseExpression, evaluateExpression } from "./expressions.js";
import type { Issue, PathSegment } from "./issues.js";
import { closest, describeFound } from "./issues.js";

/** The resolved form of a parsed type: NumRef → Param, everything else kept, read-only. */
export type Resolved<T> = T extends NumRef
  ? Param
  : T extends Decimal
    ? T
    : T extends readonly (infer U)[]
      ? readonly Resolved<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Resolved<T[K]> }
        : T;

interface Ctx {
  readonly years: readonly number[];
  readonly values: Readonly<Record<string, NumRef>>;
  readonly memo: Map<string, Param | null>;
  readonly stack: string[];
  readonly issues: Issue[];
}

const isAnnotated = (x: NumInput): x is Extract<NumInput, { value: unknown }> =>
  typeof x === "object" && x !== null && "value" in x;

/** Resolve all numbers in a parsed scenario. Issues are appended to `issues`. */
export function resolveNumbers<T>(parsed: T, years: readonly number[], issues: Issue[]): Resolved<T> {
  const valuesRaw = (parsed as { values?: Record<string, NumRef> }).values ?? {};
  const ctx: Ctx = { years, values: valuesRaw, memo: new Map(), stack: [], issues };
  resolveAllNamed(ctx);
  const walk = (x: unknown, path: PathSegment[]): unknown => {
    // Named values were resolved (and their issues reported) by resolveAllNamed.
    if (x instanceof NumRef && path.length === 2 && path[0] === "values") return ctx.memo.get(String(path[1])) ?? zeroParam(years);
    if (x instanceof NumRef) return resolveRef(x, path, ctx) ?? zeroParam(years);
    if (Array.isArray(x)) return x.map((v, i) => walk(v, [...path, i]));
    if (x !== null && typeof x === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x)) out[k] = walk(v, [...path, k]);
      return out;
    }
    return x;
  };
  return walk(parsed, []) as Resolved<T>;
}

function zeroParam(years: readonly number[]): Param {
  return { values: years.map(() => new Decimal(0)), given: years.map(() => true), dated: false };
}

function resolveNamed(name: string, path: PathSegment[], ctx: Ctx): Param | null | undefined {
  const memo = ctx.memo.get(name);
  if (memo !== undefined) return memo;
  // Own names only: "toString" or "hasOwnProperty" must not find Object.prototype's.
  const ref = Object.hasOwn(ctx.values, name) ? ctx.values[name] : undefined;
  if (ref === undefined) return undefined;
  if (ctx.stack.includes(name)) {
    const cycle = [...ctx.stack.slice(ctx.stack.indexOf(name)), name].join(" → ");
    ctx.issues.push({ code: "expressionCycle", path, detail: cycle });
    return null;
  }
  ctx.stack.push(name);
  const p = resolveRef(ref, ["values", name], ctx);
  ctx.stack.pop();
  ctx.memo.set(name, p ?? null);
  return p ?? null;
}

/** A cycle as "a → b → a"; a long one shortened to its first and last links. */
function cycleText(names: readonly string[]): string {
  if (names.length <= 10) return names.join(" → ");
  return [...names.slice(0, 4), `… (${names.length - 1} values) …`, ...names.slice(-3)].join(" → ");
}

/** Names of `values:` that a number's expressions use (any form: plain, dated, annotated). */
function namesUsed(ref: NumRef, values: Readonly<Record<string, NumRef>>): string[] {
  const input = ref.input;
  const body = isAnnotated(input) ? input.value : input;
  const literals = typeof body === "object" && body !== null ? Object.values(body) : [body];
  const out: string[] = [];
  for (const lit of literals) {
    if (typeof lit !== "string") continue;
    const p = parseExpression(lit);
    if (p.ok) for (const n of p.value.names) if (Object.hasOwn(values, n) && !out.includes(n)) out.push(n);
  }
  return out;
}

/**
 * Resolve every named value in dependency order (an iterative depth-first search, so a
 * chain of 10,000 values needs no deep recursion). A cycle is reported once, at the value
 * that closes it; the values in it and those that use them resolve to nothing (null).
 */
function resolveAllNamed(ctx: Ctx): void {
  const names = Object.keys(ctx.values);
  const deps = new Map(names.map((n) => [n, namesUsed(ctx.values[n] as NumRef, ctx.values)]));
  const state = new Map<string, 1 | 2>(); // 1: on the path, 2: done
  for (const root of names) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, 1);
    while (path.length > 0) {
      const top = path.length - 1;
      const name = path[top] as string;
      const ds = deps.get(name) ?? [];
      const k = next[top] as number;
      if (k < ds.length) {
        next[top] = k + 1;
        const d = ds[k] as string;
        const st = state.get(d);
        if (st === 1) {
          const cycle = cycleText([...path.slice(path.indexOf(d)), d]);
          ctx.issues.push({ code: "expressionCycle", path: ["values", name], detail: cycle });
          for (const c of path.slice(path.indexOf(d))) ctx.memo.set(c, null);
        } else if (st === undefined) {
          state.set(d, 1);
          path.push(d);
          next.push(0);
        }
        continue;
      }
      // Every dependency is resolved (or failed): resolve this one without recursion.
      if (!ctx.memo.has(name)) {
        const failed = ds.some((d) => ctx.memo.get(d) === null);
        const p = failed ? undefined : resolveRef(ctx.values[name] as NumRef, ["values", name], ctx);
        ctx.memo.set(name, p ?? null);
      }
      state.set(name, 2);
      path.pop();
      next.pop();
    }
  }
}

function resolveRef(ref: NumRef, path: PathSegment[], ctx: Ctx): Param | undefined {
  const input = ref.input;
  let prov: Provenance = {};
  let body: NumInput = input;
  if (isAnnotated(input)) {
    body = input.value;
    prov = Object.fromEntries(
      (["source", "assumption", "unit", "note"] as const).filter((k) => input[k] !== undefined).map((k) => [k, input[k]]),
    );
  }
  const n = ctx.years.length;
  let values: Decimal[];
  let given: boolean[];
  let dated = false;
  let expr: string | undefined;
  if (typeof body === "number" || typeof body === "string") {
    const r = resolveLiteral(body, path, ctx);
    if (!r) return undefined;
    values = r.values;
    given = Array.from({ length: n }, () => true);
    dated = r.dated;
    if (typeof body === "string") expr = body;
  } else {
    dated = true;
    const slots: (Decimal | undefined)[] = Array.from({ length: n }, () => undefined);
    let bad = false;
    for (const [key, lit] of Object.entries(body)) {
      const y = Number(key);
      const idx = ctx.years.indexOf(y);
      if (idx < 0) {
        ctx.issues.push({
          code: "yearOutsideHorizon",
          path: [...path, ...(isAnnotated(input) ? ["value"] : []), key],
          found: key,
          expected: `${ctx.years[0]}–${ctx.years[n - 1]}`,
        });
        bad = true;
        continue;
      }
      const r = resolveLiteral(lit, [...path, key], ctx);
      if (!r) {
        bad = true;
        continue;
      }
      slots[idx] = r.values[idx];
    }
    if (bad) return undefined;
    given = slots.map((s) => s !== undefined);
    const first = slots.find((s) => s !== undefined) ?? new Decimal(0);
    let last = first;
    values = slots.map((s) => (last = s ?? last));
  }
  // Constraint check (plain numbers were checked by the schema; this catches expressions).
  const [lo, hi] = rangeOf(ref.constraint);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === undefined || !given[i]) continue;
    if (v.lt(lo) || v.gt(hi) || (ref.constraint.integer === true && !v.isInteger())) {
      ctx.issues.push({
        code: "outOfRange",
        path,
        expected: `${ref.constraint.integer ? "a whole number" : "a number"} in [${lo}, ${hi}] (${ref.constraint.kind})`,
        found: `${v.toString()}${dated || expr ? ` in ${ctx.years[i]}` : ""}`,
      });
      return undefined;
    }
  }
  return Object.freeze({ values, given, dated, ...(expr !== undefined ? { expr } : {}), ...prov });
}

/** A number or expression → per-year values (dated when it uses a dated name). */
function resolveLiteral(lit: NumLiteral, path: PathSegment[], ctx: Ctx): { values: Decimal[]; dated: boolean } | undefined {
  const n = ctx.years.length;
  if (typeof lit === "number") {
    const d = new Decimal(lit);
    return { values: Array.from({ length: n }, () => d), dated: false };
  }
  const trimmed = lit.trim();
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
    const d = new Decimal(trimmed);
    return { values: Array.from({ length: n }, () => d), dated: false };
  }
  if (trimmed === "") {
    ctx.issues.push({ code: "invalidValue", path, expected: "a number or an expression over named values", found: describeFound(lit) });
    return undefined;
  }
  const parsed = parseExpression(lit);
  if (!parsed.ok) {
    const e = parsed.error;
    switch (e.kind) {
      case "syntax":
        ctx.issues.push({ code: "expressionSyntax", path, found: describeFound(lit), detail: e.detail });
        break;
      case "forbidden":
        ctx.issues.push({ code: "expressionForbidden", path, found: describeFound(lit), detail: e.construct });
        break;
      case "tooLong":
        ctx.issues.push({ code: "expressionForbidden", path, found: describeFound(lit), detail: `more than ${500} characters or 200 terms` });
        break;
      case "notFinite":
        ctx.issues.push({ code: "expressionNotFinite", path, found: describeFound(lit) });
        break;
      case "domain":
        ctx.issues.push({ code: "expressionDomain", path, found: describeFound(lit), detail: e.found });
        break;
      default:
        e satisfies never;
    }
    return undefined;
  }
  const named = new Map<string, Param>();
  for (const name of parsed.value.names) {
    const p = resolveNamed(name, path, ctx);
    if (p === undefined) {
      const suggestion = closest(name, Object.keys(ctx.values));
      ctx.issues.push({ code: "expressionUnknownName", path, found: describeFound(lit), detail: name, ...(suggestion ? { suggestion } : {}) });
      return undefined;
    }
    if (p === null) return undefined;
    named.set(name, p);
  }
  const dated = [...named.values()].some((p) => p.dated);
  const values: Decimal[] = [];
  for (let i = 0; i < n; i++) {
    const scope = new Map<string, Decimal>();
    for (const [k, p] of named) scope.set(k, p.values[i] ?? new Decimal(0));
    const r = evaluateExpression(parsed.value, scope);
    if (!r.ok) {
      const e = r.error;
      if (e.kind === "domain") ctx.issues.push({ code: "expressionDomain", path, found: describeFound(lit), detail: e.found });
      else if (e.kind === "syntax") ctx.issues.push({ code: "expressionSyntax", path, found: describeFound(lit), detail: e.detail });
      else ctx.issues.push({ code: "expressionNotFinite", path, found: describeFound(lit) });
      return undefined;
    }
    values.push(r.value);
    if (!dated) {
      while (values.length < n) values.push(r.value);
      break;
    }
  }
  return { values, dated };
}
