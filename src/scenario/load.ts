/**
 * Loading a scenario: file → text → YAML/JSON document → overlays (variant, --set) →
 * schema validation → number resolution → cross-field checks → frozen Scenario.
 *
 * Every expected failure is returned as Issue data with file, line and column where the
 * document has them; nothing here throws on bad input.
 *
 * @example
 * const r = await loadScenario("scenarios/linghai-2017.yaml", { variant: "no-pool" });
 * if (!r.ok) console.error(renderIssues("en", r.error));
 */
import { readFile, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { parseDocument, LineCounter, isMap, isSeq, isPair, isScalar, visit, type Node as YamlNode, type Pair } from "yaml";
import { ok, err, type Result } from "../util/result.js";
import type { Issue, PathSegment } from "./issues.js";
import { describeFound } from "./issues.js";
import { scenarioSchema, variantSchema } from "./schema.js";
import type { z } from "zod";
import { fromZodIssues } from "./zodIssues.js";
import { workbookVariant } from "./workbookVariant.js";
import { resolveNumbers } from "./resolve.js";
import { applyOverlay, parseSet, parsePath } from "./overlays.js";
import { BOUNDS } from "./num.js";
import { crossCheck } from "./crossChecks.js";
import { resolveUnknown } from "./unknowns.js";
import { deepestNesting, MAX_NESTING, normalizeLineEnds, structureProblems } from "./yamlLimits.js";
import type { FixedUnknown, LoadedScenario, Scenario } from "./types.js";

/**
 * Largest scenario file accepted (a scenario is hand-written, the shipped ones are about
 * 20 KB; data goes in a register). It bounds parsing time: the YAML parser needs seconds
 * for a megabyte of keys.
 */
export const MAX_SCENARIO_BYTES = 512 * 1024;

export interface LoadOptions {
  /**
   * A variant of the scenario by id, or a variant file (a path ending in .yaml, .yml or
   * .json holding one variant: {id, label, description, set}, as `fundsim calibrate` writes
   * one; or an allocation workbook, .xlsx, as `fundsim template-xlsx` writes one): its
   * overlay is added to the scenario's variants (replacing one with its id) and applied.
   */
  readonly variant?: string | undefined;
  readonly sets?: readonly string[] | undefined;
  /** Do not validate each variant's overlaid scenario (used when validating one). */
  readonly skipVariants?: boolean | undefined;
}

/** Load and validate a scenario file. */
export async function loadScenario(file: string, opts: LoadOptions = {}): Promise<Result<LoadedScenario, Issue[]>> {
  let extra: VariantInput | undefined;
  if (opts.variant !== undefined && isVariantFile(opts.variant)) {
    const v = await loadVariantFile(opts.variant);
    if (!v.ok) return v;
    extra = v.value;
  }
  const text = await readDocumentText(file);
  if (!text.ok) return text;
  return parseScenarioText(text.value, { ...opts, file, ...(extra ? { variant: extra.id, extraVariant: extra } : {}) });
}

type VariantInput = z.infer<typeof variantSchema>;

/** Whether a --variant names a file rather than a variant of the scenario. */
export const isVariantFile = (variant: string): boolean => /\.(ya?ml|json|xlsx)$/i.test(variant.trim());

/**
 * Read and validate a variant file (one variant: id, label, description, set); issues located
 * in it. An .xlsx file is an allocation workbook (scenario/workbookVariant.ts).
 */
export async function loadVariantFile(file: string): Promise<Result<VariantInput, Issue[]>> {
  if (/\.xlsx$/i.test(file.trim())) {
    const w = await workbookVariant(file);
    if (!w.ok) return w;
    const parsed = variantSchema.safeParse(w.value);
    return parsed.success ? ok(parsed.data) : err(fromZodIssues(parsed.error.issues, w.value, variantSchema).map((i) => ({ ...i, file })));
  }
  const text = await readDocumentText(file);
  if (!text.ok) return text;
  const doc = parseDocumentText(text.value, file);
  if (!doc.ok) return doc;
  const parsed = variantSchema.safeParse(doc.value.raw);
  if (!parsed.success) return err(doc.value.locate(fromZodIssues(parsed.error.issues, doc.value.raw, variantSchema)));
  return ok(parsed.data);
}

/**
 * A document file's text, for the scenario and every other YAML input (calibration
 * targets): not a directory, at most MAX_SCENARIO_BYTES, UTF-8 without NUL bytes.
 */
export async function readDocumentText(file: string): Promise<Result<string, Issue[]>> {
  const fileIssue = (code: Issue["code"], extra: Partial<Issue> = {}): Result<never, Issue[]> =>
    err([{ code, path: [], file, ...extra }]);
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) return fileIssue("isDirectory");
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return fileIssue("fileNotFound");
    return fileIssue("unreadable", { detail: String(code ?? e) });
  }
  if (size > MAX_SCENARIO_BYTES) {
    return fileIssue("fileTooLarge", { found: formatBytes(size), expected: formatBytes(MAX_SCENARIO_BYTES) });
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return fileIssue("unreadable", { detail: String((e as NodeJS.ErrnoException).code ?? e) });
  }
  try {
    if (bytes.includes(0)) throw new Error("NUL byte");
    return ok(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return fileIssue("binaryFile");
  }
}

/** Validate scenario text (YAML or JSON — JSON is read as YAML 1.2, its superset). */
export function parseScenarioText(text: string, opts: LoadOptions & { file?: string; extraVariant?: VariantInput } = {}): Result<LoadedScenario, Issue[]> {
  const file = opts.file ?? "<text>";
  const doc = parseDocumentText(text, file);
  if (!doc.ok) return doc;
  const r = scenarioFromObject(doc.value.raw, opts);
  if (!r.ok) return err(doc.value.locate(r.error));
  return ok({ ...r.value, file });
}

/** A parsed document: its data, and where each issue's path is in the text (file, line, column). */
export interface ParsedDocument {
  readonly raw: unknown;
  readonly locate: (issues: readonly Issue[]) => Issue[];
}

/**
 * Parse YAML or JSON text into plain data under the scenario's limits (size, nesting,
 * duplicate keys, tags, aliases), with a function that locates validation issues in it.
 */
export function parseDocumentText(text: string, file: string): Result<ParsedDocument, Issue[]> {
  if (text.replace(/^\uFEFF/, "").trim() === "") return err([{ code: "emptyFile", path: [], file }]);
  const lineCounter = new LineCounter();
  const yamlText = normalizeLineEnds(text.replace(/^\uFEFF/, ""));
  // Limits before the parser builds anything: size (text given directly skips the file check), then nesting depth.
  const bytes = Buffer.byteLength(yamlText);
  if (bytes > MAX_SCENARIO_BYTES) return err([{ code: "fileTooLarge", path: [], file, found: formatBytes(bytes), expected: formatBytes(MAX_SCENARIO_BYTES) }]);
  const deep = deepestNesting(yamlText, MAX_NESTING);
  if (deep) {
    const pos = lineAndColumn(yamlText, deep.offset);
    return err([{ code: "tooDeep", path: [], file, ...pos, expected: String(MAX_NESTING) }]);
  }
  // Duplicate keys and tags are checked below in one pass (the parser's uniqueKeys compares every pair of keys).
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: false, schema: "core", prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    // Errors the parser reports at the same place as an earlier one follow from it; the first says what is wrong.
    const seen = new Set<number>();
    const firsts = doc.errors.filter((e) => !seen.has(e.pos[0]) && seen.add(e.pos[0]) !== undefined);
    return err(
      firsts.slice(0, 10).map((e): Issue => {
        const pos = lineCounter.linePos(e.pos[0]);
        const dup = e.code === "DUPLICATE_KEY";
        const keyText = dup ? (/^["']?([^"':\s]+)/.exec(yamlText.slice(e.pos[0], e.pos[0] + 200))?.[1] ?? "") : undefined;
        // The parser's code lets the messages explain the error in the user's language; its own words are kept for codes they do not know.
        return dup
          ? { code: "duplicateKey", path: [], file, line: pos.line, column: pos.col, found: keyText ?? "" }
          : { code: "syntax", path: [], file, line: pos.line, column: pos.col, parserCode: e.code, detail: e.message.split("\n")[0] ?? e.message };
      }),
    );
  }
  const structure = structureProblems(doc, 10);
  if (structure.length > 0) {
    return err(
      structure.map((p): Issue => {
        const pos = lineCounter.linePos(p.offset);
        const where = { path: [], file, line: pos.line, column: pos.col };
        return p.kind === "duplicateKey" ? { code: "duplicateKey", ...where, found: p.key } : { code: "unsupportedTag", ...where, found: p.tag };
      }),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    // The parser finds an alias to no anchor (*name before or without &name), or too many aliases, only when it builds the data.
    const detail = e instanceof Error ? e.message : String(e);
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        if (node.resolve(doc) !== undefined || !node.range) return undefined;
        offset = node.range[0];
        return visit.BREAK;
      },
    });
    const pos = lineCounter.linePos(offset);
    const parserCode = /alias count/i.test(detail) ? "RESOURCE_EXHAUSTION" : "UNRESOLVED_ALIAS";
    return err([{ code: "syntax", path: [], file, line: pos.line, column: pos.col, parserCode, detail }]);
  }
  const locate = (issues: readonly Issue[]): Issue[] =>
    issues.map((i) => {
      const at = positionOf(doc.contents, (i.code === "unknownKey" || i.code === "badKey") && i.found !== undefined ? [...i.path, i.found] : i.path, lineCounter, yamlText);
      const { source, ...pos } = at;
      // A number beyond the safe range was already rounded by parsing; show what the file says.
      const found = i.code === "unsafeNumber" && source !== undefined ? { found: source } : {};
      return { file, ...pos, ...i, ...found };
    });
  return ok({ raw, locate });
}

/** Validate a scenario given as plain data (notebooks, tests, overlays). */
export function scenarioFromObject(raw: unknown, opts: LoadOptions & { readonly extraVariant?: VariantInput } = {}): Result<LoadedScenario, Issue[]> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return err([{ code: "notMapping", path: [], expected: "a mapping (fundsim: 1, meta: …, population: …)", found: describeFound(raw) }]);
  }
  // A variant file joins the scenario's variants (in place of one with its id).
  const extra = opts.extraVariant;
  if (extra !== undefined) {
    const listed = (raw as { variants?: unknown }).variants;
    const others = Array.isArray(listed) ? listed.filter((v: unknown) => (v as { id?: unknown } | null)?.id !== extra.id) : [];
    raw = { ...(raw as object), variants: [...others, extra] };
  }
  // 1. Overlays: the variant, then each --set, on copies of the raw baseline.
  let data: unknown = raw;
  const sets = opts.sets ?? [];
  if (opts.variant !== undefined) {
    const variants = (raw as { variants?: unknown }).variants;
    const list = Array.isArray(variants) ? (variants as { id?: unknown; set?: unknown }[]) : [];
    const v = list.find((x) => x && x.id === opts.variant);
    if (!v) {
      return err([{ code: "unknownVariant", path: ["variants"], found: opts.variant, expected: list.map((x) => String(x.id)).join(", ") || "(none)" }]);
    }
    const applied = applyAll(data, Object.entries((v.set ?? {}) as Record<string, unknown>), `variant ${opts.variant}`);
    if (!applied.ok) return applied;
    data = applied.value;
  }
  for (const s of sets) {
    const p = parseSet(s);
    if (!p.ok) return err([p.error]);
    const applied = applyAll(data, [[p.value.path, p.value.value]], `--set ${p.value.path}`);
    if (!applied.ok) return applied;
    data = applied.value;
  }
  // 2. Schema.
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues, data, scenarioSchema));
  const { start, end } = parsed.data.meta.years;
  if (end < start) return err([{ code: "badHorizon", path: ["meta", "years"], found: `${start}–${end}` }]);
  if (end - start + 1 > BOUNDS.horizonYears) {
    return err([{ code: "horizonTooLong", path: ["meta", "years"], found: `${start}–${end}`, detail: String(end - start + 1), expected: String(BOUNDS.horizonYears) }]);
  }
  const years = Array.from({ length: end - start + 1 }, (_, i) => start + i);
  // 3. Numbers (expressions, dated values, constraints).
  const issues: Issue[] = [];
  const scenario = resolveNumbers(parsed.data, years, issues) as Scenario;
  if (issues.length > 0) return err(withoutValuesSection(data, issues));
  // 4. Cross-field checks.
  issues.push(...crossCheck(scenario));
  // 5. Every variant: its overlay applied to the baseline, and the result validated like
  //    the baseline (a variant that sets a field to a mapping, null or negative money is
  //    not valid). Its issues point at the variant's `set:` entry.
  if (opts.variant === undefined && !opts.skipVariants) {
    for (const [i, v] of scenario.variants.entries()) {
      const applied = applyAll(raw, Object.entries(v.set), `variant ${v.id}`);
      if (!applied.ok) {
        issues.push(...applied.error.map((e) => ({ ...e, path: ["variants", i, "set"] })));
        continue;
      }
      const r = scenarioFromObject(applied.value, { skipVariants: true });
      if (!r.ok) issues.push(...r.error.map((e) => inVariant(e, v.id, i, Object.keys(v.set), applied.value)));
    }
  }
  if (issues.length > 0) return err(issues);
  // 6. A variant or --set that changes a value the baseline draws per run fixes it there.
  let fixedUnknowns: FixedUnknown[] = [];
  let final = scenario;
  if ((opts.variant !== undefined || sets.length > 0) && scenario.unknowns.length > 0) {
    const baseline = scenarioFromObject(raw, { skipVariants: true });
    if (baseline.ok) {
      fixedUnknowns = fixedByOverlay(baseline.value.scenario, scenario);
      const fixed = new Set(fixedUnknowns.map((f) => f.parameter));
      if (fixed.size > 0) final = { ...scenario, unknowns: scenario.unknowns.filter((u) => !fixed.has(u.parameter)) };
    }
  }
  return ok({ scenario: deepFreeze(final), years, file: "<inline>", variant: opts.variant, sets, hash: hashOf(data), raw: data, fixedUnknowns });
}

/**
 * Unknowns whose value the overlays changed (an unknown entry left as the baseline had it):
 * the variant or `--set` fixes that value, so it is not drawn.
 */
function fixedByOverlay(base: Scenario, over: Scenario): FixedUnknown[] {
  const out: FixedUnknown[] = [];
  for (const u of over.unknowns) {
    const b = base.unknowns.find((x) => x.parameter === u.parameter);
    if (b === undefined || canonicalJson(b.draw) !== canonicalJson(u.draw)) continue;
    const vb = resolveUnknown(base, u.parameter);
    const vo = resolveUnknown(over, u.parameter);
    if (vb.ok && vo.ok && vb.value.value !== vo.value.value) out.push({ parameter: u.parameter, value: vo.value.value, baseline: vb.value.value });
  }
  return out;
}

/**
 * Without a values: section every expression's names are unknown; say that once, with the
 * names, rather than once per expression.
 */
function withoutValuesSection(data: unknown, issues: Issue[]): Issue[] {
  const values = (data as { values?: unknown }).values;
  if (values !== undefined && values !== null && Object.keys(values).length > 0) return issues;
  const unknown = issues.filter((i) => i.code === "expressionUnknownName");
  if (unknown.length < 2) return issues;
  const names = [...new Set(unknown.map((i) => i.detail ?? ""))];
  const rest = issues.filter((i) => i.code !== "expressionUnknownName");
  return [{ code: "missingValues", path: ["values"], found: names.join(", "), detail: String(unknown.length) }, ...rest];
}

/**
 * An issue of a variant's overlaid scenario, placed at the variant: at the `set:` key whose
 * path leads to the field (list items by id or index), else at the variant's `set:`.
 */
function inVariant(e: Issue, id: string, index: number, keys: readonly string[], data: unknown): Issue {
  const named = idPath(e.path, data);
  const key = keys.find((k) => {
    const kp = parsePath(k).map(String);
    return [named, e.path.map(String)].some((p) => kp.length <= p.length && kp.every((seg, j) => seg === p[j]));
  });
  return { ...e, variant: id, fieldPath: e.path, path: key === undefined ? ["variants", index, "set"] : ["variants", index, "set", key] };
}

/** A path with list indices replaced by the items' ids where they have one. */
function idPath(path: readonly PathSegment[], data: unknown): string[] {
  const out: string[] = [];
  let node = data;
  for (const seg of path) {
    const next: unknown = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[seg] : undefined;
    const itemId = Array.isArray(node) && next !== null && typeof next === "object" ? (next as { id?: unknown }).id : undefined;
    out.push(typeof itemId === "string" ? itemId : String(seg));
    node = next;
  }
  return out;
}

function applyAll(raw: unknown, entries: readonly (readonly [string, unknown])[], origin: string): Result<unknown, Issue[]> {
  let data = raw;
  for (const [path, value] of entries) {
    const r = applyOverlay(data, path, value, origin);
    if (!r.ok) return err([r.error]);
    data = r.value;
  }
  return ok(data);
}

/** sha256 of canonical JSON (keys sorted). */
export function hashOf(data: unknown): string {
  return createHash("sha256").update(canonicalJson(data)).digest("hex");
}

export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(",")}]`;
  if (x !== null && typeof x === "object") {
    const keys = Object.keys(x).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((x as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(x) ?? "null";
}

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object" && !Object.isFrozen(x) && (Array.isArray(x) || Object.getPrototypeOf(x) === Object.prototype)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** 1-based line and column of an offset (lines end at LF; CR before it is part of the line end). */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf("\n"); k >= 0 && k < offset; k = text.indexOf("\n", k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: offset - start + 1 };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(0)} KB`;
}

/** A mapping's pairs by key, built once per mapping: locating many issues in one large mapping stays linear. */
const pairIndex = new WeakMap<object, Map<string, Pair>>();
function pairsOf(map: { items: unknown[] }): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    pairIndex.set(map, index);
  }
  return index;
}

/**
 * Line/column of the deepest node along a path (the key itself for unknown keys), and the
 * source text of the scalar there when the whole path was found.
 */
function positionOf(
  root: unknown,
  path: readonly PathSegment[],
  lc: LineCounter,
  text: string,
): { line?: number; column?: number; source?: string } {
  let node = root as YamlNode | null | undefined;
  let offset: number | undefined = (node as { range?: [number] } | null)?.range?.[0];
  let found = 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(seg));
      if (!pair) break;
      const key = pair.key as { range?: [number] };
      offset = key.range?.[0] ?? offset;
      node = pair.value as YamlNode | null;
      const vr = (node as { range?: [number] } | null)?.range;
      if (vr && isScalar(node)) offset = vr[0];
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg] as YamlNode | null;
      offset = (node as { range?: [number] } | null)?.range?.[0] ?? offset;
    } else break;
    found++;
  }
  if (offset === undefined) return {};
  const p = lc.linePos(offset);
  const range = isScalar(node) ? node.range : undefined;
  const source = found === path.length && range ? text.slice(range[0], range[1]).trim() : undefined;
  return { line: p.line, column: p.col, ...(source ? { source } : {}) };
}
