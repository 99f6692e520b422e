/**
 * The fundsim workbench page (served by `fundsim serve` at /): plain TypeScript and DOM,
 * bundled by Vite into dist/web. It talks only to the server's JSON API (src/server/):
 *
 * - pick a shipped scenario or open a YAML/JSON scenario or an allocation workbook (.xlsx);
 * - edit each programme's allocation per year (slider and number), or one share per programme;
 * - the exact ledger (POST /api/ledger) redrawn on every edit;
 * - a Monte-Carlo job (POST /api/jobs, Server-Sent Events): 10 runs first, then 50, 200 —
 *   the previous job cancelled on every edit;
 * - variants kept side by side and compared on common random numbers (POST /api/compare);
 * - downloads: the edits as a variant (.yaml), the ledger and the template (.xlsx), runs (.csv);
 * - the planner's tools on the edits (POST /api/sensitivity, /api/optimise, /api/report, followed
 *   at /api/analyses/:id): a tornado study, an optimised split that can be kept as a variant, and
 *   the full report as a zip;
 * - the draft (scenario, edits, kept variants, language) kept in localStorage across reloads.
 *
 * Timings of the last edit (to the first and the refined estimate) are kept on
 * `window.__workbench` for the browser test.
 */
import embed, { type Result as EmbedResult } from "vega-embed";
import { WORKBENCH as W, type WorkbenchKey } from "../src/messages/workbench.js";
import type { Lang, Localized } from "../src/messages/lang.js";

// ── State ────────────────────────────────────────────────────────────────────────
type Allocations = Record<string, Record<string, number>>;
interface VariantObject {
  id: string;
  label?: unknown;
  description?: unknown;
  set: Record<string, unknown>;
}
type Source = { kind: "shipped"; id: string } | { kind: "text"; text: string; file: string };
interface Kept {
  name: string;
  allocations: Allocations;
}
interface Draft {
  lang: Lang;
  source: Source;
  variant: VariantObject | null;
  allocations: Allocations;
  kept: Kept[];
}
interface Issue {
  path: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
}
interface ApiErrorBody {
  error: { code: string; message: string; issues: Issue[] };
}
interface Editable {
  id: string;
  label: string;
  kind: string;
  allocation: Record<string, number>;
}
interface LedgerLine {
  id?: string;
  key?: string;
  label: string | Localized;
  byYear: string[];
  total: string;
}
interface LedgerResponse {
  scenario: { id: string; name: string; file: string; years: number[] };
  overview: {
    population: { cohorts: { id: string; label: string; households: number; people: number | null; registered: boolean }[] };
    targets: { exits?: Record<string, number>; villages?: Record<string, number> } | null;
    pools: { id: string; label: string; leverage: string; totalDeposits: string; totalLending: string }[];
  };
  editable: Editable[];
  ledger: {
    years: number[];
    sources: LedgerLine[];
    uses: LedgerLine[];
    balance: { year: number; opening: string; sources: string; uses: string; closing: string }[];
    totals: { sources: string; uses: string; unspent: string };
    checks: { severity: "info" | "warning" | "error"; message: Localized }[];
  };
}
interface Estimate {
  id: string;
  runs: number;
  final: boolean;
  elapsedMs: number;
  headline: {
    peopleOut: { mean: number | null; q05: number | null; q95: number | null } | null;
    pAllTargets: { p: number } | null;
    costPerExit: { value: number } | null;
  };
  chart: object | null;
}
interface PairedStat {
  mean: number | null;
  lo: number | null;
  hi: number | null;
}
interface CompareResponse {
  variants: { name: string; headline: Estimate["headline"] }[];
  differences: { b: string; exitedPeople: PairedStat | null; fiscalCost: PairedStat | null; targetsMet: PairedStat | null }[];
  chart: object | null;
}

const DRAFT_KEY = "fundsim.workbench.draft.v1";
const DEFAULT_SCENARIO = "linghai-2017";

function loadDraft(): Draft | undefined {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? "null") as Draft | null;
    if (d && (d.lang === "en" || d.lang === "zh") && d.source && typeof d.allocations === "object") return { ...d, kept: d.kept ?? [], variant: d.variant ?? null };
  } catch {
    // a broken draft is ignored
  }
  return undefined;
}

const urlLang = new URLSearchParams(location.search).get("lang");
const restored = loadDraft();
const browserLang: Lang = navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
const state: Draft = restored ?? { lang: browserLang, source: { kind: "shipped", id: DEFAULT_SCENARIO }, variant: null, allocations: {}, kept: [] };
if (urlLang === "en" || urlLang === "zh") state.lang = urlLang;
const hadEdits = restored !== undefined && (Object.keys(restored.allocations).length > 0 || restored.kept.length > 0 || restored.source.kind === "text");

const saveDraft = (): void => {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(state));
  } catch {
    // storage full or disabled: edits live only in this tab
  }
};

/** What the browser test reads: timings of the last edit. */
interface Timings {
  edits: number;
  lastEditAt: number;
  ledgerMs: number | null;
  firstMs: number | null;
  firstRuns: number | null;
  /** The server's part of firstMs: from the job created (its scenario loaded) to its first estimate sent. */
  firstServerMs: number | null;
  refinedMs: number | null;
  refinedRuns: number | null;
  refinedServerMs: number | null;
}
const timings: Timings = { edits: 0, lastEditAt: 0, ledgerMs: null, firstMs: null, firstRuns: null, firstServerMs: null, refinedMs: null, refinedRuns: null, refinedServerMs: null };
(window as unknown as { __workbench: Timings }).__workbench = timings;

// ── DOM helpers ──────────────────────────────────────────────────────────────────
type Child = Node | string | number | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | ((e: Event) => void)> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else if (v === true) el.setAttribute(k, "");
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === "number" ? String(c) : c);
  return el;
}
const t = (k: WorkbenchKey): string => {
  const m = W[k];
  return typeof m === "function" ? "" : m[state.lang];
};
const text = (m: Localized): string => m[state.lang];
const labelOf = (l: string | Localized): string => (typeof l === "string" ? l : l[state.lang]);
const nf = (digits = 0) => new Intl.NumberFormat(state.lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
/** An exact amount (decimal string, yuan) shown to the fen. */
const money = (s: string): string => {
  const n = Number(s);
  return Number.isFinite(n) ? nf(2).format(n) : s;
};
const num = (x: number | null | undefined, digits = 0): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : nf(digits).format(x));
const pct = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : `${nf(1).format(x * 100)}%`);
const signed = (x: number | null | undefined, digits = 0): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : `${x > 0 ? "+" : ""}${nf(digits).format(x)}`);

// ── API ──────────────────────────────────────────────────────────────────────────
function requestBase(): Record<string, unknown> {
  const src = state.source.kind === "shipped" ? { scenarioId: state.source.id } : { scenario: state.source.text, file: state.source.file };
  return { ...src, ...(state.variant ? { variant: state.variant } : {}), lang: state.lang };
}
const withEdits = (): Record<string, unknown> => ({ ...requestBase(), allocations: state.allocations });

class ApiFailure extends Error {
  constructor(readonly body: ApiErrorBody["error"]) {
    super(body.message);
  }
}
async function api<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiFailure({ code: "network", message: t("serverDown"), issues: [] });
  }
  if (!res.ok) {
    const b = (await res.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiFailure(b?.error ?? { code: String(res.status), message: `HTTP ${res.status}`, issues: [] });
  }
  return (await res.json()) as T;
}
async function download(path: string, body: unknown, fallbackName: string): Promise<void> {
  try {
    const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) {
      const b = (await res.json().catch(() => null)) as ApiErrorBody | null;
      throw new ApiFailure(b?.error ?? { code: String(res.status), message: `HTTP ${res.status}`, issues: [] });
    }
    const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get("content-disposition") ?? "")?.[1];
    const url = URL.createObjectURL(await res.blob());
    const a = h("a", { href: url, download: name ? decodeURIComponent(name) : fallbackName });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) {
    showIssues(e);
  }
}

// ── Layout ───────────────────────────────────────────────────────────────────────
const root = document.getElementById("app") as HTMLElement;
const el = {
  header: h("header"),
  issues: h("section", { class: "issues", hidden: true, "data-testid": "issues" }),
  overview: h("section", { "data-testid": "overview" }),
  alloc: h("section", { "data-testid": "allocations" }),
  ledger: h("section", { "data-testid": "ledger" }),
  sim: h("section", { "data-testid": "simulation" }),
  variants: h("section", { "data-testid": "variants" }),
  downloads: h("section", { class: "downloads", "data-testid": "downloads" }),
  tools: h("section", { class: "tools", "data-testid": "tools" }),
};
const status = h("div", { class: "status", "data-testid": "mc-status" });
const headline = h("div", { class: "headline" });
const fan = h("div", { id: "fan", "data-testid": "fan", "data-runs": "0" });
root.append(el.header, h("main", {}, h("div", {}, el.issues, el.overview, el.alloc), h("div", {}, el.ledger, el.sim, el.variants, el.tools, el.downloads)));

let shipped: { id: string; name: Localized | string }[] = [];
let current: LedgerResponse | null = null;
/** The scenario's own allocations (before edits), by programme and year. */
let original: Record<string, Record<string, number>> = {};
let note = hadEdits ? t("draftRestored") : "";

function renderHeader(): void {
  const select = h(
    "select",
    {
      "data-testid": "scenario",
      onchange: (e: Event) => {
        const id = (e.target as HTMLSelectElement).value;
        state.source = { kind: "shipped", id };
        state.variant = null;
        state.allocations = {};
        state.kept = [];
        saveDraft();
        void reload();
      },
    },
    ...shipped.map((s) => h("option", { value: s.id, ...(state.source.kind === "shipped" && state.source.id === s.id ? { selected: true } : {}) }, `${labelOf(s.name)} (${s.id})`)),
    state.source.kind === "text" ? h("option", { value: "", selected: true, disabled: true }, `${t("uploaded")}: ${state.source.file}`) : null,
  );
  const file = h("input", { type: "file", accept: ".yaml,.yml,.json,.xlsx", "data-testid": "upload", onchange: (e: Event) => void openFile((e.target as HTMLInputElement).files?.[0]) });
  const langButton = (l: Lang, name: string) =>
    h("button", { type: "button", "aria-pressed": String(state.lang === l), "data-lang": l, onclick: () => setLang(l) }, name);
  el.header.replaceChildren(
    h("h1", {}, t("title")),
    h("label", {}, `${t("scenario")}:`, select),
    h("label", {}, file, h("span", { class: "muted" }, t("upload"))),
    h("button", { type: "button", "data-testid": "reset", onclick: resetDraft }, t("resetDraft")),
    h("span", { class: "lang", role: "group", "aria-label": t("language") }, langButton("en", "English"), " ", langButton("zh", "中文")),
    h("a", { href: "/api/openapi.json", class: "muted" }, t("api")),
    ...(note ? [h("span", { class: "note" }, note)] : []),
    h("div", { class: "tagline" }, t("tagline")),
  );
}

function setLang(l: Lang): void {
  if (state.lang === l) return;
  state.lang = l;
  document.documentElement.lang = l === "zh" ? "zh-CN" : "en";
  document.title = t("title");
  saveDraft();
  renderHeader();
  void reload();
}

function resetDraft(): void {
  state.allocations = {};
  state.variant = null;
  state.kept = [];
  note = "";
  saveDraft();
  void reload();
}

async function openFile(f: File | undefined): Promise<void> {
  if (!f) return;
  note = "";
  if (/\.xlsx$/i.test(f.name)) {
    // An allocation workbook: a variant over the current scenario.
    try {
      const res = await fetch(`/api/variant-from-xlsx?lang=${state.lang}&name=${encodeURIComponent(f.name)}`, { method: "POST", body: await f.arrayBuffer() });
      const b = (await res.json()) as { variant: VariantObject } | ApiErrorBody;
      if ("error" in b) throw new ApiFailure(b.error);
      state.variant = b.variant;
      state.allocations = {};
      saveDraft();
      await reload();
    } catch (e) {
      showIssues(e);
    }
    return;
  }
  state.source = { kind: "text", text: await f.text(), file: f.name };
  state.variant = null;
  state.allocations = {};
  state.kept = [];
  saveDraft();
  renderHeader();
  await reload();
}

// ── Problems ─────────────────────────────────────────────────────────────────────
function showIssues(e: unknown): void {
  if ((e as Error)?.name === "AbortError") return;
  const body = e instanceof ApiFailure ? e.body : { code: "client", message: String(e), issues: [] };
  el.issues.hidden = false;
  el.issues.replaceChildren(
    h("h2", {}, t("problems")),
    h("p", {}, body.message),
    h(
      "ul",
      {},
      ...body.issues.map((i) => {
        const where = [i.file, i.line, i.column].filter((x) => x !== undefined).join(":");
        return h("li", {}, h("span", { class: "where" }, `${where ? `${where} ` : ""}${i.path}`), " — ", i.message, i.hint ? h("div", { class: "hint" }, `→ ${i.hint}`) : null);
      }),
    ),
  );
}
const clearIssues = (): void => {
  el.issues.hidden = true;
  el.issues.replaceChildren();
};

// ── Overview and allocations ─────────────────────────────────────────────────────
function renderOverview(r: LedgerResponse): void {
  const o = r.overview;
  const years = r.scenario.years;
  const targetRow = (name: string, m: Record<string, number> | undefined) => (m ? h("tr", {}, h("td", {}, name), ...years.map((y) => h("td", {}, num(m[String(y)])))) : null);
  el.overview.replaceChildren(
    h("h2", {}, `${r.scenario.name}`),
    h("div", { class: "muted" }, `${r.scenario.file} · ${t("years")} ${years[0]}–${years.at(-1)}`),
    h("h3", {}, t("population")),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", {}, t("cohort")), h("th", {}, t("households")), h("th", {}, t("people")), h("th", {}, t("registered")))),
      h("tbody", {}, ...o.population.cohorts.map((c) => h("tr", {}, h("td", {}, c.label), h("td", {}, num(c.households)), h("td", {}, num(c.people)), h("td", {}, c.registered ? t("yes") : t("no"))))),
    ),
    ...(o.targets && (o.targets.exits || o.targets.villages)
      ? [h("div", {}, h("h3", {}, t("targets")), h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, ""), ...years.map((y) => h("th", {}, String(y))))), h("tbody", {}, targetRow(t("exitTarget"), o.targets.exits), targetRow(t("villageTarget"), o.targets.villages))))]
      : []),
    o.pools.length > 0
      ? h(
          "div",
          {},
          h("h3", {}, t("pools")),
          h(
            "table",
            {},
            h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, t("leverage")), h("th", {}, t("deposits")), h("th", {}, t("lending")))),
            h("tbody", {}, ...o.pools.map((p) => h("tr", {}, h("td", {}, p.label), h("td", {}, `×${p.leverage}`), h("td", {}, money(p.totalDeposits)), h("td", {}, money(p.totalLending))))),
          ),
        )
      : "",
  );
}

/** The allocation a programme has now (edited or as the scenario has it). */
const allocationOf = (id: string): Record<string, number> => state.allocations[id] ?? original[id] ?? {};

function setAllocation(id: string, year: string, value: number, dragging = false): void {
  const next = { ...allocationOf(id), [year]: Math.max(0, Math.round(value * 100) / 100) };
  const base = original[id] ?? {};
  const same = Object.keys(next).every((y) => next[y] === base[y]);
  if (same) delete state.allocations[id];
  else state.allocations[id] = next;
  saveDraft();
  edited(dragging);
}

function renderAllocations(r: LedgerResponse): void {
  const years = r.scenario.years.map(String);
  const maxOf = (id: string) => Math.max(1_000_000, ...Object.values(original[id] ?? {}).map((v) => v * 2), ...Object.values(allocationOf(id)).map((v) => v * 1.25));
  const total = (id: string) => years.reduce((s, y) => s + (allocationOf(id)[y] ?? 0), 0);
  const grand = () => r.editable.reduce((s, p) => s + total(p.id), 0);
  const shareInputs: { id: string; input: HTMLInputElement }[] = [];
  const shareText = (id: string) => (grand() > 0 ? (Math.round((total(id) / grand()) * 1000) / 10).toString() : "0");
  const updateShares = () => shareInputs.forEach((x) => (x.input.value = shareText(x.id)));
  const rows = r.editable.map((p) => {
    const totalCell = h("td", { "data-total": p.id }, num(total(p.id)));
    const shareInput = h("input", { type: "number", class: "share", min: "0", max: "100", step: "0.1", "aria-label": `${p.label} %`, value: shareText(p.id) });
    shareInputs.push({ id: p.id, input: shareInput });
    const cells = years.map((y) => {
      const max = maxOf(p.id);
      const number = h("input", { type: "number", min: "0", step: "1000", value: String(allocationOf(p.id)[y] ?? 0), "data-programme": p.id, "data-year": y, "aria-label": `${p.label} ${y}` });
      const slider = h("input", { type: "range", min: "0", max: String(Math.round(max)), step: String(Math.max(1, Math.round(max / 1000))), value: String(allocationOf(p.id)[y] ?? 0), "aria-label": `${p.label} ${y}` });
      const apply = (v: number, dragging = false) => {
        if (!Number.isFinite(v) || v < 0) return;
        number.value = String(v);
        slider.value = String(v);
        setAllocation(p.id, y, v, dragging);
        totalCell.textContent = num(total(p.id));
        updateShares();
        row.classList.toggle("changed", state.allocations[p.id] !== undefined);
      };
      number.addEventListener("change", () => apply(Number(number.value)));
      slider.addEventListener("input", () => apply(Number(slider.value), true));
      return h("td", {}, h("div", { class: "cell" }, slider, number));
    });
    // One share per programme: its total becomes that share of all the editable money, spread over the years as its current allocation is (evenly if empty).
    shareInput.addEventListener("change", () => {
      const share = Number(shareInput.value) / 100;
      if (!Number.isFinite(share) || share < 0) return;
      const all = grand();
      const now = total(p.id);
      const target = all * share;
      const next: Record<string, number> = {};
      for (const y of years) next[y] = Math.round((now > 0 ? ((allocationOf(p.id)[y] ?? 0) / now) * target : target / years.length) * 100) / 100;
      state.allocations[p.id] = next;
      saveDraft();
      edited();
      renderAllocations(r);
    });
    const row = h("tr", { "data-programme": p.id, class: state.allocations[p.id] ? "changed" : "" }, h("td", {}, p.label, h("div", { class: "muted" }, p.id)), ...cells, totalCell, h("td", {}, shareInput));
    return row;
  });
  el.alloc.dataset["scenario"] = r.scenario.id;
  el.alloc.replaceChildren(
    h("h2", {}, t("allocations")),
    h("div", { class: "muted" }, t("allocationsHelp")),
    h("div", { class: "wrap" }, h("table", { class: "alloc" }, h("thead", {}, h("tr", {}, h("th", {}, t("programme")), ...years.map((y) => h("th", {}, y)), h("th", {}, t("total")), h("th", {}, `${t("shares")} %`))), h("tbody", {}, ...rows))),
  );
}

// ── Ledger ───────────────────────────────────────────────────────────────────────
function renderLedger(r: LedgerResponse): void {
  const l = r.ledger;
  const head = h("tr", {}, h("th", {}, t("line")), ...l.years.map((y) => h("th", {}, String(y))), h("th", {}, t("total")));
  const lines = (rows: LedgerLine[], totalLabel: string, total: string, testid: string) =>
    h(
      "table",
      { "data-testid": testid },
      h("thead", {}, head.cloneNode(true)),
      h(
        "tbody",
        {},
        ...rows.map((x) => h("tr", {}, h("td", {}, labelOf(x.label)), ...x.byYear.map((v) => h("td", {}, money(v))), h("td", {}, money(x.total)))),
        h("tr", { class: "total" }, h("td", {}, totalLabel), ...l.years.map((_, i) => h("td", {}, money(String(rows.reduce((s, x) => s + Number(x.byYear[i] ?? 0), 0))))), h("td", {}, money(total))),
      ),
    );
  el.ledger.replaceChildren(
    h("h2", {}, t("ledger")),
    h("h3", {}, t("sources")),
    lines(l.sources, t("total"), l.totals.sources, "ledger-sources"),
    h("h3", {}, t("uses")),
    lines(l.uses, t("total"), l.totals.uses, "ledger-uses"),
    h("h3", {}, t("balance")),
    h(
      "table",
      { "data-testid": "ledger-balance" },
      h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, t("opening")), h("th", {}, t("sources")), h("th", {}, t("uses")), h("th", {}, t("closing")))),
      h(
        "tbody",
        {},
        ...l.balance.map((b) => h("tr", {}, h("td", {}, String(b.year)), h("td", {}, money(b.opening)), h("td", {}, money(b.sources)), h("td", {}, money(b.uses)), h("td", { class: Number(b.closing) < 0 ? "neg" : "" }, money(b.closing)))),
      ),
    ),
    h("h3", {}, t("checks")),
    l.checks.length === 0 ? h("p", { class: "muted" }, t("noChecks")) : h("ul", { class: "checks", "data-testid": "ledger-checks" }, ...l.checks.map((c) => h("li", { class: c.severity }, text(c.message)))),
  );
}

// ── Monte-Carlo ──────────────────────────────────────────────────────────────────
let job: { id: string; source: EventSource } | null = null;
/** This tab, for the server: a new job of this tab cancels its previous ones (even one whose id has not come back yet). */
const CLIENT = typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now()}-${performance.now()}`;
let view: EmbedResult | null = null;

function cancelJob(): void {
  if (!job) return;
  job.source.close();
  void fetch(`/api/jobs/${job.id}`, { method: "DELETE" }).catch(() => undefined);
  job = null;
}

async function startJob(editNo: number): Promise<void> {
  cancelJob();
  status.textContent = text(W.running(10));
  let started: { id: string; events: string };
  try {
    started = await api<{ id: string; events: string }>("/api/jobs", { ...withEdits(), stages: [10, 50, 200], client: { id: CLIENT, seq: editNo } });
  } catch (e) {
    status.textContent = "";
    showIssues(e);
    return;
  }
  if (editNo !== timings.edits) {
    void fetch(`/api/jobs/${started.id}`, { method: "DELETE" }).catch(() => undefined);
    return;
  }
  const source = new EventSource(started.events);
  job = { id: started.id, source };
  source.addEventListener("estimate", (ev) => {
    if (job?.id !== started.id) return;
    const est = JSON.parse((ev as MessageEvent<string>).data) as Estimate;
    const ms = performance.now() - timings.lastEditAt;
    if (timings.firstMs === null) {
      timings.firstMs = ms;
      timings.firstRuns = est.runs;
      timings.firstServerMs = est.elapsedMs;
    }
    if (est.final) {
      timings.refinedMs = ms;
      timings.refinedRuns = est.runs;
      timings.refinedServerMs = est.elapsedMs;
    }
    void renderEstimate(est);
  });
  const end = () => {
    source.close();
    if (job?.id === started.id) job = null;
  };
  source.addEventListener("done", end);
  source.addEventListener("cancelled", end);
  source.addEventListener("error", (ev) => {
    const data = (ev as MessageEvent<string>).data;
    if (typeof data === "string" && data !== "") {
      try {
        showIssues(new ApiFailure((JSON.parse(data) as ApiErrorBody).error));
      } catch {
        // not JSON: the connection dropped
      }
    }
    end();
  });
}

async function renderEstimate(est: Estimate): Promise<void> {
  status.textContent = text(W.estimate(est.runs, est.elapsedMs, est.final));
  const hl = est.headline;
  headline.replaceChildren(
    h("div", {}, h("span", { class: "muted" }, t("peopleOut")), h("b", { "data-testid": "people-out" }, num(hl.peopleOut?.mean)), h("span", { class: "muted" }, `${num(hl.peopleOut?.q05)} – ${num(hl.peopleOut?.q95)}`)),
    h("div", {}, h("span", { class: "muted" }, t("pAllTargets")), h("b", {}, pct(hl.pAllTargets?.p))),
    h("div", {}, h("span", { class: "muted" }, t("costPerExit")), h("b", {}, num(hl.costPerExit?.value))),
  );
  if (est.chart) {
    const old = view;
    view = await embed(fan, est.chart as never, { actions: false, renderer: "svg" });
    old?.finalize();
    fan.dataset["runs"] = String(est.runs);
    fan.dataset["version"] = String(Number(fan.dataset["version"] ?? "0") + 1);
  }
}

function renderSimSection(): void {
  el.sim.replaceChildren(h("h2", {}, t("simulation")), status, headline, fan);
}

// ── Variants ─────────────────────────────────────────────────────────────────────
const diffView = h("div", { "data-testid": "compare" });
function renderVariants(): void {
  const name = h("input", { type: "text", "aria-label": t("variantName"), placeholder: t("variantName"), value: `${t("variants")} ${state.kept.length + 1}` });
  el.variants.replaceChildren(
    h("h2", {}, t("variants")),
    h(
      "ul",
      {},
      h("li", {}, t("plan")),
      ...state.kept.map((k, i) =>
        h(
          "li",
          {},
          `${k.name} `,
          h("span", { class: "muted" }, Object.keys(k.allocations).join(", ")),
          " ",
          h("button", { type: "button", onclick: () => (state.kept.splice(i, 1), saveDraft(), renderVariants()) }, t("remove")),
        ),
      ),
    ),
    h(
      "div",
      { class: "row" },
      name,
      h("button", { type: "button", "data-testid": "keep", onclick: () => (state.kept.push({ name: name.value.trim() || `${state.kept.length + 1}`, allocations: structuredClone(state.allocations) }), saveDraft(), renderVariants()) }, t("keep")),
      h("button", { type: "button", "data-testid": "compare-button", onclick: () => void compare() }, t("compare")),
    ),
    diffView,
  );
}

async function compare(): Promise<void> {
  diffView.replaceChildren(h("p", { class: "muted" }, t("comparing")));
  const variants = [{ name: t("plan") }, ...state.kept.map((k) => ({ name: k.name, allocations: k.allocations }))];
  if (Object.keys(state.allocations).length > 0) variants.push({ name: t("current"), allocations: state.allocations });
  if (variants.length < 2) variants.push({ name: t("current"), allocations: state.allocations });
  try {
    const { allocations: _drop, ...base } = withEdits();
    const c = await api<CompareResponse>("/api/compare", { ...base, runs: 200, variants: variants.slice(0, 4) });
    const interval = (s: PairedStat | null, f: (x: number | null) => string) => (s ? `${f(s.mean)} [${f(s.lo)}, ${f(s.hi)}]` : "–");
    const chart = h("div", { id: "diffchart" });
    diffView.replaceChildren(
      h("h3", {}, t("difference")),
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, t("diffPeople")), h("th", {}, t("diffCost")), h("th", {}, t("diffTargets")))),
        h(
          "tbody",
          {},
          ...c.differences.map((d) =>
            h("tr", {}, h("td", {}, d.b), h("td", {}, interval(d.exitedPeople, (x) => signed(x))), h("td", {}, interval(d.fiscalCost, (x) => signed(x))), h("td", {}, interval(d.targetsMet, (x) => (x === null ? "–" : signed(x * 100, 1) + " pp")))),
          ),
        ),
      ),
      chart,
    );
    if (c.chart) await embed(chart, c.chart as never, { actions: false, renderer: "svg" });
  } catch (e) {
    diffView.replaceChildren();
    showIssues(e);
  }
}

function renderDownloads(): void {
  const id = current?.scenario.id ?? "scenario";
  el.downloads.replaceChildren(
    h("h2", {}, t("downloads")),
    h("button", { type: "button", "data-testid": "dl-variant", onclick: () => void download("/api/variant.yaml", withEdits(), "workbench.yaml") }, t("dlVariant")),
    h("button", { type: "button", "data-testid": "dl-ledger", onclick: () => void download("/api/ledger.xlsx", withEdits(), `${id}-ledger.xlsx`) }, t("dlLedger")),
    h("button", { type: "button", "data-testid": "dl-template", onclick: () => void download("/api/template.xlsx", withEdits(), `${id}-allocations.xlsx`) }, t("dlTemplate")),
    h("button", { type: "button", "data-testid": "dl-runs", onclick: () => void download("/api/simulate/runs.csv", { ...withEdits(), runs: 200 }, `${id}-runs.csv`) }, t("dlRuns")),
  );
}

// ── Planner's tools: analyses that take seconds to a minute ──────────────────────
interface AnalysisView {
  id: string;
  kind: "sensitivity" | "optimise" | "report";
  status: "running" | "done" | "failed" | "cancelled";
  done: number;
  planned: number;
  result: Record<string, unknown> | null;
  file: { name: string; url: string } | null;
  error: ApiErrorBody["error"] | null;
}
const toolOut = h("div", { "data-testid": "tool-result" });
let analysisId: string | null = null;

function renderTools(): void {
  el.tools.replaceChildren(
    h("h2", {}, t("tools")),
    h("p", { class: "muted" }, t("toolsHelp")),
    h(
      "div",
      { class: "row" },
      h("button", { type: "button", "data-testid": "run-sensitivity", onclick: () => void runAnalysis("/api/sensitivity", { ...withEdits(), method: "tornado", runs: 50 }) }, t("runSensitivity")),
      h("button", { type: "button", "data-testid": "run-optimise", onclick: () => void runAnalysis("/api/optimise", { ...withEdits(), runs: 50 }) }, t("runOptimise")),
      h("button", { type: "button", "data-testid": "run-report", onclick: () => void runAnalysis("/api/report", { ...withEdits(), runs: 200, variants: state.kept.slice(0, 3).map((k) => ({ name: k.name, allocations: k.allocations })) }) }, t("runReport")),
    ),
    toolOut,
  );
}

function cancelAnalysis(): void {
  if (analysisId) void fetch(`/api/analyses/${analysisId}`, { method: "DELETE" }).catch(() => undefined);
  analysisId = null;
}

/** Start an analysis (cancelling the one running), show its progress, then its result. */
async function runAnalysis(path: string, body: Record<string, unknown>): Promise<void> {
  cancelAnalysis();
  const progress = h("p", { class: "status" }, "…");
  toolOut.replaceChildren(progress, h("button", { type: "button", onclick: () => (cancelAnalysis(), toolOut.replaceChildren(h("p", { class: "muted" }, t("cancelled")))) }, t("cancel")));
  let v: AnalysisView;
  try {
    v = await api<AnalysisView>(path, body);
  } catch (e) {
    toolOut.replaceChildren();
    showIssues(e);
    return;
  }
  const id = v.id;
  analysisId = id;
  while (v.status === "running") {
    progress.textContent = text(W.progress(v.done, v.planned, v.kind));
    await new Promise((r) => setTimeout(r, 400));
    if (analysisId !== id) return; // cancelled or replaced
    try {
      v = (await (await fetch(`/api/analyses/${id}`)).json()) as AnalysisView;
    } catch {
      toolOut.replaceChildren();
      showIssues(new ApiFailure({ code: "network", message: t("serverDown"), issues: [] }));
      return;
    }
  }
  if (analysisId !== id) return;
  analysisId = null;
  if (v.status === "cancelled") return void toolOut.replaceChildren(h("p", { class: "muted" }, t("cancelled")));
  if (v.status === "failed" || !v.result) {
    toolOut.replaceChildren();
    return showIssues(new ApiFailure(v.error ?? { code: "failed", message: "failed", issues: [] }));
  }
  await showAnalysis(v);
}

const table = (columns: string[], rows: string[][]) =>
  h("table", {}, h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", {}, c)))), h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))));

async function showAnalysis(v: AnalysisView): Promise<void> {
  const r = v.result as Record<string, unknown>;
  const chart = h("div", { class: "tool-chart" });
  if (v.kind === "sensitivity") {
    toolOut.replaceChildren(
      h("h3", {}, String(r["heading"] ?? "")),
      ...((r["before"] as string[] | undefined) ?? []).map((l) => h("p", { class: "muted" }, l)),
      table(r["columns"] as string[], r["rows"] as string[][]),
      h("p", { class: "muted" }, String(r["note"] ?? "")),
      chart,
    );
  } else if (v.kind === "optimise") {
    const allocations = r["allocations"] as Allocations;
    toolOut.replaceChildren(
      table(r["columns"] as string[], r["rows"] as string[][]),
      ...((r["verdict"] as string[] | undefined) ?? []).map((l) => h("p", {}, l)),
      h(
        "button",
        { type: "button", "data-testid": "keep-optimised", onclick: () => (state.kept.push({ name: t("optimisedName"), allocations: structuredClone(allocations) }), saveDraft(), renderVariants()) },
        t("keepOptimised"),
      ),
      chart,
    );
  } else {
    const f = v.file;
    toolOut.replaceChildren(h("p", {}, t("reportReady"), " ", f ? h("a", { href: f.url, download: f.name, "data-testid": "report-link" }, f.name) : ""));
    return;
  }
  if (r["chart"]) await embed(chart, r["chart"] as never, { actions: false, renderer: "svg" });
}

// ── Flow ─────────────────────────────────────────────────────────────────────────
let ledgerAbort: AbortController | null = null;

/**
 * An edit: the ledger at once (while one ledger request is on its way, the next waits for it
 * and asks for the latest edits), and a new Monte-Carlo job — the stale one cancelled at once;
 * while a slider is dragged the new job starts when it rests for JOB_DELAY_MS.
 */
const JOB_DELAY_MS = 150;
let jobTimer: ReturnType<typeof setTimeout> | undefined;
let ledgerBusy = false;
let ledgerAgain = false;

function edited(dragging = false): void {
  timings.edits++;
  timings.lastEditAt = performance.now();
  timings.ledgerMs = null;
  timings.firstMs = null;
  timings.firstRuns = null;
  timings.firstServerMs = null;
  timings.refinedMs = null;
  timings.refinedRuns = null;
  timings.refinedServerMs = null;
  const editNo = timings.edits;
  void ledgerForEdits();
  cancelJob();
  clearTimeout(jobTimer);
  if (dragging) jobTimer = setTimeout(() => void startJob(editNo), JOB_DELAY_MS);
  else void startJob(editNo);
}

async function ledgerForEdits(): Promise<void> {
  if (ledgerBusy) {
    ledgerAgain = true;
    return;
  }
  ledgerBusy = true;
  try {
    do {
      ledgerAgain = false;
      await refreshLedger(timings.edits, false, true);
    } while (ledgerAgain);
  } finally {
    ledgerBusy = false;
  }
}

/** The ledger of the current edits; a result for an older edit is dropped unless `stale` (a drag shows the latest ledger it has). */
async function refreshLedger(editNo: number, rebuild: boolean, stale = false): Promise<boolean> {
  ledgerAbort?.abort();
  const ctl = new AbortController();
  ledgerAbort = ctl;
  try {
    const r = await api<LedgerResponse>("/api/ledger", withEdits(), ctl.signal);
    if (editNo !== timings.edits && !stale) return false;
    if (editNo === timings.edits) timings.ledgerMs = performance.now() - timings.lastEditAt;
    current = r;
    clearIssues();
    if (rebuild) {
      original = { ...planAllocations };
      renderOverview(r);
      renderAllocations(r);
    }
    renderLedger(r);
    renderDownloads();
    return true;
  } catch (e) {
    if ((e as Error).name !== "AbortError") showIssues(e);
    return false;
  }
}

/** The scenario's own allocations (the ledger without the edits), by programme and year. */
let planAllocations: Record<string, Record<string, number>> = {};

/** Load the scenario (and the plan's allocations), then the ledger and a job. */
async function reload(): Promise<void> {
  cancelJob();
  // Another scenario or language: an analysis of the old one is no longer asked for.
  cancelAnalysis();
  renderTools();
  // The old plan's allocations go at once: an edit typed into them while the new plan loads
  // would name the old plan's programmes (and, as a newer edit, keep the new plan from showing).
  delete el.alloc.dataset["scenario"];
  el.alloc.replaceChildren(h("h2", {}, t("allocations")), h("p", { class: "muted" }, t("loadingPlan")));
  timings.edits++;
  timings.lastEditAt = performance.now();
  const editNo = timings.edits;
  try {
    const plan = await api<LedgerResponse>("/api/ledger", requestBase());
    planAllocations = Object.fromEntries(plan.editable.map((p) => [p.id, p.allocation]));
  } catch (e) {
    planAllocations = {};
    showIssues(e);
    el.ledger.replaceChildren();
    el.alloc.replaceChildren();
    el.overview.replaceChildren();
    return;
  }
  if (await refreshLedger(editNo, true)) {
    renderVariants();
    void startJob(editNo);
  }
}

async function start(): Promise<void> {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("title");
  try {
    const r = await fetch("/api/scenarios");
    shipped = ((await r.json()) as { scenarios: { id: string; name: Localized | string }[] }).scenarios;
  } catch {
    shipped = [];
  }
  if (state.source.kind === "shipped" && !shipped.some((s) => state.source.kind === "shipped" && s.id === state.source.id) && shipped.length > 0) {
    state.source = { kind: "shipped", id: shipped.find((s) => s.id === DEFAULT_SCENARIO)?.id ?? shipped[0]!.id };
  }
  renderHeader();
  renderSimSection();
  renderVariants();
  await reload();
}

void start();
