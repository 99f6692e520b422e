/**
 * fundsim's expression evaluator against mathjs (BigNumber, 64 digits), the library the
 * first version used and the reference here: random expressions over the whole grammar
 * must give the same digits, or both no finite real value (mathjs and fundsim may differ
 * on which of the two messages applies at a signed zero: log(-0) is −∞ + πi to mathjs, −∞
 * here).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createRequire } from "node:module";
import { Decimal } from "decimal.js";
import type { FactoryFunctionMap, create as Create } from "mathjs";
import { evaluateExpression, parseExpression } from "../../src/scenario/expressions.js";

const { create, all } = createRequire(import.meta.url)("mathjs") as { create: typeof Create; all: FactoryFunctionMap };
// mathjs rounds to a whole number anything within a relative 1e-12 of one in floor, ceil,
// round and mod by default (floor(0.9999999999999999999) = 1); fundsim's evaluator is
// exact, so the reference is mathjs with that tolerance at 1e-300.
const math = create(all, { number: "BigNumber", precision: 64, relTol: 1e-300, absTol: 1e-300 });

const NAMES = ["a", "b", "c"] as const;
const number = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9999 })).map(([i, f]) => `${i}.${f}`),
  fc.constantFrom("0", "1", "2", "0.5", "1e3", "2.5e-2", ".25"),
);
const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    number,
    fc.constantFrom(...NAMES),
    fc.tuple(tie("expr"), fc.constantFrom("+", "-", "*", "/", "%"), tie("expr")).map(([x, op, y]) => `(${x}) ${op} (${y})`),
    // Powers as scenarios write them (a huge power only tests both libraries' tolerance for 1e-300).
    // (mathjs carries complex intermediates, fundsim refuses them: fractional powers of a
    // negative number are checked apart, in expressions.test.ts.)
    fc.tuple(tie("expr"), fc.constantFrom("2", "3", "-1")).map(([x, p]) => `(${x}) ^ ${p}`),
    fc.tuple(tie("expr"), fc.constantFrom("0.5", "(1/3)", "1.5")).map(([x, p]) => `abs(${x}) ^ ${p}`),
    fc.tuple(tie("expr"), fc.constantFrom("+", "-", "*", "/")).map(([x, op]) => `${x} ${op} 3`),
    tie("expr").map((x) => `-${x}`),
    fc.tuple(fc.constantFrom("floor", "ceil", "abs", "sqrt", "exp", "log", "round"), tie("expr")).map(([f, x]) => `${f}(${x})`),
    fc.tuple(fc.constantFrom("min", "max"), fc.array(tie("expr"), { minLength: 1, maxLength: 3 })).map(([f, xs]) => `${f}(${xs.join(", ")})`),
    fc.tuple(tie("expr"), fc.integer({ min: 0, max: 4 })).map(([x, n]) => `round(${x}, ${n})`),
    // Bases of logarithms as people write them (a base ≤ 0 has no logarithm: tested apart).
    fc.tuple(tie("expr"), fc.constantFrom("2", "10", "0.5", "3", "a + 2")).map(([x, base]) => `log(${x}, ${base})`),
  ),
}));
const scopeValue = fc.oneof(fc.integer({ min: -1000, max: 1_000_000 }).map(String), fc.constantFrom("0", "-2.5", "0.001", "123456789.01"));

type Outcome = { kind: "value"; text: string } | { kind: "none" };

function reference(text: string, scope: Record<string, string>): Outcome | undefined {
  let out: unknown;
  try {
    out = math.evaluate(text, Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, math.bignumber(v)])));
  } catch {
    return undefined; // mathjs refuses (e.g. exp overflow): no comparison
  }
  if (typeof out === "number") return Number.isFinite(out) ? { kind: "value", text: String(out) } : { kind: "none" }; // sqrt(-0)
  if (!math.isBigNumber(out)) return { kind: "none" };
  const d = out as unknown as Decimal;
  return d.isFinite() ? { kind: "value", text: d.toString() } : { kind: "none" };
}

function ours(text: string, scope: Record<string, string>): Outcome {
  const p = parseExpression(text);
  if (!p.ok) throw new Error(`${text}: ${JSON.stringify(p.error)}`);
  const r = evaluateExpression(p.value, new Map(Object.entries(scope).map(([k, v]) => [k, new Decimal(v)])));
  if (r.ok) return { kind: "value", text: r.value.toString() };
  if (r.error.kind === "domain" || r.error.kind === "notFinite") return { kind: "none" };
  throw new Error(`${text}: ${JSON.stringify(r.error)}`);
}

/** The app keeps decimal.js's default 20 significant digits once a value leaves the expression. */
const app = (o: Outcome): Outcome => (o.kind === "value" ? { kind: "value", text: new Decimal(o.text).toString() } : o);

describe("expressions agree with mathjs (the reference)", () => {
  it("on random expressions over the whole grammar", () => {
    fc.assert(
      fc.property(expr, fc.record({ a: scopeValue, b: scopeValue, c: scopeValue }), (text, scope) => {
        const want = reference(text, scope);
        if (want === undefined) return;
        expect(ours(text, scope), text).toEqual(app(want));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it("on the expressions of the shipped scenarios and hand-picked edges", () => {
    const cases = [
      "0.03 * (1 - exp(-35 * a)) / (1 - exp(-35)) + 0.16 * (1 - (1 - exp(-35 * a)) / (1 - exp(-35)))",
      "round((a - round(b * c)) / 3.62)",
      "-2^2", "2^-1", "2^3^2", "-7 % 3", "7 % -3", "7 % 0", "-0", "sqrt(-0)", "(-8)^(1/3)", "(-8)^3", "log(0)", "log(8, 2)", "log(8, 1)", "log(0.001, 10)",
      "round(2.5)", "round(-2.5)", "round(1.005, 2)", "max(a, b, c) - min(a, b, c)", "1/3", "exp(1)", "sqrt(2)", "1e3 * .5",
    ];
    for (const text of cases) {
      for (const scope of [{ a: "0.02", b: "0.25", c: "1000" }, { a: "-3", b: "0", c: "7" }]) {
        const want = reference(text, scope);
        if (want !== undefined) expect(ours(text, scope), text).toEqual(app(want));
      }
    }
  });
});
