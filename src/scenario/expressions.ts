/**
 * Safe expressions in scenario files, e.g. `"0.2 * revenueIncrease"` or `"200 * wheatPrice"`.
 *
 * A small parser of fundsim's own reads exactly this grammar and nothing else:
 *
 *   expr    := term (("+" | "-") term)*
 *   term    := unary (("*" | "/" | "%") unary)*
 *   unary   := ("-" | "+") unary | power
 *   power   := primary ("^" unary)?            (right-associative; -2^2 = -4)
 *   primary := number | name | name "(" expr ("," expr)* ")" | "(" expr ")"
 *
 * numbers, the scenario's named values, + − × ÷ ^ % (modulo), parentheses and a few pure
 * functions. Everything else — assignments, property or index access, matrices, objects,
 * strings, units, comparisons, conditionals, several statements, any other function —
 * is refused with the construct named. Nothing is ever evaluated as code: a file from a
 * stranger must not run code. Arithmetic is decimal (decimal.js, 64 significant digits),
 * so money stays exact.
 *
 * Why not mathjs, which the first version used: loading it took about a second on every
 * command that read a scenario with an expression (all shipped ones do), for a grammar of
 * five rules. mathjs stays the reference: a test evaluates random expressions with both
 * and requires the same digits (tests/scenario/expressionsReference.test.ts).
 *
 * @example
 * const p = parseExpression("0.2 * revenueIncrease");
 * // p.ok && p.value.names → ["revenueIncrease"]
 * evaluateExpression(p.value, new Map([["revenueIncrease", new Decimal(5e8)]])) // → 1e8
 */
import { Decimal } from "decimal.js";
import { ok, err, type Result } from "../util/result.js";

/** Decimal arithmetic of expressions: 64 significant digits, half-up rounding (as mathjs's BigNumber). */
const Big = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });
type Big = InstanceType<typeof Big>;

/** Functions an expression may call. */
export const ALLOWED_FUNCTIONS = ["min", "max", "round", "floor", "ceil", "abs", "sqrt", "exp", "log"] as const;
const ALLOWED_FN = new Set<string>(ALLOWED_FUNCTIONS);
type AllowedFunction = (typeof ALLOWED_FUNCTIONS)[number];
const isAllowedFunction = (x: string): x is AllowedFunction => ALLOWED_FN.has(x);

export const MAX_EXPRESSION_LENGTH = 500;
export const MAX_EXPRESSION_NODES = 200;

export type ExpressionProblem =
  | { readonly kind: "syntax"; readonly detail: string }
  | { readonly kind: "forbidden"; readonly construct: string }
  | { readonly kind: "tooLong"; readonly length: number }
  | { readonly kind: "notFinite" }
  /** A function outside its domain (sqrt or log of a negative number, a fractional power of one): no real value. */
  | { readonly kind: "domain"; readonly found: string };

/** A checked expression's syntax tree. */
export type ExpressionNode =
  | { readonly t: "num"; readonly text: string }
  | { readonly t: "name"; readonly name: string }
  | { readonly t: "neg"; readonly arg: ExpressionNode }
  | { readonly t: "bin"; readonly op: "+" | "-" | "*" | "/" | "%" | "^"; readonly a: ExpressionNode; readonly b: ExpressionNode }
  | { readonly t: "call"; readonly fn: AllowedFunction; readonly args: readonly ExpressionNode[] };

export interface ParsedExpression {
  readonly text: string;
  /** Named values the expression uses, in order of first appearance. */
  readonly names: readonly string[];
  readonly node: ExpressionNode;
}

/** What a character that starts no allowed token stands for, when it is a known construct. */
function constructAt(text: string, i: number): string | undefined {
  const c = text[i] ?? "";
  const next = text[i + 1] ?? "";
  if (c === "=" && next === "=") return "a comparison";
  if (c === "=") return "an assignment (=)";
  if (c === "<" || c === ">" || (c === "!" && next === "=")) return "a comparison";
  if (c === "." || c === "[") return c === "[" && i === 0 ? "a matrix or list" : "property or index access";
  if (c === "{") return "an object literal";
  if (c === "?") return "a conditional (? :)";
  if (c === ":") return "a range (:)";
  if (c === ";" || c === "\n") return "several statements (; or newline)";
  if (c === '"' || c === "'" || c === "`") return "constant text (only numbers are allowed)";
  return undefined;
}

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[\p{L}_$][\p{L}\p{N}_$]*/uy;
const FORBIDDEN_NAMES = new Set(["constructor", "__proto__", "prototype"]);

type Token =
  | { readonly k: "num" | "name" | "op"; readonly v: string; readonly at: number }
  | { readonly k: "end"; readonly v: ""; readonly at: number }
  /** A character (or a quoted text) that starts no allowed token: a named construct, or a syntax error. */
  | { readonly k: "bad"; readonly v: string; readonly at: number; readonly construct: string | undefined };

class Refusal {
  constructor(readonly problem: ExpressionProblem) {}
}

/** Split into tokens; characters that start no allowed token become "bad" tokens (the whole text is read). */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      out.push({ k: "num", v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) {
      out.push({ k: "name", v: name[0], at: i });
      i += name[0].length;
      continue;
    }
    if ("+-*/^%(),".includes(c)) {
      out.push({ k: "op", v: c, at: i });
      i++;
      continue;
    }
    out.push({ k: "bad", v: c, at: i, construct: constructAt(text, i) });
    if (c === '"' || c === "'" || c === "`") {
      const close = text.indexOf(c, i + 1);
      i = close < 0 ? text.length : close + 1;
    } else i++;
  }
  out.push({ k: "end", v: "", at: text.length });
  return out;
}

/**
 * The construct that makes an expression unacceptable, whatever else is wrong with it: a
 * call of a function that is not allowed (a definition when `f(x) = …`), else the first
 * character that starts no token. Undefined when every token is allowed.
 */
function firstRefusal(tokens: readonly Token[]): ExpressionProblem | undefined {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1] as Token;
    if (t.k !== "name" || next.k !== "op" || next.v !== "(" || isAllowedFunction(t.v)) continue;
    let depth = 0;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      const u = tokens[j] as Token;
      if (u.k === "op" && u.v === "(") depth++;
      if (u.k === "op" && u.v === ")" && --depth === 0) break;
    }
    const after = tokens[j + 1];
    const defines = after?.k === "bad" && after.v === "=" && tokens[j + 2]?.v !== "=";
    return { kind: "forbidden", construct: defines ? "a function definition" : `function ${t.v}()` };
  }
  const bad = tokens.find((t) => t.k === "bad");
  if (bad?.k !== "bad") return undefined;
  return bad.construct ? { kind: "forbidden", construct: bad.construct } : { kind: "syntax", detail: `unexpected character "${bad.v}" at character ${bad.at + 1}` };
}

/** Recursive descent over the grammar in the module comment; depth is bounded by MAX_EXPRESSION_NODES. */
function parseTokens(tokens: readonly Token[]): { node: ExpressionNode; names: string[] } {
  let pos = 0;
  let nodes = 0;
  const names: string[] = [];
  const peek = (): Token => tokens[pos] as Token;
  const count = (): void => {
    if (++nodes > MAX_EXPRESSION_NODES) throw new Refusal({ kind: "tooLong", length: tokens[tokens.length - 1]?.at ?? 0 });
  };
  const unexpected = (t: Token): Refusal =>
    new Refusal({ kind: "syntax", detail: t.k === "end" ? "unexpected end of expression" : `unexpected "${t.v}" at character ${t.at + 1}` });
  const expectOp = (v: string): void => {
    const t = peek();
    if (t.k !== "op" || t.v !== v) throw t.k === "end" ? new Refusal({ kind: "syntax", detail: `missing "${v}" at the end` }) : unexpected(t);
    pos++;
  };
  const isOp = (v: string): boolean => {
    const t = peek();
    return t.k === "op" && t.v === v;
  };
  const expr = (): ExpressionNode => {
    let a = term();
    while (isOp("+") || isOp("-")) {
      const op = peek().v as "+" | "-";
      pos++;
      count();
      a = { t: "bin", op, a, b: term() };
    }
    return a;
  };
  const term = (): ExpressionNode => {
    let a = unary();
    while (isOp("*") || isOp("/") || isOp("%")) {
      const op = peek().v as "*" | "/" | "%";
      pos++;
      count();
      a = { t: "bin", op, a, b: unary() };
    }
    return a;
  };
  const unary = (): ExpressionNode => {
    if (isOp("-") || isOp("+")) {
      const minus = isOp("-");
      pos++;
      count();
      const arg = unary();
      return minus ? { t: "neg", arg } : arg;
    }
    return power();
  };
  const power = (): ExpressionNode => {
    const base = primary();
    if (!isOp("^")) return base;
    pos++;
    count();
    return { t: "bin", op: "^", a: base, b: unary() };
  };
  const primary = (): ExpressionNode => {
    const t = peek();
    count();
    if (t.k === "num") {
      pos++;
      return { t: "num", text: t.v };
    }
    if (t.k === "name") {
      pos++;
      if (isOp("(")) {
        if (!isAllowedFunction(t.v)) throw new Refusal({ kind: "forbidden", construct: `function ${t.v}()` });
        pos++;
        const args = [expr()];
        while (isOp(",")) {
          pos++;
          args.push(expr());
        }
        expectOp(")");
        return { t: "call", fn: t.v, args };
      }
      if (FORBIDDEN_NAMES.has(t.v)) throw new Refusal({ kind: "forbidden", construct: t.v });
      if (!names.includes(t.v)) names.push(t.v);
      return { t: "name", name: t.v };
    }
    if (t.k === "op" && t.v === "(") {
      pos++;
      const inner = expr();
      expectOp(")");
      return inner;
    }
    throw unexpected(t);
  };
  const node = expr();
  const last = peek();
  if (last.k !== "end") {
    // "2 x": mathjs read this as 2 × x; a scenario says what it means.
    throw last.k === "op" ? unexpected(last) : new Refusal({ kind: "syntax", detail: `missing operator before "${last.v}" at character ${last.at + 1}` });
  }
  return { node, names };
}

/** Parse and whitelist-check an expression. Never evaluates anything. */
export function parseExpression(text: string): Result<ParsedExpression, ExpressionProblem> {
  if (text.length > MAX_EXPRESSION_LENGTH) return err({ kind: "tooLong", length: text.length });
  if (text.trim() === "") return err({ kind: "syntax", detail: "empty expression" });
  try {
    const tokens = tokenize(text);
    const refused = firstRefusal(tokens);
    if (refused) return err(refused);
    const { node, names } = parseTokens(tokens);
    return ok({ text, names, node });
  } catch (e) {
    if (e instanceof Refusal) return err(e.problem);
    throw e;
  }
}

/** No real value (sqrt or log of a negative number, a fractional power of one). */
class NoRealValue {
  constructor(readonly found: string) {}
}

/** The expression's value; functions and operators as mathjs defines them for BigNumbers. */
function value(n: ExpressionNode, scope: ReadonlyMap<string, Big>): Big {
  switch (n.t) {
    case "num":
      return new Big(n.text);
    case "name": {
      const v = scope.get(n.name);
      if (v === undefined) throw new Error(`evaluateExpression: missing name ${n.name}`);
      return v;
    }
    case "neg":
      return value(n.arg, scope).neg();
    case "bin": {
      const a = value(n.a, scope);
      const b = value(n.b, scope);
      switch (n.op) {
        case "+":
          return a.plus(b);
        case "-":
          return a.minus(b);
        case "*":
          return a.times(b);
        case "/":
          return a.div(b);
        case "%":
          // Floored modulo, the sign of the divisor; x mod 0 = x (mathjs).
          return b.isZero() ? a : a.minus(b.times(a.div(b).floor()));
        case "^": {
          if (a.lt(0) && !b.isInteger()) throw new NoRealValue(`(${a.toString()})^(${b.toString()})`);
          return a.pow(b);
        }
        default:
          return n.op satisfies never;
      }
    }
    case "call": {
      const args = n.args.map((x) => value(x, scope));
      const [x, y] = args as [Big, Big | undefined];
      const arity = (lo: number, hi: number): void => {
        if (args.length < lo || args.length > hi) throw new Refusal({ kind: "syntax", detail: `${n.fn}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? "" : "s"}, found ${args.length}` });
      };
      switch (n.fn) {
        case "min":
          return Big.min(...args);
        case "max":
          return Big.max(...args);
        case "round":
          arity(1, 2);
          if (y !== undefined && (!y.isInteger() || y.isNegative() || y.gt(15))) throw new Refusal({ kind: "syntax", detail: "round(x, n) takes a whole number of decimals n from 0 to 15" });
          return x.toDecimalPlaces(y === undefined ? 0 : y.toNumber(), Big.ROUND_HALF_UP);
        case "floor":
          arity(1, 1);
          return x.floor();
        case "ceil":
          arity(1, 1);
          return x.ceil();
        case "abs":
          arity(1, 1);
          return x.abs();
        case "sqrt":
          arity(1, 1);
          if (x.lt(0)) throw new NoRealValue(`sqrt(${x.toString()})`);
          return x.sqrt();
        case "exp":
          arity(1, 1);
          return x.exp();
        case "log":
          arity(1, 2);
          // A base must be positive (and not 1, which divides by ln 1 = 0: no finite value).
          if (x.lt(0) || (y !== undefined && y.lte(0))) throw new NoRealValue(`log(${args.map(String).join(", ")})`);
          return y === undefined ? x.ln() : x.ln().div(y.ln());
        default:
          return n.fn satisfies never;
      }
    }
    default:
      return n satisfies never;
  }
}

/**
 * Evaluate a checked expression with exact decimal arithmetic.
 * `scope` must hold every name in `expr.names`.
 */
export function evaluateExpression(expr: ParsedExpression, scope: ReadonlyMap<string, Decimal>): Result<Decimal, ExpressionProblem> {
  const big = new Map<string, Big>();
  for (const name of expr.names) {
    const v = scope.get(name);
    if (v === undefined) throw new Error(`evaluateExpression: missing name ${name}`);
    big.set(name, new Big(v.toString()));
  }
  let out: Big;
  try {
    out = value(expr.node, big);
  } catch (e) {
    if (e instanceof NoRealValue) return err({ kind: "domain", found: e.found });
    if (e instanceof Refusal) return err(e.problem);
    throw e;
  }
  if (!out.isFinite()) return err({ kind: "notFinite" });
  return ok(new Decimal(out.toString()));
}
