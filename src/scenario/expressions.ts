/**
 * Safe expressions in scenario files, e.g. `"0.2 * revenueIncrease"` or `"200 * wheatPrice"`.
 *
 * A locked-down mathjs instance (BigNumber arithmetic, so money stays exact) parses the
 * text; the syntax tree is then checked against a whitelist before anything is evaluated:
 * numbers, the scenario's named values, + − × ÷ ^ %, parentheses and a few pure
 * functions. Everything else — assignments, function definitions, property or index
 * access, matrices, objects, strings, units, `import`, `createUnit`, `evaluate`, `parse`,
 * `constructor`, `__proto__` — is rejected. A file from a stranger must not run code.
 *
 * @example
 * const p = parseExpression("0.2 * revenueIncrease");
 * // p.ok && p.value.names → ["revenueIncrease"]
 * evaluateExpression(p.value, new Map([["revenueIncrease", new Decimal(5e8)]])) // → 1e8
 */
import { createRequire } from "node:module";
import type { MathNode, FactoryFunctionMap, MathJsInstance, create as Create } from "mathjs";
import { Decimal } from "decimal.js";
import { ok, err, type Result } from "../util/result.js";

let mathInstance: MathJsInstance | undefined;

/** The mathjs instance, loaded on first use: mathjs takes about a second to load, and most scenarios have no expressions. */
function mathjs(): MathJsInstance {
  if (!mathInstance) {
    const { create, all } = createRequire(import.meta.url)("mathjs") as { create: typeof Create; all: FactoryFunctionMap };
    mathInstance = create(all, { number: "BigNumber", precision: 64 });
  }
  return mathInstance;
}

/** Functions an expression may call. */
export const ALLOWED_FUNCTIONS = ["min", "max", "round", "floor", "ceil", "abs", "sqrt", "exp", "log"] as const;
const ALLOWED_FN = new Set<string>(ALLOWED_FUNCTIONS);
const ALLOWED_OPS = new Set(["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus", "mod"]);

export const MAX_EXPRESSION_LENGTH = 500;
export const MAX_EXPRESSION_NODES = 200;

export type ExpressionProblem =
  | { readonly kind: "syntax"; readonly detail: string }
  | { readonly kind: "forbidden"; readonly construct: string }
  | { readonly kind: "tooLong"; readonly length: number }
  | { readonly kind: "notFinite" }
  /** A function outside its domain (sqrt or log of a negative number, a fractional power of one): no real value. */
  | { readonly kind: "domain"; readonly found: string };

export interface ParsedExpression {
  readonly text: string;
  /** Named values the expression uses, in order of first appearance. */
  readonly names: readonly string[];
  readonly node: MathNode;
}

/** Parse and whitelist-check an expression. Never evaluates anything. */
export function parseExpression(text: string): Result<ParsedExpression, ExpressionProblem> {
  if (text.length > MAX_EXPRESSION_LENGTH) return err({ kind: "tooLong", length: text.length });
  let node: MathNode;
  try {
    node = mathjs().parse(text);
  } catch (e) {
    return err({ kind: "syntax", detail: e instanceof Error ? e.message : String(e) });
  }
  const names: string[] = [];
  let nodes = 0;
  let problem: ExpressionProblem | undefined;
  const visit = (n: MathNode, parent: MathNode | undefined): void => {
    if (problem) return;
    nodes++;
    if (nodes > MAX_EXPRESSION_NODES) {
      problem = { kind: "tooLong", length: text.length };
      return;
    }
    switch (n.type) {
      case "ConstantNode": {
        const v = (n as unknown as { value: unknown }).value;
        if (typeof v !== "number" && !(v instanceof Object && "isBigNumber" in v)) {
          problem = { kind: "forbidden", construct: `constant ${JSON.stringify(String(v))} (only numbers are allowed)` };
        }
        break;
      }
      case "SymbolNode": {
        const name = (n as unknown as { name: string }).name;
        const isCallee = parent?.type === "FunctionNode" && (parent as unknown as { fn: MathNode }).fn === n;
        if (isCallee) {
          if (!ALLOWED_FN.has(name)) problem = { kind: "forbidden", construct: `function ${name}()` };
        } else if (name === "constructor" || name === "__proto__" || name === "prototype") {
          problem = { kind: "forbidden", construct: name };
        } else if (!names.includes(name)) {
          names.push(name);
        }
        break;
      }
      case "OperatorNode": {
        const fn = (n as unknown as { fn: string }).fn;
        if (!ALLOWED_OPS.has(fn)) problem = { kind: "forbidden", construct: `operator ${(n as unknown as { op: string }).op}` };
        break;
      }
      case "ParenthesisNode":
        break;
      case "FunctionNode": {
        const fn = (n as unknown as { fn: MathNode }).fn;
        if (fn.type !== "SymbolNode") problem = { kind: "forbidden", construct: "a computed function call" };
        break;
      }
      default:
        problem = { kind: "forbidden", construct: describeNode(n.type) };
    }
    if (!problem) n.forEach((child) => visit(child, n));
  };
  visit(node, undefined);
  if (problem) return err(problem);
  return ok({ text, names, node });
}

function describeNode(type: string): string {
  switch (type) {
    case "AssignmentNode":
      return "an assignment (=)";
    case "FunctionAssignmentNode":
      return "a function definition";
    case "AccessorNode":
    case "IndexNode":
      return "property or index access";
    case "ObjectNode":
      return "an object literal";
    case "ArrayNode":
      return "a matrix or list";
    case "BlockNode":
      return "several statements (; or newline)";
    case "ConditionalNode":
      return "a conditional (? :)";
    case "RangeNode":
      return "a range (:)";
    case "RelationalNode":
      return "a comparison";
    default:
      return type;
  }
}

/**
 * Evaluate a checked expression with exact decimal arithmetic.
 * `scope` must hold every name in `expr.names`.
 */
export function evaluateExpression(expr: ParsedExpression, scope: ReadonlyMap<string, Decimal>): Result<Decimal, ExpressionProblem> {
  const bigScope = new Map<string, unknown>();
  for (const name of expr.names) {
    const v = scope.get(name);
    if (v === undefined) throw new Error(`evaluateExpression: missing name ${name}`);
    bigScope.set(name, mathjs().bignumber(v.toString()));
  }
  let out: unknown;
  try {
    out = expr.node.compile().evaluate(bigScope);
  } catch (e) {
    return err({ kind: "syntax", detail: e instanceof Error ? e.message : String(e) });
  }
  // mathjs answers sqrt(-4) with the complex 2i and log(-1) with iπ: not an amount.
  if (!mathjs().isBigNumber(out) && typeof out !== "number") return err({ kind: "domain", found: String(out) });
  const d = new Decimal(String(out));
  if (!d.isFinite()) return err({ kind: "notFinite" });
  return ok(d);
}
