/**
 * The scenarios shipped in the package's `scenarios/` folder, which the workbench offers,
 * and a small cache of parsed documents (parsing the YAML of a scenario takes tens of
 * milliseconds; the page sends the same text with each edit).
 */
import { readdir, readFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocumentText, type ParsedDocument } from "../pipeline/load.js";
import type { Issue } from "../scenario/issues.js";
import type { Result } from "../util/result.js";

/** The package's root folder (holding package.json named fundsim), from this module's place in src/ or dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown };
      if (pkg.name === "fundsim") return dir;
    } catch {
      // not here: one folder up
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

export interface ShippedScenario {
  readonly id: string;
  readonly file: string;
  readonly name: unknown;
  readonly jurisdiction: unknown;
  readonly years: unknown;
  readonly variants: readonly { readonly id: string; readonly label: unknown }[];
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Parsed documents by the sha-256 of their text (at most CACHE_SIZE, least recently used dropped). */
const CACHE_SIZE = 16;
const cache = new Map<string, Result<ParsedDocument, Issue[]>>();

export function parseCached(text: string, file: string): Result<ParsedDocument, Issue[]> {
  const key = createHash("sha256").update(file).update("\0").update(text).digest("hex");
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const r = parseDocumentText(text, file);
  cache.set(key, r);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return r;
}

export class Shipped {
  private list: Promise<ShippedScenario[]> | undefined;
  constructor(readonly dir: string) {}

  static default(): Shipped {
    return new Shipped(join(packageRoot(), "scenarios"));
  }

  /** Every shipped scenario that parses, by id (its file name without .yaml). */
  all(): Promise<ShippedScenario[]> {
    this.list ??= this.read();
    return this.list;
  }

  private async read(): Promise<ShippedScenario[]> {
    if (!existsSync(this.dir)) return [];
    const files = (await readdir(this.dir)).filter((f) => f.endsWith(".yaml")).sort();
    const out: ShippedScenario[] = [];
    for (const f of files) {
      const id = f.replace(/\.yaml$/, "");
      if (!ID.test(id)) continue;
      const text = await this.text(id);
      if (text === undefined) continue;
      const doc = parseCached(text, `scenarios/${f}`);
      if (!doc.ok) continue;
      const raw = doc.value.raw as { meta?: { name?: unknown; jurisdiction?: unknown; years?: unknown }; variants?: unknown };
      const variants = Array.isArray(raw.variants) ? (raw.variants as { id?: unknown; label?: unknown }[]).filter((v) => typeof v?.id === "string").map((v) => ({ id: v.id as string, label: v.label ?? v.id })) : [];
      out.push({ id, file: `scenarios/${f}`, name: raw.meta?.name ?? id, jurisdiction: raw.meta?.jurisdiction ?? null, years: raw.meta?.years ?? null, variants });
    }
    return out;
  }

  /** The text of a shipped scenario, or undefined when there is none by that id. */
  async text(id: string): Promise<string | undefined> {
    if (!ID.test(id)) return undefined;
    try {
      return await readFile(join(this.dir, `${id}.yaml`), "utf8");
    } catch {
      return undefined;
    }
  }
}
