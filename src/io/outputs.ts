/**
 * Output folders and files that never destroy what fundsim did not create.
 *
 * Rules (checked before anything is written; each refusal is an {@link OutputProblem}):
 * - an empty path, the working folder or any folder above it is never an output folder;
 * - an existing file is never an output folder, and an input (scenario, register) is
 *   never overwritten;
 * - an existing folder is written into only when it is empty or holds a previous fundsim
 *   output of the same kind, recognised by its `manifest.json` (`output.kind`, and
 *   `output.files`, the files that output wrote). Files fundsim did not write are never
 *   deleted: without `force` their presence is a refusal; with `force` they are kept,
 *   and only a file with the same name as one fundsim writes is replaced.
 *
 * Writing (see {@link writeOutputDir}): the whole output is assembled in a temporary
 * sibling folder, marked with {@link TMP_MARKER} (owner process and target); a new folder
 * then appears by one rename; into an existing folder the files are moved one by one,
 * with the replaced ones kept aside until every move succeeded (a failure moves them
 * back). Temporary folders are removed on SIGINT/SIGTERM, and a later write into the
 * same parent folder sweeps those whose marker names a process that no longer runs —
 * never a folder by its name alone.
 *
 * File-system failures (read-only disk, full disk, a file where a folder goes …) are
 * problems with the path, the operation and the system's code, never a thrown error.
 *
 * @example
 * const r = await writeOutputDir("out/linghai", "results", async (tmp) => {
 *   await writeFile(join(tmp, "summary.json"), json);
 * }, { cwd: process.cwd(), inputs: ["scenarios/linghai-2017.yaml"] });
 * if (!r.ok) console.error(r.error);
 */
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { rmSync } from "node:fs";
import { dirname, basename, join, resolve, sep, parse as parsePath, relative } from "node:path";
import { homedir, hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { ok, err, type Result } from "../util/result.js";

/** What a folder output is; a folder is replaced only by an output of the same kind. */
export const OUTPUT_KINDS = ["results", "comparison", "report", "ledger", "sensitivity", "calibration", "optimisation"] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];
const isOutputKind = (x: unknown): x is OutputKind => typeof x === "string" && (OUTPUT_KINDS as readonly string[]).includes(x);

/** The file in every output folder that says what wrote it. */
export const OUTPUT_MANIFEST = "manifest.json";
/** The file inside a temporary folder that says which process owns it. */
export const TMP_MARKER = ".fundsim-tmp.json";
const TMP_INFIX = ".fundsim-tmp-";

/** File-system operations a problem can name. */
export const IO_OPS = ["create", "write", "replace", "read"] as const;
export type IoOp = (typeof IO_OPS)[number];

/** Why an output was not written. Rendered by `messages/io.ts`. */
export type OutputProblem =
  | { readonly code: "emptyPath" }
  | { readonly code: "workingFolder"; readonly path: string }
  | { readonly code: "isInput"; readonly path: string }
  | { readonly code: "notAFolder"; readonly path: string }
  | { readonly code: "isAFolder"; readonly path: string }
  | { readonly code: "foreignFiles"; readonly path: string; readonly files: readonly string[]; readonly total: number }
  | { readonly code: "otherKind"; readonly path: string; readonly kind: OutputKind; readonly wanted: OutputKind }
  | { readonly code: "foreignFile"; readonly path: string }
  | { readonly code: "io"; readonly op: IoOp; readonly path: string; readonly errno: string };

export interface OutputGuard {
  /** The working folder: never an output folder, nor any folder above it. Default: process.cwd(). */
  readonly cwd?: string;
  /** Files the command reads (scenario, register): never overwritten. */
  readonly inputs?: readonly string[];
  /** Write into a folder that holds other files (they are kept; same-named ones are replaced). */
  readonly force?: boolean;
}

/** What an output folder's manifest says about the output (`manifest.json` → `output`). */
export interface OutputRecord {
  readonly kind: OutputKind;
  /** Paths relative to the folder, `/`-separated, of every file the output wrote. */
  readonly files: readonly string[];
}

/** A file larger than this is never taken for one fundsim wrote (charts are far smaller). */
const MAX_RECOGNISED_BYTES = 64 << 20;
/** Files listed in a refusal, at most; the count says how many there are in all. */
const LIST_AT_MOST = 5;
/** A folder with more entries than this is not listed in full (it is not ours). */
const SCAN_AT_MOST = 20_000;

/** Files a pre-`output` manifest's folder holds, by kind (outputs of fundsim before the record). */
const LEGACY_FILES: Readonly<Record<"results" | "report", (f: string) => boolean>> = {
  results: (f) => ["runs.csv", "summary.json", "manifest.json", "spending.csv"].includes(f),
  report: (f) => ["report.html", "manifest.json", "spending.csv"].includes(f) || /^charts\/[\w.-]+\.(png|svg|csv|json)$/.test(f),
};

const ioProblem = (op: IoOp, path: string, e: unknown): OutputProblem | undefined => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? { code: "io", op, path, errno: code } : undefined;
};

/** Run a file-system step; an errno failure becomes a problem, anything else (a bug) is thrown. */
async function attempt<T>(op: IoOp, path: string, step: () => Promise<T>): Promise<Result<T, OutputProblem>> {
  try {
    return ok(await step());
  } catch (e) {
    const p = ioProblem(op, path, e);
    if (p) return err(p);
    throw e;
  }
}

const posix = (rel: string): string => rel.split(sep).join("/");

/** Every file below `dir`, relative and `/`-separated (folders themselves are not listed); stops after `limit`. */
async function listFiles(dir: string, limit = SCAN_AT_MOST): Promise<string[]> {
  const out: string[] = [];
  const stack = [""];
  while (stack.length > 0 && out.length < limit) {
    const rel = stack.pop() as string;
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? join(rel, e.name) : e.name;
      if (e.isDirectory()) stack.push(r);
      else out.push(posix(r));
      if (out.length >= limit) break;
    }
  }
  return out.sort();
}

/** The output record of a folder's manifest, or undefined when the folder is not a fundsim output. */
export async function readOutputRecord(dir: string, present: readonly string[]): Promise<OutputRecord | undefined> {
  let m: unknown;
  try {
    m = JSON.parse(await readFile(join(dir, OUTPUT_MANIFEST), "utf8"));
  } catch {
    return undefined;
  }
  if (typeof m !== "object" || m === null) return undefined;
  const rec = (m as { output?: unknown }).output;
  if (typeof rec === "object" && rec !== null) {
    const { kind, files } = rec as { kind?: unknown; files?: unknown };
    if (isOutputKind(kind) && Array.isArray(files) && files.every((f) => typeof f === "string")) return { kind, files: files as string[] };
    return undefined;
  }
  // A manifest written before the output record: a results or report folder of fundsim.
  const legacy = m as { fundsim?: unknown; scenario?: { hash?: unknown } };
  if (typeof legacy.fundsim !== "string" || typeof legacy.scenario?.hash !== "string") return undefined;
  const kind = present.includes("report.html") ? "report" : "results";
  return { kind, files: present.filter(LEGACY_FILES[kind]) };
}

const sameOrInside = (path: string, folder: string): boolean => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/** Real path when it exists (symbolic links resolved), else the resolved path. */
async function real(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/** The refusals that hold whatever the flags: empty path, the working folder or above, the home or root folder. */
async function checkPlace(dir: string, guard: OutputGuard): Promise<OutputProblem | undefined> {
  if (dir.trim() === "") return { code: "emptyPath" };
  const target = await real(resolve(guard.cwd ?? process.cwd(), dir));
  const cwd = await real(guard.cwd ?? process.cwd());
  if (sameOrInside(cwd, target) || target === parsePath(target).root || target === (await real(homedir()))) return { code: "workingFolder", path: dir };
  return undefined;
}

/** Whether `path` would overwrite one of the inputs. */
async function isInput(path: string, guard: OutputGuard): Promise<boolean> {
  const target = await real(path);
  for (const input of guard.inputs ?? []) if ((await real(resolve(guard.cwd ?? process.cwd(), input))) === target) return true;
  return false;
}

// ── temporary folders ────────────────────────────────────────────────────────────────

const live = new Set<string>();
let handlersOn = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const tmp of live) rmSync(tmp, { recursive: true, force: true });
  live.clear();
  process.removeListener("SIGINT", onSignal);
  process.removeListener("SIGTERM", onSignal);
  handlersOn = false;
  process.kill(process.pid, signal);
}

function track(tmp: string): void {
  live.add(tmp);
  if (!handlersOn) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    handlersOn = true;
  }
}

function untrack(tmp: string): void {
  live.delete(tmp);
  if (live.size === 0 && handlersOn) {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    handlersOn = false;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Remove the temporary folders in `parent` left by fundsim processes that no longer run
 * (an interrupted run killed before it could clean up). Only folders whose marker file
 * names this machine and a dead process are removed. Resolves to the paths removed.
 */
export async function sweepTemporaries(parent: string): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(parent, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isDirectory() || !e.name.startsWith(".") || !e.name.includes(TMP_INFIX)) continue;
    const path = join(parent, e.name);
    try {
      const mark = JSON.parse(await readFile(join(path, TMP_MARKER), "utf8")) as { pid?: unknown; host?: unknown };
      if (typeof mark.pid !== "number" || mark.host !== hostname() || alive(mark.pid) || live.has(path)) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // no readable marker: not ours to remove
    }
  }
  return removed;
}

/** Create a marked temporary folder beside `target`. */
async function makeTemporary(target: string): Promise<Result<string, OutputProblem>> {
  const parent = dirname(target);
  const made = await attempt("create", parent, () => mkdir(parent, { recursive: true }));
  if (!made.ok) return made;
  await sweepTemporaries(parent);
  const tmp = join(parent, `.${basename(target)}${TMP_INFIX}${process.pid}-${randomBytes(4).toString("hex")}`);
  const created = await attempt("create", parent, async () => {
    await mkdir(tmp);
    track(tmp);
    await writeFile(join(tmp, TMP_MARKER), `${JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), target })}\n`);
  });
  if (!created.ok) {
    await removeTemporary(tmp);
    return created;
  }
  return ok(tmp);
}

async function removeTemporary(tmp: string): Promise<void> {
  await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  untrack(tmp);
}

// ── folders ──────────────────────────────────────────────────────────────────────────

/** How an existing folder will be written: which files of the old output may go. */
interface Plan {
  readonly exists: boolean;
  /** Files of a previous output of the same kind (removed when the new output does not write them). */
  readonly ours: ReadonlySet<string>;
  /** Files present that fundsim did not write (kept; replaced only under `force`). */
  readonly foreign: ReadonlySet<string>;
}

/**
 * Check that `dir` may receive an output of `kind`, without writing anything. Resolves to
 * the problem that forbids it, or undefined when it may.
 */
export async function checkOutputDir(dir: string, kind: OutputKind, guard: OutputGuard = {}): Promise<OutputProblem | undefined> {
  const p = await planDir(dir, kind, guard);
  return p.ok ? undefined : p.error;
}

async function planDir(dir: string, kind: OutputKind, guard: OutputGuard): Promise<Result<Plan, OutputProblem>> {
  const place = await checkPlace(dir, guard);
  if (place) return err(place);
  const target = resolve(guard.cwd ?? process.cwd(), dir);
  if (await isInput(target, guard)) return err({ code: "isInput", path: dir });
  let st;
  try {
    st = await stat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return ok({ exists: false, ours: new Set(), foreign: new Set() });
    return err(ioProblem("read", dir, e) ?? { code: "io", op: "read", path: dir, errno: String(e) });
  }
  if (!st.isDirectory()) return err({ code: "notAFolder", path: dir });
  const listed = await attempt("read", dir, () => listFiles(target));
  if (!listed.ok) return listed;
  const present = listed.value;
  if (present.length === 0) return ok({ exists: true, ours: new Set(), foreign: new Set() });
  const record = await readOutputRecord(target, present);
  if (record && record.kind !== kind && !guard.force) return err({ code: "otherKind", path: dir, kind: record.kind, wanted: kind });
  const ours = new Set(record && record.kind === kind ? record.files.filter((f) => present.includes(f)) : []);
  if (record) ours.add(OUTPUT_MANIFEST);
  const foreign = present.filter((f) => !ours.has(f));
  if (foreign.length > 0 && !guard.force) return err({ code: "foreignFiles", path: dir, files: foreign.slice(0, LIST_AT_MOST), total: foreign.length });
  return ok({ exists: true, ours, foreign: new Set(foreign) });
}

/** Add the output record to the manifest the output wrote (or write a manifest holding only the record). */
async function recordOutput(tmp: string, kind: OutputKind, files: readonly string[]): Promise<void> {
  const path = join(tmp, OUTPUT_MANIFEST);
  let manifest: Record<string, unknown> = {};
  try {
    manifest = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const output: OutputRecord = { kind, files: [...new Set([...files, OUTPUT_MANIFEST])].sort() };
  await writeFile(path, `${JSON.stringify({ ...manifest, output }, null, 2)}\n`);
}

/**
 * Write a folder output: `fill` writes into a fresh temporary folder; when it succeeds, its
 * files replace the output in `dir` (see the module comment for the rules). On any failure
 * — a refusal, `fill` failing, a file-system error — nothing in `dir` has changed and no
 * temporary folder remains. Resolves to the files written (relative, `/`-separated).
 */
export async function writeOutputDir(
  dir: string,
  kind: OutputKind,
  fill: (tmpDir: string) => Promise<void>,
  guard: OutputGuard = {},
): Promise<Result<readonly string[], OutputProblem>> {
  const plan = await planDir(dir, kind, guard);
  if (!plan.ok) return plan;
  const target = resolve(guard.cwd ?? process.cwd(), dir);
  const made = await makeTemporary(target);
  if (!made.ok) return made;
  const tmp = made.value;
  try {
    const filled = await attempt("write", dir, async () => {
      await fill(tmp);
      const files = (await listFiles(tmp, Number.MAX_SAFE_INTEGER)).filter((f) => f !== TMP_MARKER);
      await recordOutput(tmp, kind, files);
      return [...new Set([...files, OUTPUT_MANIFEST])].sort();
    });
    if (!filled.ok) return filled;
    const files = filled.value;
    if (!plan.value.exists) {
      await rm(join(tmp, TMP_MARKER));
      const moved = await attempt("create", dir, () => rename(tmp, target));
      if (!moved.ok) return moved;
      untrack(tmp);
      return ok(files);
    }
    const placed = await moveInto(tmp, target, dir, files, plan.value);
    return placed.ok ? ok(files) : placed;
  } finally {
    await removeTemporary(tmp);
  }
}

/**
 * Move `files` from `tmp` into the existing folder `target`. Replaced files wait in
 * `tmp/.replaced/` until every move succeeded; on a failure every move is undone. Files of
 * the previous output that the new one does not write are removed last.
 */
async function moveInto(tmp: string, target: string, shown: string, files: readonly string[], plan: Plan): Promise<Result<void, OutputProblem>> {
  const aside = join(tmp, ".replaced");
  const done: { readonly file: string; readonly hadOld: boolean }[] = [];
  // The manifest last: until it is in place, the folder still describes the old output.
  const order = [...files.filter((f) => f !== OUTPUT_MANIFEST), OUTPUT_MANIFEST];
  for (const file of order) {
    const to = join(target, file);
    const step = await attempt("replace", join(shown, file), async () => {
      await mkdir(dirname(to), { recursive: true });
      const hadOld = await lstat(to).then((s) => {
        if (s.isDirectory()) throw Object.assign(new Error(`${to} is a folder`), { code: "EISDIR" });
        return true;
      }, (e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return false;
        throw e;
      });
      if (hadOld) {
        await mkdir(dirname(join(aside, file)), { recursive: true });
        await rename(to, join(aside, file));
      }
      done.push({ file, hadOld });
      await rename(join(tmp, file), to);
    });
    if (!step.ok) {
      for (const d of done.reverse()) {
        await rm(join(target, d.file), { force: true }).catch(() => undefined);
        if (d.hadOld) await rename(join(aside, d.file), join(target, d.file)).catch(() => undefined);
      }
      return step;
    }
  }
  const written = new Set(files);
  for (const old of plan.ours) {
    if (written.has(old)) continue;
    await rm(join(target, old), { force: true }).catch(() => undefined);
    await removeEmptyParents(target, dirname(join(target, old)));
  }
  return ok(undefined);
}

/** Remove folders from `from` up to (not including) `root` while they are empty. */
async function removeEmptyParents(root: string, from: string): Promise<void> {
  let d = from;
  while (d !== root && relative(root, d) !== "" && !relative(root, d).startsWith("..")) {
    if ((await readdir(d).catch(() => ["?"])).length > 0) return;
    await rmdir(d).catch(() => undefined);
    d = dirname(d);
  }
}

// ── single files ─────────────────────────────────────────────────────────────────────

export type FileGuard = OutputGuard & {
  /** Whether an existing file's bytes show that fundsim wrote it (then it may be replaced). */
  readonly isOurs?: (existing: Buffer) => boolean;
};

/** Check that `path` may receive an output file, without writing anything; the problem, or undefined. */
export async function checkOutputFile(path: string, guard: FileGuard = {}): Promise<OutputProblem | undefined> {
  if (path.trim() === "") return { code: "emptyPath" };
  const target = resolve(guard.cwd ?? process.cwd(), path);
  if (await isInput(target, guard)) return { code: "isInput", path };
  let st;
  try {
    st = await stat(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    return ioProblem("read", path, e) ?? { code: "io", op: "read", path, errno: String(e) };
  }
  if (st.isDirectory()) return { code: "isAFolder", path };
  if (guard.force) return undefined;
  const existing = st.size <= MAX_RECOGNISED_BYTES ? await readFile(target).catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
  return guard.isOurs?.(existing) ? undefined : { code: "foreignFile", path };
}

/**
 * Write one output file atomically (a temporary sibling, then a rename). An existing file
 * is replaced only when `isOurs(its bytes)` says fundsim wrote it, or under `force`;
 * an input is never replaced; a folder is never replaced by a file. Resolves to the
 * absolute path written.
 */
export async function writeOutputFile(path: string, data: string | Uint8Array, guard: FileGuard = {}): Promise<Result<string, OutputProblem>> {
  const problem = await checkOutputFile(path, guard);
  if (problem) return err(problem);
  const target = resolve(guard.cwd ?? process.cwd(), path);
  const parent = dirname(target);
  const made = await attempt("create", dirname(path) || ".", () => mkdir(parent, { recursive: true }));
  if (!made.ok) return made;
  const tmp = join(parent, `.${basename(target)}${TMP_INFIX}${process.pid}-${randomBytes(4).toString("hex")}`);
  track(tmp);
  try {
    const wrote = await attempt("write", path, () => writeFile(tmp, data));
    if (!wrote.ok) return wrote;
    const placed = await attempt("replace", path, () => rename(tmp, target));
    return placed.ok ? ok(target) : placed;
  } finally {
    await removeTemporary(tmp);
  }
}
