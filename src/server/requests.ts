/**
 * What the API's requests carry, as zod schemas (the OpenAPI description is written from the
 * same limits), and the one step every scenario request takes: the scenario — a shipped one
 * by id, YAML/JSON text, or an object — with its overlays (a variant of the scenario or a
 * variant object, edited allocations, `--set`-style assignments) loaded and validated as
 * the CLI loads a file, issues located in the text sent.
 */
import { z } from "zod";
import { stringify } from "yaml";
import { scenarioFromObject, MAX_SCENARIO_BYTES, type ParsedDocument } from "../pipeline/load.js";
import type { LoadedScenario } from "../scenario/types.js";
import { LANGS } from "../messages/lang.js";
import { apiError, requestIssue } from "../messages/server.js";
import { fail, type IssueIn } from "./errors.js";
import { parseCached, type Shipped } from "./scenarios.js";

/** Largest request body (a scenario is at most 512 KB; a few variants and allocations beside it). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Most runs one request simulates (per variant for compare). */
export const MAX_RUNS = 2000;
/** Most variants one compare request simulates. */
export const MAX_VARIANTS = 4;
/** A synchronous request (simulate, compare) is stopped after this long. */
export const REQUEST_TIMEOUT_MS = 60_000;
/** Default refinement of a job: a first estimate, then better ones. */
export const DEFAULT_STAGES = [10, 50, 200] as const;

const ID = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/).max(64);
const YEAR = z.string().regex(/^\d{4}$/);
const label = z.union([z.string().max(500), z.strictObject({ en: z.string().max(500), zh: z.string().max(500) })]);
const variantObject = z.strictObject({
  id: ID,
  label: label.optional(),
  description: label.optional(),
  set: z.record(z.string().max(300), z.unknown()),
});
export type VariantObject = z.infer<typeof variantObject>;

/** The scenario and its overlays: every scenario request's fields. */
export const scenarioFields = {
  /** YAML or JSON text, or the scenario as an object. */
  scenario: z.union([z.string().max(MAX_SCENARIO_BYTES), z.record(z.string(), z.unknown())]).optional(),
  /** A shipped scenario (GET /api/scenarios), instead of `scenario`. */
  scenarioId: z.string().max(100).optional(),
  /** File name issues are located in (default scenario.yaml, or scenarios/<id>.yaml). */
  file: z.string().max(200).optional(),
  /** A variant of the scenario (variants[].id) or a variant object {id, label, description, set}. */
  variant: z.union([z.string().max(100), variantObject]).optional(),
  /** Allocations by programme id and year, in yuan: each replaces the programme's allocation. */
  allocations: z.record(ID, z.record(YEAR, z.number().finite().nonnegative())).optional(),
  /** Assignments as --set takes them: "path=value". */
  sets: z.array(z.string().max(2000)).max(50).optional(),
  lang: z.enum(LANGS).optional(),
};

const runsField = z.number().int().positive();
/** One of several variants a request simulates: a name, and the scenario's overlays for it (its `sets` come after the request's). */
export const variantEntry = z.strictObject({ name: z.string().min(1).max(100), variant: scenarioFields.variant, allocations: scenarioFields.allocations, sets: scenarioFields.sets });
export type VariantEntry = z.infer<typeof variantEntry>;
export const scenarioRequest = z.strictObject(scenarioFields);
export const xlsxRequest = z.strictObject({ ...scenarioFields, unit: z.enum(["yuan", "wan"]).optional() });
export const simulateRequest = z.strictObject({ ...scenarioFields, runs: runsField.optional(), seed: z.number().int().nonnegative().max(2 ** 32 - 1).optional() });
export const jobRequest = z.strictObject({
  ...scenarioFields,
  seed: z.number().int().nonnegative().max(2 ** 32 - 1).optional(),
  stages: z.array(runsField).min(1).max(8).optional(),
  /**
   * Who asks, and the how-manieth request of theirs this is (the page: one id per tab, its edit
   * count): a job cancels the client's running jobs of lower `seq`, and one that arrives after a
   * higher `seq` is stale and not run.
   */
  client: z.strictObject({ id: z.string().min(1).max(64), seq: z.number().int().nonnegative() }).optional(),
});
export const compareRequest = z.strictObject({
  ...scenarioFields,
  runs: runsField.optional(),
  seed: z.number().int().nonnegative().max(2 ** 32 - 1).optional(),
  /** The variants compared: the first is the reference; each is the scenario with its own overlays. */
  variants: z.array(variantEntry).min(2).max(MAX_VARIANTS),
});
export type ScenarioRequest = z.infer<typeof scenarioRequest>;

/** Parse a request body with a schema, or fail with 400 and the fields that are wrong. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issues: IssueIn[] = r.error.issues.slice(0, 20).map((i) => {
    const detail = i as { expected?: unknown; minimum?: unknown; maximum?: unknown; values?: unknown; keys?: unknown; input?: unknown };
    const expected =
      i.code === "too_small" ? String(detail.minimum) : i.code === "too_big" ? String(detail.maximum) : i.code === "invalid_value" && Array.isArray(detail.values) ? detail.values.join(", ") : typeof detail.expected === "string" ? detail.expected : undefined;
    const received = i.code === "unrecognized_keys" && Array.isArray(detail.keys) ? detail.keys.join(", ") : i.code === "invalid_type" ? typeName(detail.input) : undefined;
    return { path: i.path.map(String).join(".") || "(body)", message: requestIssue(i.code, expected, received) };
  });
  return fail({ status: 400, code: "badRequest", message: apiError.badRequest(), issues });
}

const typeName = (x: unknown): string | undefined => (x === undefined ? undefined : x === null ? "null" : Array.isArray(x) ? "array" : typeof x);

/** Refuse more runs than a request may simulate. */
export function checkRuns(runs: number, field = "runs"): void {
  if (runs > MAX_RUNS) fail({ status: 422, code: "tooManyRuns", message: apiError.tooManyRuns(runs, MAX_RUNS), issues: [{ path: field, message: apiError.tooManyRuns(runs, MAX_RUNS) }] });
}

/** The scenario document of a request: parsed text (with locations) or the object sent. */
export interface RequestDocument {
  readonly raw: unknown;
  readonly file: string;
  readonly doc: ParsedDocument | undefined;
}

export async function requestDocument(req: ScenarioRequest, shipped: Shipped): Promise<RequestDocument> {
  if ((req.scenario === undefined) === (req.scenarioId === undefined)) {
    return fail({
      status: 400,
      code: "badRequest",
      message: apiError.badRequest(),
      issues: [{ path: "scenario", message: { en: "Give either scenario (text or object) or scenarioId.", zh: "请给出 scenario（文本或对象）或 scenarioId 之一。" } }],
    });
  }
  let text: string;
  let file: string;
  if (req.scenarioId !== undefined) {
    const t = await shipped.text(req.scenarioId);
    if (t === undefined) {
      const known = (await shipped.all()).map((s) => s.id).join(", ");
      return fail({ status: 404, code: "unknownScenario", message: apiError.unknownScenario(req.scenarioId, known) });
    }
    text = t;
    file = `scenarios/${req.scenarioId}.yaml`;
  } else if (typeof req.scenario === "string") {
    text = req.scenario;
    file = req.file ?? "scenario.yaml";
  } else {
    return { raw: req.scenario, file: req.file ?? "scenario.json", doc: undefined };
  }
  const doc = parseCached(text, file);
  if (!doc.ok) return fail({ status: 422, code: "invalidScenario", message: apiError.invalidScenario(doc.error.length), issues: doc.error.map((scenario) => ({ scenario })) });
  return { raw: doc.value.raw, file, doc: doc.value };
}

/** The id of the variant a request's edits make when it names none. */
export const EDITED_VARIANT_ID = "workbench";

/** Overlays of a request as one variant object (undefined: a named variant or none, no edits). */
export function editedVariant(raw: unknown, o: Pick<ScenarioRequest, "variant" | "allocations">): VariantObject | undefined {
  const allocations = o.allocations ?? {};
  if (typeof o.variant === "object") return Object.keys(allocations).length === 0 ? o.variant : withAllocations(o.variant, allocations);
  if (Object.keys(allocations).length === 0) return undefined;
  const listed = (raw as { variants?: unknown } | null)?.variants;
  const named = typeof o.variant === "string" && Array.isArray(listed) ? (listed as { id?: unknown; set?: unknown; label?: unknown }[]).find((v) => v?.id === o.variant) : undefined;
  const base: VariantObject = named
    ? { id: String(named.id), ...(named.label !== undefined ? { label: named.label as VariantObject["label"] & object } : {}), set: (named.set ?? {}) as Record<string, unknown> }
    : { id: EDITED_VARIANT_ID, label: { en: "Edited in the workbench", zh: "在工作台中编辑" }, set: {} };
  return withAllocations(base, allocations);
}

function withAllocations(v: VariantObject, allocations: Record<string, Record<string, number>>): VariantObject {
  const set = { ...v.set };
  for (const [id, byYear] of Object.entries(allocations)) {
    set[`programmes.${id}.allocation`] = { value: Object.fromEntries(Object.entries(byYear).map(([y, a]) => [y, Math.round(a * 100) / 100])), assumption: "Edited in the fundsim workbench." };
  }
  return {
    ...v,
    description: v.description ?? { en: `Allocations edited in the fundsim workbench: ${Object.keys(allocations).join(", ")}.`, zh: `在 fundsim 工作台中编辑的资金分配：${Object.keys(allocations).join("、")}。` },
    set,
  };
}

/**
 * Load and validate the scenario of a request with its overlays. `full` validates every
 * variant of the scenario too (as `fundsim validate`); otherwise only the one applied.
 */
export function loadRequest(d: RequestDocument, o: Pick<ScenarioRequest, "variant" | "allocations" | "sets">, full = false): LoadedScenario {
  // The page asks for the ledger and a simulation of the same edit at once: load it once (a loaded scenario is frozen).
  const key = JSON.stringify([d.file, o.variant ?? null, o.allocations ?? null, o.sets ?? null, full]);
  const cached = typeof d.raw === "object" && d.raw !== null ? loadedCache.get(d.raw) : undefined;
  const hit = cached?.get(key);
  if (hit) return hit;
  const l = loadUncached(d, o, full);
  if (typeof d.raw === "object" && d.raw !== null) {
    const m = cached ?? new Map<string, LoadedScenario>();
    m.set(key, l);
    if (m.size > 16) m.delete(m.keys().next().value as string);
    loadedCache.set(d.raw, m);
  }
  return l;
}

/** Loaded scenarios by the parsed document they came from and the request's overlays. */
const loadedCache = new WeakMap<object, Map<string, LoadedScenario>>();

function loadUncached(d: RequestDocument, o: Pick<ScenarioRequest, "variant" | "allocations" | "sets">, full: boolean): LoadedScenario {
  const extra = editedVariant(d.raw, o);
  const variant = extra?.id ?? (typeof o.variant === "string" ? o.variant : undefined);
  const r = scenarioFromObject(d.raw, { variant, sets: o.sets ?? [], skipVariants: !full, ...(extra ? { extraVariant: extra as never } : {}) });
  if (!r.ok) {
    const issues = d.doc ? d.doc.locate(r.error) : r.error.map((i) => ({ ...i, file: d.file }));
    return fail({ status: 422, code: "invalidScenario", message: apiError.invalidScenario(issues.length), issues: issues.map((scenario) => ({ scenario })) });
  }
  return { ...r.value, file: d.file };
}

/** Each named variant of a request loaded: the document with the variant's overlays, after the request's own `sets`. */
export function loadVariants(d: RequestDocument, sets: readonly string[] | undefined, variants: readonly VariantEntry[]): { name: string; loaded: LoadedScenario }[] {
  return variants.map((v) => ({ name: v.name, loaded: loadRequest(d, { variant: v.variant, allocations: v.allocations, sets: [...(sets ?? []), ...(v.sets ?? [])] }) }));
}

/** A variant object as the YAML file `--variant FILE.yaml` reads. */
export function variantYamlText(v: VariantObject, scenarioFile: string): string {
  return `# fundsim variant written by the fundsim workbench; apply it with\n#   fundsim simulate ${scenarioFile} --variant ${v.id}.yaml --out DIR\n${stringify(v, { lineWidth: 0 })}`;
}
