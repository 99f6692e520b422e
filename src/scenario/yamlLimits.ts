/**
 * Guards run on scenario text before the YAML parser builds anything, so hostile or
 * broken input is refused in linear time and bounded memory, with a located message:
 *
 * - every line-ending style (LF, CRLF, lone CR) reads as lines, so positions stay right;
 * - nesting deeper than MAX_NESTING levels is refused (the parser's memory grows with
 *   depth: 2 MB of `[[[[…` took over 1 GB);
 * - after parsing: keys repeated in one mapping (one pass per mapping with a set, where
 *   the parser's own check compares every pair) and YAML tags other than the core ones
 *   (`!!binary`, `!!set`, `!!timestamp`, `!!omap`, `!custom` …), each named.
 *
 * @example
 * deepestNesting("a: [[[1]]]", 2) // { depth: 3, offset: 5 }
 */
import { Lexer, CST, isMap, isNode, isPair, isScalar, visit, type Document } from "yaml";

/** Deepest nesting of mappings and lists accepted (real scenarios use about 6). */
export const MAX_NESTING = 64;

/** Tags a scenario may carry explicitly: the YAML 1.2 core schema. */
const CORE_TAGS: ReadonlySet<string> = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

/** Lone carriage returns (old Mac line ends) as line feeds; CRLF is kept. Same length, so offsets do not move. */
export function normalizeLineEnds(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
}

/**
 * The first place where mappings and lists nest deeper than `limit`, or undefined. Reads
 * the lexer's token stream (quotes, comments and block scalars are handled by it) and
 * counts flow brackets, open block indentation levels and compact `- ` / `? ` items.
 */
export function deepestNesting(text: string, limit: number): { readonly depth: number; readonly offset: number } | undefined {
  let offset = 0;
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  let compact = 0;
  let skipScalar = false;
  for (const tok of new Lexer().lex(text)) {
    const at = offset;
    // The lexer marks a document start, a scalar and an unfinished flow with one control character each; they are not in the text.
    if (tok.length === 1 && (tok === "\x02" || tok === "\x18" || tok === "\x1f")) {
      if (tok === "\x1f") skipScalar = true;
      continue;
    }
    offset += tok.length;
    if (skipScalar) {
      // The source of a scalar (a block scalar's body included) is content, not indentation.
      skipScalar = false;
      if (lineStart) openLine();
      continue;
    }
    const type = CST.tokenType(tok);
    switch (type) {
      case "newline":
        lineStart = true;
        indent = 0;
        continue;
      case "space":
        if (lineStart) indent = tok.length;
        continue;
      case "comment":
      case "byte-order-mark":
      case "directive-line":
      case "doc-start":
      case "doc-end":
        continue;
      default:
        break;
    }
    if (lineStart) openLine();
    if (type === "flow-seq-start" || type === "flow-map-start") flow++;
    else if (type === "flow-seq-end" || type === "flow-map-end") flow = Math.max(0, flow - 1);
    else if (flow === 0 && (type === "seq-item-ind" || type === "explicit-key-ind")) compact++;
    const depth = indents.length + compact + flow;
    if (depth > limit) return { depth, offset: at };
  }
  return undefined;

  function openLine(): void {
    lineStart = false;
    compact = 0;
    if (flow > 0) return;
    while (indents.length > 0 && (indents[indents.length - 1] ?? 0) > indent) indents.pop();
    if (indents.length === 0 || (indents[indents.length - 1] ?? 0) < indent) indents.push(indent);
  }
}

/** A key given twice in one mapping, or a tag outside the core schema, with its offset in the text. */
export type StructureProblem =
  | { readonly kind: "duplicateKey"; readonly key: string; readonly offset: number }
  | { readonly kind: "unsupportedTag"; readonly tag: string; readonly offset: number };

/** How a tag is written in a file: `!!binary` for the YAML ones, the tag itself otherwise. */
export function shownTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

/**
 * Repeated keys (compared as the data will see them: `2017` and `"2017"` are one key) and
 * tags outside the core schema, in document order. Linear in the size of the document.
 */
export function structureProblems(doc: Document, max = 100): StructureProblem[] {
  const out: StructureProblem[] = [];
  visit(doc, (_key, node) => {
    if (out.length >= max) return visit.BREAK;
    if (isNode(node) && node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      out.push({ kind: "unsupportedTag", tag: shownTag(node.tag), offset: node.range?.[0] ?? 0 });
      // Whatever is inside an unsupported node is not read: one message for it.
      return visit.SKIP;
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const k = String(pair.key.value);
        if (seen.has(k)) out.push({ kind: "duplicateKey", key: k, offset: pair.key.range?.[0] ?? 0 });
        else seen.add(k);
      }
    }
    return undefined;
  });
  return out.slice(0, max);
}
