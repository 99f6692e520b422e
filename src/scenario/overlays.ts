/**
 * Variants and `--set` as pure overlays: path → value changes applied to a copy of the
 * raw baseline (before validation), never in place.
 *
 * Paths are dotted field names; list items are addressed by their `id` (or index):
 * `programmes.industry.allocation`, `creditPools.pool.loan.rate`, `funding.sources[0].rule.amount`.
 * Every segment but the last must exist; the last may add a field (validation then
 * checks that it is a known one).
 */
import { parse as parseYaml } from "yaml";
import { ok, err, type Result } from "../util/result.js";
import type { Issue, PathSegment } from "./issues.js";

/** Split "a.b[2].c" into ["a", "b", 2, "c"]. */
export function parsePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const part of text.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    for (const idx of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

const clone = <T>(x: T): T => structuredClone(x);

/** Segments that would reach an object's prototype instead of a scenario field. */
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

/** Apply one change to a deep copy of `raw`. */
export function applyOverlay(raw: unknown, pathText: string, value: unknown, origin: string): Result<unknown, Issue> {
  const path = parsePath(pathText);
  const copy = clone(raw);
  let node: unknown = copy;
  const resolved: PathSegment[] = [];
  for (let k = 0; k < path.length; k++) {
    const seg = path[k] as PathSegment;
    const last = k === path.length - 1;
    const fail = (found: string): Result<unknown, Issue> =>
      err({ code: "overlayPath", path: resolved, detail: pathText, found: `${origin}: ${found}` });
    if (Array.isArray(node)) {
      const idx =
        typeof seg === "number" ? seg : node.findIndex((it) => it !== null && typeof it === "object" && (it as { id?: unknown }).id === seg);
      if (idx < 0 || idx >= node.length) return fail(`no item "${String(seg)}" in ${resolved.length ? resolved.join(".") : "the list"}`);
      resolved.push(idx);
      if (last) node[idx] = value;
      else node = node[idx];
    } else if (node !== null && typeof node === "object") {
      const key = String(seg);
      if (FORBIDDEN_SEGMENTS.has(key)) return fail(`"${key}" is not a scenario field`);
      const obj = node as Record<string, unknown>;
      if (!Object.hasOwn(obj, key) && !last) return fail(`no field "${key}"${resolved.length ? ` under ${resolved.join(".")}` : ""}`);
      resolved.push(key);
      if (last) obj[key] = value;
      else node = obj[key];
    } else {
      return fail(`${resolved.join(".") || "top level"} is a single value, not a mapping or list`);
    }
  }
  return ok(copy);
}

/** Parse a `--set path=value` argument; the value is read as YAML (numbers, mappings, lists). */
export function parseSet(arg: string): Result<{ path: string; value: unknown }, Issue> {
  const eq = arg.indexOf("=");
  if (eq <= 0) return err({ code: "badSet", path: [], found: JSON.stringify(arg) });
  const path = arg.slice(0, eq).trim();
  const text = arg.slice(eq + 1);
  try {
    return ok({ path, value: parseYaml(text) as unknown });
  } catch (e) {
    return err({ code: "badSet", path: [], found: JSON.stringify(arg), detail: e instanceof Error ? e.message : String(e) });
  }
}
