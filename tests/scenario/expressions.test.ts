import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { parseExpression, evaluateExpression } from "../../src/scenario/expressions.js";

const evalWith = (text: string, scope: Record<string, number | string>): string => {
  const p = parseExpression(text);
  if (!p.ok) throw new Error(JSON.stringify(p.error));
  const r = evaluateExpression(p.value, new Map(Object.entries(scope).map(([k, v]) => [k, new Decimal(v)])));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.toString();
};

describe("expressions", () => {
  it("evaluates arithmetic exactly (decimal, not float)", () => {
    expect(evalWith("0.1 + 0.2", {})).toBe("0.3");
    expect(evalWith("20000 * people", { people: 16659 })).toBe("333180000");
    expect(evalWith("0.2 * revenueIncrease", { revenueIncrease: "123456789.01" })).toBe("24691357.802");
    expect(evalWith("max(a, 3) - min(a, 3) + round(2.5) + abs(-1)", { a: 5 })).toBe("6");
  });

  it("lists the names it uses, once each", () => {
    const p = parseExpression("a * b + a");
    expect(p.ok && p.value.names).toEqual(["a", "b"]);
  });

  it("rejects anything but arithmetic over names", () => {
    for (const t of ["a = 1", "f(x) = x", "a.b", "a[1]", "[1, 2]", "{a: 1}", "a ? 1 : 2", "a == 1", "1:3", "a; b", '"text"', "cos(1)", "import({}, {})", "createUnit('x')", "parse('1')", "evaluate('1')", "simplify('x')", "a.constructor", "__proto__", "constructor"]) {
      const p = parseExpression(t);
      expect(p.ok, t).toBe(false);
    }
  });

  it("a logarithm to a base of zero or below, a root or fractional power of a negative number has no real value", () => {
    for (const t of ["log(8, 0)", "log(8, -2)", "log(-1)", "sqrt(-4)", "(-8)^(1/3)"]) {
      const p = parseExpression(t);
      expect(p.ok, t).toBe(true);
      if (p.ok) expect(evaluateExpression(p.value, new Map()), t).toMatchObject({ ok: false, error: { kind: "domain" } });
    }
    expect(evalWith("sqrt(-0)", {})).toBe("0");
    expect(evalWith("(-8)^3", {})).toBe("-512");
  });

  it("refuses implicit multiplication and names what is wrong", () => {
    expect(parseExpression("2 x")).toMatchObject({ ok: false, error: { kind: "syntax", detail: 'missing operator before "x" at character 3' } });
    expect(parseExpression("(1 + 2")).toMatchObject({ ok: false, error: { kind: "syntax", detail: 'missing ")" at the end' } });
    expect(parseExpression("1 + * 2")).toMatchObject({ ok: false, error: { kind: "syntax", detail: 'unexpected "*" at character 5' } });
    expect(parseExpression("1 # 2")).toMatchObject({ ok: false, error: { kind: "syntax", detail: 'unexpected character "#" at character 3' } });
    expect(parseExpression("f(x) = x")).toMatchObject({ ok: false, error: { kind: "forbidden", construct: "a function definition" } });
    expect(parseExpression('evaluate("1")')).toMatchObject({ ok: false, error: { kind: "forbidden", construct: "function evaluate()" } });
  });

  it("parses deep nesting within the node bound without exhausting the stack", () => {
    expect(parseExpression(`${"(".repeat(150)}1${")".repeat(150)}`).ok).toBe(true);
    expect(parseExpression(`${"(".repeat(240)}1${")".repeat(240)}`)).toMatchObject({ ok: false, error: { kind: "tooLong" } });
    expect(parseExpression("-".repeat(400) + "1")).toMatchObject({ ok: false, error: { kind: "tooLong" } });
  });

  it("division by zero is not a number", () => {
    const p = parseExpression("1 / a");
    expect(p.ok).toBe(true);
    if (p.ok) expect(evaluateExpression(p.value, new Map([["a", new Decimal(0)]])).ok).toBe(false);
  });

  it("bounded size", () => {
    expect(parseExpression("1+".repeat(300) + "1").ok).toBe(false);
  });

  it("agrees with decimal.js on random sums and products", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1000 }), (a, b, c) => {
        const got = evalWith("a * b + c / 4", { a, b, c });
        expect(got).toBe(new Decimal(a).times(b).plus(new Decimal(c).div(4)).toString());
      }),
    );
  });
});
