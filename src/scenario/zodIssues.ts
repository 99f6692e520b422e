/**
 * zod issues → our Issue data (path, expected, found, suggestion). The found value is read
 * from the input itself, so messages show what the user wrote.
 */
import type { z } from "zod";
import type { Issue, PathSegment } from "./issues.js";
import { closest, describeFound } from "./issues.js";
import { MAX_SAFE } from "./num.js";

type ZodIssue = z.core.$ZodIssue;

/** Unknown keys of one mapping that get a "did you mean" hint. */
const MAX_SUGGESTED = 100;

/** Read the value at a path of plain data. */
export function valueAtPath(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, { _zod: { def: Def } }>;
  readonly element?: { _zod: { def: Def } };
  readonly innerType?: { _zod: { def: Def } };
  readonly in?: { _zod: { def: Def } };
  readonly options?: readonly { _zod: { def: Def } }[];
  readonly valueType?: { _zod: { def: Def } };
}

const unwrap = (d: Def): Def => {
  let cur = d;
  for (let guard = 0; guard < 20; guard++) {
    const next = cur.innerType ?? cur.in;
    if ((cur.type === "optional" || cur.type === "default" || cur.type === "pipe" || cur.type === "nullable" || cur.type === "prefault") && next) {
      cur = next._zod.def;
    } else break;
  }
  return cur;
};

/** Keys the schema allows at a path (for "did you mean"). */
export function allowedKeys(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let defs: Def[] = [unwrap((schema as unknown as { _zod: { def: Def } })._zod.def)];
  const expand = (ds: Def[]): Def[] =>
    ds.flatMap((d) => (d.type === "union" && d.options ? expand(d.options.map((o) => unwrap(o._zod.def))) : [d]));
  for (const seg of path) {
    defs = expand(defs).flatMap((d): Def[] => {
      if (d.type === "object" && d.shape && typeof seg === "string") {
        const f = d.shape[seg];
        return f ? [unwrap(f._zod.def)] : [];
      }
      if (d.type === "array" && d.element) return [unwrap(d.element._zod.def)];
      if (d.type === "record" && d.valueType) return [unwrap(d.valueType._zod.def)];
      return [];
    });
  }
  const keys = new Set<string>();
  for (const d of expand(defs)) if (d.type === "object" && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  return [...keys];
}

/** zod's type names in the words the messages use ("object" means nothing to a planner). */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: "a mapping",
  array: "a list",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};
const typeWords = (t: string): string => TYPE_WORDS[t] ?? t;

const typeName = (x: unknown): string => {
  if (typeof x === "number" && !Number.isFinite(x)) return describeFound(x);
  return describeFound(x);
};

/** Convert zod issues to ours. */
export function fromZodIssues(issues: readonly ZodIssue[], input: unknown, schema: z.ZodType): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  for (const zi of issues) {
    for (const i of convert(zi, input, schema)) {
      // One field can fail two refinements that say the same thing (beyond the safe range, and
      // so also outside the kind's range); show it once.
      const key = JSON.stringify([i.code, i.path, i.found, i.expected]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(i);
    }
  }
  return out;
}

function convert(zi: ZodIssue, input: unknown, schema: z.ZodType): Issue[] {
  const path = zi.path.filter((p): p is PathSegment => typeof p !== "symbol");
  const found = valueAtPath(input, path);
  switch (zi.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(schema, path);
      // Spelling hints help with a few unknown keys; past MAX_SUGGESTED they are not typos, and would cost time.
      return zi.keys.map((k, n) => {
        const suggestion = n < MAX_SUGGESTED ? closest(k, allowed) : undefined;
        return { code: "unknownKey", path, found: k, expected: allowed.join(", "), ...(suggestion ? { suggestion } : {}) };
      });
    }
    case "invalid_type": {
      if (found === undefined) return [{ code: "missingKey", path, expected: typeWords(zi.expected) }];
      // "Expected a finite number" only where a number is expected; a text field given .nan expects text.
      if (typeof found === "number" && !Number.isFinite(found) && (zi.expected === "number" || zi.expected === "int")) {
        return [{ code: "notFinite", path, found: typeName(found) }];
      }
      return [{ code: "invalidType", path, expected: typeWords(zi.expected), found: typeName(found) }];
    }
    case "invalid_union": {
      if (found === undefined) return [{ code: "missingKey", path, expected: missingUnionExpected(zi, describeSchemaAt(schema, path)) }];
      if (typeof found === "number" && !Number.isFinite(found)) {
        if (unionForms(zi).has("number")) return [{ code: "notFinite", path, found: typeName(found) }];
        return [{ code: "invalidType", path, expected: missingUnionExpected(zi, describeSchemaAt(schema, path)), found: typeName(found) }];
      }
      if (typeof found === "number" && Math.abs(found) > MAX_SAFE) return [{ code: "unsafeNumber", path, found: String(found) }];
      // Pick the branch that got furthest (deepest path, then fewest issues).
      const branches = zi.errors.filter((b) => b.length > 0);
      if (branches.length > 0) {
        const depth = (b: readonly ZodIssue[]): number => Math.max(...b.map((i) => i.path.length));
        const best = [...branches].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0] ?? [];
        if (depth(best) > 0) return best.flatMap((i) => convert({ ...i, path: [...zi.path, ...i.path] } as ZodIssue, input, schema));
      }
      if ("options" in zi && Array.isArray((zi as { options?: unknown[] }).options)) {
        const opts = (zi as { options: unknown[] }).options.map(String);
        const suggestion = typeof found === "string" ? closest(found, opts) : undefined;
        return [{ code: "invalidChoice", path, expected: opts.join(" | "), found: typeName(found), ...(suggestion ? { suggestion } : {}) }];
      }
      const desc = describeSchemaAt(schema, path);
      return [{ code: "invalidType", path, expected: desc ?? "a different form (see `fundsim schema`)", found: typeName(found) }];
    }
    case "invalid_key": {
      // A record key that does not fit (values: {"1": …}): say what a key there must look like.
      const key = path[path.length - 1];
      const inner = zi.issues[0];
      const expected = inner && (inner.code === "invalid_format" || inner.code === "custom") ? inner.message : "a different key (see `fundsim schema`)";
      return [{ code: "badKey", path: path.slice(0, -1), found: String(key), expected }];
    }
    case "invalid_value": {
      const opts = zi.values.map((v) => String(v));
      // A suggestion equal to what was written helps nobody ("1" for 1 differs in type only: the hint says so).
      const near = typeof found === "string" ? closest(found, opts) : undefined;
      const suggestion = near !== found ? near : undefined;
      return [{ code: "invalidChoice", path, expected: opts.join(" | "), found: typeName(found), ...(suggestion ? { suggestion } : {}) }];
    }
    case "too_big":
    case "too_small": {
      if (typeof found === "number" && Math.abs(found) > MAX_SAFE) return [{ code: "unsafeNumber", path, found: String(found) }];
      // A list too short or too long is not a number out of range (no hint about shares and money).
      if (zi.origin === "array") {
        const n = Number(zi.code === "too_small" ? zi.minimum : zi.maximum);
        const bound = zi.code === "too_small" ? "at least" : "at most";
        return [{ code: "invalidValue", path, expected: `${bound} ${n} ${n === 1 ? "item" : "items"}`, found: typeName(found) }];
      }
      return [{ code: "outOfRange", path, expected: zi.message.replace(/^Too (big|small): expected /, ""), found: typeName(found) }];
    }
    case "invalid_format":
    case "custom": {
      if (typeof found === "number" && Math.abs(found) > MAX_SAFE) return [{ code: "unsafeNumber", path, found: String(found) }];
      const expected = zi.message.replace(/^expected /, "").replace(/^Invalid string: must match pattern .*$/, "a valid value");
      return [{ code: typeof found === "number" ? "outOfRange" : "invalidValue", path, expected, found: typeName(found) }];
    }
    default:
      return [{ code: "invalidValue", path, expected: zi.message, found: typeName(found) }];
  }
}

/** Forms a union accepts, from what each branch expected at its root (nested unions included). */
function unionForms(zi: Extract<ZodIssue, { code: "invalid_union" }>): Set<string> {
  const out = new Set<string>();
  for (const branch of zi.errors) {
    for (const i of branch) {
      if (i.path.length > 0) continue;
      if (i.code === "invalid_type") out.add(i.expected === "record" ? "object" : i.expected);
      else if (i.code === "invalid_union") for (const f of unionForms(i)) out.add(f);
    }
  }
  return out;
}

/**
 * What a missing union field expects: the schema's own description when it names a type
 * ("text, or {en: …, zh: …}"; a field's documentation is a sentence, not a type), else
 * the forms its branches accept ("a number, an expression over named values or a mapping").
 */
function missingUnionExpected(zi: Extract<ZodIssue, { code: "invalid_union" }>, description: string | undefined): string {
  if (description !== undefined && /^[a-z]/.test(description)) return description;
  const forms = unionForms(zi);
  const words: string[] = [];
  if (forms.has("number")) words.push("a number");
  if (forms.has("string")) words.push(forms.has("number") ? "an expression over named values" : "text");
  if (forms.has("object")) words.push("a mapping");
  if (words.length === 0) return "a different form (see `fundsim schema`)";
  return words.length === 1 ? (words[0] as string) : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function describeSchemaAt(schema: z.ZodType, path: readonly PathSegment[]): string | undefined {
  let s: unknown = schema;
  for (const seg of path) {
    const d = unwrap((s as { _zod: { def: Def } })._zod.def);
    if (d.type === "object" && d.shape && typeof seg === "string") s = d.shape[seg];
    else if (d.type === "array" && d.element) s = d.element;
    else if (d.type === "record" && d.valueType) s = d.valueType;
    else return undefined;
    if (!s) return undefined;
  }
  // The description of the field, else of the schema it wraps (optional, default …).
  let cur = s as { description?: string; _zod?: { def: Def } } | undefined;
  for (let guard = 0; cur && guard < 20; guard++) {
    if (cur.description) return cur.description;
    const d = cur._zod?.def;
    cur = (d?.innerType ?? d?.in) as typeof cur;
  }
  return undefined;
}
