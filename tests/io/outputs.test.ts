import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { spawn } from "node:child_process";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { checkOutputDir, checkOutputFile, sweepTemporaries, TMP_MARKER, writeOutputDir, writeOutputFile, type OutputProblem } from "../../src/io/outputs.js";
import { outputProblem } from "../../src/messages/io.js";
import { LANGS, say } from "../../src/messages/lang.js";

const root = await mkdtemp(join(tmpdir(), "fundsim-outputs-"));
afterAll(() => rm(root, { recursive: true, force: true }));

let cwd: string;
let n = 0;
beforeEach(async () => {
  cwd = join(root, `case-${n++}`);
  await mkdir(cwd);
});

const put = (dir: string, files: Record<string, string>) => async (tmp: string): Promise<void> => {
  for (const [f, text] of Object.entries(files)) {
    await mkdir(join(tmp, f, ".."), { recursive: true });
    await writeFile(join(tmp, f), text);
  }
  void dir;
};

/** Every file below `dir`, relative, sorted. */
async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (!e.isDirectory()) out.push(join(e.parentPath, e.name).slice(dir.length + 1));
  return out.sort();
}

const problemOf = async (r: Promise<{ ok: boolean; error?: OutputProblem }>): Promise<OutputProblem | undefined> => (await r).error;

describe("output folders", () => {
  it("a new folder appears whole, with an output record in its manifest", async () => {
    const r = await writeOutputDir("out", "results", put("out", { "runs.csv": "x", "manifest.json": '{"seed":1}' }), { cwd });
    expect(r).toEqual({ ok: true, value: ["manifest.json", "runs.csv"] });
    const m = JSON.parse(await readFile(join(cwd, "out", "manifest.json"), "utf8"));
    expect(m).toEqual({ seed: 1, output: { kind: "results", files: ["manifest.json", "runs.csv"] } });
    expect(await readdir(cwd)).toEqual(["out"]);
  });

  it("replaces a previous output of the same kind; its files the new one does not write go", async () => {
    await writeOutputDir("out", "report", put("out", { "report.html": "1", "charts/a.png": "1", "charts/b.png": "1" }), { cwd });
    const r = await writeOutputDir("out", "report", put("out", { "report.html": "2", "charts/a.png": "2" }), { cwd });
    expect(r.ok).toBe(true);
    expect(await tree(join(cwd, "out"))).toEqual(["charts/a.png", "manifest.json", "report.html"]);
    expect(await readFile(join(cwd, "out", "report.html"), "utf8")).toBe("2");
    expect(await readdir(cwd)).toEqual(["out"]);
  });

  it("a failing fill leaves the previous output intact and no temporary folder", async () => {
    await writeOutputDir("out", "results", put("out", { "runs.csv": "old" }), { cwd });
    await expect(
      writeOutputDir("out", "results", async (tmp) => {
        await writeFile(join(tmp, "runs.csv"), "half");
        throw new Error("a bug in the writer");
      }, { cwd }),
    ).rejects.toThrow("a bug in the writer");
    expect(await readFile(join(cwd, "out", "runs.csv"), "utf8")).toBe("old");
    expect(await readdir(cwd)).toEqual(["out"]);
  });

  it("a file-system failure while filling is a problem with its code, and nothing changes", async () => {
    const r = await writeOutputDir("out", "results", async () => {
      throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    }, { cwd });
    expect(r).toEqual({ ok: false, error: { code: "io", op: "write", path: "out", errno: "ENOSPC" } });
    expect(await readdir(cwd)).toEqual([]);
  });

  it("never writes into the working folder, a folder above it, or an empty path — even with force", async () => {
    await writeFile(join(cwd, "s.yaml"), "scenario");
    for (const out of [".", "", "  ", "..", cwd, join(cwd, "..")]) {
      for (const force of [false, true]) {
        const p = await problemOf(writeOutputDir(out, "results", put(out, { "runs.csv": "x" }), { cwd, force }));
        expect(p?.code).toBe(out.trim() === "" ? "emptyPath" : "workingFolder");
      }
    }
    expect(await readdir(cwd)).toEqual(["s.yaml"]);
    expect(await readFile(join(cwd, "s.yaml"), "utf8")).toBe("scenario");
  });

  it("never turns an existing file (the scenario included) into a folder", async () => {
    await writeFile(join(cwd, "s.yaml"), "scenario");
    await writeFile(join(cwd, "notes.txt"), "mine");
    expect(await problemOf(writeOutputDir("s.yaml", "results", put("", { a: "x" }), { cwd, inputs: ["s.yaml"] }))).toEqual({ code: "isInput", path: "s.yaml" });
    expect(await problemOf(writeOutputDir("notes.txt", "results", put("", { a: "x" }), { cwd, force: true }))).toEqual({ code: "notAFolder", path: "notes.txt" });
    expect(await readFile(join(cwd, "notes.txt"), "utf8")).toBe("mine");
    expect((await readdir(cwd)).sort()).toEqual(["notes.txt", "s.yaml"]);
  });

  it("refuses a folder holding files fundsim did not write; with force keeps them and replaces only same-named files", async () => {
    await mkdir(join(cwd, "mine", "sub"), { recursive: true });
    await writeFile(join(cwd, "mine", "notes.txt"), "keep");
    await writeFile(join(cwd, "mine", "sub", "data.csv"), "keep");
    await writeFile(join(cwd, "mine", "runs.csv"), "user's own");
    expect(await checkOutputDir("mine", "results", { cwd })).toEqual({ code: "foreignFiles", path: "mine", files: ["notes.txt", "runs.csv", "sub/data.csv"], total: 3 });
    expect(await readFile(join(cwd, "mine", "runs.csv"), "utf8")).toBe("user's own");
    const r = await writeOutputDir("mine", "results", put("", { "runs.csv": "new" }), { cwd, force: true });
    expect(r.ok).toBe(true);
    expect(await tree(join(cwd, "mine"))).toEqual(["manifest.json", "notes.txt", "runs.csv", "sub/data.csv"]);
    expect(await readFile(join(cwd, "mine", "notes.txt"), "utf8")).toBe("keep");
    expect(await readFile(join(cwd, "mine", "runs.csv"), "utf8")).toBe("new");
    // The user's files stay theirs: the next write without force still refuses.
    expect((await checkOutputDir("mine", "results", { cwd }))?.code).toBe("foreignFiles");
  });

  it("a file added by the user to a previous output blocks its replacement (and survives it under force)", async () => {
    await writeOutputDir("out", "results", put("", { "runs.csv": "1", "spending.csv": "1" }), { cwd });
    await writeFile(join(cwd, "out", "my-notes.md"), "notes");
    expect(await checkOutputDir("out", "results", { cwd })).toEqual({ code: "foreignFiles", path: "out", files: ["my-notes.md"], total: 1 });
    expect((await writeOutputDir("out", "results", put("", { "runs.csv": "2" }), { cwd, force: true })).ok).toBe(true);
    expect(await tree(join(cwd, "out"))).toEqual(["manifest.json", "my-notes.md", "runs.csv"]);
  });

  it("an empty folder is used; a folder of another kind of output is refused", async () => {
    await mkdir(join(cwd, "empty"));
    expect((await writeOutputDir("empty", "ledger", put("", { "ledger.csv": "x" }), { cwd })).ok).toBe(true);
    expect(await checkOutputDir("empty", "report", { cwd })).toEqual({ code: "otherKind", path: "empty", kind: "ledger", wanted: "report" });
  });

  it("recognises a results or report folder written before the output record", async () => {
    await mkdir(join(cwd, "old", "charts"), { recursive: true });
    await writeFile(join(cwd, "old", "manifest.json"), JSON.stringify({ format: 1, fundsim: "0.1.0", scenario: { id: "x", hash: "ab" } }));
    await writeFile(join(cwd, "old", "report.html"), "<html>");
    await writeFile(join(cwd, "old", "charts", "pool-fan.png"), "png");
    expect(await checkOutputDir("old", "report", { cwd })).toBeUndefined();
    expect((await checkOutputDir("old", "results", { cwd }))?.code).toBe("otherKind");
  });

  it("an output path under a file is a located file-system problem", async () => {
    await writeFile(join(cwd, "file.txt"), "x");
    const p = await problemOf(writeOutputDir("file.txt/out", "results", put("", { a: "x" }), { cwd }));
    expect(p).toMatchObject({ code: "io", path: "file.txt/out", errno: "ENOTDIR" });
    expect(await readdir(cwd)).toEqual(["file.txt"]);
  });

  it("a move that fails half-way is undone: the folder holds exactly what it held", async () => {
    await writeOutputDir("out", "results", put("", { "a.csv": "old-a", "b.csv": "old-b" }), { cwd });
    await mkdir(join(cwd, "out", "c.csv")); // a folder where the new output writes a file
    await writeFile(join(cwd, "out", "c.csv", "inside"), "user");
    const r = await writeOutputDir("out", "results", put("", { "a.csv": "new-a", "b.csv": "new-b", "c.csv": "new-c" }), { cwd, force: true });
    expect(r).toMatchObject({ ok: false, error: { code: "io", op: "replace", errno: "EISDIR" } });
    expect(await tree(join(cwd, "out"))).toEqual(["a.csv", "b.csv", "c.csv/inside", "manifest.json"]);
    expect(await readFile(join(cwd, "out", "a.csv"), "utf8")).toBe("old-a");
    expect(await readdir(cwd)).toEqual(["out"]);
  });
});

describe("temporary folders", () => {
  it("sweeps only marked folders of processes that no longer run on this machine", async () => {
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["-e", ""]);
      child.on("exit", () => resolve(child.pid as number));
    });
    const mk = async (name: string, mark?: object): Promise<void> => {
      await mkdir(join(cwd, name));
      if (mark) await writeFile(join(cwd, name, TMP_MARKER), JSON.stringify(mark));
    };
    await mk(".out.fundsim-tmp-1-aa", { pid: dead, host: hostname() });
    await mk(".out.fundsim-tmp-2-bb", { pid: process.pid, host: hostname() });
    await mk(".out.fundsim-tmp-3-cc", { pid: dead, host: "another-machine" });
    await mk(".out.fundsim-tmp-4-dd"); // no marker: not provably ours
    await mk(".out.tmp-5-ee", { pid: dead, host: hostname() }); // not our name
    expect(await sweepTemporaries(cwd)).toEqual([join(cwd, ".out.fundsim-tmp-1-aa")]);
    expect((await readdir(cwd)).sort()).toEqual([".out.fundsim-tmp-2-bb", ".out.fundsim-tmp-3-cc", ".out.fundsim-tmp-4-dd", ".out.tmp-5-ee"]);
  });

  it("an interrupted write (SIGINT, SIGTERM) removes its temporary folder", async () => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      const script = `
        const { writeOutputDir } = await import(${JSON.stringify(new URL("../../dist/src/io/outputs.js", import.meta.url).href)});
        await writeOutputDir("out", "report", async () => { process.stdout.write("filling\\n"); await new Promise(() => setInterval(() => {}, 1000)); }, { cwd: ${JSON.stringify(cwd)} });
      `;
      // The built module (`npm test` builds first), as the installed command runs it.
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const started = await new Promise<boolean>((resolve) => {
        child.stdout.once("data", () => resolve(true));
        child.once("exit", () => resolve(false));
      });
      expect(stderr).toBe("");
      expect(started).toBe(true);
      expect((await readdir(cwd)).some((f) => f.includes("fundsim-tmp"))).toBe(true);
      child.kill(signal);
      const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_c, s) => resolve(s)));
      expect(exit).toBe(signal);
      expect(await readdir(cwd)).toEqual([]);
    }
  }, 30_000);
});

describe("output files", () => {
  it("replaces a file only when it is recognised as fundsim's, or under force; never an input or a folder", async () => {
    const isOurs = (b: Buffer): boolean => b.toString().startsWith("ours:");
    await writeFile(join(cwd, "photo.png"), "user's photo");
    expect(await checkOutputFile("photo.png", { cwd, isOurs })).toEqual({ code: "foreignFile", path: "photo.png" });
    expect(await readFile(join(cwd, "photo.png"), "utf8")).toBe("user's photo");
    expect((await writeOutputFile("chart.png", "ours:1", { cwd, isOurs })).ok).toBe(true);
    expect((await writeOutputFile("chart.png", "ours:2", { cwd, isOurs })).ok).toBe(true);
    expect(await readFile(join(cwd, "chart.png"), "utf8")).toBe("ours:2");
    expect((await writeOutputFile("photo.png", "ours:3", { cwd, isOurs, force: true })).ok).toBe(true);
    await writeFile(join(cwd, "s.yaml"), "scenario");
    expect(await checkOutputFile("s.yaml", { cwd, isOurs, inputs: ["s.yaml"], force: true })).toEqual({ code: "isInput", path: "s.yaml" });
    await mkdir(join(cwd, "dir"));
    expect(await checkOutputFile("dir", { cwd, force: true })).toEqual({ code: "isAFolder", path: "dir" });
    expect(await checkOutputFile("", { cwd })).toEqual({ code: "emptyPath" });
    expect((await stat(join(cwd, "s.yaml"))).size).toBe(8);
    expect((await readdir(cwd)).sort()).toEqual(["chart.png", "dir", "photo.png", "s.yaml"]);
  });
});

describe("output problem messages", () => {
  it("say which path, what happened and what to do, in every language", () => {
    const problems: OutputProblem[] = [
      { code: "emptyPath" },
      { code: "workingFolder", path: "." },
      { code: "isInput", path: "s.yaml" },
      { code: "notAFolder", path: "notes.txt" },
      { code: "isAFolder", path: "dir" },
      { code: "foreignFiles", path: "mine", files: ["a", "b"], total: 7 },
      { code: "otherKind", path: "o", kind: "ledger", wanted: "report" },
      { code: "foreignFile", path: "photo.png" },
      ...["ENOSPC", "EROFS", "EACCES", "ENOTDIR", "EISDIR", "EWHATEVER"].map((errno) => ({ code: "io" as const, op: "write" as const, path: "out/x", errno })),
    ];
    for (const p of problems) {
      for (const lang of LANGS) {
        const text = say(lang, outputProblem(p));
        if ("path" in p) expect(text).toContain(p.path);
        if (p.code === "io") expect(text).toContain(p.errno);
        expect(text.length).toBeLessThan(400);
      }
    }
    expect(say("en", outputProblem({ code: "foreignFiles", path: "mine", files: ["a", "b"], total: 7 }))).toContain("a, b and 5 more");
    expect(say("en", outputProblem({ code: "io", op: "write", path: "o", errno: "ENOSPC" }))).toContain("disk is full");
    expect(say("zh", outputProblem({ code: "io", op: "write", path: "o", errno: "EROFS" }))).toContain("只读");
  });
});
